"""Conflict and repair (M5.5): the break parsers, the apology's pitfalls, and the content."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError
from heartline.practices import conflict
from heartline.practices.answers import parse_pairs
from heartline.store import Store, people
from heartline.store.entries import entries_for

NOW = datetime(2026, 3, 14, 18, 45, 30, tzinfo=timezone(timedelta(hours=1)))
offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
nows = st.builds(lambda d, tz: d.replace(tzinfo=tz),
                 st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)), offsets)


# --- Content ---------------------------------------------------------------------------------


def test_timeout_content_fills_in_the_time_everywhere() -> None:
    chosen = conflict.timeout_content()
    assert len(chosen.suggestions) >= 6 and len(set(chosen.suggestions)) == len(chosen.suggestions)
    assert len(chosen.return_lines) >= 3
    assert all(line.count("{time}") == 1 for line in chosen.return_lines)
    assert "19:30" in conflict.return_line("19:30")


def test_debrief_questions_start_with_the_three_core_ones() -> None:
    keys = [q.key for q in conflict.debrief_content().questions]
    assert tuple(keys[:3]) == conflict.DEBRIEF_CORE and len(set(keys)) == len(keys)


def test_apology_steps_and_pitfalls_are_in_order_and_examples_are_clean() -> None:
    chosen = conflict.apology_content()
    assert tuple(s.key for s in chosen.steps) == conflict.APOLOGY_ORDER
    phrases = [p.phrase for p in chosen.pitfalls]
    assert len(set(phrases)) == len(phrases) and all(p == p.lower().strip() for p in phrases)
    for step in chosen.steps:
        assert conflict.find_pitfalls(step.example) == (), step.key


# --- Lengths and clock times -----------------------------------------------------------------


DURATION_FORMS = ["{h}h{m}m", "{h}h {m}min", "{h} hours {m} minutes", "{h}h{m}"]


@given(st.integers(0, 24), st.integers(0, 59), st.sampled_from(DURATION_FORMS))
def test_hours_and_minutes_add_up(hours: int, minutes: int, form: str) -> None:
    total = hours * 60 + minutes
    text = form.format(h=hours, m=minutes)
    if 1 <= total <= conflict.MAX_MINUTES:
        assert conflict.parse_minutes(text) == total
    else:
        with pytest.raises(InputError):
            conflict.parse_minutes(text)


@given(st.integers(1, conflict.MAX_MINUTES), st.sampled_from(["{}", "{}m", "{} min", "{} minutes"]))
def test_plain_minutes(minutes: int, form: str) -> None:
    assert conflict.parse_minutes(form.format(minutes)) == minutes


@given(st.text(max_size=20))
def test_any_length_text_parses_or_says_what_to_type(text: str) -> None:
    try:
        assert 1 <= conflict.parse_minutes(text) <= conflict.MAX_MINUTES
    except InputError as err:
        assert "20m" in str(err) or "24 hours" in str(err)


@given(nows, st.integers(0, 23), st.integers(0, 59))
def test_a_clock_time_is_the_next_one_within_a_day(now: datetime, hour: int, minute: int) -> None:
    at = conflict.parse_clock(f"{hour}:{minute:02d}", now)
    assert now < at <= now + timedelta(days=1)
    assert (at.hour, at.minute) == (hour, minute)
    half = "am" if hour < 12 else "pm"
    assert conflict.parse_clock(f"{hour % 12 or 12}:{minute:02d}{half}", now) == at
    pause = conflict.plan_break(back_in=None, back_at=f"{hour:02d}.{minute:02d}", now=now)
    assert pause.return_at == at and 1 <= pause.minutes <= conflict.MAX_MINUTES


@given(st.text(max_size=12), nows)
def test_any_clock_text_parses_or_says_what_to_type(text: str, now: datetime) -> None:
    try:
        assert conflict.parse_clock(text, now) > now
    except InputError as err:
        assert "19:30" in str(err) or "1 to 12" in str(err) or "23" in str(err)


def test_answers_are_read_as_a_time_or_a_length() -> None:
    assert conflict.parse_return("7pm", NOW).return_at.hour == 19
    assert conflict.parse_return("45 minutes", NOW).minutes == 45
    assert conflict.clock_text(NOW + timedelta(minutes=30), NOW) == "19:15"
    assert conflict.clock_text(NOW + timedelta(hours=6), NOW) == "00:45 tomorrow"
    for back_in, back_at in ((None, None), ("20m", "19:30")):
        with pytest.raises(InputError, match="one of --back-in"):
            conflict.plan_break(back_in=back_in, back_at=back_at, now=NOW)
    for bad in ("19", "25:00", "13pm", "0am", "soon"):
        with pytest.raises(InputError):
            conflict.parse_clock(bad, NOW)


# --- KEY=TEXT --------------------------------------------------------------------------------


@given(st.sampled_from(["worst", "heard", "next-time"]), st.text(max_size=30))
def test_key_text_pairs_keep_everything_after_the_first_equals(key: str, text: str) -> None:
    keys = ("worst", "heard", "next_time")
    assert parse_pairs([f"{key}={text}"], keys) == {key.replace("-", "_"): text.strip()}


@given(st.text(max_size=30))
def test_any_pair_parses_or_names_the_keys(pair: str) -> None:
    try:
        found = parse_pairs([pair], ("worst", "heard"))
        assert set(found) <= {"worst", "heard"}
    except InputError as err:
        assert "worst, heard" in str(err)


# --- Apology ---------------------------------------------------------------------------------


def test_pitfalls_match_whole_words_and_phrases_only() -> None:
    found = conflict.find_pitfalls("I'm Sorry   if the butter... BUT you made me. It’s not a "
                                   "big deal")
    assert [p.phrase for p in found] == ["sorry if", "but", "you made me", "it's not a big deal"]
    assert conflict.find_pitfalls("I rebutted you, made meals, and sorry, I felt iffy") == ()


def test_compose_keeps_step_order_and_adds_sorry_only_when_missing() -> None:
    parts = {"next_time": "I'll ask for a break first", "my_part": "I raised my voice"}
    assert conflict.compose(parts) == "I raised my voice. I'm sorry. I'll ask for a break first."
    owned = {"my_part": "I'm sorry I raised my voice!"}
    assert conflict.compose(owned) == "I'm sorry I raised my voice!"
    with pytest.raises(InputError, match="my_part"):
        conflict.apology_parts({"impact": "  "})


def test_records_keep_their_data(store: Store) -> None:
    with store.write() as session:
        sam, couple = people.set_up(session, "Sam", partner="Alex")
        assert couple is not None
        pause = conflict.plan_break(back_in="20m", back_at=None, now=datetime.now(UTC))
        conflict.record_timeout(session, sam, pause, text="back soon", relationship_id=couple.id,
                                visibility="shared")
        conflict.record_apology(session, sam, {"my_part": "I yelled, but I was tired"}, None,
                                relationship_id=couple.id, visibility="draft")
        with pytest.raises(InputError):
            conflict.record_debrief(session, sam, {"worst": " "}, None, relationship_id=None,
                                    visibility="private")
    with store.read() as session:
        alex = people.find_person(session, "Alex")
        assert alex is not None
        timeout, = entries_for(session, alex, kinds=["timeout"])
        apology, = entries_for(session, sam, kinds=["apology"])
        assert entries_for(session, alex, kinds=["apology"]) == []
    assert timeout.data["minutes"] == 20
    assert datetime.fromisoformat(timeout.data["return_at"]).utcoffset() == timedelta(0)
    assert apology.data == {"parts": {"my_part": "I yelled, but I was tired"},
                            "pitfalls": ["but"]}
    assert apology.text == "I yelled, but I was tired. I'm sorry."
