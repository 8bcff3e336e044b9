"""The six ways a reply goes wrong (SYSTEM.md M2), judged on the talk so far.

Advice and reassurance are not wrong in themselves: they are wrong *before*
the sharer feels understood. So those two flags look at the exchange state:
once a listener has reflected or validated and the sharer has said so ("yes,
exactly"), advice is fine. When the sharer asks for advice, a reply that leads
with understanding and then advises is fine too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from heartline.analysis.cues import CueHit
from heartline.analysis.results import Flag, ReplyScores, Span, TurnAnalysis

UNDERSTANDING_LABELS = ("reflection", "validation")
ENGAGING_LABELS = ("emotional_reaction", "reflection", "validation", "open_question",
                   "support", "closed_question")
MISMATCH_MIN_INTENSITY = 0.5
MISMATCH_MAX_MATCH = 0.6
# Understanding that the same reply then undercuts does not count as leading with it.
UNDERCUTTING_LABELS = ("minimizing", "criticism")
SELF_FOCUS_RATIO = 2.0

_FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|myself|i['’](?:m|ve|d|ll))\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|u|ur|you['’](?:re|ve|d|ll))\b",
                            re.IGNORECASE)

WHY = {
    "advice_before_understanding": (
        "Advice came before they felt understood. It can read as \"here's your fix, are we "
        "done?\". Show you get it first; offer ideas later, or when they ask."),
    "reassurance_before_understanding": (
        "Reassurance came before they felt understood, so \"it'll be fine\" can sound like "
        "\"you don't get what I'm going through\". Reflect first; comfort after."),
    "self_focus": (
        "The reply moves the spotlight to you. A short \"me too\" can connect, but bring it "
        "back to them."),
    "turning_away": (
        "The reply doesn't take up what they offered, or changes the subject. Turn toward "
        "it, even briefly."),
    "intensity_mismatch": (
        "The reply is much calmer than what they feel. Match how big this is for them, or "
        "go a notch stronger."),
    "defensiveness": (
        "They told you how something felt, and the reply defends you. Hear it first; your "
        "side can come later."),
}


@dataclass(frozen=True)
class ExchangeState:
    """What the conversation so far says about this sharer."""

    understood: bool = False


def _first(spans: tuple[Span, ...], labels: tuple[str, ...]) -> int | None:
    starts = [s.start for s in spans if s.label in labels]
    return min(starts) if starts else None


def _led_with_understanding(spans: tuple[Span, ...], labels: tuple[str, ...],
                            label: str) -> bool:
    first_understanding = _first(spans, UNDERSTANDING_LABELS)
    first_move = _first(spans, (label,))
    return (first_understanding is not None and first_move is not None
            and first_understanding < first_move
            and not any(name in labels for name in UNDERCUTTING_LABELS))


def _too_early(label: str, labels: tuple[str, ...], spans: tuple[Span, ...],
               state: ExchangeState) -> bool:
    if label not in labels or state.understood:
        return False
    return not _led_with_understanding(spans, labels, label)


def _self_focused(text: str, labels: tuple[str, ...]) -> bool:
    if "self_disclosure" not in labels:
        return False
    mine = len(_FIRST_PERSON.findall(text))
    yours = len(_SECOND_PERSON.findall(text))
    return mine >= SELF_FOCUS_RATIO * max(yours, 1) and "open_question" not in labels


def _turning_away(labels: tuple[str, ...], probs: dict[str, float],
                  cutoffs: dict[str, float], hits: list[CueHit]) -> bool:
    if probs["turning_away"] >= cutoffs["turning_away"]:
        return True
    engaged = any(label in labels for label in ENGAGING_LABELS)
    return not engaged and any(h.label == "turning_away" for h in hits)


def reply_flags(context: TurnAnalysis, text: str, *, labels: tuple[str, ...],
                probs: dict[str, float], cutoffs: dict[str, float], scores: ReplyScores,
                spans: tuple[Span, ...], hits: list[CueHit],
                state: ExchangeState) -> tuple[Flag, ...]:
    """The flags that apply, in a fixed order."""
    raised = {
        "advice_before_understanding":
            _too_early("advice", labels, spans, state),
        "reassurance_before_understanding":
            _too_early("reassurance", labels, spans, state),
        "self_focus": _self_focused(text, labels),
        "turning_away": _turning_away(labels, probs, cutoffs, hits),
        "intensity_mismatch": (context.intensity >= MISMATCH_MIN_INTENSITY
                               and not context.deflection
                               and scores.intensity_match < MISMATCH_MAX_MATCH),
        "defensiveness": probs["defensive"] >= cutoffs["defensive"],
    }
    return tuple(Flag(name, WHY[name]) for name, on in raised.items() if on)
