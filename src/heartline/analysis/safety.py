"""Safety screening of a sharer's turn (SYSTEM.md, "never do").

Three signs switch the product from coaching to help: ``self_harm``,
``abuse`` and ``crisis``. Phrase cues catch the plain ways people say these
things; the trained head catches the indirect ways ("everyone would be fine
without me"). Figures of speech are common in everyday talk ("this commute is
killing me"), so guard cues cancel any cue they overlap, and the head needs
more confidence when a guard is present.
"""

from __future__ import annotations

from dataclasses import dataclass

from heartline.analysis.cues import CueHit, find_cues, load_cues
from heartline.analysis.results import Safety

SAFETY_LABELS: tuple[Safety, ...] = ("self_harm", "abuse", "crisis")
GUARD = "guard"
GUARDED_MARGIN = 0.2


@dataclass(frozen=True)
class SafetyCheck:
    label: Safety
    hits: tuple[CueHit, ...]


def _overlaps(a: CueHit, b: CueHit) -> bool:
    return a.start < b.end and b.start < a.end


def safety_hits(text: str) -> tuple[list[CueHit], bool]:
    """Alarm cues not cancelled by an overlapping guard, and whether any guard fired."""
    hits = find_cues(text, load_cues("safety_cues.toml"))
    guards = [h for h in hits if h.label == GUARD]
    alarms = [h for h in hits if h.label != GUARD and not any(_overlaps(h, g) for g in guards)]
    return alarms, bool(guards)


def check_safety(text: str, head_scores: dict[str, float],
                 thresholds: dict[str, float]) -> SafetyCheck:
    """The most urgent sign present; self-harm outranks abuse, abuse outranks crisis."""
    alarms, guarded = safety_hits(text)
    margin = GUARDED_MARGIN if guarded else 0.0
    for label in SAFETY_LABELS:
        cue_hits = tuple(h for h in alarms if h.label == label)
        confident = head_scores.get(label, 0.0) >= min(0.99, thresholds.get(label, 1.0) + margin)
        if cue_hits or confident:
            return SafetyCheck(label, cue_hits)
    return SafetyCheck("none", ())
