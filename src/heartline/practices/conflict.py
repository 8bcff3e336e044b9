"""Conflict, not avoided but repaired: a break, a debrief, an apology (M5.5).

When a talk gets too heated, a break with an agreed time to come back lets
both bodies calm down without anyone walking away; the other person needs to
know when you'll be back, so a time-out is naturally shared. Back together,
the debrief asks what felt worst, what could have gone differently and what
helped each feel heard. The apology builder goes step by step (what
happened, my part, how it landed, what I'll do next time) and points out,
gently, phrases that tend to undo an apology, matched as whole words so
"but" never fires on "butter".
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person, Visibility

SUGGESTED_MINUTES = 20
"""Below this, a racing heart rarely settles; we say so, and allow it."""
MAX_MINUTES = 24 * 60
DEBRIEF_CORE = ("worst", "differently", "heard")
APOLOGY_ORDER = ("what_happened", "my_part", "impact", "next_time")
SORRY_WORDS = re.compile(r"\b(sorry|apologi[sz]e)", re.IGNORECASE)
_DURATION = re.compile(
    r"(?:(?P<h>\d{1,3})\s*(?:h|hrs?|hours?))?\s*(?:(?P<m>\d{1,4})\s*(?:m|mins?|minutes?)?)?",
    re.IGNORECASE)
_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?:(?P<half>[ap])\.?m\.?)?",
                    re.IGNORECASE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class TimeoutContent:
    intro: str
    suggestions: tuple[str, ...]
    return_lines: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class DebriefContent:
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class ApologyStep:
    key: str
    prompt: str
    example: str


@dataclass(frozen=True)
class Pitfall:
    phrase: str
    why: str


@dataclass(frozen=True)
class ApologyContent:
    intro: str
    steps: tuple[ApologyStep, ...]
    pitfalls: tuple[Pitfall, ...]


@dataclass(frozen=True)
class Break:
    """An agreed pause: when you'll be back (aware) and how long that is."""

    return_at: datetime
    minutes: int


def timeout_content() -> TimeoutContent:
    part = load("conflict")["timeout"]
    return TimeoutContent(part["intro"], tuple(part["suggestions"]), tuple(part["return_lines"]))


def debrief_content() -> DebriefContent:
    part = load("conflict")["debrief"]
    return DebriefContent(part["intro"],
                          tuple(Question(q["key"], q["text"]) for q in part["questions"]))


def apology_content() -> ApologyContent:
    part = load("conflict")["apology"]
    return ApologyContent(part["intro"],
                          tuple(ApologyStep(s["key"], s["prompt"], s["example"])
                                for s in part["steps"]),
                          tuple(Pitfall(p["phrase"], p["why"]) for p in part["pitfalls"]))


# --- Time-out --------------------------------------------------------------------------------


def parse_minutes(text: str) -> int:
    """A break's length: "20", "20m", "45 minutes", "1h", "1h30" or "1 hour 15 min"."""
    found = _DURATION.fullmatch(text.strip())
    if not text.strip() or found is None or not (found["h"] or found["m"]):
        raise InputError(f"{text!r} isn't a length of time I can read: try 20m, 45 minutes "
                         "or 1h30.")
    minutes = int(found["h"] or 0) * 60 + int(found["m"] or 0)
    if not 1 <= minutes <= MAX_MINUTES:
        raise InputError("A break can be from 1 minute to 24 hours; pick a time you can both "
                         "keep, like 20m or 1h.")
    return minutes


def parse_clock(text: str, now: datetime) -> datetime:
    """The next time the clock shows ``text`` ("19:30", "7:30pm", "7pm") after ``now`` (aware)."""
    found = _CLOCK.fullmatch(text.strip())
    if found is None or not (found["m"] or found["half"]):
        raise InputError(f"{text!r} isn't a time I can read: try 19:30 or 7:30pm.")
    hour, minute = int(found["h"]), int(found["m"] or 0)
    if found["half"]:
        if not 1 <= hour <= 12:
            raise InputError(f"{text!r}: with am or pm the hour goes from 1 to 12.")
        hour = hour % 12 + (12 if found["half"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise InputError(f"{text!r} isn't a time of day: hours go to 23, minutes to 59.")
    at = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return at if at > now else at + timedelta(days=1)


def looks_like_clock(text: str) -> bool:
    """Whether an answer reads as a time of day ("19:30", "7pm") rather than a length."""
    found = _CLOCK.fullmatch(text.strip())
    return found is not None and bool(found["m"] or found["half"])


def plan_break(*, back_in: str | None, back_at: str | None, now: datetime) -> Break:
    """The agreed return, from exactly one of a length (``back_in``) or a clock time."""
    if (back_in is None) == (back_at is None):
        raise InputError("Say when you'll be back with one of --back-in (like 20m) or "
                         "--back-at (like 19:30).")
    if back_in is not None:
        minutes = parse_minutes(back_in)
        return Break(now + timedelta(minutes=minutes), minutes)
    at = parse_clock(back_at or "", now)
    return Break(at, math.ceil((at - now).total_seconds() / 60))


def parse_return(text: str, now: datetime) -> Break:
    """An answer to "when will you be back?": a time of day or a length of time."""
    if looks_like_clock(text):
        return plan_break(back_in=None, back_at=text, now=now)
    return plan_break(back_in=text, back_at=None, now=now)


def clock_text(at: datetime, now: datetime) -> str:
    """The return time on ``now``'s clock, "19:30", with "tomorrow" when it isn't today."""
    local = at.astimezone(now.tzinfo)
    return f"{local:%H:%M}" + (" tomorrow" if local.date() != now.date() else "")


def return_line(when: str, rng: random.Random | None = None) -> str:
    """Something to say before stepping away, with the time filled in."""
    return pick(timeout_content().return_lines, rng).format(time=when)


def calming(count: int = 3, rng: random.Random | None = None) -> tuple[str, ...]:
    suggestions = timeout_content().suggestions
    return tuple((rng or random.Random()).sample(suggestions, min(count, len(suggestions))))


def record_timeout(session: Session, person: Person, pause: Break, *, text: str,
                   relationship_id: str | None, visibility: Visibility) -> Entry:
    data = {"return_at": pause.return_at.astimezone(UTC).isoformat(), "minutes": pause.minutes}
    return add_entry(session, person, "timeout", visibility=visibility,
                     relationship_id=relationship_id, text=text, data=data)


# --- Debrief ---------------------------------------------------------------------------------




def combined(answers: Mapping[str, str]) -> str:
    """All answers as one turn, the way the engine reads a share (for safety)."""
    return " ".join(text for text in answers.values() if text)


def answered(answers: Mapping[str, str]) -> dict[str, str]:
    """The answers that say something; none at all is explained."""
    kept = {key: text.strip() for key, text in answers.items() if text.strip()}
    if not kept:
        raise InputError("Nothing to save yet: answer at least one question, e.g. "
                         "--answer worst=\"...\".")
    return kept


def record_debrief(session: Session, person: Person, answers: Mapping[str, str],
                   analysis: Mapping[str, Any] | None, *, relationship_id: str | None,
                   visibility: Visibility) -> Entry:
    return add_entry(session, person, "debrief", visibility=visibility,
                     relationship_id=relationship_id, data={"answers": answered(answers)},
                     analysis=analysis)


# --- Apology ---------------------------------------------------------------------------------


def find_pitfalls(text: str) -> tuple[Pitfall, ...]:
    """The pitfalls in ``text``, matched as whole words or phrases, in content order."""
    plain = " ".join(text.translate(_APOSTROPHES).lower().split())
    return tuple(p for p in apology_content().pitfalls if _has_phrase(plain, p.phrase))


def _has_phrase(text: str, phrase: str) -> bool:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.search(rf"(?<![\w']){words}(?![\w'])", text) is not None


def compose(parts: Mapping[str, str]) -> str:
    """The apology in step order; "I'm sorry." after my part when no sorry was said."""
    sentences = []
    for key in APOLOGY_ORDER:
        text = parts.get(key, "").strip()
        if text:
            sentences.append(text if text[-1] in ".!?" else f"{text}.")
        if key == "my_part" and not any(SORRY_WORDS.search(t) for t in parts.values()):
            sentences.append("I'm sorry.")
    return " ".join(sentences)


def apology_parts(parts: Mapping[str, str]) -> dict[str, str]:
    """The written parts in step order; none at all is explained."""
    kept = {key: parts[key].strip() for key in APOLOGY_ORDER if parts.get(key, "").strip()}
    if not kept:
        raise InputError("Nothing to save yet: write at least your part, e.g. "
                         "--part my_part=\"I raised my voice at you\".")
    return kept


def record_apology(session: Session, person: Person, parts: Mapping[str, str],
                   analysis: Mapping[str, Any] | None, *, relationship_id: str | None,
                   visibility: Visibility) -> Entry:
    kept = apology_parts(parts)
    text = compose(kept)
    found = [p.phrase for p in find_pitfalls(text)]
    return add_entry(session, person, "apology", visibility=visibility,
                     relationship_id=relationship_id, text=text,
                     data={"parts": kept, "pitfalls": found}, analysis=analysis)
