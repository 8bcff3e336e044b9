"""Specific appreciation notes (M5.10).

"Thanks for everything" is kind, but it gives the other person little to
hold. A note lands when it names one thing they did, when, and what it meant.
A prompt points at one concrete moment; a note that is only a generic phrase,
or very short with no detail (a day, a time, "when", "because"), gets one
gentle nudge with an example of a specific note. It is saved either way:
thanks is never refused.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person, Visibility

ENOUGH_WORDS = 10
"""A note this long (beyond any generic phrase) says something specific enough."""
FEWEST_WITH_DETAIL = 4
"""A shorter note is specific when it has a detail and at least this many words."""
_WORD = re.compile(r"[\w']+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class Content:
    prompts: tuple[str, ...]
    examples: tuple[str, ...]
    vague: tuple[str, ...]
    details: frozenset[str]


@dataclass(frozen=True)
class Check:
    """How specific a note reads, and which generic phrases it leans on."""

    specific: bool
    vague_phrases: tuple[str, ...] = ()


def content() -> Content:
    data = load("appreciation")
    return Content(tuple(data["prompts"]), tuple(data["examples"]), tuple(data["vague"]),
                   frozenset(data["details"]))


def prompt(rng: random.Random | None = None) -> str:
    """One concrete moment to think of."""
    return pick(content().prompts, rng)


def example(rng: random.Random | None = None) -> str:
    """A specific note, to show what "specific" can sound like."""
    return pick(content().examples, rng)


def check(note: str) -> Check:
    """Specific unless it is only generic phrases, or short with no detail."""
    chosen = content()
    plain = " " + " ".join(_WORD.findall(note.translate(_APOSTROPHES).lower())) + " "
    found = tuple(p for p in chosen.vague if f" {p} " in plain)
    for phrase in sorted(found, key=len, reverse=True):
        plain = plain.replace(f" {phrase} ", " ")
    words = plain.split()
    has_detail = any(w in chosen.details or w.isdigit() for w in words)
    specific = len(words) >= ENOUGH_WORDS or (has_detail and len(words) >= FEWEST_WITH_DETAIL)
    return Check(specific, found)


def cleaned(note: str) -> str:
    """The note without stray spaces; an empty one is explained."""
    text = note.strip()
    if not text:
        raise InputError("Write a few words of thanks, e.g. heartline appreciate "
                         "\"Thank you for the soup on Tuesday; it rescued a rotten day.\"")
    return text


def record(session: Session, person: Person, note: str, *, prompt: str,
           relationship_id: str | None, visibility: Visibility,
           analysis: Mapping[str, Any] | None = None) -> Entry:
    text = cleaned(note)
    return add_entry(session, person, "appreciation", visibility=visibility,
                     relationship_id=relationship_id, text=text, analysis=analysis,
                     data={"prompt": prompt, "specific": check(text).specific})
