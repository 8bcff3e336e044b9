"""The batch contract of ``heartline analyze --jsonl`` (docs/batch.md).

Each input line is one JSON object with an ``id`` and one of:
``{"context", "response"}`` (a reply), ``{"text"}`` (one turn) or
``{"turns": [{"speaker", "text"}, …]}`` (a conversation). Each output line
answers the input line at the same position with the same ``id``. A bad line
becomes ``{"id", "line", "error"}`` so positions still match, and the caller
decides whether to stop (``--strict``). Lines are analysed in chunks so the
sentence model sees full batches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from heartline.analysis.conversation import Turn, analyse
from heartline.errors import InputError

CHUNK_LINES = 128
Kind = Literal["reply", "turn", "conversation"]


@dataclass(frozen=True)
class BatchItem:
    line: int
    id: Any
    kind: Kind
    payload: Any


@dataclass(frozen=True)
class BatchResult:
    """One output record; ``error`` is set for a line that could not be read."""

    line: int
    record: dict[str, Any]
    error: InputError | None = None


def _text(obj: dict[str, Any], key: str, where: str, source: str, line: int) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}\"{key}\" must be a non-empty string", source=source,
                         line=line)
    return value


def _turns(value: Any, source: str, line: int) -> list[Turn]:
    if not isinstance(value, list) or not value:
        raise InputError('"turns" must be a non-empty list of {"speaker", "text"} objects',
                         source=source, line=line)
    turns = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise InputError(f"turn {i + 1} must be an object with speaker and text",
                             source=source, line=line)
        where = f"turn {i + 1}: "
        turns.append(Turn(_text(item, "speaker", where, source, line),
                          _text(item, "text", where, source, line)))
    return turns


def parse_line(raw: str, line: int, source: str) -> BatchItem:
    """Read one input line; raises ``InputError`` naming the line."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg})", source=source, line=line) from exc
    if not isinstance(obj, dict) or "id" not in obj:
        raise InputError('each line must be a JSON object with an "id"', source=source,
                         line=line)
    if "turns" in obj:
        return BatchItem(line, obj["id"], "conversation", _turns(obj["turns"], source, line))
    if "response" in obj or "context" in obj:
        pair = (_text(obj, "context", "", source, line), _text(obj, "response", "", source, line))
        return BatchItem(line, obj["id"], "reply", pair)
    if "text" in obj:
        return BatchItem(line, obj["id"], "turn", _text(obj, "text", "", source, line))
    raise InputError('expected "text", "context" and "response", or "turns"', source=source,
                     line=line)


def _safe_id(raw: str) -> Any:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return obj.get("id") if isinstance(obj, dict) else None


def run_batch(lines: Iterable[str], analyzer: Any, *, source: str) -> Iterator[BatchResult]:
    """Analyse every non-blank line, in order, yielding one result per line."""
    chunk: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            chunk.append((number, raw))
        if len(chunk) >= CHUNK_LINES:
            yield from _run_chunk(chunk, analyzer, source)
            chunk = []
    if chunk:
        yield from _run_chunk(chunk, analyzer, source)


def _run_chunk(chunk: list[tuple[int, str]], analyzer: Any,
               source: str) -> Iterator[BatchResult]:
    items: list[BatchItem | BatchResult] = []
    for number, raw in chunk:
        try:
            items.append(parse_line(raw, number, source))
        except InputError as exc:
            record = {"id": _safe_id(raw), "line": number, "error": exc.message}
            items.append(BatchResult(number, record, exc))
    answers = _analyse(analyzer, [i for i in items if isinstance(i, BatchItem)])
    for item in items:
        yield item if isinstance(item, BatchResult) else BatchResult(item.line,
                                                                      answers[item.line])


def _analyse(analyzer: Any, items: list[BatchItem]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    replies = [i for i in items if i.kind == "reply"]
    for item, pair in zip(replies, analyzer.replies([i.payload for i in replies]), strict=True):
        out[item.line] = {"id": item.id, **pair.to_dict()}
    turns = [i for i in items if i.kind == "turn"]
    for item, turn in zip(turns, analyzer.turns([i.payload for i in turns]), strict=True):
        out[item.line] = {"id": item.id, "turn": turn.to_dict()}
    for item in (i for i in items if i.kind == "conversation"):
        out[item.line] = {"id": item.id, **analyse(analyzer, item.payload).to_dict()}
    return out
