"""Helpers for the raw text of a file: line endings, invisible marks and error previews."""

from __future__ import annotations

import re

NEWLINES = re.compile(r"\r\n?")
"""Windows and old Mac line endings; every reader works on "\\n" only."""

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Invisible text-direction marks: WhatsApp puts them before notices and around phone numbers."""

PREVIEW_LENGTH = 60


def normalize_newlines(text: str) -> str:
    """Turn every line ending into "\\n" so line numbers match what editors show."""
    return NEWLINES.sub("\n", text)


def without_marks(text: str) -> str:
    """Drop text-direction marks, which are invisible to people and would break matching."""
    return BIDI_MARKS.sub("", text)


def preview(line: str) -> str:
    """A short quoted form of an offending line, for error messages."""
    if len(line) > PREVIEW_LENGTH:
        line = line[: PREVIEW_LENGTH - 3] + "..."
    return repr(line)
