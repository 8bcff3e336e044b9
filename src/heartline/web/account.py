"""Settings: where you are, take your data with you, or delete yourself and all you wrote.

Where you are picks the crisis lines shown when words show danger (the same
table the CLI reads through ``HEARTLINE_REGION``); left empty, every region's
lines are shown, since a wrong guess is worse than a longer list.

A person's data is always theirs (``heartline export`` and ``heartline delete``
on the web). The download is exactly what ``heartline export`` writes, zipped:
the JSON (which ``heartline import`` reads), the journal and the photos; only
what this person may see. Deleting asks for the person's name typed out, calls
the same ``erase.delete_person`` as the CLI, then ends the session.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from heartline.archive import erase
from heartline.archive.document import ExportDoc
from heartline.archive.export import build, export, to_json
from heartline.errors import InputError
from heartline.help.resources import REGIONS, region_code
from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.photos import photos_of
from heartline.store.values import Person
from heartline.web.deps import api_person, page_person, store_of
from heartline.web.render import page

router = APIRouter(tags=["account"])
PageMe = Annotated[Person, Depends(page_person)]
ApiMe = Annotated[Person, Depends(api_person)]
NOT_CONFIRMED = "Nothing was deleted: type your name exactly as it is shown to confirm."


class AccountOut(BaseModel):
    """What deleting would remove, so the person knows before they choose."""

    name: str
    entries_written: int
    photos: int
    relationships: int


class SettingsOut(BaseModel):
    region: str | None = Field(description="Where you are (a code of `regions`); null: all.")
    regions: dict[str, str] = Field(description="The regions we have help lines for.")


class SettingsIn(BaseModel):
    region: str | None = Field(default=None, max_length=20,
                               description="A code of `regions`; empty or null for all.")


class DeleteAccount(BaseModel):
    confirm: str = Field(max_length=200, description="Your name, typed out, to confirm.")


class DeletedOut(BaseModel):
    deleted: bool
    entries: int
    relationships: int


def account(store: Store, person: Person) -> AccountOut:
    with store.read() as session:
        written = entries_for(session, person, author=person)
        photos = photos_of(session, [e.id for e in written])
        together = people.relationships_of(session, person.id)
    return AccountOut(name=person.name, entries_written=len(written), photos=len(photos),
                      relationships=len(together))


def settings_of(person: Person) -> SettingsOut:
    return SettingsOut(region=person.region, regions=REGIONS)


def change_settings(store: Store, person: Person, wanted: SettingsIn) -> SettingsOut:
    region = region_code(wanted.region)
    with store.write() as session:
        return settings_of(people.set_region(session, person.id, region))


def delete_account(request: Request, person: Person, typed: str) -> DeletedOut:
    """Delete only when the typed name matches (as the CLI asks); then sign out."""
    if typed.strip().casefold() != person.name.strip().casefold():
        raise InputError(NOT_CONFIRMED)
    done = erase.delete_person(store_of(request), person)
    request.session.clear()
    return DeletedOut(deleted=True, entries=done.entries, relationships=done.relationships)


def export_zip(store: Store, person: Person) -> tuple[Path, Path]:
    """``heartline export`` into a private temporary folder, zipped; (zip, folder to remove)."""
    name = f"heartline-export-{date.today().isoformat()}"
    work = Path(tempfile.mkdtemp(prefix="heartline-web-export-"))
    try:
        export(store, person, work / name)
        archive = work / f"{name}.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
            for path in sorted((work / name).rglob("*")):
                out.write(path, path.relative_to(work))
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return archive, work


# --- Pages --------------------------------------------------------------------------------

@router.get("/settings", include_in_schema=False)
def settings(request: Request, me: PageMe) -> Response:
    return _settings_page(request, me)


@router.post("/settings/region", include_in_schema=False)
def region_page(request: Request, me: PageMe,
                region: Annotated[str, Form(max_length=20)] = "") -> Response:
    try:
        changed = change_settings(store_of(request), me, SettingsIn(region=region))
    except InputError as exc:
        return _settings_page(request, me, status=400, region_error=str(exc))
    return _settings_page(request, me, saved=changed)


def _settings_page(request: Request, me: Person, *, status: int = 200,
                   **extra: object) -> Response:
    chosen = extra.get("saved")
    return page(request, "settings.html", status=status, person=me,
                view=account(store_of(request), me),
                region=chosen.region if isinstance(chosen, SettingsOut) else me.region,
                regions=REGIONS, **extra)


@router.get("/settings/export.zip", include_in_schema=False)
def download(request: Request, me: PageMe) -> Response:
    archive, work = export_zip(store_of(request), me)
    return FileResponse(archive, media_type="application/zip", filename=archive.name,
                        headers={"cache-control": "no-store"},
                        background=BackgroundTask(shutil.rmtree, work, ignore_errors=True))


@router.post("/settings/delete", include_in_schema=False)
def delete_page(request: Request, me: PageMe,
                confirm: Annotated[str, Form(max_length=200)] = "") -> Response:
    try:
        done = delete_account(request, me, confirm)
    except InputError as exc:
        return _settings_page(request, me, status=400, error=str(exc))
    return page(request, "settings.html", person=None, deleted=done)


# --- JSON ---------------------------------------------------------------------------------

@router.get("/api/account")
def account_json(request: Request, me: ApiMe) -> AccountOut:
    return account(store_of(request), me)


@router.get("/api/settings")
def settings_json(me: ApiMe) -> SettingsOut:
    return settings_of(me)


@router.put("/api/settings")
def change_settings_json(request: Request, me: ApiMe, body: SettingsIn) -> SettingsOut:
    return change_settings(store_of(request), me, body)


@router.get("/api/export", response_model=ExportDoc)
def export_json(request: Request, me: ApiMe) -> Response:
    """The export's JSON document, byte for byte what ``heartline export`` writes."""
    with store_of(request).read() as session:
        document = build(session, me)
    return Response(to_json(document), media_type="application/json")


@router.delete("/api/account")
def delete_json(request: Request, me: ApiMe, body: DeleteAccount) -> DeletedOut:
    return delete_account(request, me, body.confirm)
