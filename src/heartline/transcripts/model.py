"""The shapes every transcript reader produces, whatever the file looked like.

Analysis code only ever sees these two classes, so adding a new file format never
touches anything downstream of the readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

FORMATS = ("text", "json", "jsonl", "csv", "whatsapp-android", "whatsapp-ios")
"""The format names a ``Transcript`` can carry, and that ``parse_transcript`` accepts."""


@dataclass(frozen=True)
class Message:
    """One turn in a conversation.

    ``line`` is the 1-based line in the file where the message starts, so errors and
    reports can point people back at their own file.

    ``media`` is True when the message is a placeholder rather than words the person
    wrote: "<Media omitted>", "image omitted", "<attached: ...>", and also deleted-message
    notices ("This message was deleted"). Such messages carry no text worth analysing,
    but they still show that someone took a turn, so they are kept and flagged rather
    than dropped; ``Transcript.text_messages`` leaves them out.
    """

    speaker: str
    text: str
    line: int
    timestamp: datetime | None = None
    media: bool = False


@dataclass(frozen=True)
class Transcript:
    """A whole conversation read from one source.

    ``system_messages`` counts the lines that were skipped because nobody said them:
    WhatsApp notices such as "Messages and calls are end-to-end encrypted" or
    "Alice added Bob". It lets a caller tell the user what was left out.
    """

    source: str
    format: str
    messages: tuple[Message, ...]
    system_messages: int = 0

    @property
    def speakers(self) -> tuple[str, ...]:
        """Everyone who speaks, in the order they first do."""
        return tuple(dict.fromkeys(message.speaker for message in self.messages))

    @property
    def text_messages(self) -> tuple[Message, ...]:
        """Only the messages with real words in them (media and deleted notices left out)."""
        return tuple(message for message in self.messages if not message.media)
