"""Web tests: the real app in-process over a fresh database (both backends), one client each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from heartline.web.app import create_app
from heartline.web.settings import web_settings

PASSWORD = "a long enough passphrase"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Person:
    """A browser of one person: a client with its own cookies, and the CSRF token."""

    def __init__(self, app: FastAPI, name: str):
        self.name = name
        self.email = f"{name.lower()}@example.com"
        self.client = TestClient(app)

    def token(self, path: str = "/today") -> str:
        return _TOKEN.search(self.client.get(path).text).group(1)  # type: ignore[union-attr]

    def form(self, path: str, data: dict[str, str], *, page: str = "/today"):
        return self.client.post(path, data={**data, "csrf_token": self.token(page)},
                                follow_redirects=False)

    def api(self, path: str, body: dict[str, object]):
        token = self.client.get("/api/session").json()["csrf_token"]
        return self.client.post(f"/api{path}", json=body, headers={"X-CSRF-Token": token})

    def sign_up(self) -> Person:
        response = self.form("/signup", {"name": self.name, "email": self.email,
                                         "password": PASSWORD}, page="/signup")
        assert response.status_code == 303, response.text
        return self


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
