"""The debrief: what each reply did, and the four listening skills across the round.

The skills follow M4 and M2: understanding (they get it), caring (feeling
shows), drawing out (open questions that keep them talking) and timing (no
advice or reassurance before the sharer feels understood). Each is 0–1,
averaged over the replies given while the sharer was still being heard.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean
from typing import Any

from heartline.listening_practice.conversation import Conversation, Moment

SKILLS = ("understanding", "caring", "drawing_out", "timing")
SKILL_TITLES = {"understanding": "Understanding", "caring": "Caring",
                "drawing_out": "Drawing out", "timing": "Timing"}
EARLY_FLAGS = ("advice_before_understanding", "reassurance_before_understanding")
ENDING_WORDS = {"understood": "They felt understood.",
                "shut_down": "They shut down.",
                "closed": "The talk came to a natural close."}


@dataclass(frozen=True)
class Debrief:
    scenario_id: str
    ending: str
    skills: dict[str, float]
    moments: tuple[Moment, ...]

    @property
    def weakest(self) -> str:
        return min(SKILLS, key=lambda s: self.skills[s])

    def to_dict(self) -> dict[str, Any]:
        """The stored form: enough to show the timeline again without re-analysing."""
        return {"scenario": self.scenario_id, "ending": self.ending, "skills": self.skills,
                "timeline": [_moment(m) for m in self.moments]}


def debrief(conversation: Conversation) -> Debrief:
    heard = [m for m in conversation.moments if m.effects] or conversation.moments
    return Debrief(conversation.scenario.id, conversation.ending or "closed",
                   skills(heard), tuple(conversation.moments))


def skills(moments: list[Moment]) -> dict[str, float]:
    if not moments:
        return dict.fromkeys(SKILLS, 0.0)
    scores = [m.analysis.response.scores for m in moments]
    early = sum(any(f in m.analysis.response.flag_names for f in EARLY_FLAGS) for m in moments)
    return {"understanding": round(fmean(s.understanding for s in scores), 3),
            "caring": round(fmean(s.caring for s in scores), 3),
            "drawing_out": round(fmean(s.exploration for s in scores), 3),
            "timing": round(1 - early / len(moments), 3)}


def _moment(moment: Moment) -> dict[str, Any]:
    reply = moment.analysis.response
    return {"said": moment.said, "reply": moment.reply, "answer": moment.answer,
            "before": round(moment.before, 2), "after": round(moment.after, 2),
            "labels": list(reply.labels), "flags": list(reply.flag_names),
            "spans": [s.to_dict() for s in reply.spans],
            "effects": [{"amount": e.amount, "why": e.why} for e in moment.effects],
            "model": moment.model}
