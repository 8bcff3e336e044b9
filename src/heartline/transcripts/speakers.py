"""Rules for speaker names, shared by every format."""

from __future__ import annotations

from heartline.transcripts.lines import without_marks

MAX_SPEAKER_LENGTH = 40
"""Longest name accepted where the name is found by position ("Name: text").

Without a limit, any sentence containing ": " would read as a message from a person
named after the first half of the sentence.
"""


def clean_speaker(raw: str) -> str:
    """The name as people see it: direction marks (WhatsApp wraps phone numbers in them)
    and surrounding whitespace removed."""
    return without_marks(raw).strip()
