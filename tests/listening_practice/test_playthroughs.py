"""Scripted playthroughs of every scenario (issue 5's acceptance test).

A good listener (the scenario's own model replies: reflection, visible
feeling, an open question) must reach "felt understood"; advice first must
shut the sharer down. And no state the sharer can reach is without a line.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartline.analysis.engine import Analyzer
from heartline.listening_practice.conversation import MAX_REPLIES, Conversation
from heartline.listening_practice.openness import Effect, level_of, moved
from heartline.listening_practice.scenarios import load_scenarios

SCENARIOS = load_scenarios()
IDS = [s.id for s in SCENARIOS]
ADVICE_FIRST = ("You should just sort it out tomorrow, honestly.",
                "What you need to do is make a plan and stick to it.")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_a_good_listener_reaches_felt_understood(scenario, analyzer: Analyzer) -> None:
    talk = Conversation(scenario, random.Random(0), analyzer)
    while talk.ending is None:
        model = talk._model()
        assert model, f"no model reply at level {talk.level}"
        talk.reply(model)
    assert talk.ending == "understood", [(m.before, m.after, [e.why for e in m.effects])
                                         for m in talk.moments]
    assert len(talk.moments) < MAX_REPLIES
    if scenario.advice is not None:
        assert talk.moments[-1].answer in scenario.advice.welcome


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_advice_first_shuts_the_sharer_down(scenario, analyzer: Analyzer) -> None:
    talk = Conversation(scenario, random.Random(0), analyzer)
    for reply in ADVICE_FIRST * 2:
        if talk.ending is not None:
            break
        talk.reply(reply)
    assert talk.ending == "shut_down"
    assert talk.moments[-1].answer in scenario.lines_at(0)


@settings(max_examples=300)
@given(st.sampled_from(SCENARIOS), st.lists(st.floats(-3, 3), min_size=1, max_size=10))
def test_no_reachable_state_lacks_a_line(scenario, steps: list[float]) -> None:
    value = float(scenario.start)
    for step in steps:
        value = moved(value, (Effect(step, "x"),))
        level = level_of(value)
        assert scenario.lines_at(level)
        if 1 <= level <= 4:
            assert scenario.model_at(level)
    if scenario.advice is not None:
        assert scenario.advice.ask and scenario.advice.welcome and scenario.advice.model
