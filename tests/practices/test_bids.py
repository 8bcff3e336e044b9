"""Timing bids (M3): phrasings, the time parser, and answering on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError, NotFoundError
from heartline.practices import bids
from heartline.practices.content import load
from heartline.store import Store, people

NOW = datetime(2026, 3, 14, 18, 45, 30, tzinfo=timezone(timedelta(hours=1)))
offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
nows = st.builds(lambda d, tz: d.replace(tzinfo=tz),
                 st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)), offsets)
MAX_LINE = 140


# --- Content ---------------------------------------------------------------------------------


def test_at_least_six_distinct_phrasings_each_a_question_with_one_topic() -> None:
    phrasings = bids.phrasings()
    assert len(phrasings) >= 6 and len(set(phrasings)) == len(phrasings)
    for phrasing in phrasings:
        assert phrasing.count("{topic}") == 1 and phrasing.endswith("?"), phrasing
        assert "need to talk" not in phrasing


def test_answer_and_met_lines_are_short_and_kind() -> None:
    content = load("bids")
    lines = [*(line for a in bids.ANSWERS for line in content["answer"][a]),
             *content["met"]["yes"], *content["met"]["no"]]
    for line in lines:
        assert len(line) <= MAX_LINE and "should" not in line.casefold(), line
    assert all(len(content["answer"][a]) >= 2 for a in bids.ANSWERS)
    for answer in bids.ANSWERS:
        assert all("{" not in line.format(asker="Sam") for line in content["answer"][answer])


def test_compose_fills_the_topic_and_cleans_it() -> None:
    assert bids.compose("about the holidays?") == "Is now a good time to talk about the holidays?"
    assert "something that's been on my mind" in bids.compose(None)
    assert bids.compose("money", phrasing=1).startswith("Do you have room")
    with pytest.raises(InputError, match="Pick a phrasing"):
        bids.compose("x", phrasing=len(bids.phrasings()))
    with pytest.raises(InputError, match="Keep the topic short"):
        bids.compose("x" * (bids.MAX_TOPIC + 1))


# --- The time parser -------------------------------------------------------------------------


@given(nows, st.integers(0, 23), st.integers(0, 59))
def test_a_clock_time_is_the_next_one_to_come(now: datetime, hour: int, minute: int) -> None:
    when = bids.parse_later(f"{hour}:{minute:02}", now)
    assert (when.hour, when.minute) == (hour, minute) and when.tzinfo == now.tzinfo
    assert now < when <= now + timedelta(days=1)


@given(nows, st.integers(1, 600), st.sampled_from(["minutes", "min", "m", "minute"]))
def test_in_minutes_adds_them(now: datetime, amount: int, unit: str) -> None:
    assert bids.parse_later(f"in {amount} {unit}", now) == now + timedelta(minutes=amount)


@given(nows, st.integers(1, 7 * 24), st.sampled_from(["hours", "hour", "h", "hrs"]))
def test_in_hours_adds_them(now: datetime, amount: int, unit: str) -> None:
    assert bids.parse_later(f"In  {amount}{unit}", now) == now + timedelta(hours=amount)


@given(nows, st.integers(0, 23), st.integers(0, 59))
def test_tomorrow_is_the_next_local_day(now: datetime, hour: int, minute: int) -> None:
    when = bids.parse_later(f"tomorrow {hour}:{minute:02}", now)
    assert when.date() == now.date() + timedelta(days=1)
    assert (when.hour, when.minute) == (hour, minute)


@given(nows, st.text(max_size=30))
def test_any_text_is_a_time_within_a_week_or_a_clear_error(now: datetime, text: str) -> None:
    try:
        when = bids.parse_later(text, now)
    except InputError as err:
        assert str(err)
    else:
        assert now < when <= now + bids.MOST_LATER


@pytest.mark.parametrize(("text", "expected"), [
    ("7pm", (19, 0)), ("at 8.15", (8, 15)), ("12am", (0, 0)), ("tomorrow at 7:30 am", (7, 30))])
def test_more_ways_to_say_a_time(text: str, expected: tuple[int, int]) -> None:
    when = bids.parse_later(text, NOW)
    assert (when.hour, when.minute) == expected


@pytest.mark.parametrize("text", ["25:00", "soon", "in 0 minutes", "tomorrow", "13pm",
                                  "in 8 days", "in 200 hours", ""])
def test_times_that_cannot_be_read_say_what_to_do(text: str) -> None:
    with pytest.raises(InputError):
        bids.parse_later(text, NOW)


# --- Asking and answering, on both backends --------------------------------------------------


def _couple(store: Store) -> tuple[people.Person, people.Person, str]:
    with store.write() as session:
        sam, together = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
    assert together is not None and alex is not None
    return sam, alex, together.id


def test_a_bid_is_answered_by_the_other_person_and_met_by_the_asker(store: Store) -> None:
    sam, alex, together = _couple(store)
    with store.write() as session:
        first = bids.ask(session, sam, bids.compose("the holidays"), topic="the holidays",
                         relationship_id=together)
        bids.ask(session, sam, bids.compose("money"), topic="money", relationship_id=together)
    assert first.visibility == "shared" and first.data["answer"] is None
    with store.write() as session:
        assert [b.data["topic"] for b in bids.open_bids_for(session, alex)] == \
            ["the holidays", "money"]
        assert bids.open_bids_for(session, sam) == []
        later = datetime(2026, 3, 14, 19, 30, tzinfo=timezone(timedelta(hours=1)))
        answered = bids.answer(session, alex, None, "later", later, now=NOW)
    assert answered.id == first.id
    assert answered.data["later_at"] == "2026-03-14T18:30:00+00:00"
    assert answered.data["answered_by"] == alex.id
    assert datetime.fromisoformat(answered.data["answered_at"]).tzinfo == UTC
    with store.write() as session:
        noted = bids.mark_met(session, sam, None, True)
        assert noted.id == first.id and noted.data["met"] is True
        assert len(bids.open_bids_for(session, alex)) == 1
        lines = bids.overview(session, alex, now=datetime.now(UTC))
    assert [line.waiting_on_you for line in lines].count(True) == 1


def test_nobody_answers_their_own_bid_or_notes_someone_elses(store: Store) -> None:
    sam, alex, together = _couple(store)
    with store.write() as session:
        bid = bids.ask(session, sam, "Got a minute?", topic=None, relationship_id=together)
    with store.write() as session, pytest.raises(InputError, match="your own bid"):
        bids.answer(session, sam, bid.id[:8], "now")
    with store.write() as session, pytest.raises(InputError, match="Only the person who asked"):
        bids.mark_met(session, alex, bid.id, False)
    with store.write() as session, pytest.raises(InputError, match="Say when"):
        bids.answer(session, alex, bid.id, "later")
    with store.write() as session, pytest.raises(NotFoundError):
        bids.answer(session, sam, None, "now")


def test_a_bid_needs_someone_to_ask(store: Store) -> None:
    with store.write() as session:
        solo, _ = people.set_up(session, "Robin")
        with pytest.raises(InputError, match="needs someone to ask"):
            bids.ask(session, solo, "Is now good?", topic=None, relationship_id=None)


def test_private_bids_are_not_waiting_for_anyone(store: Store) -> None:
    sam, alex, together = _couple(store)
    with store.write() as session:
        bids.ask(session, sam, "Is now good?", topic=None, relationship_id=together,
                 visibility="private")
        assert bids.open_bids_for(session, alex) == []
