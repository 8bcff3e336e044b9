"""WhatsApp chat exports ("Export chat" -> "Without media"), from Android and iOS.

Android:  ``31/12/2020, 21:41 - Alice: text``   (system notices have no "Name: ")
iOS:      ``[31/12/2020, 21:41:05] Alice: text`` (lines may start with U+200E)

A line that does not start with a date-time header continues the previous message
(WhatsApp writes multi-line messages as they were typed); the message keeps the
line number of its header. Text before the first header is an error, because it
means the file is not an export or was cut.

Lines that are not messages are counted in ``Transcript.system_messages`` and left
out: headers without a "Name: " sender ("Alice added Bob") or whose "name" is longer
than ``MAX_SPEAKER_LENGTH`` (a notice that happens to contain ": "), and iOS notices,
which WhatsApp attributes to the chat and starts with U+200E ("Messages and calls
are end-to-end encrypted."). Media and deleted-message notices are kept as
``media=True`` messages. See ``whatsapp_dates`` for how dates are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from heartline.errors import InputError
from heartline.transcripts.lines import preview, without_marks
from heartline.transcripts.model import Message, Transcript
from heartline.transcripts.placeholders import is_placeholder
from heartline.transcripts.speakers import MAX_SPEAKER_LENGTH, clean_speaker
from heartline.transcripts.whatsapp_dates import (
    DATE,
    TIME,
    DateOrder,
    decide_date_order,
    header_timestamp,
)

ANDROID = "whatsapp-android"
IOS = "whatsapp-ios"
LEFT_TO_RIGHT_MARK = "\u200e"

HEADERS = {
    ANDROID: re.compile(rf"\u200e?{DATE},?\s{TIME}\s[-\u2013]\s(?P<body>.*)", re.IGNORECASE),
    IOS: re.compile(rf"\u200e?\[{DATE},?\s{TIME}\]\s?(?P<body>.*)", re.IGNORECASE),
}
"""The date-time header that starts each message or notice, per variant."""

EXAMPLES = {
    ANDROID: "'31/12/2020, 21:41 - Sam: I had a rough day'",
    IOS: "'[31/12/2020, 21:41:05] Sam: I had a rough day'",
}

SENDER = re.compile(r"(?P<speaker>[^:]+):(?:\s(?P<text>.*))?")
"""A header body that is a message: a name without colons, then ": "."""

EDITED_MARKER = re.compile(r"\s*\u200e?<This message was edited>\Z", re.IGNORECASE)
ANDROID_NULL_MEDIA = "null"
"""Some Android exports write a bare "null" where a photo or voice note was."""

SNIFF_LINES = 5


@dataclass
class _Entry:
    """A header line and the continuation lines that follow it."""

    line: int
    header: re.Match[str]
    more: list[str] = field(default_factory=list)


def sniff_variant(text: str) -> str | None:
    """The variant whose header starts one of the first few non-blank lines, if any."""
    lines = (line for line in text.split("\n") if line.strip())
    for line in islice(lines, SNIFF_LINES):
        for variant, header in HEADERS.items():
            if header.fullmatch(line):
                return variant
    return None


def parse_whatsapp(text: str, source: str, *, variant: str) -> Transcript:
    """Read an export of the given variant (``ANDROID`` or ``IOS``)."""
    entries = _entries(text.split("\n"), variant, source)
    order = decide_date_order([entry.header for entry in entries])
    found = (_message(entry, order, source) for entry in entries)
    messages = tuple(message for message in found if message is not None)
    return Transcript(source, variant, messages, system_messages=len(entries) - len(messages))


def _entries(lines: list[str], variant: str, source: str) -> list[_Entry]:
    """Group lines into header entries, attaching continuation lines to the one before."""
    entries: list[_Entry] = []
    for number, line in enumerate(lines, start=1):
        header = HEADERS[variant].fullmatch(line)
        if header:
            entries.append(_Entry(number, header))
        elif entries:
            entries[-1].more.append(line)
        elif line.strip():
            raise InputError(
                f"expected a WhatsApp line starting with a date and time, like "
                f"{EXAMPLES[variant]}; got {preview(line)}",
                source=source,
                line=number,
            )
    return entries


def _message(entry: _Entry, order: DateOrder, source: str) -> Message | None:
    """The message an entry holds, or None for a system notice."""
    timestamp = header_timestamp(entry.header, order, source=source, line=entry.line)
    sender = SENDER.fullmatch(entry.header["body"])
    speaker = clean_speaker(sender["speaker"]) if sender else ""
    if not sender or not speaker or len(speaker) > MAX_SPEAKER_LENGTH:
        return None
    content = _content("\n".join([sender["text"] or "", *entry.more]))
    if content is None:
        return None
    text, media = content
    return Message(speaker, text, entry.line, timestamp, media=media)


def _content(raw: str) -> tuple[str, bool] | None:
    """The text and media flag of a message body, or None if it is a notice or empty."""
    text = EDITED_MARKER.sub("", raw.strip()).strip()
    if is_placeholder(text) or text == ANDROID_NULL_MEDIA:
        return without_marks(text).strip(), True
    if not text or text.startswith(LEFT_TO_RIGHT_MARK):
        return None
    return text, False
