"""The public API is small and deliberate (STYLE.md, httpx): changing it must be a decision."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

import heartline


def test_public_names_are_exactly_these() -> None:
    assert sorted(heartline.__all__) == [
        "HeartlineError", "InputError", "ModelNotFoundError", "__version__",
        "analyze_conversation", "analyze_reply", "analyze_turn",
    ]
    for name in heartline.__all__:
        assert hasattr(heartline, name)


def test_importing_heartline_does_not_load_numpy() -> None:
    code = "import sys, heartline, heartline.cli.app; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False", "heavy modules must load lazily (fast --help)"


def test_results_are_frozen_values() -> None:
    turn = heartline.analyze_turn("I got the job!")
    with pytest.raises(dataclasses.FrozenInstanceError):
        turn.intensity = 0.0  # type: ignore[misc]


def test_conversation_accepts_pairs_and_turns() -> None:
    from heartline.analysis.conversation import Turn

    a = heartline.analyze_conversation([("A", "I miss you"), ("B", "I miss you too")])
    b = heartline.analyze_conversation([Turn("A", "I miss you"), Turn("B", "I miss you too")])
    assert a == b
