"""Property tests: every format round-trips, and no input crashes the readers."""

import csv
import io
import json
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from heartline.errors import InputError
from heartline.transcripts import FORMATS, Transcript, parse_transcript

LRM = "\u200e"
EDITED = "<this message was edited>"
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)

# Names: no colons (they end the name), no brackets (a leading "[...]" is a timestamp),
# no invisible marks (readers drop them), no line breaks.
NAME_CHARS = st.characters(
    exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp"), exclude_characters=":[]"
)
TEXT_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Cf"), include_characters="\t")

speakers = st.text(NAME_CHARS, min_size=1, max_size=40).map(str.strip).filter(bool)


def _whole(text: str) -> bool:
    """Readers strip messages and drop WhatsApp's edit marker; keep texts they leave alone."""
    return bool(text) and text == text.strip() and not text.lower().endswith(EDITED)


one_line_texts = st.text(TEXT_CHARS, min_size=1, max_size=50).map(str.strip).filter(_whole)


def _continuation(line: str) -> bool:
    """A later line of a message must not look like a WhatsApp header (digit or "[" first)."""
    return not line[:1].isdecimal() and not line.startswith("[")


text_lines = st.text(TEXT_CHARS, max_size=30).filter(_continuation)
multi_line_texts = (
    st.lists(text_lines, min_size=1, max_size=4).map("\n".join).map(str.strip).filter(_whole)
)

conversations = st.lists(st.tuples(speakers, one_line_texts), min_size=1, max_size=12)
multi_line_conversations = st.lists(st.tuples(speakers, multi_line_texts), min_size=1, max_size=8)
moments = st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31, 23, 59, 59)).map(
    lambda moment: moment.replace(microsecond=0)
)


def read(text, format):
    transcript = parse_transcript(text, source="<prop>", format=format)
    assert transcript.format == format
    return [(m.speaker, m.text) for m in transcript.messages]


# Round trips ------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(conversations)
def test_plain_round_trip(messages):
    text = "\n".join(f"{speaker}: {text}" for speaker, text in messages)
    assert read(text, "text") == messages
    assert [m.line for m in parse_transcript(text).messages] == list(range(1, len(messages) + 1))


@PROPERTY_SETTINGS
@given(multi_line_conversations, st.data())
def test_jsonl_round_trip(messages, data):
    speaker_key = data.draw(st.sampled_from(["speaker", "name", "Author", "SENDER", "from"]))
    text_key = data.draw(st.sampled_from(["text", "message", "Content", "body"]))
    ascii_only = data.draw(st.booleans())
    lines = [
        json.dumps({speaker_key: speaker, text_key: text}, ensure_ascii=ascii_only)
        for speaker, text in messages
    ]
    assert read("\n".join(lines), "jsonl") == messages


@PROPERTY_SETTINGS
@given(multi_line_conversations, st.data())
def test_json_round_trip(messages, data):
    items = [{"speaker": speaker, "text": text} for speaker, text in messages]
    document = data.draw(st.sampled_from([items, {"turns": items}, {"x": 1, "messages": items}]))
    indent = data.draw(st.sampled_from([None, 0, 2]))
    assert read(json.dumps(document, indent=indent), "json") == messages


@PROPERTY_SETTINGS
@given(multi_line_conversations, st.data())
def test_csv_round_trip(messages, data):
    header = [
        data.draw(st.sampled_from(["speaker", "Name", "author"])),
        data.draw(st.sampled_from(["text", "Message", "BODY"])),
        "mood",
    ]
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        lineterminator=data.draw(st.sampled_from(["\n", "\r\n"])),
        quoting=data.draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
    )
    writer.writerow(header)
    writer.writerows([speaker, text, "ok"] for speaker, text in messages)
    assert read(buffer.getvalue(), "csv") == messages


# WhatsApp: each style renders one datetime as a header; ``seconds`` says whether it keeps
# them. Day-first styles use 24h and month-first ones AM/PM, as real exports do, so the
# file-wide date-order rule always reads them back correctly.


def _twelve_hour(moment: datetime, marker: str) -> str:
    hour = moment.hour % 12 or 12
    am, pm = marker.split("|")
    return f"{hour}:{moment:%M}", pm if moment.hour >= 12 else am


def android_header(moment: datetime, style: int, space: str, marker: str) -> str:
    if style == 0:
        return f"{moment.day}/{moment.month}/{moment.year}, {moment:%H:%M} - "
    if style == 1:
        return f"{moment:%d.%m.%y}, {moment:%H:%M} - "
    if style == 2:
        return f"{moment:%Y-%m-%d}, {moment:%H:%M} - "
    clock, suffix = _twelve_hour(moment, marker)
    return f"{moment.month}/{moment.day}/{moment:%y}, {clock}{space}{suffix} - "


def ios_header(moment: datetime, style: int, space: str, marker: str) -> str:
    if style == 0:
        return f"[{moment:%d/%m/%Y, %H:%M:%S}] "
    if style == 1:
        return f"[{moment.day}.{moment.month}.{moment:%y, %H:%M:%S}] "
    clock, suffix = _twelve_hour(moment, marker)
    return f"[{moment.month}/{moment.day}/{moment:%y}, {clock}:{moment:%S}{space}{suffix}] "


WHATSAPP = {
    "whatsapp-android": (android_header, 4, "Alice added Bob", False),
    "whatsapp-ios": (
        ios_header,
        3,
        f"Family: {LRM}Messages and calls are end-to-end encrypted.",
        True,
    ),
}


@PROPERTY_SETTINGS
@given(
    multi_line_conversations,
    st.sampled_from(sorted(WHATSAPP)),
    st.data(),
)
def test_whatsapp_round_trip(messages, variant, data):
    render, styles, notice, seconds = WHATSAPP[variant]
    style = data.draw(st.integers(0, styles - 1))
    space = data.draw(st.sampled_from([" ", "\u202f"]))
    marker = data.draw(st.sampled_from(["AM|PM", "am|pm", "a.m.|p.m."]))
    prefix = data.draw(st.sampled_from(["", LRM])) if variant == "whatsapp-ios" else ""
    times = data.draw(st.lists(moments, min_size=len(messages), max_size=len(messages)))
    notices = data.draw(st.lists(st.booleans(), min_size=len(messages), max_size=len(messages)))
    lines = []
    for (speaker, text), moment, with_notice in zip(messages, times, notices, strict=True):
        header = prefix + render(moment, style, space, marker)
        lines.extend([header + notice] if with_notice else [])
        lines.append(f"{header}{speaker}: {text}")
    transcript = parse_transcript("\n".join(lines), format=None)
    assert transcript.format == variant
    assert [(m.speaker, m.text) for m in transcript.messages] == messages
    assert transcript.system_messages == sum(notices)
    expected = [t if seconds else t.replace(second=0) for t in times]
    assert [m.timestamp for m in transcript.messages] == expected


# Robustness -------------------------------------------------------------------------

ALL_FORMATS = [None, *FORMATS, "whatsapp"]
FRAGMENTS = [
    "12/31/20, 9:41 PM - ",
    "13/13/13, 25:61 - ",
    "[31/12/2020, 21:41:05] ",
    "\u200e",
    "Sam: ",
    "Sam",
    "<Media omitted>",
    "null",
    '{"speaker": ',
    '"text": ',
    '"turns": [',
    "{",
    "}",
    "[",
    "]",
    '"',
    ",",
    ":",
    "\n",
    "\r",
    " ",
    "9" * 5,
    "speaker,text\n",
    "\ufeff",
]
structured_noise = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


def assert_parses_or_explains(text, source="<fuzz>"):
    for format in ALL_FORMATS:
        try:
            result = parse_transcript(text, source=source, format=format)
        except InputError as error:
            assert error.source == source
            assert error.line is None or error.line >= 1
        else:
            assert isinstance(result, Transcript)
            assert result.messages


@PROPERTY_SETTINGS
@given(st.text())
def test_any_text_parses_or_raises_input_error(text):
    assert_parses_or_explains(text)


@PROPERTY_SETTINGS
@given(structured_noise)
def test_format_like_noise_parses_or_raises_input_error(text):
    assert_parses_or_explains(text)


@PROPERTY_SETTINGS
@given(st.binary())
def test_any_bytes_parse_or_raise_input_error(data):
    assert_parses_or_explains(data)


@PROPERTY_SETTINGS
@given(structured_noise)
def test_noise_as_bytes_in_other_encodings(text):
    for encoding in ("utf-8", "utf-16", "latin-1"):
        assert_parses_or_explains(text.encode(encoding, errors="replace"))
