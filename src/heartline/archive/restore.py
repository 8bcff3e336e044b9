"""Import: read an export back, losslessly, into this home's database.

Everything is checked before anything is written: the JSON against the
export schema, every reference (authors, relationships, replies, photos) and
every photo file against its checksum. Then all rows are written in one
transaction. Rows already present (same id) are left as they are, so
importing the same export twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.orm import Session

from heartline.archive.document import EntryDoc, ExportDoc
from heartline.archive.export import JSON_FILE, PHOTOS_FOLDER
from heartline.errors import InputError
from heartline.store import Store
from heartline.store.people import me, set_me
from heartline.store.photos import checksum, store_file
from heartline.store.schema import (
    Base,
    EntryRow,
    MembershipRow,
    PersonRow,
    PhotoRow,
    RelationshipRow,
    ReminderRow,
)
from heartline.store.values import ENTRY_KINDS, Person

SHOWN_PROBLEMS = 3


@dataclass(frozen=True)
class ImportReport:
    added: int
    already_there: int
    person: str


def read(source: Path) -> tuple[ExportDoc, Path]:
    """The checked document and the folder its photos are in."""
    file = source / JSON_FILE if source.is_dir() else source
    if not file.is_file():
        raise InputError(f"No export at {source}: expected a folder made by heartline export "
                         f"or its {JSON_FILE}.")
    try:
        raw = json.loads(file.read_text("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError("not a text file", source=str(file)) from err
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON ({err.msg})", source=str(file), line=err.lineno) from err
    try:
        document = ExportDoc.model_validate(raw)
    except ValidationError as err:
        raise InputError(_problems(err), source=str(file)) from err
    _check_references(document)
    return document, file.parent / PHOTOS_FOLDER


def restore(store: Store, source: Path) -> ImportReport:
    document, photo_folder = read(source)
    _check_photo_files(document, photo_folder)
    copied = _copy_photos(document, photo_folder, store.photos)
    try:
        with store.write() as session:
            added, present = _write(session, document)
    except BaseException:
        for path in copied:
            path.unlink(missing_ok=True)
        raise
    name = next(p.name for p in document.people if p.id == document.person_id)
    return ImportReport(added, present, name)


def _write(session: Session, document: ExportDoc) -> tuple[int, int]:
    rows: list[Base] = [PersonRow(**p.model_dump()) for p in document.people]
    for relationship in document.relationships:
        rows.append(RelationshipRow(**relationship.model_dump(exclude={"members"})))
        rows += [MembershipRow(relationship_id=relationship.id, **m.model_dump())
                 for m in relationship.members]
    rows += [EntryRow(**e.model_dump()) for e in _parents_first(document.entries)]
    rows += [PhotoRow(**p.model_dump()) for p in document.photos]
    rows += [ReminderRow(**r.model_dump()) for r in document.reminders]
    added = 0
    for row in rows:
        if session.get(type(row), _key(row)) is None:
            session.add(row)
            session.flush()
            added += 1
    owner = session.get(PersonRow, document.person_id)
    if me(session) is None and owner is not None:
        set_me(session, Person(owner.id, owner.name, owner.created_at))
    return added, len(rows) - added


def _key(row: Base) -> object:
    if isinstance(row, MembershipRow):
        return (row.relationship_id, row.person_id)
    return row.id  # type: ignore[attr-defined]


def _parents_first(entries: list[EntryDoc]) -> list[EntryDoc]:
    """Entries ordered so a reply is written after the share it answers."""
    by_id = {e.id: e for e in entries}
    ordered: list[EntryDoc] = []
    placed: set[str] = set()

    def place(entry: EntryDoc, seen: frozenset[str]) -> None:
        if entry.id in placed:
            return
        if entry.id in seen:
            raise InputError(f"entry {entry.id} is its own ancestor", source=JSON_FILE)
        if entry.parent_id in by_id:
            place(by_id[entry.parent_id], seen | {entry.id})
        placed.add(entry.id)
        ordered.append(entry)

    for entry in entries:
        place(entry, frozenset())
    return ordered


def _check_references(document: ExportDoc) -> None:
    people = {p.id for p in document.people}
    relationships = {r.id for r in document.relationships}
    entries = {e.id for e in document.entries}
    problems = [f"the exporting person {document.person_id} is not among the people"
                ] if document.person_id not in people else []
    for r in document.relationships:
        problems += [f"relationship {r.id} lists unknown person {m.person_id}"
                     for m in r.members if m.person_id not in people]
    for e in document.entries:
        if e.kind not in ENTRY_KINDS:
            problems.append(f"entry {e.id} has unknown kind {e.kind!r}")
        if e.author_id not in people:
            problems.append(f"entry {e.id} has unknown author {e.author_id}")
        if e.relationship_id is not None and e.relationship_id not in relationships:
            problems.append(f"entry {e.id} names unknown relationship {e.relationship_id}")
        if e.parent_id is not None and e.parent_id not in entries:
            problems.append(f"entry {e.id} answers unknown entry {e.parent_id}")
    problems += [f"photo {p.id} belongs to unknown entry {p.entry_id}"
                 for p in document.photos if p.entry_id not in entries]
    problems += [f"reminder {r.id} belongs to unknown person {r.person_id}"
                 for r in document.reminders if r.person_id not in people]
    if problems:
        raise InputError(_listed(problems), source=JSON_FILE)


def _check_photo_files(document: ExportDoc, folder: Path) -> None:
    problems = []
    for photo in document.photos:
        path = folder / f"{photo.sha256}{photo.suffix}"
        if not path.is_file():
            problems.append(f"photo {photo.original_name} is missing ({path})")
        elif checksum(path) != photo.sha256:
            problems.append(f"photo {photo.original_name} is damaged: its checksum differs")
    if problems:
        raise InputError(_listed(problems) + " Nothing was imported.")


def _copy_photos(document: ExportDoc, folder: Path, home_photos: Path) -> list[Path]:
    """Copy photo files not yet in the home; returns the new files (to undo on failure)."""
    copied = []
    for photo in {(p.sha256, p.suffix) for p in document.photos}:
        target = home_photos / f"{photo[0]}{photo[1]}"
        if not target.is_file():
            store_file(home_photos, folder / target.name, photo[1])
            copied.append(target)
    return copied


def _problems(err: ValidationError) -> str:
    found = [f"{'.'.join(map(str, e['loc'])) or 'the file'}: {e['msg']}" for e in err.errors()]
    return "not a heartline export: " + _listed(found)


def _listed(problems: list[str]) -> str:
    more = len(problems) - SHOWN_PROBLEMS
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    return f"{shown}{f'; and {more} more' if more > 0 else ''}."
