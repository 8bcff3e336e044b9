"""Safety screening of a sharer's turn (SYSTEM.md, "never do").

Three signs switch the product from coaching to help: ``self_harm``,
``abuse`` and ``crisis``. Phrase cues catch the plain ways people say these
things; the trained head catches the indirect ways ("everyone would be fine
without me"). Figures of speech are common in everyday talk ("this commute is
killing me"), so guard cues cancel any cue they overlap, and beside one the
head alone raises no alarm: it learns the words of danger talk as well as
their sense, and scored "my sister's boyfriend hits the gym" 0.99 abuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from heartline.analysis.cues import CueHit, find_cues, load_cues
from heartline.analysis.results import Safety

SAFETY_LABELS: tuple[Safety, ...] = ("self_harm", "abuse", "crisis")
GUARD = "guard"
# Talk of the past cancels self-harm and crisis cues, never abuse: abuse that
# is being talked about is still abuse, and the writer still deserves help.
PAST_GUARD = "guard_past"
GUARDS = {GUARD: frozenset(SAFETY_LABELS), PAST_GUARD: frozenset({"self_harm", "crisis"})}
# Without a cue the head alone needs this much. On the held-out turns, 0.7
# (from 0.6) took false alarms from 9 to 3 of 321 for 3 more missed of 87.
HEAD_ONLY_MIN = 0.7
_SENTENCE = re.compile(r"[^.!?\n]+")


@dataclass(frozen=True)
class SafetyCheck:
    label: Safety
    hits: tuple[CueHit, ...]


def _sentence_of(text: str, position: int) -> tuple[int, int]:
    for match in _SENTENCE.finditer(text):
        if match.start() <= position < match.end():
            return match.start(), match.end()
    return position, position + 1


def safety_hits(text: str) -> tuple[list[CueHit], bool]:
    """Alarm cues not cancelled by a guard in the same sentence, and whether a guard fired."""
    hits = find_cues(text, load_cues("safety_cues.toml"))
    guarded = [(_sentence_of(text, h.start), GUARDS[h.label]) for h in hits if h.label in GUARDS]
    alarms = [h for h in hits if h.label not in GUARDS
              and not any(sentence == _sentence_of(text, h.start) and h.label in cancels
                          for sentence, cancels in guarded)]
    return alarms, bool(guarded)


def check_safety(alarms: list[CueHit], guarded: bool, head_scores: dict[str, float],
                 thresholds: dict[str, float]) -> SafetyCheck:
    """The most urgent sign present; self-harm outranks abuse, abuse outranks crisis.

    ``alarms`` and ``guarded`` are what ``safety_hits`` found in the text.
    """
    for label in SAFETY_LABELS:
        cue_hits = tuple(h for h in alarms if h.label == label)
        needed = max(HEAD_ONLY_MIN, thresholds.get(label, 1.0))
        confident = not guarded and head_scores.get(label, 0.0) >= needed
        if cue_hits or confident:
            return SafetyCheck(label, cue_hits)
    return SafetyCheck("none", ())
