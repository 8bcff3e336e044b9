"""Loading files, decoding, detecting formats, and the shared model."""

import codecs

import pytest

from heartline.errors import InputError
from heartline.transcripts import FORMATS, Message, Transcript, load_transcript, parse_transcript


def test_load_detects_format_by_extension(tmp_path):
    path = tmp_path / "chat.jsonl"
    path.write_text('{"speaker": "Sam", "text": "hi"}\n', encoding="utf-8")
    transcript = load_transcript(path)
    assert (transcript.source, transcript.format) == (str(path), "jsonl")


def test_load_txt_sniffs_content(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("[31/12/2020, 21:41:05] Alice: hi\n", encoding="utf-8")
    assert load_transcript(str(path)).format == "whatsapp-ios"


def test_explicit_format_beats_extension(tmp_path):
    path = tmp_path / "chat.json"
    path.write_text("Sam: hi\n", encoding="utf-8")
    assert load_transcript(path, format="text").messages[0].text == "hi"


@pytest.mark.parametrize(
    ("data", "speakers"),
    [
        (codecs.BOM_UTF8 + "Zoë: hi\nSam: hey\n".encode(), ("Zoë", "Sam")),
        ("Zoë: hi\n".encode("utf-16"), ("Zoë",)),
    ],
)
def test_byte_order_marks_are_honoured(tmp_path, data, speakers):
    path = tmp_path / "chat.txt"
    path.write_bytes(data)
    assert load_transcript(path).speakers == speakers


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_bytes("Sam: hi\nZoë: hey\n".encode("latin-1"))
    with pytest.raises(InputError, match="not valid UTF-8") as caught:
        load_transcript(path)
    assert (caught.value.source, caught.value.line) == (str(path), 2)


@pytest.mark.parametrize(("name", "fragment"), [("missing.txt", "no such file"), (".", "folder")])
def test_unreadable_paths(tmp_path, name, fragment):
    with pytest.raises(InputError, match=fragment) as caught:
        load_transcript(tmp_path / name)
    assert caught.value.source == str(tmp_path / name)


def test_empty_file(tmp_path):
    path = tmp_path / "chat.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty") as caught:
        load_transcript(path)
    assert caught.value.source == str(path)


def test_unknown_format_lists_the_choices():
    with pytest.raises(InputError, match="unknown format 'xml'") as caught:
        parse_transcript("Sam: hi", format="xml")
    assert all(name in caught.value.message for name in FORMATS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam: hi", "text"),
        ('[{"speaker": "Sam", "text": "hi"}]', "json"),
        ('{"speaker": "Sam", "text": "hi"}\n{"speaker": "Alex", "text": "yo"}', "jsonl"),
        ("12/31/20, 9:41 PM - Alice: hi", "whatsapp-android"),
        ("\u200e[31/12/2020, 21:41:05] Alice: hi", "whatsapp-ios"),
        ("[21:04] Sam: hi", "text"),
    ],
)
def test_pasted_text_is_sniffed(text, expected):
    assert parse_transcript(text).format == expected


def test_parse_accepts_bytes():
    assert parse_transcript("Zoë: hi".encode()).speakers == ("Zoë",)


def test_transcript_speakers_and_text_messages():
    messages = (
        Message("B", "hi", 1),
        Message("A", "image omitted", 2, media=True),
        Message("B", "ok", 3),
    )
    transcript = Transcript("<text>", "text", messages)
    assert transcript.speakers == ("B", "A")
    assert transcript.text_messages == (messages[0], messages[2])
    assert transcript.system_messages == 0
