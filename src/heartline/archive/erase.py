"""Delete: remove a person and everything they wrote, or the whole home.

Deleting a person removes their entries (and, with them, replies others made
to those entries), photos no other entry uses, reminders, memberships, and
any relationship nobody is left in; then the person. It runs in one
transaction, and photo files go only after it commits, so a failure leaves
everything as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from heartline.store import Store
from heartline.store.people import ME_SETTING
from heartline.store.photos import photo_value, remove_unused_files
from heartline.store.schema import (
    Base,
    EntryRow,
    MembershipRow,
    PersonRow,
    PhotoRow,
    RelationshipRow,
    ReminderRow,
    SettingRow,
)
from heartline.store.values import Person, Photo


@dataclass(frozen=True)
class Deleted:
    entries: int
    relationships: int


def delete_person(store: Store, person: Person) -> Deleted:
    with store.write() as session:
        photos = _photos_by(session, person)
        entries = session.scalar(select(func.count()).select_from(EntryRow)
                                 .where(EntryRow.author_id == person.id)) or 0
        emptied = _relationships_left_empty(session, person)
        session.execute(delete(EntryRow).where(EntryRow.author_id == person.id))
        session.execute(delete(ReminderRow).where(ReminderRow.person_id == person.id))
        session.execute(delete(MembershipRow).where(MembershipRow.person_id == person.id))
        session.execute(delete(RelationshipRow).where(RelationshipRow.id.in_(emptied)))
        session.execute(delete(SettingRow).where(SettingRow.key == ME_SETTING,
                                                 SettingRow.value == person.id))
        session.execute(delete(PersonRow).where(PersonRow.id == person.id))
    with store.read() as session:
        remove_unused_files(session, store.photos, photos)
    return Deleted(entries, len(emptied))


def delete_everything(store: Store) -> None:
    """Empty every table and remove the photos folder: the home as if new."""
    with store.write() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
    shutil.rmtree(store.photos, ignore_errors=True)


def _photos_by(session: Session, person: Person) -> list[Photo]:
    rows = session.scalars(select(PhotoRow).join(EntryRow, EntryRow.id == PhotoRow.entry_id)
                           .where(EntryRow.author_id == person.id))
    return [photo_value(r) for r in rows]


def _relationships_left_empty(session: Session, person: Person) -> list[str]:
    mine = select(MembershipRow.relationship_id).where(MembershipRow.person_id == person.id)
    others = (select(MembershipRow.relationship_id)
              .where(MembershipRow.person_id != person.id))
    return list(session.scalars(select(RelationshipRow.id).where(
        RelationshipRow.id.in_(mine), RelationshipRow.id.not_in(others))))
