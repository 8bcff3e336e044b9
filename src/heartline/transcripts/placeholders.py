"""Recognising messages that stand in for something that is not text.

Chat exports replace photos, voice notes and deleted messages with fixed notices.
Analysing those as if a person had typed them would skew everything, so readers flag
them as ``Message.media``.
"""

from __future__ import annotations

import re

from heartline.transcripts.lines import without_marks

PLACEHOLDER = re.compile(
    r"<media omitted>"
    r"|(?:image|video|audio|sticker|gif|contact card) omitted"
    r"|(?:.+\s)?document omitted"
    r"|<attached: [^>]*>"
    r"|this message was deleted\.?"
    r"|you deleted this message\.?",
    re.IGNORECASE,
)
"""Whole-message notices from WhatsApp on Android and iOS (also found in converted exports)."""


def is_placeholder(text: str) -> bool:
    """Whether the whole message is a media, attachment or deleted-message notice."""
    return PLACEHOLDER.fullmatch(without_marks(text).strip()) is not None
