"""``heartline weekly`` on both backends: bringing items, the flow, privacy, conflict."""

from __future__ import annotations

from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.values import Entry


def _weekly(name: str = "Sam") -> list[Entry]:
    """The weekly entries ``name`` can see, oldest first."""
    store = Store.open()
    with store.read() as session:
        person = people.find_person(session, name)
        assert person is not None
        found = entries_for(session, person, kinds=["weekly"], newest_first=False)
    store.close()
    return found


def _sessions(name: str = "Sam") -> list[Entry]:
    return [e for e in _weekly(name) if e.data["mode"] == "session"]


def test_items_are_private_until_the_check_in_and_never_reach_the_partner(cli, couple) -> None:
    assert cli("weekly", "--bring-tell", "My job offer", "--bring-ask", "How is your back?"
               ).exit_code == 0
    result = cli("--as", "Alex", "weekly", "--bring-ask", "What was the best bit of Rome?",
                 "-v", "shared")
    assert result.exit_code == 0 and "shared with Sam" in result.output
    assert [e.text for e in _weekly("Alex")] == ["What was the best bit of Rome?"]

    alex_run = cli("--as", "Alex", "weekly", "--answer", "tell=Work was heavy", "--no-conflict")
    assert alex_run.exit_code == 0, alex_run.output
    assert "My job offer" not in alex_run.output and "How is your back?" not in alex_run.output
    assert "best bit of Rome" in alex_run.output
    alex_session, = _sessions("Alex")
    assert alex_session.visibility == "private"
    assert alex_session.data == {"mode": "session", "answers": {"tell": "Work was heavy"},
                                 "items": [_weekly("Alex")[0].id], "had_conflict": False}
    assert "Anything to mend" not in alex_run.output


def test_the_flow_shows_my_items_and_shared_ones_then_marks_them_used(cli, couple) -> None:
    cli("weekly", "--bring-tell", "My job offer")
    cli("--as", "Alex", "weekly", "--bring-ask", "Any news from your sister?", "-v", "shared")
    result = cli("weekly", "--answer", "appreciate=Thanks for the soup on Tuesday",
                 "--answer", "look-forward=A walk on Sunday", "--share-items", "-v", "shared")
    assert result.exit_code == 0, result.output
    assert "My job offer" in result.output and "Any news from your sister? (Alex)" in result.output
    session, = _sessions()
    assert session.visibility == "shared"
    assert session.data["answers"] == {"appreciate": "Thanks for the soup on Tuesday",
                                       "look_forward": "A walk on Sunday"}
    items = [e for e in _weekly("Alex") if e.data["mode"] == "item"]
    assert {e.text for e in items} == {"My job offer", "Any news from your sister?"}
    assert all(e.data["used"] for e in items) and len(session.data["items"]) == 2
    again = cli("weekly", "--answer", "tell=nothing new", "--no-conflict")
    assert "My job offer" not in again.output and "An idea:" in again.output


def test_interactive_flow_asks_the_conflict_question_at_the_repair_step(cli, couple) -> None:
    cli("weekly", "--bring-tell", "The dentist")
    notes = "Thanks for the lift\nThe dentist was fine\n\nBusy Monday\ny\nThe dishes row\n\n"
    result = cli("weekly", input=notes + "private\ny\n")
    assert result.exit_code == 0, result.output
    assert "still feels a bit unfinished" in result.output
    assert "Which moment hurt or stung the most" in result.output
    session, = _sessions()
    assert session.data["had_conflict"] is True
    assert session.data["answers"] == {
        "appreciate": "Thanks for the lift", "tell": "The dentist was fine",
        "week_ahead": "Busy Monday", "repair": "The dishes row"}
    assert any(e.text == "The dentist" for e in _weekly("Alex"))  # shared at the check-in


def test_a_time_out_this_week_opens_the_repair_step_by_itself(cli, couple) -> None:
    assert cli("repair", "timeout", "--back-in", "20m").exit_code == 0
    result = cli("--as", "Alex", "weekly", "--answer", "tell=A long week", "--no-conflict")
    assert result.exit_code == 0, result.output
    assert "time-out or a repair talk" in result.output and "Anything to mend" in result.output
    assert _sessions("Alex")[0].data["had_conflict"] is True


def test_bad_input_is_clear_and_nothing_is_stored(cli, couple) -> None:
    for args in (["weekly", "--answer", "mood=great"], ["weekly", "--answer", "tell"],
                 ["weekly", "--bring-tell", "   "],
                 ["weekly", "--bring-ask", "ok", "--with", "Jo"]):
        result = cli(*args)
        assert result.exit_code == 1, args
        assert "Error" in result.output and "Traceback" not in result.output
    assert _weekly() == []
