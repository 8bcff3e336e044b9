"""Analysis of a sharer's turn (SYSTEM.md M3): what they feel and how open they were.

Fields and how each is decided:
- ``emotions``: GoEmotions labels whose score clears the label's tuned
  threshold, or that the speaker names ("I'm furious", ``stated_feelings.py``),
  strongest first; ``neutral`` alone when none does.
- ``intensity``: see ``intensity.py``.
- ``disclosure``: ``none`` (small talk or deflection), ``factual`` (events
  without feelings), ``emotional`` (a feeling about something that matters).
- ``deflection``: the polite script ("fine", "same old", "good, you?").
- ``i_feel``: an "I feel … when/because …" statement.
- ``bid``: a reach for attention or connection, timing bids included.
- ``safety``: ``none``, ``self_harm``, ``abuse`` or ``crisis``.
Each yes/no field is a cue (a phrase we can point at) or a confident head.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from heartline.analysis.cues import CueHit, cue_vector, find_cues, indicators, load_cues
from heartline.analysis.emotions import EMOTIONS, VALENCE, feeling_word
from heartline.analysis.intensity import intensity
from heartline.analysis.results import Disclosure, EmotionScore, ModelInfo, TurnAnalysis
from heartline.analysis.safety import check_safety, safety_hits
from heartline.analysis.stated_feelings import stated_feelings
from heartline.models.features import Token, tokens
from heartline.models.heads import Head, HeadInput

TURN_SIGNALS: tuple[str, ...] = ("deflection", "bid", "i_feel", "self_harm", "abuse", "crisis")
DISCLOSURE_CLASSES: tuple[Disclosure, ...] = ("none", "factual", "emotional")
TURN_CUE_LABELS: tuple[str, ...] = ("deflection", "bid", "i_feel", "complaint")
SAFETY_CUE_LABELS: tuple[str, ...] = ("self_harm", "abuse", "crisis", "guard")
TURN_EXTRA_FEATURES: tuple[str, ...] = (
    *(f"cue:{label}" for label in TURN_CUE_LABELS + SAFETY_CUE_LABELS), "log_words")
DEFLECTION_MAX_WORDS = 12
TURN_CUE_CACHE = 1024
# A named feeling's least score: as sure as the model is of a clear case.
STATED_FEELING = 0.6


@dataclass(frozen=True)
class TurnHeads:
    """The three heads a turn needs."""

    emotion: Head
    signals: Head
    disclosure: Head

    @property
    def names(self) -> tuple[str, ...]:
        return (self.emotion.name, self.signals.name, self.disclosure.name)


@dataclass(frozen=True)
class TurnCues:
    """Every cue in a turn, found once and shared by the features and the decisions."""

    labels: frozenset[str]
    alarms: list[CueHit]
    guarded: bool


@lru_cache(maxsize=TURN_CUE_CACHE)
def turn_cue_labels(text: str) -> frozenset[str]:
    """The labels of the turn cues (bid, complaint, affirm…) that ``text`` matches.

    A share is read as a turn, again as the context of every reply to it, and
    in a conversation once more for an affirmation; while a reply is typed
    live, on every keystroke. The cache matches its phrases once.
    """
    return frozenset(h.label for h in find_cues(text, load_cues("turn_cues.toml")))


def read_cues(text: str) -> TurnCues:
    alarms, guarded = safety_hits(text)
    return TurnCues(turn_cue_labels(text), alarms, guarded)


def turn_extras(cues: TurnCues, toks: list[Token]) -> np.ndarray:
    """Cue indicators and length: the rule features of the turn heads."""
    values = indicators(cues.labels, TURN_CUE_LABELS)
    values += cue_vector(cues.alarms, SAFETY_CUE_LABELS[:3])
    values.append(1.0 if cues.guarded else 0.0)
    values.append(math.log1p(len(toks)))
    return np.asarray(values, dtype=np.float32)


def _emotions(head: Head, item: HeadInput,
              text: str) -> tuple[tuple[EmotionScore, ...], EmotionScore]:
    """Emotions above threshold or named, and the strongest non-neutral one even if below.

    A feeling the speaker names ("I'm furious") is in, scoring at least
    ``STATED_FEELING``, whatever the model says; then ``neutral`` is not.
    """
    p = head.probabilities(item)
    named = [EMOTIONS.index(label) for label in stated_feelings(text)]
    p[named] = np.maximum(p[named], STATED_FEELING)
    strongest = max((i for i, label in enumerate(EMOTIONS) if VALENCE[label] != "neutral"),
                    key=lambda i: p[i])
    undertone = EmotionScore(EMOTIONS[strongest], float(p[strongest]),
                             feeling_word(EMOTIONS[strongest]))
    chosen = [i for i in np.argsort(-p) if p[i] >= head.thresholds[i] or i in named]
    if named:
        chosen = [i for i in chosen if EMOTIONS[i] != "neutral"]
    if not chosen:
        chosen = [EMOTIONS.index("neutral")]
    emotions = tuple(EmotionScore(EMOTIONS[i], float(p[i]), feeling_word(EMOTIONS[i]))
                     for i in chosen)
    return emotions, undertone


def analyze_turn_with(text: str, vector: np.ndarray, heads: TurnHeads,
                      model: ModelInfo) -> TurnAnalysis:
    """Analyse one turn whose sentence vector is already computed."""
    toks = tokens(text)
    cues = read_cues(text)
    item = HeadInput(vector, toks, turn_extras(cues, toks))
    emotions, undertone = _emotions(heads.emotion, item, text)  # it reads no extras
    signals = dict(zip(TURN_SIGNALS, heads.signals.probabilities(item).tolist(), strict=True))
    cutoffs = dict(zip(TURN_SIGNALS, heads.signals.thresholds.tolist(), strict=True))
    cue_labels = cues.labels

    def decided(name: str) -> bool:
        return name in cue_labels or signals[name] >= cutoffs[name]

    # The head alone may call short statements a deflection; a question asks
    # for more, which is the opposite of the polite script.
    deflection = "deflection" in cue_labels or (
        signals["deflection"] >= cutoffs["deflection"] and len(toks) <= DEFLECTION_MAX_WORDS
        and "?" not in text)
    i_feel = decided("i_feel")
    disclosure = DISCLOSURE_CLASSES[int(np.argmax(heads.disclosure.probabilities(item)))]
    if deflection:
        disclosure = "none"
    elif i_feel:
        disclosure = "emotional"
    return TurnAnalysis(
        text=text, emotions=emotions, intensity=intensity(text, undertone.score),
        disclosure=disclosure, deflection=deflection, i_feel=i_feel, bid=decided("bid"),
        safety=check_safety(cues.alarms, cues.guarded, signals, cutoffs).label,
        model=model, undertone=undertone,
    )
