"""Analyses as flat rows, for CSV reports and spreadsheets."""

from __future__ import annotations

from typing import Any

from heartline.analysis.conversation import ConversationAnalysis
from heartline.analysis.results import ReplyAnalysis, TurnAnalysis

COLUMNS: tuple[str, ...] = (
    "index", "speaker", "text", "emotions", "intensity", "disclosure", "deflection",
    "i_feel", "bid", "safety", "reply_labels", "understanding", "caring", "exploration",
    "intensity_match", "flags", "suggestion",
)


def row(index: int, speaker: str, turn: TurnAnalysis,
        reply: ReplyAnalysis | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "index": index, "speaker": speaker, "text": turn.text,
        "emotions": ";".join(e.label for e in turn.emotions),
        "intensity": round(turn.intensity, 4), "disclosure": turn.disclosure,
        "deflection": turn.deflection, "i_feel": turn.i_feel, "bid": turn.bid,
        "safety": turn.safety,
    }
    if reply is not None:
        out.update({
            "reply_labels": ";".join(reply.labels), **reply.scores.to_dict(),
            "flags": ";".join(reply.flag_names), "suggestion": reply.suggestion,
        })
    return {column: out.get(column, "") for column in COLUMNS}


def conversation_rows(analysis: ConversationAnalysis) -> list[dict[str, Any]]:
    return [row(i, t.speaker, t.turn, t.reply) for i, t in enumerate(analysis.turns, start=1)]
