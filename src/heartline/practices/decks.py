"""Question decks: open conversation starters that go from light to deep (SYSTEM.md M5.3).

"How was your day?" invites the automatic "fine" (M2). A deck hands people a
question that asks one notch more (M3), grouped by who it suits and tagged by
how much it asks of the one answering, so two people can start light and go
deeper only when both are ready (M5.4). Even after decades there is more to
learn, so a deck never runs dry: once every question has been asked it starts
over.

The questions live in ``data/decks.toml`` as package data; this module loads
and validates them once and draws from them.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from heartline.errors import InputError

__all__ = [
    "DEEP",
    "DEPTHS",
    "DEPTH_NAMES",
    "LIGHT",
    "PERSONAL",
    "SUITS",
    "SUITS_WORDS",
    "Deck",
    "Question",
    "check_suits",
    "draw",
    "get_deck",
    "load_decks",
    "parse_decks",
]

LIGHT, PERSONAL, DEEP = 1, 2, 3
DEPTHS = (LIGHT, PERSONAL, DEEP)
DEPTH_NAMES = {LIGHT: "light", PERSONAL: "personal", DEEP: "deep"}
SUITS = frozenset({"couple", "friends", "family", "parent_child"})
SUITS_WORDS = {"couple": "couples", "friends": "friends", "family": "family",
               "parent_child": "a parent and child"}

DECK_FILE = "decks.toml"
_DATA_PACKAGE = "heartline.practices"
_TOP_KEYS = frozenset({"deck"})
_DECK_KEYS = frozenset({"id", "title", "description", "suits", "questions"})
_QUESTION_KEYS = frozenset({"text", "depth"})
_DEPTH_HELP = "1 (light), 2 (personal) or 3 (deep)"


@dataclass(frozen=True)
class Question:
    """One open question; ``deck`` is the id of the deck it belongs to."""

    text: str
    depth: int
    deck: str


@dataclass(frozen=True)
class Deck:
    """A themed set of questions and the relationships it is written for."""

    id: str
    title: str
    description: str
    suits: tuple[str, ...]
    questions: tuple[Question, ...]

    def at_depth(self, depth: int) -> tuple[Question, ...]:
        """The questions of one depth, in file order."""
        return tuple(q for q in self.questions if q.depth == depth)


@cache
def load_decks() -> tuple[Deck, ...]:
    """All bundled decks, in file order; read and validated once per process."""
    text = (resources.files(_DATA_PACKAGE) / "data" / DECK_FILE).read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"not valid TOML: {err}", source=DECK_FILE) from err
    return parse_decks(data)


def get_deck(deck_id: str) -> Deck:
    """The deck with this id; an unknown id names the choices so the user can retry."""
    decks = load_decks()
    for deck in decks:
        if deck.id == deck_id:
            return deck
    available = ", ".join(deck.id for deck in decks)
    raise InputError(f"unknown deck {deck_id!r}; choose one of the available decks: {available}")


def check_suits(deck: Deck, kind: str) -> None:
    """Refuse a deck not written for this kind of relationship, naming the ones that are.

    The closeness deck asks a couple things a parent should never ask a child;
    a deck that suits the pair keeps the questions right for who is asking.
    """
    if kind in deck.suits:
        return
    written_for = " and ".join(SUITS_WORDS.get(s, s) for s in deck.suits)
    better = ", ".join(d.id for d in load_decks() if kind in d.suits)
    raise InputError(f"The {deck.title!r} deck is written for {written_for}. "
                     f"For {SUITS_WORDS.get(kind, kind)}, try: {better}.")


def draw(
    deck_id: str,
    *,
    depth: int | None = None,
    seen: Collection[str] = (),
    rng: random.Random | None = None,
) -> Question:
    """A question from the deck that is not in ``seen`` (matched by text).

    With no ``depth`` the draw stays at the lightest depth that still has
    unseen questions, so a conversation warms up before it goes deep. When
    every eligible question has been seen, the deck starts over from its
    lightest eligible depth instead of failing: asking again years later is
    still worth it.
    """
    if depth is not None and depth not in DEPTHS:
        raise InputError(f"depth must be {_DEPTH_HELP}, not {depth!r}")
    deck = get_deck(deck_id)
    chooser = rng if rng is not None else random.Random()
    return chooser.choice(_candidates(deck, depth, frozenset(seen)))


def _candidates(deck: Deck, depth: int | None, seen: frozenset[str]) -> tuple[Question, ...]:
    """The unseen questions at the lightest eligible depth, else a fresh start."""
    levels = DEPTHS if depth is None else (depth,)
    pools = [pool for pool in (deck.at_depth(level) for level in levels) if pool]
    if not pools:
        raise InputError(f"deck {deck.id!r} has no {DEPTH_NAMES[levels[0]]} questions")
    for pool in pools:
        unseen = tuple(q for q in pool if q.text not in seen)
        if unseen:
            return unseen
    return pools[0]


def parse_decks(data: Mapping[str, Any], *, source: str = DECK_FILE) -> tuple[Deck, ...]:
    """Decks from parsed TOML, rejecting anything a typo could have produced.

    Unknown keys are errors rather than ignored, because a misspelled
    ``depht`` would otherwise silently drop a question's depth.
    """
    _reject_unknown_keys(data, _TOP_KEYS, where="the top level", source=source)
    entries = data.get("deck")
    if not isinstance(entries, list) or not entries:
        raise InputError("expected at least one [[deck]] table", source=source)
    decks = tuple(_parse_deck(entry, n, source=source) for n, entry in enumerate(entries, 1))
    ids = [deck.id for deck in decks]
    repeated = ", ".join(sorted({deck_id for deck_id in ids if ids.count(deck_id) > 1}))
    if repeated:
        raise InputError(f"deck ids must be unique; repeated: {repeated}", source=source)
    return decks


def _parse_deck(entry: object, index: int, *, source: str) -> Deck:
    where = f"deck #{index}"
    table = _table(entry, where=where, source=source)
    deck_id = _text(table, "id", where=where, source=source)
    where = f"deck {deck_id!r}"
    _reject_unknown_keys(table, _DECK_KEYS, where=where, source=source)
    raw_questions = table.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise InputError(f"{where}: 'questions' must be a non-empty list", source=source)
    questions = tuple(
        _parse_question(raw, deck_id, number, source=source)
        for number, raw in enumerate(raw_questions, 1)
    )
    return Deck(
        id=deck_id,
        title=_text(table, "title", where=where, source=source),
        description=_text(table, "description", where=where, source=source),
        suits=_suits(table.get("suits"), where=where, source=source),
        questions=questions,
    )


def _parse_question(entry: object, deck_id: str, number: int, *, source: str) -> Question:
    where = f"question {number} in deck {deck_id!r}"
    table = _table(entry, where=where, source=source)
    _reject_unknown_keys(table, _QUESTION_KEYS, where=where, source=source)
    depth = table.get("depth")
    # bool is an int subclass; `depth = true` is a typo, not depth 1.
    if type(depth) is not int or depth not in DEPTHS:
        raise InputError(f"{where}: depth must be {_DEPTH_HELP}, got {depth!r}", source=source)
    return Question(text=_text(table, "text", where=where, source=source), depth=depth,
                    deck=deck_id)


def _suits(value: object, *, where: str, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise InputError(f"{where}: 'suits' must be a non-empty list", source=source)
    unknown = [suit for suit in value if suit not in SUITS]
    if unknown:
        allowed = ", ".join(sorted(SUITS))
        raise InputError(f"{where}: unknown suits {unknown!r}; use {allowed}", source=source)
    return tuple(value)


def _table(entry: object, *, where: str, source: str) -> Mapping[str, Any]:
    if not isinstance(entry, Mapping):
        raise InputError(f"{where}: expected a table, got {type(entry).__name__}", source=source)
    return entry


def _text(table: Mapping[str, Any], key: str, *, where: str, source: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: {key!r} must be non-empty text", source=source)
    return value.strip()


def _reject_unknown_keys(
    table: Mapping[str, Any], allowed: frozenset[str], *, where: str, source: str
) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        expected = ", ".join(sorted(allowed))
        raise InputError(f"{where}: unknown keys {unknown!r}; expected {expected}", source=source)
