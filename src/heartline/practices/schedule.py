"""The rituals' schedule: which practice, when, and as a calendar file (M5).

Rituals keep people close because they come round without anyone having to
remember (M5.1, M5.2). A person picks the days and time for each; ``today``
reads the schedule, and ``calendar`` turns it into an iCalendar file (through
the ``icalendar`` library) that any calendar app imports. Times are "floating"
local times, so a 7:30 pm check-in stays at 7:30 pm wherever you are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from heartline.errors import InputError
from heartline.store.reminders import DAYS
from heartline.store.values import Reminder

PRODUCT_ID = "-//heartline//rituals//EN"


@dataclass(frozen=True)
class Ritual:
    """A practice that can be scheduled, its invitation, and a sensible default."""

    key: str
    title: str
    invitation: str
    command: str
    days: str
    at: str
    minutes: int


RITUALS: dict[str, Ritual] = {r.key: r for r in (
    Ritual("checkin", "Reconnect", "A real answer to 'what mattered today?', and your "
           "rose, thorn and bud.", "heartline checkin", "daily", "18:30", 10),
    Ritual("weekly", "Weekly check-in", "Bring a few things to tell and a few questions "
           "to ask.", "heartline weekly", "SU", "19:00", 45),
    Ritual("hug", "A long hug", "Five slow minutes, breathing together.", "heartline hug",
           "daily", "21:30", 5),
    Ritual("unplug", "Unplugged time", "Phones away, just the two of you.",
           "heartline unplug start", "SA", "10:00", 30),
    Ritual("cards", "A question to ask", "Draw an open question and listen to the answer.",
           "heartline cards", "WE", "20:00", 15),
    Ritual("appreciate", "Appreciation", "Tell them one specific thing you noticed and "
           "valued.", "heartline appreciate", "FR", "18:00", 5),
    Ritual("new-things", "Something new together", "Try something new to both of you.",
           "heartline new-things", "SA", "14:00", 90),
    Ritual("feelings", "Notice and name it", "Pause and put a word to what you feel.",
           "heartline feelings name", "weekdays", "13:00", 2),
    Ritual("pulse", "Closeness pulse", "A two-minute look at how close you feel.",
           "heartline pulse", "SU", "18:00", 5),
    Ritual("independence", "Time for yourself", "Check in on time for yourself and your "
           "friends.", "heartline independence", "MO", "19:00", 5),
)}


def ritual(key: str) -> Ritual:
    if key not in RITUALS:
        raise InputError(f"Unknown ritual {key!r}: choose one of {', '.join(RITUALS)}.")
    return RITUALS[key]


def due_on(reminders: Iterable[Reminder], day: date) -> list[Reminder]:
    """The reminders that fall on ``day``, by time of day."""
    code = DAYS[day.weekday()]
    return sorted((r for r in reminders if code in r.days.split(",")), key=lambda r: r.at)


def first_occurrence(reminder: Reminder, after: date) -> datetime:
    """The first date on or after ``after`` that the reminder falls on, at its time."""
    hour, minute = map(int, reminder.at.split(":"))
    day = next(after + timedelta(days=n) for n in range(7)
               if DAYS[(after + timedelta(days=n)).weekday()] in reminder.days.split(","))
    return datetime.combine(day, time(hour, minute))


def calendar(reminders: Iterable[Reminder], *, starting: date) -> bytes:
    """An iCalendar file with one repeating event (and alarm) per reminder."""
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "heartline rituals")
    for reminder in reminders:
        cal.add_component(_event(reminder, starting))
    return cal.to_ical()


def _event(reminder: Reminder, starting: date) -> Event:
    about = RITUALS.get(reminder.practice)
    title = about.title if about else reminder.practice
    description = f"{about.invitation} ({about.command})" if about else ""
    event = Event()
    event.add("uid", f"{reminder.id}@heartline")
    event.add("dtstamp", reminder.created_at)
    event.add("summary", title)
    event.add("description", description)
    event.add("dtstart", first_occurrence(reminder, starting))
    event.add("duration", timedelta(minutes=reminder.minutes))
    event.add("rrule", {"freq": "weekly", "byday": reminder.days.split(",")})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
