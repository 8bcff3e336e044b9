"""Timing bids: "is now a good time to talk about …?" and its answer (M3).

A heavy topic lands better when the other person has room for it. A bid is
a shared entry in a relationship; the other person answers now, later (with
a time) or not today, and every answer is a good one. Afterwards the asker
notes whether the bid was met, which helps both see what works. Times are
read in the person's local time and stored as ISO UTC.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from heartline.analysis.results import TurnAnalysis
from heartline.errors import InputError, NotFoundError
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry, entries_for, update_entry
from heartline.store.people import relationships_of
from heartline.store.values import Entry, Person, Visibility

Answer = Literal["now", "later", "not_today"]
ANSWERS: tuple[Answer, ...] = ("now", "later", "not_today")
MOST_LATER = timedelta(days=7)
RECENT = timedelta(days=30)
MOST_LISTED = 30
MAX_TOPIC = 200
NO_ONE_TO_ASK = ("A bid needs someone to ask, and you're on your own here so far. "
                 "Connect with them first: heartline hello --with NAME")
TIME_HINT = 'Try a time like "19:30", "in 20 minutes", "in 2 hours" or "tomorrow 9:00".'

_CLOCK = re.compile(r"(?:at )?(\d{1,2})(?:[:.](\d{2}))? ?(am|pm)?")
_IN = re.compile(r"in (an?|\d{1,5}) ?(m|mins?|minutes?|h|hrs?|hours?)")
_TOMORROW = re.compile(r"tomorrow(?: (?:at )?(.+))?")


@dataclass(frozen=True)
class BidLine:
    """One bid as a person sees it in a list."""

    id: str
    asked_at: datetime
    asker: str
    question: str
    answer: str | None
    later_at: datetime | None
    met: bool | None
    yours: bool

    @property
    def waiting_on_you(self) -> bool:
        return not self.yours and self.answer is None


def phrasings() -> tuple[str, ...]:
    return tuple(load("bids")["ask"]["phrasings"])


def compose(topic: str | None, *, phrasing: int = 0) -> str:
    """The question with ``topic`` in phrasing number ``phrasing`` (0 is the plainest)."""
    choices = phrasings()
    if not 0 <= phrasing < len(choices):
        raise InputError(f"Pick a phrasing from 1 to {len(choices)}.")
    cleaned = " ".join((topic or "").split()).rstrip(" ?.!")
    if cleaned.casefold().startswith("about "):
        cleaned = cleaned[len("about "):]
    if len(cleaned) > MAX_TOPIC:
        raise InputError(f"Keep the topic short (at most {MAX_TOPIC} characters); "
                         "the talk itself holds the rest.")
    return choices[phrasing].format(topic=cleaned or load("bids")["ask"]["no_topic"])


def ask(session: Session, person: Person, question: str, *, topic: str | None,
        relationship_id: str | None, analysis: TurnAnalysis | None = None,
        visibility: Visibility = "shared") -> Entry:
    """Store a bid for the other person in ``relationship_id`` to answer."""
    if relationship_id is None:
        raise InputError(NO_ONE_TO_ASK)
    if not question.strip():
        raise InputError("Write the question you'd like to ask, or leave --text out "
                         "to pick one of ours.")
    data = {"topic": (topic or "").strip() or None, "answer": None, "answered_by": None,
            "answered_at": None, "later_at": None, "met": None}
    return add_entry(session, person, "bid", visibility=visibility,
                     relationship_id=relationship_id, text=question.strip(), data=data,
                     analysis=analysis.to_dict() if analysis else None)


def open_bids_for(session: Session, person: Person) -> list[Entry]:
    """Shared bids in the person's relationships, from someone else, still unanswered; oldest
    first."""
    mine = {r.id for r in relationships_of(session, person.id)}
    return [e for e in entries_for(session, person, kinds=["bid"], newest_first=False)
            if e.author_id != person.id and e.visibility == "shared"
            and e.relationship_id in mine and e.data.get("answer") is None]


def find_bid(session: Session, person: Person, bid_id: str) -> Entry:
    """A bid the person can see, by its id or the first characters of it."""
    wanted = bid_id.strip().casefold()
    found = [e for e in entries_for(session, person, kinds=["bid"]) if e.id.startswith(wanted)]
    if not wanted or not found:
        raise NotFoundError(f"No bid {bid_id!r} that you can see. heartline bid list shows them.")
    if len(found) > 1:
        raise InputError(f"More than one bid starts with {bid_id!r}; give a few more characters.")
    return found[0]


def answerable(session: Session, person: Person, bid_id: str | None) -> Entry:
    """The bid to answer: the one named, or the oldest waiting for this person."""
    if bid_id is None:
        waiting = open_bids_for(session, person)
        if not waiting:
            raise NotFoundError("No bids are waiting for your answer. heartline bid list shows "
                                "recent ones.")
        return waiting[0]
    bid = find_bid(session, person, bid_id)
    if bid.author_id == person.id:
        raise InputError("That's your own bid, so it's for the other person to answer "
                         "(heartline --as THEIR-NAME bid answer).")
    return bid


def answer(session: Session, person: Person, bid_id: str | None, answer: Answer,
           later_at: datetime | None = None, *, now: datetime | None = None) -> Entry:
    """Answer a bid (the oldest one waiting for you when ``bid_id`` is None)."""
    if answer not in ANSWERS:
        raise InputError(f"Answer now, later or not today, not {answer!r}.")
    if answer == "later" and later_at is None:
        raise InputError(f"Say when for 'later'. {TIME_HINT}")
    bid = answerable(session, person, bid_id)
    moment = now or datetime.now(UTC)
    data = {"answer": answer, "answered_by": person.id,
            "answered_at": moment.astimezone(UTC).isoformat(),
            "later_at": later_at.astimezone(UTC).isoformat()
            if answer == "later" and later_at else None}
    return update_entry(session, bid.id, person, data=data)


def notable(session: Session, person: Person, bid_id: str | None) -> Entry:
    """The asker's bid to note: the one named, else their newest unnoted (answered first)."""
    if bid_id is not None:
        bid = find_bid(session, person, bid_id)
        if bid.author_id != person.id:
            raise InputError("Only the person who asked can note whether a bid was met.")
        return bid
    mine = [e for e in entries_for(session, person, kinds=["bid"], author=person)
            if e.data.get("met") is None]
    if not mine:
        raise NotFoundError("You have no bids left to note. Ask one with: heartline bid ask")
    answered = [e for e in mine if e.data.get("answer") is not None]
    return (answered or mine)[0]


def mark_met(session: Session, person: Person, bid_id: str | None, met: bool) -> Entry:
    """The asker notes whether the bid was met (their newest unnoted one when no id)."""
    bid = notable(session, person, bid_id)
    return update_entry(session, bid.id, person, data={"met": met})


def overview(session: Session, person: Person, *, now: datetime) -> list[BidLine]:
    """Bids the person can see: all still open, and the rest from the last 30 days."""
    names = {p.id: p.name for r in relationships_of(session, person.id)
             for p in (m.person for m in r.members)}
    names[person.id] = person.name
    lines = [_line(e, person, names) for e in entries_for(session, person, kinds=["bid"])]
    kept = [b for b in lines if b.asked_at >= now - RECENT or b.answer is None
            or (b.yours and b.met is None)]
    return kept[:MOST_LISTED]


def _line(entry: Entry, person: Person, names: dict[str, str]) -> BidLine:
    later = entry.data.get("later_at")
    return BidLine(entry.id, entry.created_at, names.get(entry.author_id, "someone"),
                   entry.text or "", entry.data.get("answer"),
                   datetime.fromisoformat(later) if later else None, entry.data.get("met"),
                   entry.author_id == person.id)


def answer_line(answer: Answer, asker: str, rng: random.Random | None = None) -> str:
    return pick(load("bids")["answer"][answer], rng).format(asker=asker)


def met_line(met: bool, rng: random.Random | None = None) -> str:
    return pick(load("bids")["met"]["yes" if met else "no"], rng)


def parse_later(text: str, now: datetime) -> datetime:
    """A time later than ``now`` (aware, local) and within a week, from plain words."""
    cleaned = " ".join(text.casefold().split())
    if match := _IN.fullmatch(cleaned):
        amount = 1 if match[1] in ("a", "an") else int(match[1])
        unit = timedelta(hours=1) if match[2].startswith("h") else timedelta(minutes=1)
        when = now + amount * unit
    elif match := _TOMORROW.fullmatch(cleaned):
        if match[1] is None:
            raise InputError("Say when tomorrow, like 'tomorrow 9:00'.")
        when = _on(now, now.date() + timedelta(days=1), _clock(match[1], text))
    else:
        clock = _clock(cleaned, text)
        when = _on(now, now.date(), clock)
        if when <= now:
            when = _on(now, now.date() + timedelta(days=1), clock)
    if when <= now:
        raise InputError(f"{text!r} is not later than now. {TIME_HINT}")
    if when > now + MOST_LATER:
        raise InputError(f"{text!r} is more than a week away. Pick a time within the next "
                         "7 days, or answer --not-today.")
    return when


def _clock(cleaned: str, original: str) -> time:
    match = _CLOCK.fullmatch(cleaned)
    if match is None:
        raise InputError(f"heartline can't read {original!r} as a time. {TIME_HINT}")
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half is not None:
        if not 1 <= hour <= 12:
            raise InputError(f"{original!r}: with am or pm, the hour runs from 1 to 12.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InputError(f"{original!r} isn't a time on the clock. {TIME_HINT}")
    return time(hour, minute)


def _on(now: datetime, day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=now.tzinfo)
