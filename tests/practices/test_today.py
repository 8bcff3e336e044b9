"""Today's suggestions: what is waiting first, rituals due, solo path, never guilt."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from heartline.practices.today import Today, plan
from heartline.store import Store, people
from heartline.store.entries import add_entry, update_entry
from heartline.store.reminders import DAYS, add_reminder
from heartline.store.values import Person, Relationship

NOW = datetime.now().astimezone()


@pytest.fixture
def pair(store: Store) -> tuple[Person, Person, Relationship]:
    with store.write() as session:
        sam, couple = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
    assert alex is not None and couple is not None
    return sam, alex, couple


def _plan(store: Store, person: Person, now: datetime = NOW) -> Today:
    with store.read() as session:
        return plan(session, person, now=now)


def test_a_waiting_bid_comes_first(store: Store, pair) -> None:
    sam, alex, couple = pair
    with store.write() as session:
        add_entry(session, alex, "bid", visibility="shared", relationship_id=couple.id,
                  text="Is now a good time to talk about my mum?", data={"answer": None})
    first = _plan(store, sam).suggestions[0]
    assert first.command == "heartline bid answer" and "my mum" in first.why


def test_an_answered_bid_asks_the_asker_whether_it_was_met(store: Store, pair) -> None:
    sam, alex, couple = pair
    with store.write() as session:
        bid = add_entry(session, sam, "bid", visibility="shared", relationship_id=couple.id,
                        text="Got a minute?", data={"answer": None, "met": None})
        update_entry(session, bid.id, alex, data={"answer": "now"})
    assert "heartline bid met" in [s.command for s in _plan(store, sam).suggestions]


def test_a_timeout_leads_to_a_debrief_until_one_is_written(store: Store, pair) -> None:
    sam, _, couple = pair
    back = NOW + timedelta(minutes=20)
    with store.write() as session:
        add_entry(session, sam, "timeout", visibility="shared", relationship_id=couple.id,
                  data={"return_at": back.isoformat()})
    assert "come back at" in _plan(store, sam).suggestions[0].why
    later = _plan(store, sam, NOW + timedelta(hours=1)).suggestions[0]
    assert later.command == "heartline repair debrief"
    with store.write() as session:
        add_entry(session, sam, "debrief", at=NOW + timedelta(minutes=30))
    commands = [s.command for s in _plan(store, sam, NOW + timedelta(hours=1)).suggestions]
    assert "heartline repair debrief" not in commands


def test_rituals_due_today_appear_until_done(store: Store, pair) -> None:
    sam, *_ = pair
    today_code = DAYS[NOW.weekday()]
    with store.write() as session:
        add_reminder(session, sam, "hug", days=today_code, at="21:30", minutes=5)
    assert any(s.title.startswith("A long hug") for s in _plan(store, sam).suggestions)
    with store.write() as session:
        add_entry(session, sam, "hug", data={"seconds": 300})
    assert not any(s.title.startswith("A long hug") for s in _plan(store, sam).suggestions)


def test_a_quiet_partner_gets_a_solo_path(store: Store, pair) -> None:
    sam, alex, couple = pair
    assert _plan(store, sam).solo and _plan(store, sam).quiet == ("Alex",)
    with store.write() as session:
        add_entry(session, alex, "share", visibility="shared", relationship_id=couple.id,
                  text="Long day, glad to be home.")
    today = _plan(store, sam)
    assert not today.solo and today.quiet == ()


def test_alone_there_is_still_something_to_do(store: Store) -> None:
    with store.write() as session:
        jo = people.add_person(session, "Jo")
    today = _plan(store, jo)
    assert today.solo and today.suggestions


def test_no_guilt_words(store: Store, pair) -> None:
    sam, *_ = pair
    for days in range(0, 40, 3):
        for item in _plan(store, sam, NOW + timedelta(days=days)).suggestions:
            words = f"{item.title} {item.why}".lower()
            assert not any(w in words for w in ("streak", "missed", "behind", "should", "failed"))
