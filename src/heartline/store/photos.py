"""Photo files for show-and-tell, kept in the home folder under their SHA-256.

A file is copied in, hashed while copying, and renamed into place only when
complete, so a crash never leaves half a photo under a real name. The same
picture attached twice is stored once. ``verify`` re-hashes every file so a
damaged or missing photo is reported, never silently shown.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.store.schema import PhotoRow
from heartline.store.values import Photo

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".tif", ".tiff"})
MAX_PHOTO_BYTES = 50 * 1024 * 1024
CHUNK = 1 << 20


def add_photo(session: Session, folder: Path, entry_id: str, source: Path) -> Photo:
    """Copy ``source`` into ``folder`` and record it against an entry."""
    suffix = source.suffix.lower()
    if not source.is_file():
        raise InputError(f"No photo at {source}. Check the path and try again.")
    if suffix not in PHOTO_SUFFIXES:
        raise InputError(f"{source.name} does not look like a photo "
                         f"(expected one of {', '.join(sorted(PHOTO_SUFFIXES))}).")
    if source.stat().st_size > MAX_PHOTO_BYTES:
        raise InputError(f"{source.name} is larger than {MAX_PHOTO_BYTES // 2**20} MB.")
    sha, size = store_file(folder, source, suffix)
    row = PhotoRow(entry_id=entry_id, sha256=sha, suffix=suffix,
                   original_name=source.name[:255], size=size)
    session.add(row)
    session.flush()
    return photo_value(row)


def store_file(folder: Path, source: Path, suffix: str) -> tuple[str, int]:
    """Copy into the folder atomically; returns the checksum and size."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        target = folder / f"{digest.hexdigest()}{suffix}"
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return digest.hexdigest(), target.stat().st_size


def photos_of(session: Session, entry_ids: list[str]) -> list[Photo]:
    rows = session.scalars(select(PhotoRow).where(PhotoRow.entry_id.in_(entry_ids))
                           .order_by(PhotoRow.created_at, PhotoRow.id))
    return [photo_value(r) for r in rows]


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify(folder: Path, photos: list[Photo]) -> list[Photo]:
    """The photos whose file is missing or no longer matches its checksum."""
    return [p for p in photos
            if not (folder / p.filename).is_file() or checksum(folder / p.filename) != p.sha256]


def remove_unused_files(session: Session, folder: Path, candidates: list[Photo]) -> None:
    """Delete files that no photo row points to any more (after rows were deleted)."""
    for photo in candidates:
        still = session.scalar(select(func.count()).select_from(PhotoRow)
                               .where(PhotoRow.sha256 == photo.sha256,
                                      PhotoRow.suffix == photo.suffix))
        if not still:
            (folder / photo.filename).unlink(missing_ok=True)


def photo_value(row: PhotoRow) -> Photo:
    return Photo(row.id, row.entry_id, row.sha256, row.suffix, row.original_name, row.size,
                 row.created_at)
