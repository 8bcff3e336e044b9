"""Unplugged time (M5.9): one session at a time, and a weekly tally that counts time fairly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError
from heartline.practices import unplug
from heartline.practices.unplug import Span, week
from heartline.store import Store, people

TZ = timezone(timedelta(hours=2))
MONDAY = datetime(2024, 6, 10, tzinfo=TZ)  # a Monday, local midnight
NOW = MONDAY + timedelta(days=4, hours=20)  # Friday evening


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def minutes_by_day(spans: list[Span], now: datetime = NOW) -> list[int]:
    return [m for _, m in week(spans, now=now, tz=TZ).days]


def test_a_session_across_midnight_counts_on_both_days() -> None:
    days = minutes_by_day([Span(at(1, 23, 30), at(2, 0, 45))])
    assert days == [0, 30, 45, 0, 0, 0, 0]


def test_several_sessions_add_up_and_overlaps_count_once() -> None:
    sessions = [Span(at(0, 9), at(0, 9, 30)), Span(at(0, 18), at(0, 19)),
                Span(at(3, 20), at(3, 21)), Span(at(3, 20, 30), at(3, 21, 15))]
    result = week(sessions, now=NOW, tz=TZ)
    assert minutes_by_day(sessions) == [90, 0, 0, 75, 0, 0, 0]
    assert result.total == 165 and result.days[0][0].weekday() == 0


def test_only_this_weeks_part_of_a_session_counts() -> None:
    sunday_night = Span(at(-1, 23), at(0, 1))
    next_week = Span(at(7, 10), at(7, 11))
    assert minutes_by_day([sunday_night, next_week]) == [60, 0, 0, 0, 0, 0, 0]


def test_the_week_starts_on_monday_in_local_time() -> None:
    # 23:30 UTC on Sunday is already Monday 01:30 at UTC+2: a new week there.
    sunday_utc = datetime(2024, 6, 9, 23, 30, tzinfo=UTC)
    assert unplug.week_start(sunday_utc, TZ) == MONDAY.date()
    assert unplug.week_start(sunday_utc, UTC) == MONDAY.date() - timedelta(days=7)


@given(st.lists(st.tuples(st.integers(0, 7 * 24 * 60 - 1), st.integers(1, 300)), max_size=8))
def test_the_total_is_the_time_covered_by_any_session(raw: list[tuple[int, int]]) -> None:
    covered = {m for start, length in raw for m in range(start, min(start + length, 7 * 1440))}
    spans = [Span(MONDAY + timedelta(minutes=s), MONDAY + timedelta(minutes=s + n))
             for s, n in raw]
    assert week(spans, now=NOW, tz=TZ).total == len(covered)


@given(st.integers(min_value=-10, max_value=3000))
def test_minutes_to_log(minutes: int) -> None:
    if 1 <= minutes <= unplug.MAX_MINUTES:
        assert unplug.check_minutes(minutes) == minutes
    else:
        with pytest.raises(InputError):
            unplug.check_minutes(minutes)


def test_start_stop_log_and_what_the_partner_sees(store: Store) -> None:
    now = datetime(2024, 6, 13, 12, tzinfo=UTC)  # a Thursday noon in every time zone
    with store.write() as session:
        sam, couple = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
        assert alex is not None and couple is not None
        started = unplug.start(session, sam, now=now - timedelta(minutes=40),
                               relationship_id=couple.id, visibility="shared")
        assert dict(started.data)["ended_at"] is None
        with pytest.raises(InputError, match="already running"):
            unplug.start(session, sam, now=now, relationship_id=None, visibility="private")
        with pytest.raises(InputError, match="No unplugged time is running"):
            unplug.stop(session, alex, now=now)
        stopped = unplug.stop(session, sam, now=now)
        unplug.log(session, sam, minutes=20, now=now - timedelta(hours=2),
                   relationship_id=None, visibility="private")
    assert stopped.data["minutes"] == 40 and set(stopped.data) == {"started_at", "ended_at",
                                                                  "minutes"}
    with store.read() as session:
        assert unplug.running(session, sam) is None
        mine = unplug.this_week(session, sam, now=now + timedelta(minutes=1))
        theirs = unplug.this_week(session, alex, now=now + timedelta(minutes=1))
    assert mine.total == 60 and theirs.total == 40  # Alex sees the shared session only


def test_a_session_left_running_can_be_corrected(store: Store) -> None:
    now = datetime.now(UTC)
    with store.write() as session:
        sam, _ = people.set_up(session, "Sam")
        unplug.start(session, sam, now=now - timedelta(hours=9), relationship_id=None,
                     visibility="private")
        stopped = unplug.stop(session, sam, now=now, minutes=45)
    assert stopped.data["minutes"] == 45
    ended = datetime.fromisoformat(stopped.data["ended_at"])
    assert ended - datetime.fromisoformat(stopped.data["started_at"]) == timedelta(minutes=45)
