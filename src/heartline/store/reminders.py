"""The reminder schedule: which ritual, on which days, at what time, for how long."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from heartline.errors import InputError, NotFoundError
from heartline.store.schema import ReminderRow
from heartline.store.values import Person, Reminder

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def add_reminder(session: Session, person: Person, practice: str, *, days: str, at: str,
                 minutes: int) -> Reminder:
    row = ReminderRow(person_id=person.id, practice=practice, days=parse_days(days),
                      at=_check_time(at), minutes=_check_minutes(minutes))
    session.add(row)
    session.flush()
    return reminder_value(row)


def reminders_of(session: Session, person: Person) -> list[Reminder]:
    rows = session.scalars(select(ReminderRow).where(ReminderRow.person_id == person.id)
                           .order_by(ReminderRow.created_at, ReminderRow.id))
    return [reminder_value(r) for r in rows]


def remove_reminder(session: Session, person: Person, reminder_id: str) -> None:
    row = session.get(ReminderRow, reminder_id)
    if row is None or row.person_id != person.id:
        raise NotFoundError(f"No reminder {reminder_id} of yours.")
    session.delete(row)


def parse_days(days: str) -> str:
    """``daily``, ``weekdays``, ``weekends`` or a list like ``mo,we,fr`` → ``MO,WE,FR``."""
    named = {"daily": DAYS, "weekdays": DAYS[:5], "weekends": DAYS[5:]}
    chosen = named.get(days.strip().lower()) or tuple(
        d.strip().upper()[:2] for d in days.split(",") if d.strip())
    if not chosen or any(d not in DAYS for d in chosen):
        raise InputError(f"Days {days!r} not understood: use daily, weekdays, weekends "
                         "or a list like mo,we,fr.")
    return ",".join(d for d in DAYS if d in chosen)


def _check_time(at: str) -> str:
    if not _TIME.match(at.strip()):
        raise InputError(f"Time {at!r} not understood: use 24-hour HH:MM, like 19:30.")
    return at.strip()


def _check_minutes(minutes: int) -> int:
    if not 1 <= minutes <= 600:
        raise InputError("A reminder lasts between 1 and 600 minutes.")
    return minutes


def reminder_value(row: ReminderRow) -> Reminder:
    return Reminder(row.id, row.person_id, row.practice, row.days, row.at, row.minutes,
                    row.created_at)
