"""Analysis of a listener's reply (SYSTEM.md M4, M2): does it show "I get it and I care"?

Labels (multi-label; full guide with examples in docs/listening-labels.md):

- ``emotional_reaction``: the listener shows their own feeling ("oh no",
  "that's wonderful", "I'm so sorry").
- ``reflection``: puts the sharer's content or feeling into words ("sounds
  like you felt blindsided").
- ``validation``: says the feeling makes sense ("of course you're upset").
- ``open_question``: invites them to say more ("what was that like?").
- ``closed_question``: asks for yes/no or a short fact ("did you tell him?").
- ``advice``: suggestions, fixes, instructions.
- ``reassurance``: "it'll be fine", "don't worry".
- ``support``: presence, love, being on their side, offering help or a hug.
- ``information``: facts or explanations.
- ``self_disclosure``: the listener's own related experience.
- ``minimizing``: "at least…", "not a big deal", "calm down".
- ``criticism``: blame, contempt, "you always".

Every label comes with a probability from the trained head and a span that
shows where it is: the cue phrase when one matched, otherwise the sentence
whose words pushed the head most. The scores and flags are built from the
label probabilities by the named weights below, so each can be explained.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from heartline.analysis.cues import CueHit, cue_vector, find_cues, load_cues
from heartline.analysis.flags import ExchangeState, reply_flags
from heartline.analysis.intensity import surface_intensity
from heartline.analysis.results import (
    REPLY_LABELS,
    ModelInfo,
    ReplyAnalysis,
    ReplyScores,
    Span,
    TurnAnalysis,
)
from heartline.analysis.suggestion import suggest_reply
from heartline.analysis.turn import turn_cue_labels
from heartline.models.encoder import DIMENSION
from heartline.models.features import Token, tokens
from heartline.models.heads import Head, HeadInput

REPLY_OUTPUTS: tuple[str, ...] = (*REPLY_LABELS, "turning_away", "defensive")
REPLY_CUE_LABELS: tuple[str, ...] = (*REPLY_LABELS, "defensive", "turning_away")
REPLY_EXTRA_FEATURES: tuple[str, ...] = (
    *(f"cue:{label}" for label in REPLY_CUE_LABELS),
    "context_similarity", "log_words", "context_bid", "context_complaint",
)

# Scores combine label probabilities like independent pieces of evidence
# (noisy-OR: 1 - Π(1 - weight·p)), then subtract what works against them.
UNDERSTANDING_EVIDENCE = {"reflection": 0.85, "validation": 0.7, "open_question": 0.15}
UNDERSTANDING_PENALTY = {"minimizing": 0.5, "criticism": 0.5, "turning_away": 0.4}
SIMILARITY_WEIGHT = 0.3
SIMILARITY_FLOOR, SIMILARITY_SPAN = 0.15, 0.45
CARING_EVIDENCE = {"emotional_reaction": 0.8, "support": 0.75, "validation": 0.35}
CARING_PENALTY = {"criticism": 0.6, "minimizing": 0.35, "turning_away": 0.3}
EXPLORATION_EVIDENCE = {"open_question": 0.9, "closed_question": 0.35, "reflection": 0.15}
EXPLORATION_PENALTY = {"advice": 0.15, "turning_away": 0.3}
# How much feeling a reply carries: its surface intensity (a bare "nice." is a
# reaction, but a flat one), a little for visible caring, and more for naming
# their feeling back or taking it seriously ("no wonder you're terrified"),
# which is how a calm reply still meets a big one.
REPLY_FEELING_WEIGHTS = {"emotional_reaction": 0.15, "support": 0.1, "reflection": 0.3,
                         "validation": 0.3}
OVERSHOOT_ALLOWANCE = 0.35
GAP_WEIGHT = 1.5

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(frozen=True)
class ReplyInput:
    """A reply and its context, with the vectors already computed."""

    context: TurnAnalysis
    context_vector: np.ndarray
    text: str
    vector: np.ndarray


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine of the two sentence vectors (the unit-length first half of each)."""
    return float(a[:DIMENSION] @ b[:DIMENSION])


def reply_extras(context: str, context_vector: np.ndarray, toks: list[Token],
                 vector: np.ndarray, hits: list[CueHit]) -> np.ndarray:
    """Cue indicators plus what the head needs to know about the context."""
    context_cues = turn_cue_labels(context)
    values = cue_vector(hits, REPLY_CUE_LABELS)
    values += [
        similarity(context_vector, vector),
        math.log1p(len(toks)),
        1.0 if "bid" in context_cues else 0.0,
        1.0 if "complaint" in context_cues else 0.0,
    ]
    return np.asarray(values, dtype=np.float32)


def _weighted(probs: dict[str, float], weights: dict[str, float]) -> float:
    return sum(probs[name] * w for name, w in weights.items())


def _evidence(probs: dict[str, float], weights: dict[str, float], *extra: float) -> float:
    missing = 1.0
    for value in [probs[name] * w for name, w in weights.items()] + list(extra):
        missing *= 1.0 - value
    return 1.0 - missing


def _clip(x: float) -> float:
    return max(0.0, min(1.0, x))


def reply_feeling(text: str, probs: dict[str, float]) -> float:
    return _clip(surface_intensity(text) + _weighted(probs, REPLY_FEELING_WEIGHTS))


def reply_scores(item: ReplyInput, probs: dict[str, float]) -> ReplyScores:
    closeness = _clip((similarity(item.context_vector, item.vector) - SIMILARITY_FLOOR)
                      / SIMILARITY_SPAN)
    shown = reply_feeling(item.text, probs)
    felt = item.context.intensity
    gap = max(0.0, felt - shown) + max(0.0, shown - felt - OVERSHOOT_ALLOWANCE)
    return ReplyScores(
        understanding=_clip(_evidence(probs, UNDERSTANDING_EVIDENCE, SIMILARITY_WEIGHT * closeness)
                            - _weighted(probs, UNDERSTANDING_PENALTY)),
        caring=_clip(_evidence(probs, CARING_EVIDENCE) - _weighted(probs, CARING_PENALTY)),
        exploration=_clip(_evidence(probs, EXPLORATION_EVIDENCE)
                          - _weighted(probs, EXPLORATION_PENALTY)),
        intensity_match=_clip(1.0 - GAP_WEIGHT * gap),
    )


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    for match in _SENTENCE.finditer(text):
        if match.start() <= start < match.end():
            s, e = match.start(), max(match.end(), end)
            while s < e and text[s].isspace():
                s += 1
            return s, e
    return start, end


def label_spans(item: ReplyInput, head: Head, head_input: HeadInput,
                labels: tuple[str, ...], hits: list[CueHit]) -> tuple[Span, ...]:
    """A span for every predicted label: its cue phrases, else its strongest sentence."""
    spans: list[Span] = []
    for label in labels:
        own = [h for h in hits if h.label == label]
        if own:
            spans.extend(Span(h.start, h.end, label, h.why) for h in _outermost(own))
            continue
        found = head.strongest_ngram(head_input, label)
        start, end = _sentence_around(item.text, *found) if found else (0, len(item.text))
        spans.append(Span(start, end, label, MODEL_REASONS[label]))
    return tuple(sorted(spans, key=lambda s: (s.start, s.end, s.label)))


def _outermost(hits: list[CueHit]) -> list[CueHit]:
    """Drop hits that sit inside a longer hit of the same label."""
    return [h for h in hits
            if not any(o is not h and o.start <= h.start and h.end <= o.end
                       and (o.end - o.start) > (h.end - h.start) for o in hits)]


MODEL_REASONS: dict[str, str] = {
    "emotional_reaction": "Here your own feeling about it comes through.",
    "reflection": "Here you put their experience into your own words.",
    "validation": "Here you tell them the feeling makes sense.",
    "open_question": "This invites them to tell you more.",
    "closed_question": "This asks for a short answer.",
    "advice": "This reads as advice about what to do.",
    "reassurance": "This reads as telling them it will be fine.",
    "support": "Here you offer your presence or help.",
    "information": "This gives facts or an explanation.",
    "self_disclosure": "Here the talk turns to your own experience.",
    "minimizing": "This makes it sound smaller than it feels to them.",
    "criticism": "This reads as blame or judgment.",
}


def analyze_reply_with(item: ReplyInput, head: Head, state: ExchangeState,
                       model: ModelInfo) -> ReplyAnalysis:
    """Analyse a reply whose vectors are computed; ``state`` is the talk so far."""
    hits = find_cues(item.text, load_cues("reply_cues.toml"))
    toks = tokens(item.text)
    extras = reply_extras(item.context.text, item.context_vector, toks, item.vector, hits)
    head_input = HeadInput(item.vector, toks, extras)
    p = head.probabilities(head_input)
    probs = dict(zip(REPLY_OUTPUTS, p.tolist(), strict=True))
    cutoffs = dict(zip(REPLY_OUTPUTS, head.thresholds.tolist(), strict=True))
    labels = tuple(name for name in REPLY_LABELS if probs[name] >= cutoffs[name])
    scores = reply_scores(item, probs)
    spans = label_spans(item, head, head_input, labels, hits)
    flags = reply_flags(item.context, item.text, labels=labels, probs=probs, cutoffs=cutoffs,
                        scores=scores, spans=spans, hits=hits, state=state)
    return ReplyAnalysis(
        text=item.text, labels=labels,
        label_scores=tuple((name, probs[name]) for name in REPLY_LABELS),
        scores=scores, flags=flags, spans=spans,
        suggestion=suggest_reply(item.context, item.text), model=model,
    )
