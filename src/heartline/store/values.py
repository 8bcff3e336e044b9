"""What the store hands back: frozen values, never live ORM rows.

Practices and adapters work with these; only the store's own modules touch
SQLAlchemy rows, so a value can be passed around, compared and exported
without a session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Visibility = Literal["private", "shared", "draft"]
VISIBILITIES: tuple[Visibility, ...] = ("private", "shared", "draft")

RELATIONSHIP_KINDS = ("couple", "friends", "family", "parent_child")

# Every kind of entry, and the practice (SYSTEM.md point) that writes it.
ENTRY_KINDS: Mapping[str, str] = {
    "share": "something shared with the other person (M1, M3)",
    "reply": "a reply to a share, with the listening coach's analysis (M4)",
    "understood": "whether the sharer felt understood by a reply (M1)",
    "checkin": "a daily reconnect: how am I really, rose, thorn and bud (M3, M5.1)",
    "feeling": "a feeling noticed and named, or an I-feel statement (M3)",
    "bid": "a timing bid: is now a good time? and its answer (M3)",
    "card": "a question drawn from a deck (M5.3)",
    "weekly": "a weekly check-in (M5.2)",
    "timeout": "a conflict break with an agreed return time (M5.5)",
    "debrief": "a repair debrief after conflict (M5.5)",
    "apology": "an apology that owns my part (M5.5)",
    "appreciation": "a specific thank-you note (M5.10)",
    "hug": "a long, slow hug (M5.8)",
    "unplug": "time together with screens away (M5.9)",
    "new_thing": "something new tried together (M5.6)",
    "photo_story": "an old photo and the story behind it (M5.7)",
    "humor": "a funny moment or game (M5.11)",
    "independence": "time for myself and my friends (M5.13)",
    "pulse": "the closeness pulse, scored 1 to 7 (M6)",
    "handoff": "a summary to bring to a therapist (M5.15)",
    "practice": "a listening practice round with a simulated sharer (M2, M4)",
    "deeper": "a 'one notch deeper' practice answer (M3)",
}


KIND_TITLES: Mapping[str, str] = {
    "share": "Share", "reply": "Reply", "understood": "Felt understood?",
    "checkin": "Check-in", "feeling": "Feeling", "bid": "Bid", "card": "Question card",
    "weekly": "Weekly check-in", "timeout": "Time-out", "debrief": "Repair debrief",
    "apology": "Apology", "appreciation": "Appreciation", "hug": "Hug",
    "unplug": "Unplugged time", "new_thing": "New thing together", "photo_story": "Photo story",
    "humor": "Something funny", "independence": "Independence check-in", "pulse": "Pulse",
    "handoff": "Therapist handoff", "practice": "Listening practice",
    "deeper": "One notch deeper",
}


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    created_at: datetime
    region: str | None = None    # where the person is, for the right crisis lines (None: all)


@dataclass(frozen=True)
class Member:
    person: Person
    role: str | None
    joined_at: datetime


@dataclass(frozen=True)
class Relationship:
    id: str
    kind: str
    name: str | None
    invite_code: str
    created_at: datetime
    members: tuple[Member, ...] = ()

    def others(self, person_id: str) -> tuple[Person, ...]:
        """The members other than ``person_id``."""
        return tuple(m.person for m in self.members if m.person.id != person_id)

    def label(self, person_id: str) -> str:
        """How to name this relationship to one of its members."""
        others = ", ".join(p.name for p in self.others(person_id))
        return self.name or (f"you and {others}" if others else "just you, for now")


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    author_id: str
    relationship_id: str | None
    visibility: Visibility
    created_at: datetime
    updated_at: datetime
    text: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    analysis: Mapping[str, Any] | None = None
    parent_id: str | None = None


@dataclass(frozen=True)
class Photo:
    id: str
    entry_id: str
    sha256: str
    suffix: str
    original_name: str
    size: int
    created_at: datetime

    @property
    def filename(self) -> str:
        return f"{self.sha256}{self.suffix}"


@dataclass(frozen=True)
class Reminder:
    id: str
    person_id: str
    practice: str
    days: str
    at: str
    minutes: int
    created_at: datetime
