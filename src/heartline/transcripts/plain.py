"""The plain-text format: one ``Name: message`` per line.

This is what people type by hand or paste from anywhere, so it is strict about shape
(every non-blank line must be a message) and loose about names (spaces, digits,
apostrophes and any script are fine; only the colon is taken).

A line may start with a bracketed time, "[21:04] Sam: hi", which is accepted and
ignored because it has no date, or a bracketed ISO date-time,
"[2024-05-01 21:04] Sam: hi", which becomes the message's timestamp.
"""

from __future__ import annotations

import re
from datetime import datetime

from heartline.errors import InputError
from heartline.transcripts.lines import preview
from heartline.transcripts.model import Message, Transcript
from heartline.transcripts.placeholders import is_placeholder
from heartline.transcripts.speakers import MAX_SPEAKER_LENGTH, clean_speaker
from heartline.transcripts.timestamps import parse_iso

PLAIN_EXPECTED = "'Name: message' (e.g. 'Sam: I had a rough day')"

PLAIN_LINE = re.compile(r"(?P<speaker>[^:]+):\s(?P<text>.*)")
"""The name is everything before the first colon; the message follows ": "."""

STAMP_PREFIX = re.compile(r"\[(?P<stamp>[^\]]+)\]\s+(?P<rest>.*)")
CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


def parse_plain(text: str, source: str) -> Transcript:
    """Read ``Name: message`` lines, skipping blank ones."""
    messages = tuple(
        _message(line, number, source)
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    )
    return Transcript(source=source, format="text", messages=messages)


def _message(raw: str, number: int, source: str) -> Message:
    timestamp, line = _split_stamp(raw.strip())
    match = PLAIN_LINE.fullmatch(line)
    speaker = clean_speaker(match["speaker"]) if match else ""
    message = match["text"].strip() if match else ""
    if not speaker or not message or len(speaker) > MAX_SPEAKER_LENGTH:
        raise InputError(_problem(raw, speaker), source=source, line=number)
    return Message(speaker, message, number, timestamp, media=is_placeholder(message))


def _split_stamp(line: str) -> tuple[datetime | None, str]:
    """Separate a leading "[21:04]" or "[2024-05-01 21:04]" from the rest of the line."""
    match = STAMP_PREFIX.fullmatch(line)
    if match is None:
        return None, line
    if CLOCK.fullmatch(match["stamp"]):
        return None, match["rest"]
    timestamp = parse_iso(match["stamp"])
    return (timestamp, match["rest"]) if timestamp else (None, line)


def _problem(line: str, speaker: str) -> str:
    if len(speaker) > MAX_SPEAKER_LENGTH:
        return (
            f"the name before ':' is longer than {MAX_SPEAKER_LENGTH} characters; "
            f"expected {PLAIN_EXPECTED}, got {preview(line.strip())}"
        )
    return f"expected {PLAIN_EXPECTED}, got {preview(line.strip())}"
