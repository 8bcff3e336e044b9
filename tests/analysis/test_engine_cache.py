"""The analyser's per-text cache: a share analysed once per keystroke run, never stale."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from heartline.analysis import engine
from heartline.analysis.engine import Analyzer

SHARE = "My sister cancelled on me again, the third time this month."
REPLIES = ("That's so frustrating.", "What did she say this time?",
           "Oh no, again? You must feel so let down.")


def assert_same(a: Any, b: Any) -> None:
    """Equal results; floats to 1e-5, since a text encoded in another batch differs in the
    last bits of float32."""
    if isinstance(a, float):
        assert a == pytest.approx(b, abs=1e-5)
    elif dataclasses.is_dataclass(a):
        assert type(a) is type(b)
        for field in dataclasses.fields(a):
            assert_same(getattr(a, field.name), getattr(b, field.name))
    elif isinstance(a, tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            assert_same(x, y)
    else:
        assert a == b


@pytest.fixture
def fresh(analyzer: Analyzer) -> Analyzer:
    """An analyser with an empty cache, sharing the session's loaded encoder."""
    return Analyzer(analyzer._encoder)


def test_live_feedback_reuses_the_share_and_matches_a_fresh_analysis(
        analyzer: Analyzer, fresh: Analyzer) -> None:
    typed = [fresh.reply(SHARE, reply) for reply in REPLIES]
    assert all(pair.context is typed[0].context for pair in typed), "the share is analysed once"
    for reply, pair in zip(REPLIES, typed, strict=True):
        assert_same(pair, Analyzer(analyzer._encoder).reply(SHARE, reply))


def test_a_turn_read_again_is_the_same_analysis(fresh: Analyzer) -> None:
    first = fresh.turn(SHARE)
    assert fresh.turn(SHARE) is first
    assert fresh.turns([SHARE, "fine"])[0] is first


def test_the_cache_is_bounded(fresh: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "VECTOR_CACHE_SIZE", 3)
    texts = [f"Today was day {n} of the move." for n in range(5)]
    turns = fresh.turns(texts)
    assert len(fresh._cache) == 3
    assert list(fresh._cache) == texts[2:], "the least recently used texts go first"
    again = fresh.turn(texts[0])
    assert again is not turns[0], "an evicted text is analysed again"
    assert_same(again, turns[0])
