"""Show and tell with old photos: the picture, and the story behind it (M5.7).

A childhood or family photo opens stories that a question alone rarely
reaches. A story keeps its prompt, the words, an optional year, and copies of
the photos (stored once each under their SHA-256). Every path is checked
before anything is written, and files copied for a story that then fails to
save are removed again, so a story is stored whole or not at all. Listing a
story re-checks its files, so a damaged or missing photo is flagged, never
shown as if it were fine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from heartline.errors import InputError, NotFoundError
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry, entries_for, update_entry
from heartline.store.photos import (
    MAX_PHOTO_BYTES,
    PHOTO_SUFFIXES,
    add_photo,
    checksum,
    photos_of,
    verify,
)
from heartline.store.values import Entry, Person, Photo, Visibility

EARLIEST_YEAR = 1826  # the oldest surviving photograph
MAX_PHOTOS = 20
SIGNATURE_BYTES = 12


@dataclass(frozen=True)
class Story:
    entry: Entry
    photos: tuple[Photo, ...]
    damaged: frozenset[str]
    """Ids of photos whose file is missing or no longer matches its checksum."""


def prompt(rng: random.Random | None = None) -> str:
    return pick(load("photos")["prompts"], rng)


def check_year(year: int | None, *, today: date | None = None) -> int | None:
    latest = (today or date.today()).year
    if year is not None and not EARLIEST_YEAR <= year <= latest:
        raise InputError(f"--year takes a year from {EARLIEST_YEAR} to {latest}, not {year}.")
    return year


def check_photos(paths: list[Path]) -> list[Path]:
    """Every path, checked to be a readable photo; raises before anything is written."""
    if not paths:
        raise InputError("Add at least one photo: heartline photos add PATH")
    if len(paths) > MAX_PHOTOS:
        raise InputError(f"Up to {MAX_PHOTOS} photos per story; split them into a few stories.")
    for path in paths:
        if not path.is_file():
            raise InputError(f"No photo at {path}. Check the path and try again.")
        if path.suffix.lower() not in PHOTO_SUFFIXES or not _looks_like_photo(path):
            raise InputError(f"{path.name} does not look like a photo (expected a picture file: "
                             f"{', '.join(sorted(PHOTO_SUFFIXES))}).")
        if path.stat().st_size > MAX_PHOTO_BYTES:
            raise InputError(f"{path.name} is larger than {MAX_PHOTO_BYTES // 2**20} MB.")
    return list(dict.fromkeys(path.resolve() for path in paths))


def record(session: Session, folder: Path, person: Person, *, paths: list[Path], prompt: str,
           story: str, year: int | None, relationship_id: str | None,
           visibility: Visibility, analysis: dict[str, object] | None = None) -> Entry:
    """Store the story and copies of its photos, whole or not at all."""
    checked = check_photos(paths)
    told = story.strip()
    if not told:
        raise InputError("Tell a little of the story behind the photo; a sentence is plenty.")
    new_files = [target for path in checked
                 if not (target := folder / f"{checksum(path)}{path.suffix.lower()}").exists()]
    try:
        entry = add_entry(session, person, "photo_story", visibility=visibility,
                          relationship_id=relationship_id, text=told, analysis=analysis,
                          data={"prompt": prompt, "story": told, "year": check_year(year),
                                "photos": []})
        photos = [add_photo(session, folder, entry.id, path) for path in checked]
        return update_entry(session, entry.id, person, data={"photos": [p.sha256 for p in photos]})
    except BaseException:
        for copied in new_files:
            copied.unlink(missing_ok=True)
        raise


def stories(session: Session, folder: Path, person: Person) -> list[Story]:
    """The photo stories ``person`` may see, newest first, files re-checked."""
    entries = entries_for(session, person, kinds=["photo_story"])
    found = photos_of(session, [e.id for e in entries])
    damaged = {p.id for p in verify(folder, found)}
    return [Story(e, tuple(p for p in found if p.entry_id == e.id),
                  frozenset(p.id for p in found if p.entry_id == e.id and p.id in damaged))
            for e in entries]


def find_story(session: Session, folder: Path, person: Person, story_id: str) -> Story:
    """A story by its id or the first characters of it (as ``photos list`` shows)."""
    wanted = story_id.strip().lower()
    matches = [s for s in stories(session, folder, person) if wanted and
               s.entry.id.startswith(wanted)]
    if len(matches) != 1:
        raise NotFoundError(f"No single photo story with id {story_id!r} that you can see. "
                            "See the ids with: heartline photos list")
    return matches[0]


def _looks_like_photo(path: Path) -> bool:
    """The first bytes match a common image format, whatever the file is called."""
    try:
        with path.open("rb") as source:
            head = source.read(SIGNATURE_BYTES)
    except OSError as err:
        raise InputError(f"Could not read {path.name} ({err.strerror}).") from err
    return (head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a",
                             b"II*\x00", b"MM\x00*"))
            or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")
            or head[4:8] == b"ftyp")
