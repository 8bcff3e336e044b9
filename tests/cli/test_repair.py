"""``heartline repair`` on both backends: time-out, debrief, apology."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.values import Entry


def _entries(kind: str) -> tuple[list[Entry], list[Entry]]:
    """What Sam and Alex can each see of one kind."""
    store = Store.open()
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
        assert sam is not None and alex is not None
        found = entries_for(session, sam, kinds=[kind]), entries_for(session, alex, kinds=[kind])
    store.close()
    return found


def test_a_timeout_is_shared_by_default_and_can_be_asked_for(cli, couple) -> None:
    before = datetime.now(UTC)
    result = cli("repair", "timeout", "--back-in", "20m")
    assert result.exit_code == 0, result.output
    assert "You could say" in result.output and "shared with Alex" in result.output
    mine, theirs = _entries("timeout")
    assert theirs == mine and mine[0].data["minutes"] == 20
    back = datetime.fromisoformat(mine[0].data["return_at"])
    assert before + timedelta(minutes=20) <= back <= datetime.now(UTC) + timedelta(minutes=20)
    assert mine[0].text and back.astimezone().strftime("%H:%M") in mine[0].text

    asked = cli("repair", "timeout", input="5 min\nprivate\n")  # short, and kept private
    assert asked.exit_code == 0, asked.output
    assert "Taking a break" in asked.output and "20 minutes or more" in asked.output
    mine, theirs = _entries("timeout")
    assert mine[0].data["minutes"] == 5 and len(theirs) == 1


def test_bad_input_is_clear_and_nothing_is_stored(cli, couple) -> None:
    for args in (["timeout", "--back-in", "soon"], ["timeout", "--back-at", "25:00"],
                 ["timeout", "--back-in", "0m"], ["timeout", "--back-in", "2m", "--back-at", "7pm"],
                 ["debrief", "--answer", "mood=bad"], ["debrief", "--answer", "worst=  "],
                 ["apology", "--part", "sorry=x"], ["apology", "--part", "impact="]):
        result = cli("repair", *args)
        assert result.exit_code == 1 and "Traceback" not in result.output, args
        assert "Error" in result.output
    for kind in ("timeout", "debrief", "apology"):
        assert _entries(kind) == ([], [])


def test_scripted_debrief_is_private_and_abuse_keeps_it_so(cli, couple) -> None:
    result = cli("repair", "debrief", "--answer", "worst=When I felt brushed off",
                 "--answer", "heard=When you put your phone down")
    assert result.exit_code == 0, result.output
    mine, theirs = _entries("debrief")
    assert theirs == [] and mine[0].visibility == "private"
    assert mine[0].data == {"answers": {"worst": "When I felt brushed off",
                                        "heard": "When you put your phone down"}}
    assert mine[0].analysis is not None and "safety" in mine[0].analysis

    abuse = cli("repair", "debrief", "--answer", "worst=he hits me when he drinks", "-v", "shared")
    assert abuse.exit_code == 0, abuse.output
    assert "Help, right now" in abuse.output
    mine, theirs = _entries("debrief")
    assert mine[0].visibility == "private" and theirs == []


def test_interactive_debrief_skips_empty_answers_and_can_share(cli, couple) -> None:
    result = cli("repair", "debrief", input="The raised voices\n\n\nTo be asked first\n\nshared\n")
    assert result.exit_code == 0, result.output
    mine, theirs = _entries("debrief")
    assert theirs == mine
    assert mine[0].data["answers"] == {"worst": "The raised voices", "needed": "To be asked first"}


def test_signs_of_abuse_in_a_debrief_keep_it_private(cli, couple) -> None:
    result = cli("repair", "debrief", "--answer", "worst=he hits me when he drinks", "-v", "shared")
    assert result.exit_code == 0, result.output
    assert "Help, right now" in result.output
    mine, theirs = _entries("debrief")
    assert mine[0].visibility == "private" and theirs == []


def test_scripted_apology_names_pitfalls_and_stays_a_draft(cli, couple) -> None:
    result = cli("repair", "apology", "--part", "my_part=I yelled, but you made me angry",
                 "--part", "next_time=I'll ask for a break first")
    assert result.exit_code == 0, result.output
    assert "Worth a second look" in result.output and "wipe out the apology" in result.output
    mine, theirs = _entries("apology")
    assert theirs == [] and mine[0].visibility == "draft"
    assert mine[0].data["pitfalls"] == ["but", "you made me"]
    assert mine[0].text == ("I yelled, but you made me angry. I'm sorry. "
                            "I'll ask for a break first.")


def test_interactive_apology_offers_one_rewrite(cli, couple) -> None:
    steps = ("I was late to your recital\nSorry if you were upset\n"
             "I didn't show up on time for you\nYou felt let down\n"
             "I'll leave work early next time\n")
    result = cli("repair", "apology", input=steps + "shared\n")
    assert result.exit_code == 0, result.output
    assert "For example" in result.output and "Want to rewrite it?" in result.output
    mine, theirs = _entries("apology")
    assert theirs == mine and mine[0].data["pitfalls"] == []
    assert mine[0].data["parts"]["my_part"] == "I didn't show up on time for you"
