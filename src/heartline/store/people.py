"""People, relationships and membership; and who this home's CLI speaks for.

One person can be in several relationships (a partner, a friend, a parent).
A relationship is joined with its invite code.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from heartline.errors import InputError, NotFoundError
from heartline.store.schema import MembershipRow, PersonRow, RelationshipRow, SettingRow
from heartline.store.text import without_nul
from heartline.store.values import RELATIONSHIP_KINDS, Member, Person, Relationship

ME_SETTING = "me"
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
INVITE_LENGTH = 8
MAX_NAME = 120


def add_person(session: Session, name: str) -> Person:
    row = PersonRow(name=_clean_name(name))
    session.add(row)
    session.flush()
    return person_value(row)


def get_person(session: Session, person_id: str) -> Person:
    row = session.get(PersonRow, person_id)
    if row is None:
        raise NotFoundError(f"No person with id {person_id}.")
    return person_value(row)


def find_person(session: Session, name: str) -> Person | None:
    """The person with this name (case-insensitive), oldest first."""
    rows = session.scalars(select(PersonRow).order_by(PersonRow.created_at)).all()
    wanted = name.strip().casefold()
    return next((person_value(r) for r in rows if r.name.casefold() == wanted), None)


def all_people(session: Session) -> list[Person]:
    return [person_value(r) for r in
            session.scalars(select(PersonRow).order_by(PersonRow.created_at, PersonRow.id))]


def me(session: Session) -> Person | None:
    """The person this home's CLI acts for by default, if set up."""
    row = session.get(SettingRow, ME_SETTING)
    found = session.get(PersonRow, row.value) if row else None
    return person_value(found) if found else None


def set_me(session: Session, person: Person) -> None:
    session.merge(SettingRow(key=ME_SETTING, value=person.id))


def set_region(session: Session, person_id: str, region: str | None) -> Person:
    """Remember where someone is, so help lines match their country (``None``: show all)."""
    row = session.get(PersonRow, person_id)
    if row is None:
        raise NotFoundError(f"No person with id {person_id}.")
    row.region = region
    session.flush()
    return person_value(row)


def add_relationship(session: Session, kind: str, members: list[Person], *,
                     name: str | None = None) -> Relationship:
    if kind not in RELATIONSHIP_KINDS:
        raise InputError(f"Unknown kind {kind!r}: choose one of {', '.join(RELATIONSHIP_KINDS)}.")
    row = RelationshipRow(kind=kind, name=without_nul(name), invite_code=_new_invite(session))
    session.add(row)
    session.flush()
    for person in members:
        session.add(MembershipRow(relationship_id=row.id, person_id=person.id))
    session.flush()
    return get_relationship(session, row.id)


def invited_to(session: Session, invite_code: str) -> Relationship:
    """The relationship an invite code opens (typed loosely: any case, with or without -)."""
    code = without_nul(invite_code).strip().upper().replace("-", "")
    row = session.scalar(select(RelationshipRow).where(RelationshipRow.invite_code == code))
    if row is None:
        raise NotFoundError(f"No relationship has the invite code {invite_code!r}. "
                            "Check it with the person who shared it.")
    return get_relationship(session, row.id)


def join(session: Session, invite_code: str, person: Person) -> Relationship:
    relationship = invited_to(session, invite_code)
    if session.get(MembershipRow, (relationship.id, person.id)) is None:
        session.add(MembershipRow(relationship_id=relationship.id, person_id=person.id))
        session.flush()
    return get_relationship(session, relationship.id)


def leave(session: Session, relationship_id: str, person: Person) -> None:
    """Leave a relationship; one nobody is left in is removed with its entries."""
    membership = session.get(MembershipRow, (relationship_id, person.id))
    if membership is None:
        raise NotFoundError("You are not a member of that relationship.")
    session.delete(membership)
    session.flush()
    if not _member_ids(session, relationship_id):
        session.delete(session.get(RelationshipRow, relationship_id))


def get_relationship(session: Session, relationship_id: str) -> Relationship:
    row = session.get(RelationshipRow, relationship_id)
    if row is None:
        raise NotFoundError(f"No relationship with id {relationship_id}.")
    query = (select(MembershipRow, PersonRow)
             .join(PersonRow, PersonRow.id == MembershipRow.person_id)
             .where(MembershipRow.relationship_id == relationship_id)
             .order_by(MembershipRow.joined_at, PersonRow.id))
    members = tuple(Member(person_value(p), m.role, m.joined_at)
                    for m, p in session.execute(query))
    return Relationship(row.id, row.kind, row.name, row.invite_code, row.created_at, members)


def relationships_of(session: Session, person_id: str) -> list[Relationship]:
    """A person's relationships, oldest first."""
    ids = session.scalars(
        select(MembershipRow.relationship_id)
        .join(RelationshipRow, RelationshipRow.id == MembershipRow.relationship_id)
        .where(MembershipRow.person_id == person_id)
        .order_by(RelationshipRow.created_at, RelationshipRow.id)).all()
    return [get_relationship(session, i) for i in ids]


def person_value(row: PersonRow) -> Person:
    return Person(row.id, row.name, row.created_at, row.region)


def _member_ids(session: Session, relationship_id: str) -> list[str]:
    return list(session.scalars(select(MembershipRow.person_id)
                                .where(MembershipRow.relationship_id == relationship_id)))


def _clean_name(name: str) -> str:
    cleaned = " ".join(without_nul(name).split())
    if not cleaned or len(cleaned) > MAX_NAME:
        raise InputError(f"A name needs 1 to {MAX_NAME} characters.")
    return cleaned


def _new_invite(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
        taken = select(RelationshipRow).where(RelationshipRow.invite_code == code)
        if session.scalar(taken) is None:
            return code


def set_up(session: Session, name: str, *, partner: str | None = None, kind: str = "couple",
           invite_code: str | None = None) -> tuple[Person, Relationship | None]:
    """Add (or find) a person, make them this home's default if none is, and connect them.

    ``partner`` starts a relationship of ``kind`` with someone (added if new,
    so both can use this machine); ``invite_code`` joins an existing one.
    """
    person = find_person(session, name) or add_person(session, name)
    if me(session) is None:
        set_me(session, person)
    relationship = None
    if partner is not None:
        other = find_person(session, partner) or add_person(session, partner)
        if other.id == person.id:
            raise InputError("Pick someone other than yourself to do this with.")
        relationship = add_relationship(session, kind, [person, other])
    if invite_code is not None:
        relationship = join(session, invite_code, person)
    return person, relationship
