"""Plain ``Name: message`` transcripts."""

from datetime import datetime

import pytest

from heartline.errors import InputError
from heartline.transcripts import parse_transcript

CHAT = """\
Sam: I had a rough day
Partner 2: Oh no, what happened?

Zoë: Work was 10:30 to 22:00: brutal
D'Arcy: <Media omitted>
"""


def test_reads_names_and_texts_skipping_blank_lines():
    transcript = parse_transcript(CHAT, format="text")
    assert transcript.format == "text"
    assert [(m.speaker, m.text, m.line) for m in transcript.messages] == [
        ("Sam", "I had a rough day", 1),
        ("Partner 2", "Oh no, what happened?", 2),
        ("Zoë", "Work was 10:30 to 22:00: brutal", 4),
        ("D'Arcy", "<Media omitted>", 5),
    ]
    assert transcript.speakers == ("Sam", "Partner 2", "Zoë", "D'Arcy")
    assert [m.media for m in transcript.messages] == [False, False, False, True]
    assert len(transcript.text_messages) == 3
    assert transcript.system_messages == 0


def test_detected_when_not_named():
    assert parse_transcript(CHAT).format == "text"


def test_windows_line_endings_and_surrounding_spaces():
    transcript = parse_transcript("  Sam:   hi there  \r\n\r\nAlex: hey\r\n")
    assert [(m.speaker, m.text, m.line) for m in transcript.messages] == [
        ("Sam", "hi there", 1),
        ("Alex", "hey", 3),
    ]


def test_bracketed_clock_time_is_accepted_and_ignored():
    transcript = parse_transcript("[21:04] Sam: hi\n[21:05:30] Alex: hello")
    assert transcript.speakers == ("Sam", "Alex")
    assert all(m.timestamp is None for m in transcript.messages)


def test_bracketed_iso_time_becomes_the_timestamp():
    (message,) = parse_transcript("[2024-05-01 21:04] Sam: hi").messages
    assert message.timestamp == datetime(2024, 5, 1, 21, 4)
    assert message.speaker == "Sam"


def test_bracketed_non_time_stays_part_of_the_name():
    (message,) = parse_transcript("[mod] Sam: hi").messages
    assert message.speaker == "[mod] Sam"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Sam: hi\nthis line has no speaker\n", 2),
        ("Sam: hi\n\n\nSam:\n", 4),
        ("Sam:no space after the colon", 1),
        (": nobody", 1),
        ("Sam: hi\nhttps://example.com/page", 2),
    ],
)
def test_malformed_line_names_source_line_and_expected_shape(text, line):
    with pytest.raises(InputError) as caught:
        parse_transcript(text, source="chat.txt", format="text")
    error = caught.value
    assert (error.source, error.line) == ("chat.txt", line)
    assert "expected 'Name: message' (e.g. 'Sam: I had a rough day')" in error.message
    assert str(error).startswith(f"chat.txt:{line}: ")


def test_overlong_name_is_explained():
    with pytest.raises(InputError, match="longer than 40 characters") as caught:
        parse_transcript("Sam: hi\n" + "word " * 10 + ": rest", format="text")
    assert caught.value.line == 2


@pytest.mark.parametrize("text", ["", "\n\n   \n"])
def test_empty_input_is_an_error(text):
    with pytest.raises(InputError, match="empty") as caught:
        parse_transcript(text)
    assert caught.value.source == "<text>"
