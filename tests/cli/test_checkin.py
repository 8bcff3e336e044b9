"""``heartline checkin`` on both backends: stored answers, the deeper nudge, safety."""

from __future__ import annotations

from heartline.store import Store, people
from heartline.store.entries import entries_for


def _entries(home_kind: str = "checkin"):
    store = Store.open()
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
        found = (entries_for(session, sam, kinds=[home_kind]),
                 entries_for(session, alex, kinds=[home_kind]))
    store.close()
    return found


def test_scripted_checkin_is_stored_and_shared(cli, couple) -> None:
    result = cli("checkin", "--how", "Tired but proud of myself", "--rose", "Finished the deck",
                 "--thorn", "Missed the bus", "--bud", "The hike on Sunday", "-v", "shared")
    assert result.exit_code == 0, result.output
    assert "shared with Alex" in result.output
    mine, theirs = _entries()
    assert len(mine) == 1 and theirs == mine
    assert mine[0].data["rose"] == "Finished the deck"
    assert mine[0].analysis is not None and "disclosure" in mine[0].analysis


def test_a_deflection_gets_one_notch_deeper(cli, couple) -> None:
    result = cli("checkin", input="fine\nthe call with mum left me feeling small\n\n\n\nprivate\n")
    assert result.exit_code == 0, result.output
    assert "One notch deeper" in result.output
    mine, theirs = _entries()
    assert mine[0].data["deeper"] == "the call with mum left me feeling small"
    assert theirs == []


def test_signs_of_abuse_keep_it_private_whatever_was_asked(cli, couple) -> None:
    result = cli("checkin", "--how", "my husband hits me when he drinks", "--rose", "",
                 "--thorn", "", "--bud", "", "-v", "shared")
    assert result.exit_code == 0, result.output
    assert "Help, right now" in result.output
    mine, theirs = _entries()
    assert mine[0].visibility == "private" and theirs == []


def test_checkin_before_hello_says_how_to_start(cli) -> None:
    result = cli("checkin", "--how", "ok")
    assert result.exit_code == 1
    assert "heartline hello" in result.output and "Traceback" not in result.output
