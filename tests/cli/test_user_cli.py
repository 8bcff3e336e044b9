"""``heartline user`` on both backends: list accounts, reset a password locally."""

from __future__ import annotations

from heartline.store import Store
from heartline.store.accounts import authenticate, password_hash, sign_up


def _sign_up() -> None:
    store = Store.open()
    with store.write() as session:
        sign_up(session, name="Sam", email="sam@example.com",
                password_hash=password_hash("an old passphrase"))
    store.close()


def _signs_in(password: str) -> bool:
    store = Store.open()
    with store.write() as session:
        found = authenticate(session, "sam@example.com", password) is not None
    store.close()
    return found


def test_list_and_reset(cli) -> None:
    assert "No web accounts yet" in cli("user", "list").output
    _sign_up()
    assert "sam@example.com" in cli("user", "list").output
    result = cli("user", "reset-password", "sam@example.com",
                 input="a new long passphrase\na new long passphrase\n")
    assert result.exit_code == 0, result.output
    assert _signs_in("a new long passphrase") and not _signs_in("an old passphrase")


def test_mismatched_short_or_unknown_changes_nothing(cli) -> None:
    _sign_up()
    differ = cli("user", "reset-password", "sam@example.com", input="one passphrase xx\nother\n")
    assert differ.exit_code == 1 and "differ" in differ.output
    short = cli("user", "reset-password", "sam@example.com", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "at least" in short.output
    unknown = cli("user", "reset-password", "x@example.com", "--password-stdin",
                  input="a long enough passphrase\n")
    assert unknown.exit_code == 1 and "No account" in unknown.output
    assert _signs_in("an old passphrase")
