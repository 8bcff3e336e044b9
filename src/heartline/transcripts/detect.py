"""Guessing a file's format, so users rarely have to name it.

The file extension decides for .json, .jsonl/.ndjson and .csv. Anything else (.txt,
pasted text) is sniffed: a WhatsApp header on one of the first non-blank lines means
a WhatsApp export; text that parses as JSON, or whose first line is a JSON object,
is JSON or JSONL; everything else is plain ``Name: message`` text.
"""

from __future__ import annotations

import json
from pathlib import PurePath

from heartline.transcripts.whatsapp import sniff_variant

EXTENSION_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
JSON_OPENERS = ("[", "{")


def detect_format(text: str, source: str) -> str:
    """The format name for ``text`` read from ``source`` (a path or a label like "<text>")."""
    by_extension = EXTENSION_FORMATS.get(PurePath(source).suffix.lower())
    return by_extension or sniff_variant(text) or _sniff_json(text) or "text"


def _sniff_json(text: str) -> str | None:
    stripped = text.strip()
    if not stripped.startswith(JSON_OPENERS):
        return None
    if _parses(stripped):
        return "json"
    first_line = stripped.split("\n", 1)[0]
    return "jsonl" if first_line.startswith("{") and _parses(first_line) else None


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
