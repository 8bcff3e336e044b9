"""The long, slow hug: five minutes of breathing together (M5.8).

Touch that asks for nothing calms both people and says "I'm here" without
words. The practice paces the breath (in for ``breath_in`` seconds, out for a
little longer) and shows one calm cue at a time. The pacing is a pure
schedule of steps, so it can be tested without waiting; the CLI does the
sleeping. A hug cut short is still a hug: what was done is what gets logged.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person, Visibility

Phase = Literal["in", "out"]
PHASE_WORDS: dict[Phase, str] = {"in": "breathe in…", "out": "breathe out…"}
DEFAULT_MINUTES = 5
MAX_MINUTES = 30
MAX_SECONDS = MAX_MINUTES * 60
# A new cue every few breaths: often enough to guide, rarely enough to stay calm.
BREATHS_PER_CUE = 2


@dataclass(frozen=True)
class HugScript:
    intro: str
    breath_in: int
    breath_out: int
    cues: tuple[str, ...]
    closing: tuple[str, ...]


class Step(NamedTuple):
    """From ``at`` seconds after the start: breathe this way, with this cue in mind."""

    at: float
    phase: Phase
    cue: str


def script() -> HugScript:
    data = load("hug")
    return HugScript(intro=data["intro"], breath_in=int(data["breath_in"]),
                     breath_out=int(data["breath_out"]), cues=tuple(data["cues"]),
                     closing=tuple(data["closing"]))


def length(minutes: int | None, seconds: int | None = None) -> int:
    """The planned hug in seconds: ``seconds`` when given (a shorter hug), else ``minutes``."""
    if seconds is not None:
        if not 1 <= seconds <= MAX_SECONDS:
            raise InputError(f"--seconds takes 1 to {MAX_SECONDS}, not {seconds}.")
        return seconds
    chosen = DEFAULT_MINUTES if minutes is None else minutes
    if not 1 <= chosen <= MAX_MINUTES:
        raise InputError(f"--minutes takes 1 to {MAX_MINUTES}, not {chosen}. "
                         "Even one slow minute counts.")
    return chosen * 60


def schedule(total_seconds: float, hug: HugScript | None = None, *,
             rng: random.Random | None = None) -> Iterator[Step]:
    """The breathing steps of a hug lasting ``total_seconds``; the last may be cut short."""
    hug = hug or script()
    order = list(hug.cues)
    (rng or random.Random()).shuffle(order)
    at, breath = 0.0, 0
    while at < total_seconds:
        cue = order[(breath // BREATHS_PER_CUE) % len(order)]
        yield Step(at, "in", cue)
        if at + hug.breath_in < total_seconds:
            yield Step(at + hug.breath_in, "out", cue)
        at += hug.breath_in + hug.breath_out
        breath += 1


def closing_line(hug: HugScript | None = None, rng: random.Random | None = None) -> str:
    return pick((hug or script()).closing, rng)


def record(session: Session, person: Person, *, planned_seconds: int, seconds: int,
           relationship_id: str | None, visibility: Visibility) -> Entry:
    """Log a hug; ``completed`` says whether it ran its planned length."""
    done = max(0, min(seconds, planned_seconds))
    data = {"planned_seconds": planned_seconds, "seconds": done,
            "completed": done >= planned_seconds}
    return add_entry(session, person, "hug", visibility=visibility,
                     relationship_id=relationship_id, data=data)


def spoken(seconds: int) -> str:
    """"5 minutes", "1 minute 30 seconds", "40 seconds": how long, in words."""
    minutes, rest = divmod(max(0, seconds), 60)
    parts = [f"{minutes} minute{'s' * (minutes != 1)}"] if minutes else []
    if rest or not parts:
        parts.append(f"{rest} second{'s' * (rest != 1)}")
    return " ".join(parts)
