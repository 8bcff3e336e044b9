"""Accounts: signing up and signing in with an email and a password.

Passwords are hashed with argon2id (argon2-cffi's defaults) and never stored
or logged in any other form. A sign-in for an unknown email still spends the
time of one hash check, so response times don't reveal who has an account.
Hashes made with older parameters are upgraded on the next successful
sign-in. Length is the only password rule (long passphrases beat symbol
rules); there is an upper bound so a huge input can't be used to stall the
server.

The slow part, hashing and checking, happens outside any write transaction
(``password_hash`` before ``sign_up``; ``authenticate`` in a read): on SQLite a
write holds the one writer's lock, and many people signing up at once must not
queue behind each other's hashing.
"""

from __future__ import annotations

import contextlib
import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from heartline.errors import InputError, NotFoundError
from heartline.store.people import add_person, person_value
from heartline.store.schema import AccountRow, PersonRow, utcnow
from heartline.store.values import Person

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_EMAIL = re.compile(r"^[^@\s\x00]+@[^@\s\x00]+\.[^@\s\x00]+$")


@cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _decoy_hash() -> str:
    return hasher().hash("not a real password, only for timing")


def normal_email(email: str) -> str:
    cleaned = email.strip().lower()
    if len(cleaned) > 254 or not _EMAIL.match(cleaned):
        raise InputError(f"{email!r} doesn't look like an email address.")
    return cleaned


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InputError(f"Choose a password of at least {MIN_PASSWORD} characters "
                         "(a few words strung together work well).")
    return password


def password_hash(password: str) -> str:
    """The argon2id hash of an acceptable password (made before the write that stores it)."""
    return hasher().hash(check_password(password))


def sign_up(session: Session, *, name: str, email: str, password_hash: str) -> Person:
    """A new person with an account; an email already in use is refused."""
    address = normal_email(email)
    if session.scalar(select(AccountRow).where(AccountRow.email == address)) is not None:
        raise InputError("That email already has an account. Sign in instead.")
    person = add_person(session, name)
    session.add(AccountRow(person_id=person.id, email=address, password_hash=password_hash))
    session.flush()
    return person


def authenticate(session: Session, email: str, password: str) -> Person | None:
    """The person whose email and password these are, else ``None``; only reads."""
    try:
        address = normal_email(email)
    except InputError:
        address = ""
    account = session.scalar(select(AccountRow).where(AccountRow.email == address))
    if account is None or len(password) > MAX_PASSWORD:
        _spend_one_check(password[:MAX_PASSWORD])
        return None
    try:
        hasher().verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return person_value(session.get(PersonRow, account.person_id))  # type: ignore[arg-type]


def refresh_hash(session: Session, person: Person, password: str) -> None:
    """After a successful sign-in: re-hash when the hashing parameters have changed."""
    account = session.get(AccountRow, person.id)
    if account is not None and hasher().check_needs_rehash(account.password_hash):
        account.password_hash = hasher().hash(password)
        account.updated_at = utcnow()


def reset_password(session: Session, email: str, password: str) -> Person:
    """Set a new password (local recovery by whoever runs the server)."""
    address = normal_email(email)
    account = session.scalar(select(AccountRow).where(AccountRow.email == address))
    if account is None:
        raise NotFoundError(f"No account uses {address}.")
    account.password_hash = password_hash(password)
    account.updated_at = utcnow()
    return person_value(session.get(PersonRow, account.person_id))  # type: ignore[arg-type]


def email_of(session: Session, person: Person) -> str | None:
    account = session.get(AccountRow, person.id)
    return account.email if account else None


def _spend_one_check(password: str) -> None:
    with contextlib.suppress(VerificationError):
        hasher().verify(_decoy_hash(), password)
