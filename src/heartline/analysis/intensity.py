"""How strongly something is felt, from 0 (flat) to 1 (overwhelming).

People show less than they feel, and the method asks the listener to answer
the feeling, not the display (SYSTEM.md M4). So besides what shows on the
surface (exclamation marks, capitals, intensifiers, strong words, stretched
letters, emoji) we count the weight of the topic itself: "the biopsy came
back, whatever" is not a low-intensity message, and softeners ("kind of",
"meh") lower the score only a little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from heartline.analysis.cues import read_data

BASELINE = 0.12
EXCLAMATION_STEP, EXCLAMATION_MAX = 0.07, 0.2
CAPS_STEP, CAPS_MAX = 0.08, 0.2
INTENSIFIER_STEP, INTENSIFIER_MAX = 0.05, 0.15
STRONG_STEP, STRONG_MAX = 0.14, 0.35
WEIGHTY_TOPIC = 0.3
STRETCH = 0.06
EMOJI_STEP, EMOJI_MAX = 0.05, 0.12
EMOTION_WEIGHT = 0.3
SOFTENER_STEP, SOFTENER_MAX = 0.03, 0.08

_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_CAPS_EXEMPT = frozenset({"OK", "TV", "ICU", "HR", "USA", "UK", "ER", "IVF", "CEO", "LOL",
                          "OMG", "BTW", "TBH", "NGL", "IDK", "AM", "PM", "II"})
_STRETCHED = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


@dataclass(frozen=True)
class _Lexicon:
    intensifiers: re.Pattern[str]
    strong: re.Pattern[str]
    weighty: re.Pattern[str]
    softeners: re.Pattern[str]


def _phrases(words: list[str]) -> re.Pattern[str]:
    escaped = sorted((re.escape(w).replace("'", "['’]") for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(escaped) + r")\b", re.IGNORECASE)


@cache
def _lexicon() -> _Lexicon:
    data = read_data("intensity.toml")
    return _Lexicon(_phrases(data["intensifiers"]), _phrases(data["strong_words"]),
                    _phrases(data["weighty_topics"]), _phrases(data["softeners"]))


def _capped(count: int, step: float, cap: float) -> float:
    return min(count * step, cap)


def surface_intensity(text: str) -> float:
    """Intensity from the words alone, before the emotion model is consulted."""
    lex = _lexicon()
    caps = [w for w in _CAPS_WORD.findall(text) if w not in _CAPS_EXEMPT]
    score = BASELINE
    score += _capped(text.count("!"), EXCLAMATION_STEP, EXCLAMATION_MAX)
    score += _capped(len(caps), CAPS_STEP, CAPS_MAX)
    score += _capped(len(lex.intensifiers.findall(text)), INTENSIFIER_STEP, INTENSIFIER_MAX)
    score += _capped(len(lex.strong.findall(text)), STRONG_STEP, STRONG_MAX)
    score += WEIGHTY_TOPIC if lex.weighty.search(text) else 0.0
    score += STRETCH if _STRETCHED.search(text) else 0.0
    score += _capped(len(_EMOJI.findall(text)), EMOJI_STEP, EMOJI_MAX)
    score -= _capped(len(lex.softeners.findall(text)), SOFTENER_STEP, SOFTENER_MAX)
    return score


def intensity(text: str, emotional_mass: float) -> float:
    """Overall intensity; ``emotional_mass`` is the strongest non-neutral emotion score."""
    return max(0.0, min(1.0, surface_intensity(text) + EMOTION_WEIGHT * emotional_mass))
