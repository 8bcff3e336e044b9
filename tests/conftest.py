"""Shared fixtures: one real analyser for the run, and fresh stores on both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from heartline.analysis.engine import Analyzer
from heartline.store import Store


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer.default()


# --- Stores on both backends -------------------------------------------------
# Every store test runs on SQLite and on PostgreSQL. Each PostgreSQL test gets
# a schema of its own (dropped afterwards) in the database named by
# HEARTLINE_TEST_POSTGRES; in CI an unreachable server fails the run instead of
# skipping, because the PostgreSQL backend must really be tested there.

POSTGRES_VARIABLE = "HEARTLINE_TEST_POSTGRES"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgres")


def _postgres_base() -> str:
    import os

    return os.environ.get(POSTGRES_VARIABLE, DEFAULT_POSTGRES)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever reads or writes the real heartline home."""
    monkeypatch.setenv("HEARTLINE_HOME", str(tmp_path / "default-home"))
    monkeypatch.delenv("HEARTLINE_DATABASE_URL", raising=False)
    # A wide console, so assertions on messages don't depend on where Rich wraps them.
    monkeypatch.setenv("COLUMNS", "250")


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: SQLite in tmp_path, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'heartline.db'}"
        return
    yield from _postgres_schema()


def _postgres_schema() -> Iterator[str]:
    import os
    import uuid

    import sqlalchemy as sa

    base = _postgres_base()
    schema = f"hl_{uuid.uuid4().hex[:16]}"
    engine = sa.create_engine(base)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except sa.exc.OperationalError as exc:
        engine.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {base} is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {base}")
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(database_url, home=tmp_path / "home")
    yield opened
    opened.close()


@pytest.fixture
def home_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the CLI at a fresh home and database, on each backend."""
    home = tmp_path / "home"
    monkeypatch.setenv("HEARTLINE_HOME", str(home))
    monkeypatch.setenv("HEARTLINE_DATABASE_URL", database_url)
    return home


@pytest.fixture
def cli(home_env: Path) -> Callable[..., Result]:
    """Run ``heartline ARGS`` in-process against the fresh home; asserts nothing itself."""
    from typer.testing import CliRunner

    from heartline.cli.app import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def couple(cli: Callable[..., Result]) -> None:
    """Sam (this machine's person) and Alex, a couple."""
    result = cli("hello", "--name", "Sam", "--with", "Alex")
    assert result.exit_code == 0, result.output
