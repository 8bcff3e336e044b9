"""The weekly check-in (M5.2): content, brought items and their privacy, conflict detection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from heartline.errors import InputError
from heartline.practices import weekly
from heartline.store import Store, people
from heartline.store.entries import add_entry, entries_for, get_entry

NOW = datetime.now(UTC)


def test_content_has_the_steps_the_flow_needs() -> None:
    chosen = weekly.content()
    keys = chosen.step_keys
    assert keys == ("appreciate", "tell", "ask", "week_ahead", "repair", "look_forward")
    assert len(set(keys)) == len(keys) and weekly.REPAIR_STEP in keys
    for prompts in (chosen.tell_prompts, chosen.ask_prompts):
        assert len(prompts) >= 10 and len(set(prompts)) == len(prompts)
    assert chosen.conflict_question.strip() and chosen.intro.strip()


def test_conflict_decision() -> None:
    decide = weekly.conflict_decision
    assert decide(detected=True, said=False) is True
    assert decide(detected=False, said=True) is True
    assert decide(detected=False, said=None, repair_note="the dishes row") is True
    assert decide(detected=False, said=False) is False
    assert decide(detected=False, said=None) is None


def test_items_stay_private_until_shared_and_are_used_once(store: Store) -> None:
    with store.write() as session:
        sam, couple = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
        assert couple is not None and alex is not None
        secret = weekly.bring(session, sam, "tell", "  my  new job offer ",
                              relationship_id=couple.id)
        asked = weekly.bring(session, alex, "ask", "How is your back?", relationship_id=couple.id,
                             visibility="shared")
        weekly.bring(session, alex, "tell", "Alex's private thing", relationship_id=couple.id)
        with pytest.raises(InputError, match="--bring-ask"):
            weekly.bring(session, sam, "ask", "   ", relationship_id=couple.id)
    assert secret.text == "my new job offer" and secret.visibility == "private"
    assert secret.data == {"mode": "item", "item": "tell", "used": False}
    with store.read() as session:
        for_sam = weekly.brought(session, sam, relationship_id=couple.id)
        for_alex = weekly.brought(session, alex, relationship_id=couple.id)
    assert [i.text for i in for_sam.mine] == ["my new job offer"]
    assert [i.text for i in for_sam.theirs] == ["How is your back?"]
    assert "my new job offer" not in [i.text for i in for_alex.theirs]
    assert for_sam.mine_private() == (secret.id,)
    checkin = weekly.Checkin({"tell": "the job", "ask": ""}, for_sam.ids(), False)
    with store.write() as session:
        stored = weekly.record(session, sam, checkin, None, relationship_id=couple.id,
                               visibility="private", share_mine=for_sam.mine_private())
    assert stored.data == {"mode": "session", "answers": {"tell": "the job"},
                           "items": [secret.id, asked.id], "had_conflict": False}
    with store.read() as session:
        assert weekly.brought(session, sam, relationship_id=couple.id) == weekly.Brought()
        assert get_entry(session, secret.id, alex).visibility == "shared"
        assert get_entry(session, asked.id, alex).data["used"] is True
        assert entries_for(session, alex, kinds=["weekly"], author=sam) == [
            get_entry(session, secret.id, alex)]


def test_conflict_is_found_in_this_relationship_and_this_week_only(store: Store) -> None:
    with store.write() as session:
        sam, couple = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
        _, friends = people.set_up(session, "Sam", partner="Jo", kind="friends")
        assert couple is not None and friends is not None and alex is not None
        add_entry(session, sam, "timeout", relationship_id=couple.id, visibility="shared",
                  at=NOW - timedelta(days=8))
        add_entry(session, sam, "debrief", relationship_id=friends.id, at=NOW)
        add_entry(session, alex, "debrief", relationship_id=couple.id, at=NOW)
    with store.read() as session:
        assert not weekly.had_conflict(session, sam, relationship_id=couple.id, now=NOW)
        assert weekly.had_conflict(session, sam, relationship_id=friends.id, now=NOW)
        assert weekly.had_conflict(session, alex, relationship_id=couple.id, now=NOW)
