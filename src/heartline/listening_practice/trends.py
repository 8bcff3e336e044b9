"""The four listening skills over time, as an SVG chart (drawn by ``practices.charts``)."""

from __future__ import annotations

from collections.abc import Sequence

from heartline.errors import InputError
from heartline.listening_practice.debrief import SKILL_TITLES, SKILLS
from heartline.listening_practice.progress import Round
from heartline.practices.charts import Series, line_chart


def skills_chart(history: Sequence[Round]) -> str:
    if not history:
        raise InputError("There's nothing to chart yet. Play a round first: "
                         "heartline practice play")
    dates = [r.when.astimezone().date().isoformat() for r in history]
    lines = [Series(SKILL_TITLES[s], tuple(r.skills[s] for r in history)) for s in SKILLS]
    desc = (f"{len(history)} listening practice rounds, each skill from 0 to 1: "
            + ", ".join(f"{SKILL_TITLES[s]} {history[-1].skills[s]:.2f}" for s in SKILLS)
            + " in the latest round.")
    return line_chart(lines, dates, title="Listening practice: skills over time", desc=desc,
                      low=0, high=1, y_title="Skill (0–1)")
