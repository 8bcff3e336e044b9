"""Alembic's entry point: heartline always hands it an open connection.

Migrations run inside the transaction the store opened, so a failed upgrade
leaves the database as it was (PostgreSQL and SQLite both have transactional
DDL).
"""

from alembic import context

from heartline.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
