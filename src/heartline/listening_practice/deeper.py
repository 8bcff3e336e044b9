"""The sharer's side: practising "one notch deeper" on everyday questions (M3).

The person answers an everyday question; the engine's ``deflection`` and
``disclosure`` say how open the answer was: the polite script, events
without feelings, or a feeling named. Then comes a gentle example of one
notch more. It never grades a person, only the answer, and a plain answer is
always allowed: many people were never shown another way (M3).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from heartline.analysis.results import TurnAnalysis
from heartline.practices.reconnect import Example, prompts
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person

Openness = Literal["script", "facts", "feeling"]
NOTES: dict[Openness, str] = {
    "script": "That's the polite script. It keeps things smooth, and it gives the other "
              "person nothing to hold on to. One notch more could be a single true detail.",
    "facts": "You said what happened. One notch deeper is how it felt: a feeling word, or "
             "\"I felt … when …\".",
    "feeling": "That's open: you let them see how it felt. Answers like this are what let "
               "someone in.",
}


@dataclass(frozen=True)
class Reading:
    openness: Openness
    note: str
    example: Example | None


def question(rng: random.Random | None = None) -> str:
    return (rng or random.Random()).choice(prompts("adult").how_am_i)


def read(analysis: TurnAnalysis, rng: random.Random | None = None) -> Reading:
    """How open an answer was, and (unless it already named a feeling) an example of more."""
    if analysis.deflection or analysis.disclosure == "none":
        openness: Openness = "script"
    elif analysis.disclosure == "factual":
        openness = "facts"
    else:
        openness = "feeling"
    example = None if openness == "feeling" else \
        (rng or random.Random()).choice(prompts("adult").examples)
    return Reading(openness, NOTES[openness], example)


def record(session: Session, person: Person, asked: str, answer: str,
           reading: Reading) -> Entry:
    return add_entry(session, person, "deeper", visibility="private", text=answer,
                     data={"question": asked, "openness": reading.openness})
