"""Any text a person can type gets an analysis or a clear InputError, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartline.analysis.engine import Analyzer
from heartline.errors import InputError

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(context=texts, reply=texts)
def test_reply_analysis_on_arbitrary_text(analyzer: Analyzer, context: str, reply: str) -> None:
    try:
        pair = analyzer.reply(context, reply)
    except InputError:
        assert not context.strip() or not reply.strip()
        return
    response = pair.response
    for span in response.spans:
        assert 0 <= span.start < span.end <= len(reply)
    assert all(0.0 <= v <= 1.0 for v in response.scores.to_dict().values())
    assert 0.0 <= pair.context.intensity <= 1.0
    assert response.suggestion.strip()


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_a_clear_error(analyzer: Analyzer, text: str) -> None:
    with pytest.raises(InputError, match="nothing to analyse"):
        analyzer.turn(text)


@pytest.mark.parametrize("text", ["🙃", "!!!", "ok", "a" * 5000, "I'm fine. " * 200])
def test_odd_but_valid_text(analyzer: Analyzer, text: str) -> None:
    assert analyzer.turn(text).disclosure in {"none", "factual", "emotional"}
