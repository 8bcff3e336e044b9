"""heartline: practice for emotional closeness, and the listening coach behind it.

The public API is small and typed. Analysis functions load the sentence model
on first use (about a fifth of a second) and keep it for the process::

    import heartline
    turn = heartline.analyze_turn("I passed the bar exam!!")
    pair = heartline.analyze_reply("I passed the bar exam!!", "nice.")
    pair.response.flags          # (Flag(name='intensity_mismatch', ...),)

Heavy modules (numpy, the model) are imported lazily so that ``import
heartline`` and ``heartline --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heartline.errors import HeartlineError, InputError, ModelNotFoundError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from heartline.analysis.conversation import ConversationAnalysis, Turn
    from heartline.analysis.results import ReplyPair, TurnAnalysis

__version__ = "0.1.0"

__all__ = [
    "HeartlineError",
    "InputError",
    "ModelNotFoundError",
    "__version__",
    "analyze_conversation",
    "analyze_reply",
    "analyze_turn",
]


def analyze_turn(text: str) -> TurnAnalysis:
    """What a sharer's turn shows: emotions, intensity, disclosure, bids, safety."""
    from heartline.analysis.engine import Analyzer

    return Analyzer.default().turn(text)


def analyze_reply(context: str, reply: str) -> ReplyPair:
    """How a reply meets what was shared: labels, scores, flags, spans, a suggestion."""
    from heartline.analysis.engine import Analyzer

    return Analyzer.default().reply(context, reply)


def analyze_conversation(turns: Sequence[Turn | tuple[str, str]]) -> ConversationAnalysis:
    """Every turn and reply of a conversation, and a summary of how it went.

    ``turns`` are ``Turn`` values or ``(speaker, text)`` pairs, in order.
    """
    from heartline.analysis.conversation import Turn, analyse
    from heartline.analysis.engine import Analyzer

    values = [t if isinstance(t, Turn) else Turn(*t) for t in turns]
    return analyse(Analyzer.default(), values)
