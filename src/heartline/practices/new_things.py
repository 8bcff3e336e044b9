"""Trying new things together, especially ones where you might look silly (M5.6).

Something new to both people puts them side by side as beginners: fumbling
and laughing together builds closeness. Ideas carry tags (budget, energy,
setting, who they suit) so a suggestion fits the day; ideas a pair already
tried go to the back of the queue, never out of it. Anything tried can be
logged, a listed idea or one of your own.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices.content import load
from heartline.practices.idea_tags import Budget, Company, Energy, Setting
from heartline.store.entries import add_entry, entries_for
from heartline.store.values import Entry, Person, Visibility

SUGGESTIONS = 3
MAX_TITLE = 200
SOURCE = "new_things.toml"


@dataclass(frozen=True)
class Idea:
    number: int
    title: str
    detail: str
    budget: Budget
    energy: Energy
    setting: Setting
    suits: frozenset[Company]


@dataclass(frozen=True)
class Filters:
    """What fits today; ``None`` means any. Budget is a ceiling; energy is a match."""

    budget: Budget | None = None
    energy: Energy | None = None
    setting: Setting | None = None
    company: Company | None = None

    def allow(self, idea: Idea) -> bool:
        order = list(Budget)
        return ((self.budget is None or order.index(idea.budget) <= order.index(self.budget))
                and (self.energy is None or idea.energy == self.energy)
                and (self.setting in (None, Setting.either)
                     or idea.setting in (self.setting, Setting.either))
                and (self.company is None or self.company in idea.suits))


@cache
def ideas() -> tuple[Idea, ...]:
    """Every idea, numbered from 1 in file order (the numbers stay stable)."""
    try:
        return tuple(
            Idea(n, raw["title"], raw["detail"], Budget(raw["budget"]), Energy(raw["energy"]),
                 Setting(raw["setting"]), frozenset(Company(s) for s in raw["suits"]))
            for n, raw in enumerate(load("new_things")["idea"], 1))
    except (KeyError, ValueError) as err:
        raise InputError(f"an idea has a missing or unknown tag: {err}", source=SOURCE) from err


def company_of(relationship_kind: str | None) -> Company | None:
    return Company(relationship_kind) if relationship_kind in set(Company) else None


def tried_titles(session: Session, person: Person) -> set[str]:
    """What this person, or someone who shared it with them, already tried."""
    return {str(e.data.get("title", "")).casefold()
            for e in entries_for(session, person, kinds=["new_thing"])}


def suggest(filters: Filters, *, tried: Collection[str] = (), count: int = SUGGESTIONS,
            rng: random.Random | None = None) -> list[Idea]:
    """Up to ``count`` fitting ideas, untried ones first, in a fresh order each time."""
    fitting = [i for i in ideas() if filters.allow(i)]
    (rng or random.Random()).shuffle(fitting)
    fitting.sort(key=lambda i: i.title.casefold() in tried)
    return fitting[:count]


def find_idea(choice: str) -> Idea | None:
    """The idea a number or title names; ``None`` when it's one of your own."""
    wanted = choice.strip().removeprefix("#").strip()
    if not wanted:
        raise InputError("Say what you tried: a number from heartline new-things, or a title.")
    if wanted.isdigit():
        number = int(wanted)
        if not 1 <= number <= len(ideas()):
            raise InputError(f"There is no idea number {number}; they go from 1 to "
                             f"{len(ideas())}. Or write the title of what you tried.")
        return ideas()[number - 1]
    folded = wanted.casefold()
    exact = [i for i in ideas() if i.title.casefold() == folded]
    close = exact or [i for i in ideas() if folded in i.title.casefold()]
    if len(close) > 1:
        names = "; ".join(f"{i.number}. {i.title}" for i in close[:5])
        raise InputError(f"{choice!r} fits more than one idea ({names}). Use its number.")
    return close[0] if close else None


def record(session: Session, person: Person, *, choice: str, note: str = "",
           relationship_id: str | None, visibility: Visibility) -> Entry:
    """Log something tried: a listed idea (with its tags) or one of your own."""
    idea = find_idea(choice)
    title = idea.title if idea else " ".join(choice.split())
    if len(title) > MAX_TITLE:
        raise InputError(f"Keep the title under {MAX_TITLE} characters; use --note for more.")
    data = {"title": title, "budget": idea.budget.value if idea else None,
            "energy": idea.energy.value if idea else None,
            "setting": idea.setting.value if idea else None, "note": note.strip()}
    return add_entry(session, person, "new_thing", visibility=visibility,
                     relationship_id=relationship_id, text=note.strip() or None, data=data)
