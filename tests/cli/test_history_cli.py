"""``heartline history`` on both backends: filters, friendly errors, and privacy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from heartline.store import Store, people
from heartline.store.entries import add_entry


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide terminal, so each entry stays on one line and can be asserted whole."""
    monkeypatch.setenv("COLUMNS", "200")


def _write(*rows: tuple[str, str, str, str, int]) -> None:
    """Entries as (author, kind, visibility, text, days ago), in the couple's relationship."""
    store = Store.open()
    with store.write() as session:
        for author, kind, visibility, text, days in rows:
            person = people.find_person(session, author)
            assert person is not None
            relationship = people.relationships_of(session, person.id)[0]
            add_entry(session, person, kind, visibility=visibility,  # type: ignore[arg-type]
                      relationship_id=relationship.id, text=text,
                      at=datetime.now(UTC) - timedelta(days=days))
    store.close()


def _sams_mix() -> None:
    _write(("Sam", "share", "private", "Sam private worry", 1),
           ("Sam", "share", "draft", "Sam unfinished draft", 2),
           ("Sam", "appreciation", "shared", "Thank you for the soup", 3),
           ("Alex", "humor", "shared", "The goat at the farm", 20),
           ("Alex", "feeling", "private", "Alex private feeling", 1))


def test_the_partner_never_sees_sams_private_or_draft_entries(cli, couple) -> None:
    _sams_mix()
    cli("pulse", "--scores", "3,3,3,3,3,3,3,3,3,3")
    cli("therapist", "handoff", "--answer", "why_now=Sam's own notes")
    result = cli("--as", "Alex", "history", "--limit", "100")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Thank you for the soup" in out and "The goat at the farm" in out
    assert "Alex private feeling" in out
    for hidden in ("Sam private worry", "Sam unfinished draft", "Pulse", "overall",
                   "Therapist handoff", "notes on"):
        assert hidden not in out, hidden
    sams = cli("history").output
    assert all(text in sams for text in ("Sam private worry", "Sam unfinished draft", "Pulse",
                                         "overall 3.0 of 7", "notes on: Why now"))
    assert "Alex private feeling" not in sams and "only you (draft)" in sams


def test_kind_since_limit_and_mine_filter(cli, couple) -> None:
    _sams_mix()
    only = cli("history", "--kind", "share", "--kind", "humor")
    assert "Sam private worry" in only.output and "The goat at the farm" in only.output
    assert "Thank you for the soup" not in only.output
    recent = cli("history", "--since", "7d")
    assert "Thank you for the soup" in recent.output and "goat" not in recent.output
    dated = cli("history", "--since", (datetime.now() - timedelta(days=10)).date().isoformat())
    assert "goat" not in dated.output and "soup" in dated.output
    newest = cli("history", "--limit", "1")
    assert "Sam private worry" in newest.output and "soup" not in newest.output
    mine = cli("history", "--mine")
    assert "goat" not in mine.output and "soup" in mine.output


def test_nothing_found_is_said_kindly(cli, couple) -> None:
    result = cli("history", "--kind", "hug")
    assert result.exit_code == 0 and "Nothing here yet" in result.output


def test_unknown_kinds_and_times_are_friendly_errors(cli, couple) -> None:
    for args, expected in ((["--kind", "hugs"], "Choose from"),
                           (["--since", "last tuesday"], "7d"),
                           (["--since", "2026-02-30"], "2026-11-01"),
                           (["--since", "0d"], "span")):
        result = cli("history", *args)
        assert result.exit_code == 1 and "Traceback" not in result.output, args
        assert expected in result.output, args
    assert cli("history", "--limit", "0").exit_code == 2
