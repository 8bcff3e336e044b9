"""Migrations: from empty, from the previous revision, and matching the models."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import column, insert, table

from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.schema import Base

HEAD = "0004"
PREVIOUS = "0003"


def test_an_empty_database_is_brought_to_head(database_url: str, tmp_path: Path) -> None:
    store = Store.open(database_url, home=tmp_path, upgrade=False)
    assert store.revision() is None
    store.upgrade()
    assert store.revision() == HEAD
    store.close()


@pytest.mark.parametrize("start", ["0001", "0002", PREVIOUS])
def test_upgrading_from_an_older_revision_keeps_the_data(database_url: str, tmp_path: Path,
                                                         start: str) -> None:
    store = Store.open(database_url, home=tmp_path, upgrade=False)
    store.upgrade(start)
    _write_as_revision_0001(store)
    store.upgrade()
    assert store.revision() == HEAD
    with store.read() as session:
        sam = people.get_person(session, "sam")
        assert (sam.name, sam.region) == ("Sam", None)
        assert [e.text for e in entries_for(session, sam)] == ["before the upgrade"]
    store.close()


def _write_as_revision_0001(store: Store) -> None:
    """Rows as the oldest code wrote them: only the columns that existed then."""
    now = datetime.now(UTC)
    person = table("people", column("id"), column("name"), column("created_at"))
    entry = table("entries", *(column(name) for name in (
        "id", "kind", "author_id", "visibility", "text", "data", "created_at", "updated_at")))
    with store.engine.begin() as connection:
        connection.execute(insert(person).values(id="sam", name="Sam", created_at=now))
        connection.execute(insert(entry).values(
            id="e1", kind="share", author_id="sam", visibility="private",
            text="before the upgrade", data="{}", created_at=now, updated_at=now))


def test_head_is_the_newest_bundled_revision() -> None:
    from heartline.store.database import head_revision

    assert head_revision() == HEAD


def test_the_migrations_create_exactly_the_models_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_opening_twice_is_harmless(database_url: str, tmp_path: Path) -> None:
    Store.open(database_url, home=tmp_path).close()
    again = Store.open(database_url, home=tmp_path)
    assert again.revision() == HEAD
    again.close()
