"""The ritual schedule, day parsing and the iCalendar file."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from heartline.errors import InputError
from heartline.practices.schedule import RITUALS, calendar, due_on, first_occurrence
from heartline.store.reminders import DAYS, parse_days
from heartline.store.values import Reminder

MONDAY = date(2026, 11, 23)


def _reminder(days: str, at: str = "19:30", practice: str = "weekly") -> Reminder:
    return Reminder("r" * 32, "p" * 32, practice, days, at, 45,
                    datetime(2026, 11, 1, tzinfo=UTC))


@given(st.sets(st.sampled_from(DAYS), min_size=1), st.booleans())
def test_any_list_of_days_parses_in_week_order(days: set[str], lower: bool) -> None:
    text = ",".join(d.lower() if lower else d for d in days)
    assert parse_days(text).split(",") == [d for d in DAYS if d in days]


@pytest.mark.parametrize("text", ["", "funday", "mo,xx", ",,"])
def test_unknown_days_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_days(text)


def test_named_day_sets() -> None:
    assert parse_days("weekends") == "SA,SU"
    assert parse_days("Daily") == ",".join(DAYS)


def test_first_occurrence_is_on_a_scheduled_day() -> None:
    assert first_occurrence(_reminder("SU"), MONDAY) == datetime(2026, 11, 29, 19, 30)
    assert first_occurrence(_reminder("MO"), MONDAY) == datetime(2026, 11, 23, 19, 30)


def test_due_on_sorts_by_time() -> None:
    early, late = _reminder("MO", "07:00"), _reminder("MO,TU", "21:00")
    assert due_on([late, early, _reminder("SU")], MONDAY) == [early, late]


def test_the_calendar_file_has_one_repeating_event_per_reminder() -> None:
    parsed = Calendar.from_ical(calendar([_reminder("SU"), _reminder("MO,WE", "21:15", "hug")],
                                         starting=MONDAY))
    events = parsed.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [RITUALS["weekly"].title, RITUALS["hug"].title]
    assert events[1]["rrule"]["BYDAY"] == ["MO", "WE"]
    assert events[0].decoded("dtstart") == datetime(2026, 11, 29, 19, 30)
    assert len(events[0].walk("VALARM")) == 1


def test_every_ritual_default_is_valid() -> None:
    for ritual in RITUALS.values():
        assert parse_days(ritual.days) and 1 <= ritual.minutes <= 600
        assert ritual.command.startswith("heartline ")
