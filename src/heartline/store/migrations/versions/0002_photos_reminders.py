"""Photo files for show-and-tell, and the reminder schedule.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from heartline.store.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "photos",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("entry_id", sa.String(32),
                  sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("suffix", sa.String(10), nullable=False),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_photos_sha256", "photos", ["sha256"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("person_id", sa.String(32),
                  sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("practice", sa.String(30), nullable=False),
        sa.Column("days", sa.String(30), nullable=False),
        sa.Column("at", sa.String(5), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reminders")
    op.drop_index("ix_photos_sha256", "photos")
    op.drop_table("photos")
