"""The weekly check-in: things to tell, questions to ask, the week ahead (M5.2).

During the week each person brings a few things to tell and a few questions
to ask. A brought item is a "weekly" entry in mode "item". It is private by
default: the telling belongs to the check-in itself, so the other person
doesn't read it early. Whoever wants it seen in advance marks it shared; at
the check-in its author may also share the items they brought. The flow
shows your own open items and the other person's *shared* ones: every read
goes through ``entries_for``, so a private item never reaches anyone else.

The repair step (M5.5) opens by itself when the week held a time-out or a
repair debrief in this relationship that the person can see (their own, or
one shared with them); otherwise the conflict question is asked. A missed
week is never counted: the next check-in just starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices.content import load
from heartline.store.entries import add_entry, entries_for, update_entry
from heartline.store.values import Entry, Person, Visibility

ItemKind = Literal["tell", "ask"]
ITEM_KINDS: tuple[ItemKind, ...] = ("tell", "ask")
REPAIR_STEP = "repair"
CONFLICT_WINDOW = timedelta(days=7)
CONFLICT_KINDS = ("timeout", "debrief")


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    prompt: str


@dataclass(frozen=True)
class Content:
    intro: str
    steps: tuple[Step, ...]
    tell_prompts: tuple[str, ...]
    ask_prompts: tuple[str, ...]
    conflict_question: str

    @property
    def step_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.steps)


@dataclass(frozen=True)
class Item:
    """One thing brought to tell or ask."""

    id: str
    item: ItemKind
    text: str
    author_id: str
    visibility: Visibility


@dataclass(frozen=True)
class Brought:
    """The open items a person may see for the coming check-in."""

    mine: tuple[Item, ...] = ()
    theirs: tuple[Item, ...] = ()

    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in (*self.mine, *self.theirs))

    def mine_private(self) -> tuple[str, ...]:
        """Your items the other person can't see yet (you may share them at the check-in)."""
        return tuple(i.id for i in self.mine if i.visibility != "shared")


@dataclass(frozen=True)
class Checkin:
    """One week's check-in: notes per step, the items it used, whether repair was needed."""

    answers: Mapping[str, str] = field(default_factory=dict)
    items: tuple[str, ...] = ()
    had_conflict: bool = False

    def as_text(self) -> str:
        """All notes as one turn, the way the engine reads a share (for safety)."""
        return " ".join(text for text in self.answers.values() if text)


def content() -> Content:
    data = load("weekly")
    return Content(data["intro"], tuple(Step(s["key"], s["title"], s["prompt"])
                                        for s in data["steps"]),
                   tuple(data["tell_prompts"]), tuple(data["ask_prompts"]),
                   data["conflict_question"])


def bring(session: Session, person: Person, item: ItemKind, text: str, *,
          relationship_id: str | None, visibility: Visibility = "private",
          analysis: Mapping[str, Any] | None = None) -> Entry:
    """Add something to tell or ask at the coming check-in (private unless asked)."""
    if item not in ITEM_KINDS:
        raise InputError(f"An item is something to tell or to ask, not {item!r}.")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(f"Say what you'd like to {item}, e.g. heartline weekly --bring-{item} "
                         "\"the trip to see my sister\".")
    return add_entry(session, person, "weekly", visibility=visibility,
                     relationship_id=relationship_id, text=cleaned, analysis=analysis,
                     data={"mode": "item", "item": item, "used": False})


def brought(session: Session, person: Person, *, relationship_id: str | None) -> Brought:
    """Your open items and the other person's shared ones, oldest first."""
    found = [e for e in entries_for(session, person, kinds=["weekly"], newest_first=False)
             if e.relationship_id == relationship_id and e.data.get("mode") == "item"
             and not e.data.get("used") and e.data.get("item") in ITEM_KINDS]
    items = [Item(e.id, e.data["item"], e.text or "", e.author_id, e.visibility) for e in found]
    return Brought(tuple(i for i in items if i.author_id == person.id),
                   tuple(i for i in items if i.author_id != person.id))


def had_conflict(session: Session, person: Person, *, relationship_id: str | None,
                 now: datetime) -> bool:
    """A time-out or debrief in this relationship in the last week, among what you can see."""
    recent = entries_for(session, person, kinds=CONFLICT_KINDS, since=now - CONFLICT_WINDOW)
    return any(e.relationship_id == relationship_id for e in recent)


def conflict_decision(*, detected: bool, said: bool | None, repair_note: str = "") -> bool | None:
    """Whether to open the repair step; ``None`` means: ask the conflict question.

    History that shows a break or a debrief decides it, as does saying so, or
    writing a repair note; otherwise an explicit "no" stands.
    """
    if detected or said or repair_note.strip():
        return True
    return said


def record(session: Session, person: Person, checkin: Checkin,
           analysis: Mapping[str, Any] | None, *, relationship_id: str | None,
           visibility: Visibility, share_mine: tuple[str, ...] = ()) -> Entry:
    """Store the check-in, mark its items used, and share the author's items if asked."""
    data = {"mode": "session", "answers": {k: v for k, v in checkin.answers.items() if v},
            "items": list(checkin.items), "had_conflict": checkin.had_conflict}
    entry = add_entry(session, person, "weekly", visibility=visibility,
                      relationship_id=relationship_id, data=data, analysis=analysis)
    for item_id in checkin.items:
        shared: Visibility | None = "shared" if item_id in share_mine else None
        update_entry(session, item_id, person, data={"used": True}, visibility=shared)
    return entry
