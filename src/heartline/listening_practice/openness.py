"""How a simulated sharer's openness rises or falls with each reply (M2, M4).

Openness runs from 0 (shut down) to 5 (feels understood). Every reply is read
by the listening engine in the context of what the sharer just said, and
each thing it does moves openness by a named amount below. The amounts follow
the method: putting their experience into words, visible feeling,
validation and open questions draw a person out (M4); advice or reassurance
before they feel understood, minimizing, criticism, making it about yourself
and turning away make them pull back (M2). One reply moves openness by at
most ``MAX_RISE`` up or ``MAX_FALL`` down, so trust is built over several
replies and one clumsy reply rarely ends everything, while two usually do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from heartline.analysis.results import ReplyAnalysis

# Rises (M4).
REFLECTION = 1.0          # their content and feeling put into words
FEELING = 0.75            # the listener's own feeling shows ("oh no", "that's wonderful")
VALIDATION = 0.5          # "of course you're upset"
OPEN_QUESTION = 0.5       # an open question that keeps them talking
SUPPORT = 0.25            # "I'm here", a hug offered
INTENSITY_MATCHED = 0.25  # the reply meets how big this is for them
# Falls (M2).
ADVICE_EARLY = -1.5       # a fix before they feel understood
REASSURANCE_EARLY = -1.25 # "it'll be fine" before they feel understood
MINIMIZING = -2.0         # "at least…", "not a big deal"
CRITICISM = -2.0          # blame, "you always"
SELF_FOCUS = -1.0         # the talk turns to the listener
TURNING_AWAY = -1.5       # changing the subject, ignoring the bid
DEFENSIVE = -1.5          # defending yourself when they are hurt by you
INTENSITY_MISSED = -0.5   # much calmer (or bigger) than what they feel
NOTHING_SHOWN = -0.5      # no sign of understanding or care at all
# Limits.
MAX_RISE = 1.0
MAX_FALL = -2.0
LOWEST, HIGHEST = 0.0, 5.0
MATCHED_INTENSITY = 0.6

RISES = (("reflection", REFLECTION, "you put their experience into words"),
         ("emotional_reaction", FEELING, "your feeling showed"),
         ("validation", VALIDATION, "you said their feeling makes sense"),
         ("support", SUPPORT, "you offered comfort"))
LABEL_FALLS = (("minimizing", MINIMIZING, "it made what they feel smaller"),
               ("criticism", CRITICISM, "it sounded like blame"))
FLAG_FALLS = (("advice_before_understanding", ADVICE_EARLY,
               "advice came before they felt understood"),
              ("reassurance_before_understanding", REASSURANCE_EARLY,
               "reassurance came before they felt understood"),
              ("self_focus", SELF_FOCUS, "the talk turned to you"),
              ("turning_away", TURNING_AWAY, "it turned away from what they said"),
              ("defensiveness", DEFENSIVE, "it defended you instead of hearing them"),
              ("intensity_mismatch", INTENSITY_MISSED, "it didn't match how big this is"))


@dataclass(frozen=True)
class Effect:
    """One thing a reply did, how much it moved openness, and why, in plain words."""

    amount: float
    why: str


def effects(reply: ReplyAnalysis) -> tuple[Effect, ...]:
    """Everything this reply does to the sharer's openness."""
    labels, flags = set(reply.labels), set(reply.flag_names)
    found = [Effect(amount, why) for label, amount, why in RISES if label in labels]
    if "open_question" in labels and "turning_away" not in flags:
        found.append(Effect(OPEN_QUESTION, "your open question kept them talking"))
    if found and reply.scores.intensity_match >= MATCHED_INTENSITY:
        found.append(Effect(INTENSITY_MATCHED, "you met how big this is for them"))
    found += [Effect(amount, why) for label, amount, why in LABEL_FALLS if label in labels]
    found += [Effect(amount, why) for flag, amount, why in FLAG_FALLS if flag in flags]
    if not found:
        found.append(Effect(NOTHING_SHOWN, "nothing showed you got it or cared"))
    return tuple(found)


def moved(openness: float, found: tuple[Effect, ...]) -> float:
    """The new openness: the effects' sum, limited per reply, kept within 0–5."""
    change = min(MAX_RISE, max(MAX_FALL, sum(e.amount for e in found)))
    return min(HIGHEST, max(LOWEST, openness + change))


def level_of(openness: float) -> int:
    """The sharer's level: 0 only when shut down, 5 only when fully understood."""
    if openness <= LOWEST:
        return 0
    if openness >= HIGHEST:
        return 5
    return max(1, math.floor(openness))
