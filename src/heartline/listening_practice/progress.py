"""Practice over time: rounds kept privately, skills as trends, and what to try next.

Every round is a private entry of the person practising (never shared, never
in a relationship): practice is a safe place to get it wrong. The next
suggestion targets the weakest skill of recent rounds, with scenarios not
yet played first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import fmean
from typing import Any

from sqlalchemy.orm import Session

from heartline.errors import NotFoundError
from heartline.listening_practice.debrief import SKILLS, Debrief
from heartline.listening_practice.scenarios import Scenario, load_scenarios
from heartline.store.entries import add_entry, entries_for
from heartline.store.values import Entry, Person

RECENT_ROUNDS = 5
SUGGESTIONS = 3


@dataclass(frozen=True)
class Round:
    when: datetime
    scenario: str
    ending: str
    skills: dict[str, float]


def record(session: Session, person: Person, result: Debrief) -> Entry:
    return add_entry(session, person, "practice", visibility="private", data=result.to_dict())


def rounds(session: Session, person: Person) -> list[Round]:
    """This person's own rounds, oldest first."""
    found = entries_for(session, person, kinds=["practice"], author=person, newest_first=False)
    return [Round(e.created_at, str(e.data.get("scenario")), str(e.data.get("ending")),
                  {s: float(e.data.get("skills", {}).get(s, 0.0)) for s in SKILLS})
            for e in found]


def weakest_skill(history: Sequence[Round]) -> str | None:
    recent = history[-RECENT_ROUNDS:]
    if not recent:
        return None
    return min(SKILLS, key=lambda s: fmean(r.skills[s] for r in recent))


def fits(scenario: Scenario, skill: str | None) -> bool:
    """Scenarios that exercise a skill most."""
    if skill == "understanding":
        return scenario.understated
    if skill == "caring":
        return scenario.need == "celebrated" or scenario.theme == "grief"
    if skill == "drawing_out":
        return scenario.need == "heard"
    if skill == "timing":
        return scenario.need in ("advice_after_understanding", "vent")
    return True


def suggestions(history: Sequence[Round]) -> tuple[str | None, list[Scenario]]:
    """The skill to work on and scenarios for it, unplayed ones first."""
    skill = weakest_skill(history)
    played = {r.scenario for r in history}
    matching = [s for s in load_scenarios() if fits(s, skill)]
    ordered = sorted(matching, key=lambda s: (s.id in played, s.id))
    return skill, ordered[:SUGGESTIONS]


def stored_round(session: Session, person: Person, back: int = 1) -> dict[str, Any]:
    """The stored debrief of a past round: 1 is the latest, 2 the one before, and so on."""
    found = entries_for(session, person, kinds=["practice"], author=person, limit=back)
    if back < 1 or len(found) < back:
        raise NotFoundError(f"You have {len(found)} practice rounds; pick a number from 1 "
                            f"to {max(len(found), 1)}." if found else
                            "No practice yet. Start with: heartline practice play")
    return {"when": found[-1].created_at, **found[-1].data}
