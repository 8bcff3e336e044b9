"""A better reply, built from what the sharer actually said (SYSTEM.md M4).

The suggestion follows the method's order: react with feeling, reflect their
content and feeling (a notch stronger than they showed it), then draw them
out with an open question. Never advice. Each part has several wordings in
our own voice; the choice is seeded by the texts, so the same exchange always
gets the same suggestion and different exchanges read differently.
"""

from __future__ import annotations

import re
import zlib

from heartline.analysis.emotions import VALENCE
from heartline.analysis.results import TurnAnalysis
from heartline.analysis.suggestion_words import (
    FEELING_LINES,
    FEELING_WORDS_BY_STRENGTH,
    OPENERS,
    QUESTIONS,
    REFLECTION_FRAMES,
    SAFETY_REPLIES,
)

MAX_REFLECTED_WORDS = 14
STRONG_INTENSITY = 0.6
MILD_INTENSITY = 0.35

_SENTENCES = re.compile(r"[^.!?\n]+")
_LEADING_FILLER = re.compile(
    r"^(?:so|well|honestly|ugh+|omg|lol|haha|ok(?:ay)?|um+|uh+|like|hey|and|but|yeah|tbh)"
    r"\b[,\s]*", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r",|;|\s(?:and|but|because|so)\s|\s[-–—]\s")
_PRONOUNS = {
    "i": "you", "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've",
    "i'd": "you'd", "i'll": "you'll", "me": "you", "my": "your", "mine": "yours",
    "myself": "yourself", "am": "are",
}
_WORD = re.compile(r"[A-Za-z']+|[^A-Za-z']+")


def _pick(options: tuple[str, ...], seed: int, salt: int) -> str:
    return options[(seed // (salt * 7 + 1)) % len(options)]


def _strength(intensity: float) -> int:
    if intensity >= STRONG_INTENSITY:
        return 2
    return 1 if intensity >= MILD_INTENSITY else 0


def to_second_person(clause: str) -> str | None:
    """Their words turned toward them ("my boss yelled at me" → "your boss yelled at you").

    Returns None when the clause already speaks to the listener ("you forgot"),
    because turning that around reliably needs more grammar than a word swap.
    """
    out, previous = [], ""
    for piece in _WORD.findall(clause.replace("’", "'")):
        low = piece.lower()
        if low in {"you", "your", "you're", "yours", "u", "ur"}:
            return None
        if low == "was" and previous == "i":
            out.append("were")
        else:
            out.append(_PRONOUNS.get(low, piece))
        if piece.strip():
            previous = low
    return "".join(out).strip()


def _content(context: str) -> str | None:
    for sentence in _SENTENCES.findall(context):
        clause = _LEADING_FILLER.sub("", sentence.strip())
        clause = _CLAUSE_BREAK.split(clause)[0].strip()
        words = clause.split()
        if 3 <= len(words) <= MAX_REFLECTED_WORDS:
            turned = to_second_person(clause)
            if turned:
                return turned[0].lower() + turned[1:]
    return None


UNDERTONE_MIN = 0.1
UNDERTONE_MIN_WHEN_INTENSE = 0.03


def _feeling(context: TurnAnalysis) -> tuple[str, str | None]:
    """Valence and emotion label to answer: what shows, else what lies under it."""
    candidates = list(context.emotions)
    needed = UNDERTONE_MIN_WHEN_INTENSE if context.intensity >= MILD_INTENSITY else UNDERTONE_MIN
    if context.undertone is not None and context.undertone.score >= needed:
        candidates.append(context.undertone)
    for emotion in candidates:
        if VALENCE[emotion.label] in ("positive", "negative"):
            return VALENCE[emotion.label], emotion.label
    return "neutral", None


def suggest_reply(context: TurnAnalysis, reply: str) -> str:
    """One warm reply: feeling, reflection, an open question; no advice."""
    if context.safety != "none":
        return SAFETY_REPLIES[context.safety]
    seed = zlib.crc32((context.text + "\x00" + reply).encode("utf-8"))
    valence, label = ("neutral", None) if context.deflection else _feeling(context)
    strength = _strength(context.intensity)
    parts = [_pick(OPENERS[valence][strength], seed, 1)]
    content = _content(context.text)
    if content:
        frame = _pick(REFLECTION_FRAMES[valence], seed, 2)
        parts.append(frame.format(content=content, content_cap=content[0].upper() + content[1:]))
    if label in FEELING_WORDS_BY_STRENGTH:
        word = FEELING_WORDS_BY_STRENGTH[label][strength]
        parts.append(_pick(FEELING_LINES[valence], seed, 3).format(feeling=word))
    parts.append(_pick(QUESTIONS["deflection" if context.deflection else valence], seed, 4))
    return " ".join(p for p in parts if p)
