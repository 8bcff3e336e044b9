"""SQLite set-up: WAL, foreign keys, one writer at a time, and a clear 'busy' message."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from heartline.cli.app import app
from heartline.errors import StoreBusyError, StoreError
from heartline.store import Store, connection, people
from heartline.store.entries import add_entry, entries_for


@pytest.fixture
def sqlite_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    return Store.open(f"sqlite:///{tmp_path / 'heartline.db'}", home=tmp_path)


def test_wal_and_foreign_keys_are_on(sqlite_store: Store) -> None:
    with sqlite_store.read() as session:
        assert session.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1


def test_a_second_writer_waits_then_gets_a_clear_error(sqlite_store: Store,
                                                       tmp_path: Path) -> None:
    other = Store.open(f"sqlite:///{tmp_path / 'heartline.db'}", home=tmp_path)
    with sqlite_store.write() as session:
        sam = people.add_person(session, "Sam")
        with pytest.raises(StoreBusyError, match="try again"), other.write() as second:
            people.add_person(second, "Alex")
        with other.read() as reader:
            assert people.all_people(reader) == []
    with other.read() as reader:
        assert people.all_people(reader) == [sam]
    other.close()


def test_the_cli_reports_a_locked_database_and_loses_nothing(sqlite_store: Store,
                                                             tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.setenv("HEARTLINE_HOME", str(tmp_path))
    with sqlite_store.write() as session:
        sam = people.add_person(session, "Sam")
        people.set_me(session, sam)
        add_entry(session, sam, "share", text="kept")
    with sqlite_store.write() as holding:
        holding.execute(sa.text("SELECT 1"))  # takes the write lock (BEGIN IMMEDIATE)
        result = CliRunner().invoke(app, ["remind", "add", "hug"])
    assert result.exit_code == 1 and "busy" in result.output
    assert "Traceback" not in result.output
    with sqlite_store.read() as session:
        assert [e.text for e in entries_for(session, sam)] == ["kept"]


def test_an_unusable_database_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="Could not use"):
        Store.open(f"sqlite:///{blocker / 'heartline.db'}", home=tmp_path)
