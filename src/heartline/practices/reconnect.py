"""Daily reconnect: a real answer to "how am I really?", and Rose/Thorn/Bud (M5.1, M3).

After time apart the automatic "fine" gives the other person nothing to hold
(M2). The prompts ask one notch more, for adults and, in simpler words, for
kids. When the listening engine reads an answer as a deflection, or as
sharing nothing inner, the practice offers one notch deeper, gently and with
an exit, and shows what "a bit more" can sound like. It never insists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from heartline.analysis.results import TurnAnalysis
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person, Visibility

Audience = Literal["adult", "kid"]
AUDIENCES: tuple[Audience, ...] = ("adult", "kid")


@dataclass(frozen=True)
class Example:
    plain: str
    deeper: str


@dataclass(frozen=True)
class Prompts:
    how_am_i: tuple[str, ...]
    rose: str
    thorn: str
    bud: str
    deeper: tuple[str, ...]
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class Checkin:
    """One person's reconnect answers; empty parts are simply left out."""

    audience: Audience
    prompt: str
    how: str = ""
    deeper: str = ""
    rose: str = ""
    thorn: str = ""
    bud: str = ""

    def as_text(self) -> str:
        """The answers as one turn, the way the engine reads a share."""
        return " ".join(p for p in (self.how, self.deeper, self.rose, self.thorn, self.bud) if p)


def prompts(audience: Audience = "adult") -> Prompts:
    part = load("reconnect")[audience]
    return Prompts(
        how_am_i=tuple(part["how_am_i"]), rose=part["rose"], thorn=part["thorn"], bud=part["bud"],
        deeper=tuple(part["deeper"]),
        examples=tuple(Example(e["plain"], e["deeper"]) for e in part["deeper_examples"]))


def needs_deeper(analysis: TurnAnalysis) -> bool:
    """The polite script, or nothing inner shared: worth one gentle invitation."""
    return analysis.deflection or analysis.disclosure == "none"


def deeper_offer(audience: Audience = "adult", rng: random.Random | None = None
                 ) -> tuple[str, Example]:
    """A follow-up question with an exit, and an example of the same day told more openly."""
    chosen = prompts(audience)
    return pick(chosen.deeper, rng), pick(chosen.examples, rng)


def record(session: Session, person: Person, checkin: Checkin, analysis: TurnAnalysis | None, *,
           relationship_id: str | None, visibility: Visibility) -> Entry:
    data = {"audience": checkin.audience, "prompt": checkin.prompt, "how": checkin.how,
            "deeper": checkin.deeper, "rose": checkin.rose, "thorn": checkin.thorn,
            "bud": checkin.bud}
    return add_entry(session, person, "checkin", visibility=visibility,
                     relationship_id=relationship_id,
                     text=" ".join(p for p in (checkin.how, checkin.deeper) if p), data=data,
                     analysis=analysis.to_dict() if analysis else None)
