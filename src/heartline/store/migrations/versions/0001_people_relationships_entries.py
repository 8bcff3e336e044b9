"""People, relationships, their members, entries and per-home settings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from heartline.store.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "relationships",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(120), nullable=True),
        sa.Column("invite_code", sa.String(20), nullable=False, unique=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "memberships",
        sa.Column("relationship_id", sa.String(32),
                  sa.ForeignKey("relationships.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("person_id", sa.String(32),
                  sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("role", sa.String(20), nullable=True),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("author_id", sa.String(32),
                  sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("relationship_id", sa.String(32),
                  sa.ForeignKey("relationships.id", ondelete="CASCADE"), nullable=True),
        sa.Column("parent_id", sa.String(32),
                  sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=True),
        sa.Column("visibility", sa.String(10), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("analysis", sa.JSON(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_entries_author_kind", "entries", ["author_id", "kind"])
    op.create_index("ix_entries_relationship", "entries", ["relationship_id", "created_at"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_index("ix_entries_relationship", "entries")
    op.drop_index("ix_entries_author_kind", "entries")
    op.drop_table("entries")
    op.drop_table("memberships")
    op.drop_table("relationships")
    op.drop_table("people")
