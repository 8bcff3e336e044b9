"""The 28 GoEmotions labels and the plain feeling word we show for each.

GoEmotions names are kept exactly as the dataset spells them so results can
be compared with published work; people see the friendlier word instead
("annoyance" reads as a diagnosis, "frustrated" reads as a feeling).
Valence groups the labels for the listener side: a reply to good news should
celebrate, a reply to bad news should feel with them (SYSTEM.md M4).
"""

from __future__ import annotations

from typing import Literal

Valence = Literal["positive", "negative", "ambiguous", "neutral"]

EMOTIONS: tuple[str, ...] = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring",
    "confusion", "curiosity", "desire", "disappointment", "disapproval",
    "disgust", "embarrassment", "excitement", "fear", "gratitude", "grief",
    "joy", "love", "nervousness", "optimism", "pride", "realization",
    "relief", "remorse", "sadness", "surprise", "neutral",
)

FEELING_WORDS: dict[str, str] = {
    "admiration": "impressed",
    "amusement": "amused",
    "anger": "angry",
    "annoyance": "frustrated",
    "approval": "on board",
    "caring": "tender",
    "confusion": "confused",
    "curiosity": "curious",
    "desire": "longing",
    "disappointment": "let down",
    "disapproval": "uneasy about it",
    "disgust": "disgusted",
    "embarrassment": "embarrassed",
    "excitement": "excited",
    "fear": "scared",
    "gratitude": "grateful",
    "grief": "heartbroken",
    "joy": "happy",
    "love": "loving",
    "nervousness": "anxious",
    "optimism": "hopeful",
    "pride": "proud",
    "realization": "struck by it",
    "relief": "relieved",
    "remorse": "sorry",
    "sadness": "sad",
    "surprise": "surprised",
    "neutral": "calm",
}

VALENCE: dict[str, Valence] = {
    **dict.fromkeys(
        ("admiration", "amusement", "approval", "caring", "excitement", "gratitude",
         "joy", "love", "optimism", "pride", "relief"), "positive"),
    **dict.fromkeys(
        ("anger", "annoyance", "disappointment", "disapproval", "disgust",
         "embarrassment", "fear", "grief", "nervousness", "remorse", "sadness"), "negative"),
    **dict.fromkeys(("confusion", "curiosity", "desire", "realization", "surprise"),
                    "ambiguous"),
    "neutral": "neutral",
}


def feeling_word(label: str) -> str:
    """The word a person sees for a GoEmotions label."""
    return FEELING_WORDS[label]
