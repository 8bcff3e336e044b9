"""The named weights that move openness, and the levels they lead to (M2, M4)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from heartline.analysis.engine import Analyzer
from heartline.listening_practice import openness
from heartline.listening_practice.openness import Effect, effects, level_of, moved


def test_what_helps_rises_and_what_hurts_falls() -> None:
    rises = (openness.REFLECTION, openness.FEELING, openness.VALIDATION,
             openness.OPEN_QUESTION, openness.SUPPORT, openness.INTENSITY_MATCHED)
    falls = (openness.ADVICE_EARLY, openness.REASSURANCE_EARLY, openness.MINIMIZING,
             openness.CRITICISM, openness.SELF_FOCUS, openness.TURNING_AWAY,
             openness.DEFENSIVE, openness.INTENSITY_MISSED, openness.NOTHING_SHOWN)
    assert all(r > 0 for r in rises) and all(f < 0 for f in falls)
    assert openness.MINIMIZING <= openness.ADVICE_EARLY < openness.SELF_FOCUS


@given(st.floats(0, 5), st.lists(st.floats(-5, 5), max_size=6))
def test_one_reply_moves_openness_a_bounded_step_within_range(start: float,
                                                              amounts: list[float]) -> None:
    after = moved(start, tuple(Effect(a, "x") for a in amounts))
    assert openness.LOWEST <= after <= openness.HIGHEST
    assert openness.MAX_FALL - 1e-9 <= after - start <= openness.MAX_RISE + 1e-9


@given(st.floats(0, 5))
def test_levels_are_zero_only_at_the_bottom_and_five_only_at_the_top(value: float) -> None:
    level = level_of(value)
    assert (level == 0) == (value <= 0) and (level == 5) == (value >= 5)
    assert 0 <= level <= 5


def test_a_reply_that_reflects_feels_and_asks_rises(analyzer: Analyzer) -> None:
    pair = analyzer.reply("Didn't get the job. Whatever.",
                          "Oh no, after all that work, that must really sting. "
                          "What was the hardest part?")
    assert moved(2.0, effects(pair.response)) == 3.0


def test_advice_first_falls_and_minimizing_falls_hardest(analyzer: Analyzer) -> None:
    advice = analyzer.reply("Didn't get the job. Whatever.", "You should apply somewhere else.")
    minimizing = analyzer.reply("Didn't get the job. Whatever.",
                                "At least you still have your old one.")
    assert moved(2.0, effects(advice.response)) < 1.0
    assert moved(2.0, effects(minimizing.response)) <= moved(2.0, effects(advice.response))


def test_a_reply_with_nothing_in_it_still_costs_a_little(analyzer: Analyzer) -> None:
    pair = analyzer.reply("Didn't get the job. Whatever.", "ok")
    assert moved(2.0, effects(pair.response)) < 2.0
