"""Entries: everything people write or log, and who may see each one.

The visibility rule lives here and nowhere else: an author always sees their
own entries; a ``shared`` entry is also seen by the other members of its
relationship; ``private`` and ``draft`` entries are seen by their author only.
Every query for a person goes through ``visible_to``, so no caller can forget
the rule.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from heartline.errors import InputError, NotFoundError
from heartline.store.schema import EntryRow, MembershipRow, utcnow
from heartline.store.text import without_nul
from heartline.store.values import ENTRY_KINDS, VISIBILITIES, Entry, Person, Visibility

MAX_TEXT = 20_000


def add_entry(session: Session, author: Person, kind: str, *,
              visibility: Visibility = "private", relationship_id: str | None = None,
              text: str | None = None, data: Mapping[str, Any] | None = None,
              analysis: Mapping[str, Any] | None = None, parent_id: str | None = None,
              at: datetime | None = None) -> Entry:
    """Write one entry; ``relationship_id`` must be one of the author's."""
    text, data, analysis = without_nul(text), without_nul(data), without_nul(analysis)
    _check(kind, visibility, text)
    if relationship_id is not None and not _is_member(session, author.id, relationship_id):
        raise NotFoundError("You are not a member of that relationship.")
    when = at or utcnow()
    row = EntryRow(kind=kind, author_id=author.id, relationship_id=relationship_id,
                   parent_id=parent_id, visibility=visibility, text=text,
                   data=dict(data or {}), analysis=dict(analysis) if analysis else None,
                   created_at=when, updated_at=when)
    session.add(row)
    session.flush()
    return entry_value(row)


def update_entry(session: Session, entry_id: str, editor: Person, *,
                 data: Mapping[str, Any] | None = None, text: str | None = None,
                 visibility: Visibility | None = None) -> Entry:
    """Change an entry its editor may see; only the author may change text or visibility."""
    row = _visible_row(session, entry_id, editor.id)
    text, data = without_nul(text), without_nul(data)
    if (text is not None or visibility is not None) and row.author_id != editor.id:
        raise InputError("Only the person who wrote an entry can change its words or who sees it.")
    if visibility is not None:
        _check(row.kind, visibility, text)
        row.visibility = visibility
    if text is not None:
        row.text = text
    if data is not None:
        row.data = {**row.data, **data}
    row.updated_at = utcnow()
    session.flush()
    return entry_value(row)


def get_entry(session: Session, entry_id: str, viewer: Person) -> Entry:
    return entry_value(_visible_row(session, entry_id, viewer.id))


def entries_for(session: Session, viewer: Person, *, kinds: Collection[str] | None = None,
                since: datetime | None = None, author: Person | None = None,
                relationship_id: str | None = None, limit: int | None = None,
                newest_first: bool = True) -> list[Entry]:
    """The entries ``viewer`` may see, filtered; newest first by default."""
    query: Select[tuple[EntryRow]] = select(EntryRow).where(visible_to(viewer.id))
    if kinds is not None:
        query = query.where(EntryRow.kind.in_(list(kinds)))
    if since is not None:
        query = query.where(EntryRow.created_at >= since)
    if author is not None:
        query = query.where(EntryRow.author_id == author.id)
    if relationship_id is not None:
        query = query.where(EntryRow.relationship_id == relationship_id)
    order = (EntryRow.created_at.desc(), EntryRow.id.desc()) if newest_first else \
        (EntryRow.created_at, EntryRow.id)
    query = query.order_by(*order).limit(limit)
    return [entry_value(r) for r in session.scalars(query)]


def delete_entry(session: Session, entry_id: str, person: Person) -> None:
    row = _visible_row(session, entry_id, person.id)
    if row.author_id != person.id:
        raise InputError("Only the person who wrote an entry can delete it.")
    session.delete(row)


def visible_to(person_id: str) -> ColumnElement[bool]:
    """The SQL condition for 'this person may see this entry'."""
    member_of = select(MembershipRow.relationship_id).where(MembershipRow.person_id == person_id)
    return or_(EntryRow.author_id == person_id,
               and_(EntryRow.visibility == "shared", EntryRow.relationship_id.in_(member_of)))


def entry_value(row: EntryRow) -> Entry:
    return Entry(id=row.id, kind=row.kind, author_id=row.author_id,
                 relationship_id=row.relationship_id,
                 visibility=row.visibility,  # type: ignore[arg-type]
                 created_at=row.created_at, updated_at=row.updated_at, text=row.text,
                 data=dict(row.data or {}), analysis=row.analysis, parent_id=row.parent_id)


def _visible_row(session: Session, entry_id: str, person_id: str) -> EntryRow:
    row = session.scalar(select(EntryRow).where(EntryRow.id == entry_id, visible_to(person_id)))
    if row is None:
        raise NotFoundError(f"No entry {entry_id} that you can see.")
    return row


def _is_member(session: Session, person_id: str, relationship_id: str) -> bool:
    return session.get(MembershipRow, (relationship_id, person_id)) is not None


def _check(kind: str, visibility: str, text: str | None) -> None:
    if kind not in ENTRY_KINDS:
        raise InputError(f"Unknown entry kind {kind!r}.")
    if visibility not in VISIBILITIES:
        choices = ", ".join(VISIBILITIES)
        raise InputError(f"Visibility must be one of {choices}, not {visibility!r}.")
    if text is not None and len(text) > MAX_TEXT:
        raise InputError(f"That is longer than {MAX_TEXT:,} characters; please shorten it.")
