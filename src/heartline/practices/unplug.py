"""Unplugged time together: screens away, and a gentle tally of the week (M5.9).

Phones pulling attention mid-conversation tell the other person they come
second (M2). A session is started and stopped (or logged afterwards, when
nobody thought to start it). The week's total counts time, not streaks: it
runs Monday to Sunday in local time, splits a session that crosses midnight
between its days, and counts overlapping sessions (both people pressed start)
once.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry, entries_for, update_entry
from heartline.store.values import Entry, Person, Visibility

MAX_MINUTES = 24 * 60
WEEK = 7
# Logged sessions may start up to a day before they were written down.
LOOK_BACK = timedelta(minutes=MAX_MINUTES)


@dataclass(frozen=True)
class Span:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Week:
    """Unplugged minutes per local day, Monday first; ``total`` is their sum."""

    days: tuple[tuple[date, int], ...]

    @property
    def total(self) -> int:
        return sum(minutes for _, minutes in self.days)


def invitation(rng: random.Random | None = None) -> tuple[str, str]:
    """An opening line and one idea to fill the time."""
    data = load("unplug")
    return pick(data["intro"], rng), pick(data["ideas"], rng)


def check_minutes(minutes: int) -> int:
    if not 1 <= minutes <= MAX_MINUTES:
        raise InputError(f"Minutes must be between 1 and {MAX_MINUTES}, not {minutes}.")
    return minutes


def running(session: Session, person: Person) -> Entry | None:
    """This person's session that has started and not stopped, if any."""
    mine = entries_for(session, person, kinds=["unplug"], author=person)
    return next((e for e in mine if e.data.get("ended_at") is None), None)


def check_can_start(session: Session, person: Person) -> None:
    """One session at a time: say so kindly when one is already running."""
    already = running(session, person)
    if already is not None:
        since = _moment(already.data["started_at"]).astimezone()
        raise InputError(f"Unplugged time is already running, since {since:%H:%M}. Enjoy it; "
                         "when the phones come back out: heartline unplug stop")


def start(session: Session, person: Person, *, now: datetime, relationship_id: str | None,
          visibility: Visibility) -> Entry:
    check_can_start(session, person)
    data = {"started_at": now.isoformat(timespec="seconds"), "ended_at": None, "minutes": None}
    return add_entry(session, person, "unplug", visibility=visibility,
                     relationship_id=relationship_id, data=data, at=now)


def stop(session: Session, person: Person, *, now: datetime,
         minutes: int | None = None) -> Entry:
    """Close the running session; ``minutes`` corrects one that was left running."""
    open_one = running(session, person)
    if open_one is None:
        raise InputError("No unplugged time is running. Start one with: heartline unplug start "
                         "(or add time you forgot: heartline unplug log --minutes 30)")
    started = _moment(open_one.data["started_at"])
    if minutes is not None:
        now = started + timedelta(minutes=check_minutes(minutes))
    ended = max(now, started)
    return update_entry(session, open_one.id, person, data={
        "ended_at": ended.isoformat(timespec="seconds"), "minutes": _minutes(ended - started)})


def log(session: Session, person: Person, *, minutes: int, now: datetime,
        relationship_id: str | None, visibility: Visibility) -> Entry:
    """Time together that nobody started a timer for, ending now."""
    started = now - timedelta(minutes=check_minutes(minutes))
    data = {"started_at": started.isoformat(timespec="seconds"),
            "ended_at": now.isoformat(timespec="seconds"), "minutes": minutes}
    return add_entry(session, person, "unplug", visibility=visibility,
                     relationship_id=relationship_id, data=data, at=now)


def this_week(session: Session, person: Person, *, now: datetime,
              tz: tzinfo | None = None) -> Week:
    """The week so far, from every session ``person`` may see (theirs and shared ones)."""
    first = week_start(now, tz)
    seen = entries_for(session, person, kinds=["unplug"], since=_midnight(first, tz) - LOOK_BACK)
    return week(spans(seen, now=now), now=now, tz=tz)


def spans(entries: Iterable[Entry], *, now: datetime) -> list[Span]:
    """Each session's time span; one still running counts up to ``now``."""
    found = []
    for entry in entries:
        begun, ended = entry.data.get("started_at"), entry.data.get("ended_at")
        if begun:
            found.append(Span(_moment(begun), _moment(ended) if ended else now))
    return found


def week(sessions: Sequence[Span], *, now: datetime, tz: tzinfo | None = None) -> Week:
    """Minutes per day of ``now``'s Monday-to-Sunday week, in ``tz`` (default: local time)."""
    merged = _merged(sessions)
    first = week_start(now, tz)
    days = []
    for offset in range(WEEK):
        day = first + timedelta(days=offset)
        begin, end = _midnight(day, tz), _midnight(day + timedelta(days=1), tz)
        overlap = sum(((min(s.end, end) - max(s.start, begin)) for s in merged
                       if s.start < end and s.end > begin), timedelta())
        days.append((day, _minutes(overlap)))
    return Week(tuple(days))


def week_start(now: datetime, tz: tzinfo | None = None) -> date:
    local = now.astimezone(tz).date()
    return local - timedelta(days=local.weekday())


def _merged(sessions: Sequence[Span]) -> list[Span]:
    """Overlapping spans joined, so time two people both logged counts once."""
    merged: list[Span] = []
    for span in sorted(sessions, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        elif span.end > span.start:
            merged.append(span)
    return merged


def _midnight(day: date, tz: tzinfo | None) -> datetime:
    if tz is not None:
        return datetime.combine(day, time(), tzinfo=tz)
    return datetime.combine(day, time()).astimezone()


def _minutes(length: timedelta) -> int:
    return int(length.total_seconds() / 60 + 0.5)


def _moment(value: object) -> datetime:
    return datetime.fromisoformat(str(value))
