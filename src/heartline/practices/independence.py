"""The independence check-in: time for yourself and your friends (M5.13).

Closeness is not 24/7 togetherness: time alone, with friends and for your
own interests is part of a healthy bond, and trusting each other with it is
part of intimacy. Each person answers for themselves about the past week;
answers stay private unless they choose to share. A gentle reflection follows,
never a verdict. Answers go through the safety screen like any other words,
because "I'm not allowed to see my friends" is not an independence question.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices.answers import parse_pairs
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person, Visibility

MAX_ANSWER = 2_000


@dataclass(frozen=True)
class Question:
    key: str
    text: str


def questions() -> tuple[Question, ...]:
    return tuple(Question(q["key"], q["text"]) for q in load("independence")["questions"])


def reflection(rng: random.Random | None = None) -> str:
    return pick(load("independence")["reflections"], rng)




def parse_answers(raw: Iterable[str]) -> dict[str, str]:
    """Every ``--answer``, in question order; the same question twice is a mistake."""
    return answered(parse_pairs(raw, [q.key for q in questions()]))


def answered(answers: Mapping[str, str]) -> dict[str, str]:
    """The answers that say something, in question order."""
    return {q.key: answers[q.key].strip() for q in questions()
            if answers.get(q.key, "").strip()}


def as_text(answers: Mapping[str, str]) -> str:
    """All answers as one turn, the way the engine reads a share."""
    return " ".join(answers.values())


def record(session: Session, person: Person, *, answers: Mapping[str, str],
           relationship_id: str | None, visibility: Visibility = "private",
           analysis: Mapping[str, Any] | None = None) -> Entry:
    kept = answered(answers)
    if not kept:
        raise InputError("There's nothing to keep: answer at least one question.")
    return add_entry(session, person, "independence", visibility=visibility,
                     relationship_id=relationship_id, data={"answers": kept},
                     analysis=analysis)
