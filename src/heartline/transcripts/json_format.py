"""The JSON and JSONL formats: lists of ``{"speaker": ..., "text": ...}`` objects.

JSON files are either a list of message objects or an object holding that list under
"turns" (or "messages"). JSONL files hold one message object per line.

Errors point at the line where the offending message object starts. Python's json
module does not report positions of values it parsed fine, so ``_element_offsets``
walks the (already validated) list once more with ``raw_decode`` to find them.
"""

from __future__ import annotations

import json

from heartline.errors import InputError
from heartline.transcripts.model import Message, Transcript
from heartline.transcripts.records import RECORD_EXAMPLE, Place, describe, record_to_message

TURNS_KEYS = ("turns", "messages")
JSON_EXPECTED = f'a list of messages like [{RECORD_EXAMPLE}] or {{"turns": [...]}}'
JSONL_EXPECTED = f"one message object per line, like {RECORD_EXAMPLE}"
JSONL_HINT = " (one object per line is JSONL: name the file .jsonl)"

JSON_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def parse_json(text: str, source: str) -> Transcript:
    """Read a JSON list of message objects, or an object with a "turns" list."""
    try:
        items, lines = _located_turns(text, source)
    except RecursionError:
        raise InputError(
            f"the JSON is nested too deeply; expected {JSON_EXPECTED}", source=source
        ) from None
    messages = tuple(
        _item_message(item, Place(source, line, f"message {index}", RECORD_EXAMPLE))
        for index, (item, line) in enumerate(zip(items, lines, strict=True), start=1)
    )
    return Transcript(source=source, format="json", messages=messages)


def parse_jsonl(text: str, source: str) -> Transcript:
    """Read one JSON message object per line, skipping blank lines."""
    messages = tuple(
        _jsonl_message(line, number, source)
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    )
    return Transcript(source=source, format="jsonl", messages=messages)


def _jsonl_message(line: str, number: int, source: str) -> Message:
    try:
        item = json.loads(line)
    except (ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise InputError(
            f"not valid JSON ({reason}); expected {JSONL_EXPECTED}", source=source, line=number
        ) from None
    return _item_message(item, Place(source, number, "this line", JSONL_EXPECTED))


def _item_message(item: object, place: Place) -> Message:
    if not isinstance(item, dict):
        raise place.error(f"{place.label} is {describe(item)}, not an object")
    return record_to_message(item, place)


def _located_turns(text: str, source: str) -> tuple[list[object], list[int]]:
    """The message items and the line where each one starts."""
    data = _load(text, source)
    start = _skip(text, 0)
    if isinstance(data, list):
        return data, _lines_at(text, _element_offsets(text, start))
    key = next((key for key in TURNS_KEYS if key in data), None) if isinstance(data, dict) else None
    if key is None or not isinstance(data[key], list):
        raise InputError(
            f"the file holds {describe(data)} without a 'turns' list; expected {JSON_EXPECTED}",
            source=source,
            line=_lines_at(text, [start])[0],
        )
    array_start = _member_offset(text, start, key)
    return data[key], _lines_at(text, _element_offsets(text, array_start))


def _load(text: str, source: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = JSONL_HINT if exc.msg == "Extra data" else ""
        raise InputError(
            f"not valid JSON ({exc.msg}){hint}; expected {JSON_EXPECTED}",
            source=source,
            line=exc.lineno,
        ) from None
    except ValueError as exc:
        raise InputError(
            f"not valid JSON ({exc}); expected {JSON_EXPECTED}", source=source
        ) from None


def _skip(text: str, index: int) -> int:
    """The index of the next non-whitespace character at or after ``index``."""
    while index < len(text) and text[index] in JSON_WHITESPACE:
        index += 1
    return index


def _element_offsets(text: str, start: int) -> list[int]:
    """Where each element of the valid JSON array opening at ``start`` begins."""
    offsets = []
    index = _skip(text, start + 1)
    while text[index] != "]":
        offsets.append(index)
        index = _skip(text, _DECODER.raw_decode(text, index)[1])
        if text[index] == ",":
            index = _skip(text, index + 1)
    return offsets


def _member_offset(text: str, start: int, wanted: str) -> int:
    """Where the value of the last ``wanted`` member of the valid JSON object at ``start``
    begins (the last one, because that is the one ``json.loads`` keeps)."""
    found = start
    index = _skip(text, start + 1)
    while text[index] == '"':
        key, index = _DECODER.raw_decode(text, index)
        value_start = _skip(text, _skip(text, index) + 1)
        if key == wanted:
            found = value_start
        index = _skip(text, _DECODER.raw_decode(text, value_start)[1])
        if text[index] == ",":
            index = _skip(text, index + 1)
    return found


def _lines_at(text: str, offsets: list[int]) -> list[int]:
    """1-based line numbers of increasing character offsets, counted in one pass."""
    lines, line, previous = [], 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        previous = offset
        lines.append(line)
    return lines
