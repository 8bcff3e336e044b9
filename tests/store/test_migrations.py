"""Migrations: from empty, from the previous revision, and matching the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from heartline.store import Store, people
from heartline.store.entries import add_entry, entries_for
from heartline.store.schema import Base

HEAD = "0003"
PREVIOUS = "0002"


def test_an_empty_database_is_brought_to_head(database_url: str, tmp_path: Path) -> None:
    store = Store.open(database_url, home=tmp_path, upgrade=False)
    assert store.revision() is None
    store.upgrade()
    assert store.revision() == HEAD
    store.close()


@pytest.mark.parametrize("start", ["0001", PREVIOUS])
def test_upgrading_from_an_older_revision_keeps_the_data(database_url: str, tmp_path: Path,
                                                         start: str) -> None:
    store = Store.open(database_url, home=tmp_path, upgrade=False)
    store.upgrade(start)
    with store.write() as session:
        sam = people.add_person(session, "Sam")
        add_entry(session, sam, "share", text="before the upgrade")
    store.upgrade()
    assert store.revision() == HEAD
    with store.read() as session:
        assert [e.text for e in entries_for(session, sam)] == ["before the upgrade"]
    store.close()


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
