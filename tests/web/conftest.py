"""Web tests: the real app in-process over a fresh database (both backends), one client each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from web_people import Person

from heartline.web.app import create_app
from heartline.web.settings import web_settings


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[FastAPI]:
    built = create_app(web_settings(database_url, home=tmp_path / "home"))
    yield built
    built.state.store.close()


@pytest.fixture
def pair(app: FastAPI) -> tuple[Person, Person, str]:
    """Sam and Alex, signed up on their own devices and joined as a couple."""
    sam, alex = Person(app, "Sam").sign_up(), Person(app, "Alex").sign_up()
    code = sam.api("/relationships", {"kind": "couple"}).json()["invite_code"]
    relationship = alex.api("/relationships/join", {"code": code}).json()
    return sam, alex, relationship["id"]
