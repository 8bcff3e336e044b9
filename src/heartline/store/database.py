"""``Store``: the one object that owns the database (STYLE.md practice 3).

It is opened from a URL (or the settings' default), brings the schema up to
date with the bundled Alembic migrations, and hands out sessions: ``read()``
for queries and ``write()`` for changes. Every write is one transaction:
it commits whole or not at all. Database failures a person can meet (a busy
or missing database, a server that is down) become ``StoreError`` with a
message that says what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, DataError, OperationalError
from sqlalchemy.orm import Session

from heartline.errors import InputError, StoreBusyError, StoreError
from heartline.store.connection import WRITE_OPTION, make_engine
from heartline.store.settings import Settings, resolve

MIGRATIONS = "heartline.store:migrations"
HOME_MODE = 0o700


class Store:
    """A heartline database and the home folder its photo files live in."""

    def __init__(self, engine: Engine, settings: Settings):
        self.engine = engine
        self.settings = settings
        self._writer = engine.execution_options(**{WRITE_OPTION: True})

    @classmethod
    def open(cls, database_url: str | None = None, *, home: Path | None = None,
             upgrade: bool = True) -> Store:
        """Open (creating if needed) the store; ``upgrade`` applies pending migrations."""
        settings = resolve(database_url, home=home)
        settings.home.mkdir(parents=True, exist_ok=True, mode=HOME_MODE)
        try:
            engine = make_engine(settings)
        except ArgumentError as exc:
            raise StoreError(f"The database URL is not valid ({exc}). Use a URL like "
                             "postgresql://user@host/db, or leave it out for SQLite.") from exc
        except ModuleNotFoundError as exc:
            raise StoreError(f"heartline cannot load the driver {exc.name!r}. It works with "
                             "SQLite (built in) and PostgreSQL (pip install "
                             "'heartline[postgres]').") from exc
        store = cls(engine, settings)
        if upgrade and store.revision() != head_revision():
            store.upgrade()
        return store

    @property
    def photos(self) -> Path:
        return self.settings.photos

    def upgrade(self, revision: str = "head") -> None:
        """Apply migrations up to ``revision`` in one transaction."""
        with _translated(), self._writer.begin() as connection:
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def revision(self) -> str | None:
        """The migration the database is at (``None`` when empty)."""
        with _translated(), self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _translated(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes commit together when the block ends without error."""
        with _translated(), Session(self._writer, expire_on_commit=False) as session, \
                session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return config


@cache
def head_revision() -> str | None:
    """The newest bundled migration."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        raise _friendly(exc) from exc
    except DataError as exc:
        raise InputError("Some of that couldn't be stored as it was written (an unusual "
                         "character or a value out of range). Nothing was changed.") from exc


def _friendly(exc: OperationalError) -> StoreError:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    if "locked" in detail or "busy" in detail:
        return StoreBusyError(
            "The heartline database is busy: another heartline is writing to it. "
            "Nothing was changed; try again in a moment.")
    return StoreError(f"Could not use the heartline database ({detail}). Nothing was changed. "
                      "Check HEARTLINE_HOME or the --db URL.")
