"""Where the data lives: HEARTLINE_HOME, HEARTLINE_DATABASE_URL and --db, and bad URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from heartline.cli.app import app
from heartline.errors import StoreError
from heartline.store import Store, resolve
from heartline.store.settings import with_driver


def test_home_relocates_the_sqlite_database(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEARTLINE_HOME", str(tmp_path / "somewhere"))
    settings = resolve()
    assert settings.database_url == f"sqlite:///{tmp_path / 'somewhere' / 'heartline.db'}"
    assert settings.photos == tmp_path / "somewhere" / "photos"


def test_an_explicit_url_beats_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEARTLINE_DATABASE_URL", "postgresql://env@host/db")
    assert resolve().database_url == "postgresql+psycopg://env@host/db"
    assert resolve("sqlite:///x.db").database_url == "sqlite:///x.db"


@pytest.mark.parametrize(("given", "expected"), [
    ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
    ("sqlite:////tmp/a.db", "sqlite:////tmp/a.db"),
])
def test_plain_postgres_urls_use_the_shipped_driver(given: str, expected: str) -> None:
    assert with_driver(given) == expected


@pytest.mark.parametrize(("url", "message"), [
    ("not a url", "not valid"),
    ("postgresql://postgres@127.0.0.1:1/test", "Could not use"),
    ("mysql://someone@somewhere/db", "cannot load the driver"),
])
def test_bad_database_urls_are_clear_errors(url: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=message):
        Store.open(url, home=tmp_path)


def test_the_cli_shows_a_bad_db_url_without_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", "mysql://x@y/z", "today"])
    assert result.exit_code == 1
    assert "heartline[postgres]" in result.output and "Traceback" not in result.output
