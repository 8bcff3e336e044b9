"""Frozen, typed results of every analysis, and their JSON form.

Results are values: two analyses of the same text are equal. Each carries the
names and versions of the analysers that produced it (``model``), so a stored
analysis can always be traced to the model that made it. ``to_dict`` gives
the documented JSON contract of ``heartline analyze --jsonl``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Disclosure = Literal["none", "factual", "emotional"]
Safety = Literal["none", "self_harm", "abuse", "crisis"]
BidResponse = Literal["toward", "away", "against", "unanswered"]

REPLY_LABELS: tuple[str, ...] = (
    "emotional_reaction", "reflection", "validation", "open_question",
    "closed_question", "advice", "reassurance", "support", "information",
    "self_disclosure", "minimizing", "criticism",
)
SCORE_NAMES: tuple[str, ...] = ("understanding", "caring", "exploration", "intensity_match")
FLAG_NAMES: tuple[str, ...] = (
    "advice_before_understanding", "reassurance_before_understanding", "self_focus",
    "turning_away", "intensity_mismatch", "defensiveness",
)


@dataclass(frozen=True)
class ModelInfo:
    """Which analysers produced a result, as ``name`` → version-bearing id."""

    encoder: str
    heads: tuple[str, ...]
    rules: str

    def to_dict(self) -> dict[str, Any]:
        return {"encoder": self.encoder, "heads": list(self.heads), "rules": self.rules}


@dataclass(frozen=True)
class EmotionScore:
    label: str
    score: float
    word: str


@dataclass(frozen=True)
class TurnAnalysis:
    """What a sharer's turn shows (SYSTEM.md M3)."""

    text: str
    emotions: tuple[EmotionScore, ...]
    intensity: float
    disclosure: Disclosure
    deflection: bool
    i_feel: bool
    bid: bool
    safety: Safety
    model: ModelInfo
    undertone: EmotionScore | None = None
    """The strongest non-neutral emotion, even below its threshold: what a listener
    might sense under a flat-sounding message. Not part of the JSON contract."""

    @property
    def top_emotion(self) -> EmotionScore:
        return self.emotions[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "emotions": [{"label": e.label, "score": round(e.score, 4)} for e in self.emotions],
            "intensity": round(self.intensity, 4),
            "disclosure": self.disclosure,
            "deflection": self.deflection,
            "i_feel": self.i_feel,
            "bid": self.bid,
            "safety": self.safety,
            "model": self.model.to_dict(),
        }


@dataclass(frozen=True)
class Span:
    """Characters ``text[start:end]`` of the reply that show ``label``."""

    start: int
    end: int
    label: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "why": self.why}


@dataclass(frozen=True)
class Flag:
    """A named problem with the reply and a plain explanation of it."""

    name: str
    why: str


@dataclass(frozen=True)
class ReplyScores:
    understanding: float
    caring: float
    exploration: float
    intensity_match: float

    def to_dict(self) -> dict[str, float]:
        return {name: round(getattr(self, name), 4) for name in SCORE_NAMES}


@dataclass(frozen=True)
class ReplyAnalysis:
    """What a listener's reply does (SYSTEM.md M4, M2)."""

    text: str
    labels: tuple[str, ...]
    label_scores: tuple[tuple[str, float], ...]
    scores: ReplyScores
    flags: tuple[Flag, ...]
    spans: tuple[Span, ...]
    suggestion: str
    model: ModelInfo

    def score_of(self, label: str) -> float:
        return dict(self.label_scores)[label]

    @property
    def flag_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.flags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "label_scores": {name: round(p, 4) for name, p in self.label_scores},
            "scores": self.scores.to_dict(),
            "flags": [f.name for f in self.flags],
            "flag_reasons": {f.name: f.why for f in self.flags},
            "spans": [s.to_dict() for s in self.spans],
            "suggestion": self.suggestion,
            "model": self.model.to_dict(),
        }


@dataclass(frozen=True)
class ReplyPair:
    """A sharer's turn and a reply to it, analysed together."""

    context: TurnAnalysis
    response: ReplyAnalysis

    def to_dict(self) -> dict[str, Any]:
        return {"context": self.context.to_dict(), "response": self.response.to_dict()}
