"""Name your feelings: the wheel, "notice and name it", and "I feel … when … because …" (M3).

Naming a feeling is a skill that grows with practice, and people who get
stuck need words to choose from. The wheel runs from 8 core feelings out
through branches to nuanced words; anyone can start at the centre and move
outward. The builder turns a feeling into a sentence the other person can
hear, and notices gently when the "feeling" is really a verdict on them
("ignored by you"), offering wheel words that may sit underneath.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from heartline.analysis.results import TurnAnalysis
from heartline.errors import InputError, NotFoundError
from heartline.practices.content import load
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person, Visibility

SOURCE = "feelings.toml"
CLOSE_MATCHES = 3
MAX_FEELING = 80


@dataclass(frozen=True)
class Word:
    word: str
    meaning: str


@dataclass(frozen=True)
class Branch:
    word: str
    meaning: str
    nuanced: tuple[Word, ...]


@dataclass(frozen=True)
class Core:
    word: str
    meaning: str
    branches: tuple[Branch, ...]


@dataclass(frozen=True)
class Placement:
    """Where a word sits on the wheel; ``branch`` is None for a core word."""

    word: str
    meaning: str
    core: str
    branch: str | None

    @property
    def path(self) -> tuple[str, ...]:
        """Centre outward, without repeats: ("sad", "lonely", "isolated") or ("sad",)."""
        steps = (self.core, self.branch, self.word)
        return tuple(dict.fromkeys(s for s in steps if s))


@dataclass(frozen=True)
class Wheel:
    cores: tuple[Core, ...]
    goemotions: Mapping[str, str]

    def placements(self) -> dict[str, Placement]:
        """Every word on the wheel, centre words first."""
        found: dict[str, Placement] = {}
        for core in self.cores:
            found[core.word] = Placement(core.word, core.meaning, core.word, None)
            for branch in core.branches:
                found[branch.word] = Placement(branch.word, branch.meaning, core.word, branch.word)
                for leaf in branch.nuanced:
                    found[leaf.word] = Placement(leaf.word, leaf.meaning, core.word, branch.word)
        return found


@dataclass(frozen=True)
class IFeel:
    """One "I feel … when … because …" statement, cleaned of repeated lead-ins."""

    feeling: str
    when: str
    because: str

    @property
    def sentence(self) -> str:
        return compose(self.feeling, self.when, self.because)


@cache
def wheel() -> Wheel:
    """The wheel from feelings.toml, checked: distinct words, a meaning each, a full bridge."""
    data = load("feelings")
    cores = tuple(Core(c["word"], c["meaning"], tuple(
        Branch(b["word"], b["meaning"], tuple(Word(n["word"], n["meaning"]) for n in b["nuanced"]))
        for b in c["branch"])) for c in data["core"])
    built = Wheel(cores, dict(data["goemotions"]))
    _validate(built)
    return built


def _validate(built: Wheel) -> None:
    words = [c.word for c in built.cores] + [b.word for c in built.cores for b in c.branches] + \
        [n.word for c in built.cores for b in c.branches for n in b.nuanced]
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise InputError(f"words appear twice on the wheel: {', '.join(repeated)}", source=SOURCE)
    missing = sorted(k for k, v in built.goemotions.items() if v not in words)
    if missing:
        raise InputError(f"emotion labels without a wheel word: {', '.join(missing)}",
                         source=SOURCE)


def words() -> tuple[str, ...]:
    return tuple(wheel().placements())


def close_matches(word: str) -> list[str]:
    return difflib.get_close_matches(word.strip().casefold(), words(), n=CLOSE_MATCHES)


def lookup(word: str) -> Placement:
    """Where ``word`` sits on the wheel; an unknown word suggests the closest ones."""
    found = wheel().placements().get(word.strip().casefold())
    if found is None:
        near = close_matches(word)
        hint = f"Did you mean {' or '.join(near)}? " if near else ""
        raise NotFoundError(f"{word.strip()!r} isn't on the feelings wheel. {hint}"
                            "See every word with: heartline feelings wheel")
    return found


def word_for_emotion(label: str) -> Placement:
    """The wheel word for one of the analysis engine's GoEmotions labels."""
    mapped = wheel().goemotions.get(label)
    if mapped is None:
        raise NotFoundError(f"No emotion label {label!r}.")
    return lookup(mapped)


def notice_prompts() -> tuple[str, ...]:
    return tuple(load("feelings")["notice"]["prompts"])


def builder_examples() -> tuple[IFeel, ...]:
    return tuple(IFeel(e["feeling"], e["when"], e["because"])
                 for e in load("feelings")["builder"]["examples"])


def builder_tips() -> tuple[str, ...]:
    return tuple(load("feelings")["builder"]["tips"])


def judgment_words() -> Mapping[str, tuple[str, ...]]:
    """Words for what was done to someone, with wheel words that may sit underneath."""
    return {k: tuple(v) for k, v in _judgments()["words"].items()}


def _judgments() -> dict[str, Any]:
    return load("feelings")["judgments"]


def judgment_note(feeling: str) -> str | None:
    """A gentle note when the feeling slot holds a thought or a verdict; None when it's fine."""
    text = _plain(feeling)
    table = _judgments()
    if any(_starts_with(text, s) for s in table["thought_starts"]):
        return f"{table['thought_note'].format(text=text)} {table['try_note']}"
    if any(_has_phrase(text, p) for p in table["blame_phrases"]):
        on_wheel = [w for w in text.split() if w in wheel().placements()]
        follow = table["plain_note"].format(word=on_wheel[0]) if on_wheel else table["try_note"]
        return f"{table['blame_note'].format(text=text)} {follow}"
    for word, options in judgment_words().items():
        if _has_phrase(text, word):
            return table["word_note"].format(word=word, options=" or ".join(options))
    return None


def _plain(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _starts_with(text: str, phrase: str) -> bool:
    return text == phrase or text.startswith(phrase + " ")


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text) is not None


_LEAD_INS = {"feeling": ("i feel", "i'm feeling", "i am feeling", "feeling"),
             "when": ("when",), "because": ("because", "cause", "since")}


def _strip(part: str, name: str) -> str:
    """One part without the words the sentence already supplies, or end punctuation."""
    text = " ".join(part.split()).rstrip(" .!,;")
    for lead in _LEAD_INS[name]:
        if text.casefold().startswith(lead + " "):
            return text[len(lead) + 1:].lstrip()
    return text


def statement(feeling: str, when: str = "", because: str = "") -> IFeel:
    """The three parts, cleaned; a feeling is needed, the rest may wait."""
    cleaned = IFeel(_strip(feeling, "feeling"), _strip(when, "when"), _strip(because, "because"))
    if not cleaned.feeling:
        raise InputError("Start with a feeling; one word is enough, like lonely or grateful. "
                         "heartline feelings wheel shows more.")
    if len(cleaned.feeling) > MAX_FEELING:
        raise InputError(f"Keep the feeling short (at most {MAX_FEELING} characters); "
                         "the 'when' and 'because' hold the rest.")
    return cleaned


def compose(feeling: str, when: str = "", because: str = "") -> str:
    sentence = f"I feel {feeling}"
    if when:
        sentence += f" when {when}"
    if because:
        sentence += f" because {because}"
    return sentence + "."


def record_named(session: Session, person: Person, placement: Placement, *, prompt: str,
                 note: str = "", analysis: TurnAnalysis | None = None,
                 relationship_id: str | None = None,
                 visibility: Visibility = "private") -> Entry:
    """Store a noticed-and-named feeling; private unless asked otherwise."""
    data = {"mode": "named", "word": placement.word, "core": placement.core,
            "branch": placement.branch, "note": note, "prompt": prompt}
    text = f"I feel {placement.word}." + (f" {note}" if note else "")
    return add_entry(session, person, "feeling", visibility=visibility,
                     relationship_id=relationship_id, text=text, data=data,
                     analysis=analysis.to_dict() if analysis else None)


def record_statement(session: Session, person: Person, said: IFeel,
                     analysis: TurnAnalysis | None, *, relationship_id: str | None,
                     visibility: Visibility) -> Entry:
    data = {"mode": "i_feel", "feeling": said.feeling, "when": said.when,
            "because": said.because, "sentence": said.sentence}
    return add_entry(session, person, "feeling", visibility=visibility,
                     relationship_id=relationship_id, text=said.sentence, data=data,
                     analysis=analysis.to_dict() if analysis else None)


def core_of(word: str) -> Core:
    """The core feeling (with its branches) that ``word`` belongs to."""
    wanted = lookup(word).core
    return next(c for c in wheel().cores if c.word == wanted)
