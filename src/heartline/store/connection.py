"""Creating the SQLAlchemy engine, with SQLite set up for safe local use.

SQLite gets WAL (readers never block the writer), foreign keys on, a busy
timeout, and ``BEGIN IMMEDIATE`` for write transactions so that there is one
writer at a time and a second writer waits instead of failing half-way. Read
transactions begin deferred so they never wait for the lock. This follows
SQLAlchemy's documented recipe of taking over pysqlite's transaction handling.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

from heartline.store.settings import Settings

BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "heartline_write"


def make_engine(settings: Settings) -> Engine:
    if not settings.is_sqlite:
        return create_engine(settings.database_url, pool_pre_ping=True)
    engine = create_engine(settings.database_url,
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _prepare_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _prepare_sqlite(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL",
                   f"busy_timeout={BUSY_TIMEOUT_MS}"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _begin_sqlite(connection: Any) -> None:
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
