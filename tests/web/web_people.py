"""A person in a browser, for the web tests: their own client, cookies and CSRF token.

Kept out of ``conftest.py`` so test modules can import it by a name no other
test folder uses.
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

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
