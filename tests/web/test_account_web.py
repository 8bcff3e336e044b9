"""Settings over HTML and JSON, on both backends: export as a .zip, and deleting an account.

The export must hold exactly what ``heartline export`` writes, for what the
person may see; deleting must be complete: the person, their account, their
entries and photos are gone, their partner's own entries stay, and the
session ends.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import func, select
from web_people import PASSWORD, Person

from heartline.practices import photo_stories
from heartline.store.people import get_person
from heartline.store.schema import AccountRow, EntryRow, PersonRow, PhotoRow

PNG = b"\x89PNG\r\n\x1a\n" + b"a tiny picture of the beach"
PAYLOAD = '<script>alert("x")</script>'


def _person_id(who: Person) -> str:
    return who.client.get("/api/session").json()["person_id"]


def _share(who: Person, text: str, visibility: str, relationship_id: str | None) -> str:
    response = who.api("/shares", {"text": text, "visibility": visibility,
                                   "relationship_id": relationship_id})
    assert response.status_code == 200, response.text
    return response.json()["entry"]["id"]


def _photo_story(app: FastAPI, who: Person, tmp_path: Path, relationship_id: str) -> Path:
    """A shared photo story, stored the way ``heartline photos add`` stores one."""
    source = tmp_path / "beach.png"
    source.write_bytes(PNG)
    store = app.state.store
    with store.write() as session:
        person = get_person(session, _person_id(who))
        photo_stories.record(session, store.photos, person, paths=[source], prompt="A place?",
                             story="The summer we moved.", year=None,
                             relationship_id=relationship_id, visibility="shared")
    return next(store.photos.glob("*.png"))


def _count(app: FastAPI, query) -> int:
    with app.state.store.read() as session:
        return session.scalar(query) or 0


def test_the_export_zip_is_what_heartline_export_writes(app: FastAPI, pair,
                                                        tmp_path: Path) -> None:
    """Also: an outsider's export holds none of it, and the page deletes only on the name."""
    sam, alex, couple = pair
    _share(sam, "my own private note", "private", couple)
    _share(alex, "alex's private note", "private", couple)
    photo = _photo_story(app, sam, tmp_path, couple)
    assert "Download my export" in sam.client.get("/settings").text
    response = sam.client.get("/settings/export.zip")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["cache-control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    folder = names[0].split("/")[0]
    assert folder.startswith("heartline-export-")
    assert {f"{folder}/heartline-export.json", f"{folder}/journal.md",
            f"{folder}/photos/{photo.name}"} <= set(names)
    assert archive.read(f"{folder}/photos/{photo.name}") == PNG
    document = archive.read(f"{folder}/heartline-export.json").decode()
    assert "my own private note" in document and "alex's private note" not in document
    assert "The summer we moved" in archive.read(f"{folder}/journal.md").decode()
    twin = sam.client.get("/api/export")
    assert twin.status_code == 200 and twin.text == document
    assert twin.headers["cache-control"] == "no-store"
    assert "The summer we moved" in alex.client.get("/api/export").text
    _outsider_exports_nothing_then_deletes_from_the_page(app)


def test_deleting_removes_the_person_and_everything_they_wrote(app: FastAPI, pair,
                                                               tmp_path: Path) -> None:
    sam, alex, couple = pair
    sam_id, alex_id = _person_id(sam), _person_id(alex)
    shared = _share(sam, "I didn't get the job.", "shared", couple)
    _share(sam, "my own private note", "private", couple)
    photo = _photo_story(app, sam, tmp_path, couple)
    reply = alex.api("/replies", {"share_id": shared, "text": "Oh no, that must sting."})
    alex_own = {_share(alex, "Alex's own worry", "private", couple),
                _share(alex, "A lovely walk today", "shared", couple)}
    assert sam.client.get("/api/account").json() == {
        "name": "Sam", "entries_written": 3, "photos": 1, "relationships": 1}
    token = sam.client.get("/api/session").json()["csrf_token"]
    assert sam.client.request("DELETE", "/api/account", json={"confirm": "Sam"}).status_code == 403
    wrong = sam.client.request("DELETE", "/api/account", json={"confirm": "Alex"},
                               headers={"X-CSRF-Token": token})
    assert wrong.status_code == 400 and "Nothing was deleted" in wrong.json()["detail"]
    done = sam.client.request("DELETE", "/api/account", json={"confirm": " sam "},
                              headers={"X-CSRF-Token": token})
    assert done.status_code == 200, done.text
    assert done.json() == {"deleted": True, "entries": 3, "relationships": 0}
    assert sam.client.get("/api/session").status_code == 401
    assert sam.client.get("/today", follow_redirects=False).headers["location"] == "/login"
    assert _count(app, select(func.count()).where(PersonRow.id == sam_id)) == 0
    assert _count(app, select(func.count()).where(AccountRow.person_id == sam_id)) == 0
    assert _count(app, select(func.count()).where(EntryRow.author_id == sam_id)) == 0
    assert _count(app, select(func.count()).select_from(PhotoRow)) == 0 and not photo.exists()
    assert _count(app, select(func.count()).where(EntryRow.id == reply.json()["id"])) == 0
    with app.state.store.read() as session:
        kept = set(session.scalars(select(EntryRow.id).where(EntryRow.author_id == alex_id)))
    assert kept == alex_own
    assert {line["id"] for line in alex.client.get("/api/history").json()["lines"]} == alex_own
    assert [m["name"] for m in alex.client.get("/api/relationships").json()[0]["members"]] \
        == ["Alex"]
    signin = sam.form("/login", {"email": sam.email, "password": PASSWORD}, page="/login")
    assert signin.status_code == 400


def _outsider_exports_nothing_then_deletes_from_the_page(app: FastAPI) -> None:
    jo = Person(app, "Jo")
    jo.form("/signup", {"name": PAYLOAD, "email": jo.email, "password": PASSWORD},
            page="/signup")
    assert "The summer we moved" not in jo.client.get("/api/export").text
    page = jo.client.get("/settings").text
    assert "&lt;script&gt;alert" in page and "<script>alert" not in page
    assert jo.client.post("/settings/delete", data={"confirm": PAYLOAD}).status_code == 403
    wrong = jo.form("/settings/delete", {"confirm": "Jo"}, page="/settings")
    assert wrong.status_code == 400 and "Nothing was deleted" in wrong.text
    assert jo.client.get("/api/account").status_code == 200
    gone = jo.form("/settings/delete", {"confirm": PAYLOAD}, page="/settings")
    assert gone.status_code == 200 and "Your account is deleted" in gone.text
    assert "Sign out" not in gone.text
    assert jo.client.get("/settings", follow_redirects=False).status_code == 303
    assert jo.client.get("/api/account").status_code == 401


CRISIS = "I want to end my life, nothing helps anymore."


def test_where_you_are_picks_the_help_lines_and_stays_yours(pair) -> None:
    sam, alex, _ = pair
    every = sam.api("/shares", {"text": CRISIS, "visibility": "private"}).json()["help"]
    assert {line["region"] for line in every} > {"GB", "US"}
    saved = sam.form("/settings/region", {"region": "gb"}, page="/settings")
    assert saved.status_code == 200 and "United Kingdom" in saved.text
    assert '<option value="GB" selected>' in sam.client.get("/settings").text
    lines = sam.api("/shares", {"text": CRISIS, "visibility": "private"}).json()["help"]
    assert {line["region"] for line in lines} == {"GB", "anywhere"}
    assert lines[0]["name"] == "Emergency services" and lines[0]["contact"] == "999"
    members = [m for r in alex.client.get("/api/relationships").json() for m in r["members"]]
    assert all(set(m) == {"id", "name"} for m in members)  # (an invite code may hold "GB")
    assert alex.client.get("/api/settings").json()["region"] is None
    exported = {p["id"]: p for p in alex.client.get("/api/export").json()["people"]}
    assert exported[_person_id(sam)]["region"] is None
    mine = {p["id"]: p for p in sam.client.get("/api/export").json()["people"]}
    assert mine[_person_id(sam)]["region"] == "GB"


def test_an_unknown_region_is_explained_and_blank_means_every_region(pair) -> None:
    sam, _, _ = pair
    token = sam.client.get("/api/session").json()["csrf_token"]
    put = sam.client.put("/api/settings", json={"region": "Atlantis"},
                         headers={"X-CSRF-Token": token})
    assert put.status_code == 400 and "United Kingdom" in put.json()["detail"]
    page = sam.form("/settings/region", {"region": "Atlantis"}, page="/settings")
    assert page.status_code == 400 and "We don&#39;t have help lines for" in page.text
    assert sam.client.put("/api/settings", json={"region": "nz"},
                          headers={"X-CSRF-Token": token}).json()["region"] == "NZ"
    assert sam.client.put("/api/settings", json={"region": ""},
                          headers={"X-CSRF-Token": token}).json()["region"] is None
    assert sam.client.put("/api/settings", json={"region": "US"}).status_code == 403
