"""Export: everything one person can see, as JSON, a Markdown journal, and photo files.

The export is what the person may see, no more: their own entries of every
visibility and what others shared with them; never another person's private
entries or drafts. The JSON is deterministic (stored order, no export time in it),
so export → import → export gives the same bytes. Files are written to a
temporary folder and moved into place at the end, so an interrupted export
never leaves a half-written one behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from heartline.archive.document import (
    EntryDoc,
    ExportDoc,
    MemberDoc,
    PersonDoc,
    PhotoDoc,
    RelationshipDoc,
    ReminderDoc,
)
from heartline.archive.journal import journal
from heartline.errors import InputError
from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.photos import photos_of
from heartline.store.reminders import reminders_of
from heartline.store.values import Person

JSON_FILE = "heartline-export.json"
JOURNAL_FILE = "journal.md"
PHOTOS_FOLDER = "photos"


def build(session: Session, person: Person) -> ExportDoc:
    relationships = people.relationships_of(session, person.id)
    everyone = {person.id: person} | {m.person.id: m.person for r in relationships
                                      for m in r.members}
    entries = entries_for(session, person, newest_first=False)
    photos = photos_of(session, [e.id for e in entries])
    return ExportDoc(
        person_id=person.id,
        people=[PersonDoc(id=p.id, name=p.name, created_at=p.created_at,
                          region=p.region if p.id == person.id else None)
                for p in sorted(everyone.values(), key=lambda p: (p.created_at, p.id))],
        relationships=[RelationshipDoc(
            id=r.id, kind=r.kind, name=r.name, invite_code=r.invite_code,  # type: ignore[arg-type]
            created_at=r.created_at,
            members=[MemberDoc(person_id=m.person.id, role=m.role, joined_at=m.joined_at)
                     for m in r.members])
            for r in relationships],
        entries=[EntryDoc(id=e.id, kind=e.kind, author_id=e.author_id,
                          relationship_id=e.relationship_id, parent_id=e.parent_id,
                          visibility=e.visibility, text=e.text, data=dict(e.data),
                          analysis=dict(e.analysis) if e.analysis is not None else None,
                          created_at=e.created_at, updated_at=e.updated_at) for e in entries],
        photos=[PhotoDoc(**vars(p)) for p in photos],
        reminders=[ReminderDoc(**vars(r)) for r in reminders_of(session, person)])


def to_json(document: ExportDoc) -> str:
    return json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def export(store: Store, person: Person, target: Path) -> ExportDoc:
    """Write ``target``/ with the JSON, the journal and the photos; ``target`` must not exist."""
    if target.exists():
        raise InputError(f"{target} already exists; choose a new folder name so nothing "
                         "is overwritten.")
    with store.read() as session:
        document = build(session, person)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".heartline-export-", dir=target.parent))
    try:
        (staging / JSON_FILE).write_text(to_json(document), "utf-8")
        (staging / JOURNAL_FILE).write_text(journal(document), "utf-8")
        _copy_photos(store.photos, staging / PHOTOS_FOLDER, document)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return document


def _copy_photos(source: Path, folder: Path, document: ExportDoc) -> None:
    folder.mkdir()
    for photo in document.photos:
        name = f"{photo.sha256}{photo.suffix}"
        if not (source / name).is_file():
            raise InputError(f"The photo {photo.original_name} is missing from "
                             f"{source}; restore it or delete that story, then export again.")
        shutil.copy2(source / name, folder / name)

