"""Accounts on both backends: argon2id hashes, sign-in, reset, and clear refusals."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError, NotFoundError
from heartline.store import Store
from heartline.store.accounts import (
    authenticate,
    email_of,
    hasher,
    normal_email,
    password_hash,
    refresh_hash,
    reset_password,
    sign_up,
)
from heartline.store.schema import AccountRow

PASSWORD = "correct horse battery staple"
HASH = password_hash(PASSWORD)


def test_sign_up_then_sign_in(store: Store) -> None:
    with store.write() as session:
        sam = sign_up(session, name="Sam", email=" Sam@Example.com ", password_hash=HASH)
    with store.read() as session:
        assert email_of(session, sam) == "sam@example.com"
        stored = session.get(AccountRow, sam.id)
        assert stored.password_hash.startswith("$argon2id$")
        assert PASSWORD not in stored.password_hash
    with store.read() as session:
        assert authenticate(session, "SAM@example.com", PASSWORD) == sam
        assert authenticate(session, "sam@example.com", PASSWORD + "!") is None
        assert authenticate(session, "nobody@example.com", PASSWORD) is None
        assert authenticate(session, "not an email", PASSWORD) is None


def test_an_email_has_one_account(store: Store) -> None:
    with store.write() as session:
        sign_up(session, name="Sam", email="sam@example.com", password_hash=HASH)
    with store.write() as session, pytest.raises(InputError, match="already has an account"):
        sign_up(session, name="Other Sam", email="SAM@example.com", password_hash=HASH)


@pytest.mark.parametrize("password", ["short", "x" * 1025])
def test_passwords_need_a_sensible_length(store: Store, password: str) -> None:
    with pytest.raises(InputError, match="at least"):
        password_hash(password)


def test_a_hash_made_with_older_parameters_is_renewed_after_sign_in(store: Store) -> None:
    weaker = PasswordHasher(time_cost=1, memory_cost=8 * 1024).hash(PASSWORD)
    with store.write() as session:
        sam = sign_up(session, name="Sam", email="sam@example.com", password_hash=weaker)
    with store.write() as session:
        refresh_hash(session, sam, PASSWORD)
    with store.read() as session:
        renewed = session.get(AccountRow, sam.id).password_hash
        assert renewed != weaker and not hasher().check_needs_rehash(renewed)
        assert authenticate(session, "sam@example.com", PASSWORD) == sam


def test_reset_password(store: Store) -> None:
    with store.write() as session:
        sign_up(session, name="Sam", email="sam@example.com", password_hash=HASH)
    with store.write() as session:
        reset_password(session, "sam@example.com", "a brand new passphrase")
    with store.write() as session:
        assert authenticate(session, "sam@example.com", PASSWORD) is None
        assert authenticate(session, "sam@example.com", "a brand new passphrase") is not None
        with pytest.raises(NotFoundError):
            reset_password(session, "nobody@example.com", "a brand new passphrase")


@given(st.text(max_size=40))
def test_any_email_input_is_normalised_or_refused(text: str) -> None:
    try:
        address = normal_email(text)
    except InputError:
        return
    assert address == address.strip().lower() and address.count("@") == 1


def test_deleting_a_person_removes_their_account(store: Store) -> None:
    from heartline.archive.erase import delete_person

    with store.write() as session:
        sam = sign_up(session, name="Sam", email="sam@example.com", password_hash=HASH)
    delete_person(store, sam)
    with store.read() as session:
        assert session.get(AccountRow, sam.id) is None
    with store.write() as session:
        assert authenticate(session, "sam@example.com", PASSWORD) is None
