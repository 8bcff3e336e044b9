"""Sign-up, sign-in, sessions, CSRF and rate limiting, in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_people import PASSWORD, Person

from heartline.web.app import create_app
from heartline.web.settings import web_settings


def test_sign_up_sign_out_sign_in(app: FastAPI) -> None:
    sam = Person(app, "Sam").sign_up()
    assert sam.client.get("/today").status_code == 200
    assert sam.form("/logout", {}).status_code == 303
    assert sam.client.get("/today", follow_redirects=False).headers["location"] == "/login"
    assert sam.client.get("/api/today").status_code == 401
    wrong = sam.form("/login", {"email": sam.email, "password": "not it at all"}, page="/login")
    assert wrong.status_code == 400 and "password don&#39;t match" in wrong.text
    right = sam.form("/login", {"email": sam.email, "password": PASSWORD}, page="/login")
    assert right.status_code == 303 and sam.client.get("/api/today").json()["name"] == "Sam"


def test_the_session_cookie_is_httponly_and_lax(app: FastAPI) -> None:
    sam = Person(app, "Sam")
    response = sam.form("/signup", {"name": "Sam", "email": sam.email, "password": PASSWORD},
                        page="/signup")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie


def test_behind_https_the_cookie_is_secure(database_url: str, tmp_path: Path) -> None:
    app = create_app(web_settings(database_url, home=tmp_path / "h", secure_cookies=True))
    client = TestClient(app, base_url="https://testserver")
    response = client.get("/login")
    assert "secure" in response.headers["set-cookie"].lower()
    app.state.store.close()


def test_weak_passwords_and_taken_emails_are_refused(app: FastAPI) -> None:
    sam = Person(app, "Sam")
    short = sam.form("/signup", {"name": "Sam", "email": sam.email, "password": "short"},
                     page="/signup")
    assert short.status_code == 400 and "at least" in short.text
    sam.sign_up()
    again = Person(app, "Sam").form("/signup", {"name": "S", "email": sam.email,
                                                "password": PASSWORD}, page="/signup")
    assert again.status_code == 400 and "already has an account" in again.text


def test_login_is_rate_limited(app: FastAPI) -> None:
    sam = Person(app, "Sam").sign_up()
    guesser = Person(app, "Mallory")
    for _ in range(5):
        guesser.form("/login", {"email": sam.email, "password": "guess guess"}, page="/login")
    blocked = guesser.form("/login", {"email": sam.email, "password": PASSWORD}, page="/login")
    assert blocked.status_code == 429


@pytest.mark.parametrize("path", ["/signup", "/login", "/logout", "/together", "/share",
                                  "/together/join", "/api/shares", "/api/relationships"])
def test_every_unsafe_request_needs_the_csrf_token(app: FastAPI, path: str) -> None:
    sam = Person(app, "Sam").sign_up()
    response = sam.client.post(path, data={"kind": "couple", "text": "hi", "code": "X"},
                               follow_redirects=False)
    assert response.status_code == 403


def test_every_response_carries_the_security_headers(app: FastAPI) -> None:
    sam = Person(app, "Sam").sign_up()
    for path in ("/login", "/today", "/api/today", "/static/style.css"):
        headers = sam.client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"


def test_no_page_or_asset_loads_anything_from_elsewhere() -> None:
    import re
    from importlib import resources

    folder = resources.files("heartline.web")
    for sub in ("templates", "static"):
        for item in (folder / sub).iterdir():
            if item.name.endswith((".html", ".css")):
                text = item.read_text("utf-8")
                assert "http://" not in text and "https://" not in text, item.name
                for link in re.findall(r'(?:src|href|action)="([^"]*)"', text):
                    assert link.startswith(("/", "#")), (item.name, link)


def test_an_invite_link_brings_a_newcomer_through_sign_up_to_a_yes(app: FastAPI) -> None:
    sam = Person(app, "Sam").sign_up()
    code = sam.api("/relationships", {"kind": "couple"}).json()["invite_code"]
    assert f"/join/{code}</code>" in sam.client.get("/together").text
    alex = Person(app, "Alex")
    first = alex.client.get(f"/join/{code.lower()}", follow_redirects=False)
    assert first.headers["location"] == f"/signup?invite={code}"
    assert f'name="invite" value="{code}"' in alex.client.get(first.headers["location"]).text
    made = alex.form("/signup", {"name": "Alex", "email": alex.email, "password": PASSWORD,
                                 "invite": code}, page="/signup")
    assert made.headers["location"] == f"/join/{code}"
    invitation = alex.client.get(f"/join/{code}").text
    assert "Sam invited you" in invitation and "Yes, join Sam" in invitation
    assert alex.client.get("/api/relationships").json() == []
    alex.form("/together/join", {"code": code}, page=f"/join/{code}")
    assert [m["name"] for m in alex.client.get("/api/relationships").json()[0]["members"]] \
        == ["Sam", "Alex"]
    assert "already in this one" in alex.client.get(f"/join/{code}").text


def test_an_invite_link_signs_in_and_never_leads_off_the_site(app: FastAPI) -> None:
    sam = Person(app, "Sam").sign_up()
    code = sam.api("/relationships", {"kind": "friends"}).json()["invite_code"]
    jo = Person(app, "Jo").sign_up()
    jo.form("/logout", {})
    back = jo.form("/login", {"email": jo.email, "password": PASSWORD, "invite": code},
                   page="/login")
    assert back.headers["location"] == f"/join/{code}"
    assert "as friends" in jo.client.get(back.headers["location"]).text
    jo.form("/logout", {})
    elsewhere = jo.form("/login", {"email": jo.email, "password": PASSWORD,
                                   "invite": "//evil.example/x"}, page="/login")
    assert elsewhere.headers["location"].startswith("/join/")
    assert jo.client.get("/join/NOSUCHCODE").status_code == 404
