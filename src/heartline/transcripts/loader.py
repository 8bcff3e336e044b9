"""The entry points: turn a file or a string into a ``Transcript`` or a clear ``InputError``.

Whatever is wrong with the input (missing file, wrong encoding, a malformed line, no
messages at all), the user gets an ``InputError`` naming the file and, where there is
one, the line, plus what was expected there. Nothing else escapes for bad input.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from heartline.errors import InputError
from heartline.transcripts.csv_format import CSV_EXPECTED, parse_csv
from heartline.transcripts.detect import detect_format
from heartline.transcripts.json_format import (
    JSON_EXPECTED,
    JSONL_EXPECTED,
    parse_json,
    parse_jsonl,
)
from heartline.transcripts.lines import normalize_newlines
from heartline.transcripts.model import FORMATS, Transcript
from heartline.transcripts.plain import PLAIN_EXPECTED, parse_plain
from heartline.transcripts.whatsapp import (
    ANDROID,
    EXAMPLES,
    IOS,
    parse_whatsapp,
    sniff_variant,
)

ANY_WHATSAPP = "whatsapp"
"""A format name users may give when they know it is WhatsApp but not which phone."""

BYTE_ORDER_MARK = "\ufeff"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

READ_PROBLEMS = {
    FileNotFoundError: "there is no such file; check the path",
    IsADirectoryError: "this is a folder; expected a transcript file",
    PermissionError: "the file cannot be opened (permission denied)",
}


@dataclass(frozen=True)
class _Reader:
    parse: Callable[[str, str], Transcript]
    expected: str


READERS = {
    "text": _Reader(parse_plain, PLAIN_EXPECTED),
    "json": _Reader(parse_json, JSON_EXPECTED),
    "jsonl": _Reader(parse_jsonl, JSONL_EXPECTED),
    "csv": _Reader(parse_csv, CSV_EXPECTED),
    ANDROID: _Reader(partial(parse_whatsapp, variant=ANDROID), f"lines like {EXAMPLES[ANDROID]}"),
    IOS: _Reader(partial(parse_whatsapp, variant=IOS), f"lines like {EXAMPLES[IOS]}"),
}


def parse_transcript(
    text: str | bytes, *, source: str = "<text>", format: str | None = None
) -> Transcript:
    """Read a transcript from a string (or undecoded bytes).

    ``format`` is one of ``FORMATS``, "whatsapp" (either phone), or None to detect it
    from the extension of ``source`` and the content. ``source`` names the input in
    errors and in the result.
    """
    decoded = _decode(text, source) if isinstance(text, bytes) else text
    content = normalize_newlines(decoded.removeprefix(BYTE_ORDER_MARK))
    name = _resolve_format(format, content, source)
    reader = READERS[name]
    if not content.strip():
        raise InputError(f"the file is empty; expected {reader.expected}", source=source)
    transcript = reader.parse(content, source)
    if not transcript.messages:
        skipped = f" (only {transcript.system_messages} system notices)"
        raise InputError(
            f"found no messages{skipped if transcript.system_messages else ''}; "
            f"expected {reader.expected}",
            source=source,
        )
    return transcript


def load_transcript(path: str | Path, *, format: str | None = None) -> Transcript:
    """Read a transcript file; see ``parse_transcript`` for ``format``."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except (OSError, ValueError) as exc:
        raise InputError(_read_problem(exc), source=source) from None
    return parse_transcript(data, source=source, format=format)


def _read_problem(exc: Exception) -> str:
    for kind, problem in READ_PROBLEMS.items():
        if isinstance(exc, kind):
            return problem
    return f"the file cannot be read ({exc})"


def _decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 when it starts with its mark."""
    encoding = "utf-16" if data.startswith(UTF16_BOMS) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not valid {exc.encoding.upper()} text ({exc.reason} at byte "
            f"{exc.start}); save it as UTF-8 and try again",
            source=source,
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from None


def _resolve_format(requested: str | None, content: str, source: str) -> str:
    if requested is None:
        return detect_format(content, source)
    name = requested.strip().lower()
    if name == ANY_WHATSAPP:
        return sniff_variant(content) or ANDROID
    if name not in READERS:
        choices = ", ".join([*FORMATS, ANY_WHATSAPP])
        raise InputError(f"unknown format {requested!r}; expected one of: {choices}", source=source)
    return name
