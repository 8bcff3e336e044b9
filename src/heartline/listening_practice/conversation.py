"""One practice conversation: the sharer's lines, the user's replies, and how it ends.

The sharer starts with the scenario's opening at its starting openness. Each
reply is analysed in the context of their latest line and moves openness
(``openness.py``); the sharer answers with a line for the new level, never
the same line twice while another is left. It ends when they feel
understood (in their own words), shut down, or after ``MAX_REPLIES`` with a
natural close. When what they need is advice, they ask for it once they feel
understood, and the next reply, advice included, is welcome.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from heartline.analysis.engine import Analyzer
from heartline.analysis.flags import ExchangeState
from heartline.analysis.results import ReplyPair
from heartline.listening_practice.openness import Effect, effects, level_of, moved
from heartline.listening_practice.scenarios import SHUT_DOWN, UNDERSTOOD, Scenario

Ending = Literal["understood", "shut_down", "closed"]
MAX_REPLIES = 8
CLOSINGS = {
    "low": ("Anyway. Let's leave it there.", "Okay. I'm going to go lie down for a bit."),
    "mid": ("Anyway, thanks for listening. I think I need to sit with it.",
            "Okay. That helped a little. Let's talk more later."),
}


@dataclass(frozen=True)
class Moment:
    """One reply and what followed it."""

    said: str
    reply: str
    analysis: ReplyPair
    before: float
    after: float
    effects: tuple[Effect, ...]
    answer: str
    model: str | None

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass
class Conversation:
    scenario: Scenario
    rng: random.Random = field(default_factory=random.Random)
    analyzer: Analyzer | None = None

    def __post_init__(self) -> None:
        self.openness = float(self.scenario.start)
        self.line = self.scenario.opening
        self.moments: list[Moment] = []
        self.ending: Ending | None = None
        self.asked_for_advice = False
        self._used: set[str] = {self.line}

    @property
    def level(self) -> int:
        return level_of(self.openness)

    def reply(self, text: str) -> Moment:
        """Answer the sharer's current line; returns what happened."""
        if self.ending is not None:
            raise ValueError("the conversation has ended")
        engine = self.analyzer or Analyzer.default()
        pair = engine.reply(self.line, text, state=ExchangeState(understood=self.asked_for_advice))
        before = self.openness
        model = self._model()
        if self.asked_for_advice:
            found: tuple[Effect, ...] = ()
            answer = self._advice_answer(pair)
        else:
            found = effects(pair.response)
            self.openness = moved(before, found)
            answer = self._answer()
        moment = Moment(self.line, text, pair, before, self.openness, found, answer, model)
        self.moments.append(moment)
        self.line = answer
        return moment

    def close(self) -> None:
        """End the round early (the person stopped replying)."""
        if self.ending is None:
            self.ending = "closed"

    def _model(self) -> str | None:
        if self.asked_for_advice and self.scenario.advice is not None:
            return self.scenario.advice.model
        return self.scenario.model_at(self.level)

    def _answer(self) -> str:
        level = self.level
        if level == SHUT_DOWN:
            self.ending = "shut_down"
            return self._pick(self.scenario.lines_at(SHUT_DOWN))
        if level == UNDERSTOOD and self.scenario.advice is not None:
            self.asked_for_advice = True
            return self._pick(self.scenario.advice.ask)
        if level == UNDERSTOOD:
            self.ending = "understood"
            return self._pick(self.scenario.lines_at(UNDERSTOOD))
        if len(self.moments) + 1 >= MAX_REPLIES:
            self.ending = "closed"
            return self._pick(CLOSINGS["low" if level <= 2 else "mid"])
        return self._pick(self.scenario.lines_at(level))

    def _advice_answer(self, pair: ReplyPair) -> str:
        """Once understood, advice is welcome; a reply without it still leaves them understood."""
        self.ending = "understood"
        advice = self.scenario.advice
        if advice is not None and "advice" in pair.response.labels:
            return self._pick(advice.welcome)
        return self._pick(self.scenario.lines_at(UNDERSTOOD))

    def _pick(self, lines: tuple[str, ...]) -> str:
        fresh = [line for line in lines if line not in self._used] or list(lines)
        chosen = self.rng.choice(fresh)
        self._used.add(chosen)
        return chosen
