"""Turning one structured record (a JSON object or a CSV row) into a ``Message``.

Tools that export chats as JSON or CSV name their fields differently, so each field
accepts a few common names, matched case-insensitively; the first alias listed wins
when a record has several.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from heartline.errors import InputError
from heartline.transcripts.model import Message
from heartline.transcripts.placeholders import is_placeholder
from heartline.transcripts.speakers import clean_speaker
from heartline.transcripts.timestamps import parse_iso

SPEAKER_KEYS = ("speaker", "name", "author", "sender", "from")
TEXT_KEYS = ("text", "message", "content", "body")
TIMESTAMP_KEYS = ("timestamp", "datetime", "date", "time")
RECORD_EXAMPLE = '{"speaker": "Sam", "text": "I had a rough day"}'

JSON_TYPE_NAMES = {
    dict: "an object",
    list: "a list",
    str: "text",
    bool: "true/false",
    int: "a number",
    float: "a number",
    type(None): "null",
}


@dataclass(frozen=True)
class Place:
    """Where a record came from, so an error can point the user straight at it."""

    source: str
    line: int
    label: str
    expected: str

    def error(self, problem: str) -> InputError:
        """An error naming this record, its line, and what a good record looks like."""
        return InputError(
            f"{problem}; expected {self.expected}", source=self.source, line=self.line
        )


def describe(value: object) -> str:
    """What kind of JSON value this is, in words a non-programmer can follow."""
    return JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def find_key(keys: Iterable[str], aliases: tuple[str, ...]) -> str | None:
    """The actual key among ``keys`` that matches the earliest alias, if any."""
    by_name = {key.strip().lower(): key for key in keys}
    return next((by_name[alias] for alias in aliases if alias in by_name), None)


def record_to_message(record: Mapping[str, object], place: Place) -> Message:
    """Build a message from a record, or raise an ``InputError`` that names the record."""
    speaker = clean_speaker(_required(record, SPEAKER_KEYS, "speaker", place))
    if not speaker:
        raise place.error(f"{place.label} has an empty speaker")
    text = _required(record, TEXT_KEYS, "text", place).strip()
    if not text:
        raise place.error(f"{place.label} has an empty text")
    timestamp_key = find_key(record, TIMESTAMP_KEYS)
    timestamp = parse_iso(record[timestamp_key]) if timestamp_key else None
    return Message(speaker, text, place.line, timestamp, media=is_placeholder(text))


def _required(
    record: Mapping[str, object], aliases: tuple[str, ...], what: str, place: Place
) -> str:
    key = find_key(record, aliases)
    if key is None:
        names = ", ".join(aliases)
        raise place.error(f"{place.label} has no {what} (looked for: {names})")
    value = record[key]
    if not isinstance(value, str):
        raise place.error(f"{place.label} has {describe(value)} as its {what} {key!r}, not text")
    return value
