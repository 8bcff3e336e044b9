"""Laughing together: a prompt to play, and funny moments worth keeping (M5.11).

Shared laughter is one of the quickest roads back to each other. The prompts
recall funny moments and start small games; the joke is always something the
two people share, never one of them. A funny moment can be kept, so there is
a store of them to laugh about again.
"""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices.content import load, pick
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person, Visibility


def prompts() -> tuple[str, ...]:
    return tuple(load("humor")["prompts"])


def prompt(rng: random.Random | None = None) -> str:
    return pick(prompts(), rng)


def check_moment(moment: str) -> str:
    told = moment.strip()
    if not told:
        raise InputError("Write a few words about the funny moment, e.g. --log \"the goose\".")
    return told


def record(session: Session, person: Person, *, moment: str, prompt: str,
           relationship_id: str | None, visibility: Visibility) -> Entry:
    """Keep a funny moment, with the prompt that was showing when it was written."""
    return add_entry(session, person, "humor", visibility=visibility,
                     relationship_id=relationship_id, text=check_moment(moment),
                     data={"prompt": prompt})
