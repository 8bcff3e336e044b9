"""Today: a few gentle suggestions from the schedule and what has happened lately (M5).

It never counts streaks or points at what was missed; it offers what could
help now. What someone else asked of you comes first (a bid waiting for an
answer, M3), then a promised return from a time-out (M5.5), then today's
rituals, then one small thing. When the other person has been quiet for a
while, or there is no one yet, it offers a path that works alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from heartline.practices.schedule import RITUALS, due_on
from heartline.store import people
from heartline.store.entries import entries_for
from heartline.store.reminders import reminders_of
from heartline.store.values import Entry, Person

RECENT = timedelta(days=14)
QUIET_AFTER = timedelta(days=7)
PULSE_EVERY = timedelta(days=14)
DEBRIEF_WITHIN = timedelta(days=3)
MOST_SUGGESTIONS = 6
# Which entry kind shows that a scheduled ritual happened.
RITUAL_KINDS = {"checkin": "checkin", "weekly": "weekly", "hug": "hug", "unplug": "unplug",
                "cards": "card", "appreciate": "appreciation", "new-things": "new_thing",
                "feelings": "feeling", "pulse": "pulse", "independence": "independence"}
SMALL_THINGS = (
    ("A specific thank-you", "Name one thing they did lately and how it helped.",
     "heartline appreciate"),
    ("A long hug", "Five slow minutes, breathing together.", "heartline hug"),
    ("A question to ask", "An open question from a deck, light or deep.", "heartline cards daily"),
    ("Something new", "Pick something neither of you has tried.", "heartline new-things"),
    ("Laugh together", "A prompt to remember something funny.", "heartline humor"),
)
SOLO_THINGS = (
    ("Notice and name a feeling", "Thirty seconds to put a word to what you feel.",
     "heartline feelings name"),
    ("Your own check-in", "A private rose, thorn and bud, only for you.",
     "heartline checkin --visibility private"),
    ("Time for yourself", "How are you doing for time alone and with friends?",
     "heartline independence"),
)


@dataclass(frozen=True)
class Suggestion:
    title: str
    why: str
    command: str


@dataclass(frozen=True)
class Today:
    person: Person
    suggestions: tuple[Suggestion, ...]
    solo: bool
    quiet: tuple[str, ...]
    """Names of the people in your relationships who have shared nothing lately."""


def plan(session: Session, person: Person, *, now: datetime) -> Today:
    """What could help today; ``now`` is an aware datetime (local wall clock used for days)."""
    recent = entries_for(session, person, since=now - RECENT)
    others = {p.id: p.name for r in people.relationships_of(session, person.id)
              for p in r.others(person.id)}
    active = {e.author_id for e in recent if e.created_at >= now - QUIET_AFTER}
    quiet = tuple(name for pid, name in others.items() if pid not in active)
    solo = len(quiet) == len(others)
    found = [*_waiting_on_you(recent, person, now), *_rituals_due(session, recent, person, now)]
    found += _check_ins(recent, person, now, scheduled={s.command for s in found})
    things = SOLO_THINGS if solo else SMALL_THINGS
    title, why, command = things[now.toordinal() % len(things)]
    found.append(Suggestion(title, why, command))
    unique = list({s.command: s for s in found}.values())
    return Today(person, tuple(unique[:MOST_SUGGESTIONS]), solo, quiet)


def _waiting_on_you(recent: Sequence[Entry], person: Person, now: datetime) -> list[Suggestion]:
    found = _exchange(recent, person)
    for bid in (e for e in recent if e.kind == "bid"):
        if bid.author_id != person.id and bid.data.get("answer") is None:
            found.append(Suggestion("Someone asked for a moment",
                                    f"\"{bid.text}\" Now, later, or not today are all fine.",
                                    "heartline bid answer"))
        elif bid.author_id == person.id and bid.data.get("answer") and \
                bid.data.get("met") is None:
            found.append(Suggestion("How did your talk go?",
                                    "Note whether your bid was met; it helps you both see "
                                    "what works.", "heartline bid met"))
    found += _timeouts(recent, person, now)
    running = [e for e in recent if e.kind == "unplug" and e.author_id == person.id
               and e.data.get("ended_at") is None]
    if running:
        found.append(Suggestion("Unplugged time is running", "Stop it when you pick your "
                                "phones back up.", "heartline unplug stop"))
    return found


def _exchange(recent: Sequence[Entry], person: Person) -> list[Suggestion]:
    """Someone shared and is waiting for a reply; someone replied to you."""
    replied = {e.parent_id for e in recent if e.kind == "reply" and e.author_id == person.id}
    answered = {e.parent_id for e in recent if e.kind == "understood"}
    mine = {e.id for e in recent if e.kind == "share" and e.author_id == person.id}
    found = []
    if any(e.kind == "share" and e.author_id != person.id and e.id not in replied
           for e in recent):
        found.append(Suggestion("Something was shared with you", "Read it, and reply so they "
                                "can see you get it and you care.", "heartline reply"))
    if any(e.kind == "reply" and e.parent_id in mine and e.id not in answered for e in recent):
        found.append(Suggestion("A reply to what you shared", "Did it make you feel "
                                "understood? Tell them either way.", "heartline understood"))
    return found


def _timeouts(recent: Sequence[Entry], person: Person, now: datetime) -> list[Suggestion]:
    timeouts = [e for e in recent if e.kind == "timeout" and e.created_at >= now - DEBRIEF_WITHIN]
    if not timeouts:
        return []
    latest = max(timeouts, key=lambda e: e.created_at)
    debriefed = any(e.kind == "debrief" and e.created_at > latest.created_at for e in recent)
    if debriefed:
        return []
    back = _when(latest.data.get("return_at"))
    if back is not None and back > now:
        return [Suggestion("A break, with a way back", f"You agreed to come back at "
                           f"{back.astimezone():%H:%M}. Until then, something calming.",
                           "heartline repair timeout --help")]
    return [Suggestion("Come back and repair", "A short debrief: what felt worst, what could "
                       "have gone differently, what helped you feel heard.",
                       "heartline repair debrief")]


def _rituals_due(session: Session, recent: Sequence[Entry], person: Person,
                 now: datetime) -> list[Suggestion]:
    local = now.astimezone()
    done_today = {e.kind for e in recent if e.author_id == person.id
                  and e.created_at.astimezone().date() == local.date()}
    found = []
    for reminder in due_on(reminders_of(session, person), local.date()):
        ritual = RITUALS.get(reminder.practice)
        if ritual and RITUAL_KINDS.get(ritual.key) not in done_today:
            found.append(Suggestion(f"{ritual.title} at {reminder.at}", ritual.invitation,
                                    ritual.command))
    return found


def _check_ins(recent: Sequence[Entry], person: Person, now: datetime, *,
               scheduled: set[str]) -> list[Suggestion]:
    mine = [e for e in recent if e.author_id == person.id]
    local = now.astimezone().date()
    found = []
    if "heartline checkin" not in scheduled and not any(
            e.kind == "checkin" and e.created_at.astimezone().date() == local for e in mine):
        found.append(Suggestion("Reconnect", "What mattered to you today? Your rose, thorn "
                                "and bud.", "heartline checkin"))
    if not any(e.kind == "pulse" and e.created_at >= now - PULSE_EVERY for e in mine):
        found.append(Suggestion("A closeness pulse", "Two minutes, ten statements, a line to "
                                "watch over time.", "heartline pulse"))
    return found


def _when(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
