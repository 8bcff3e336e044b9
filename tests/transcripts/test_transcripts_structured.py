"""JSON, JSONL and CSV transcripts."""

import json
from datetime import UTC, datetime

import pytest

from heartline.errors import InputError
from heartline.transcripts import parse_transcript


def pairs(transcript):
    return [(m.speaker, m.text) for m in transcript.messages]


# JSON -------------------------------------------------------------------------------


def test_json_list_of_objects():
    text = json.dumps(
        [
            {"speaker": "Sam", "text": "I had a rough day", "timestamp": "2024-05-01T21:04:00Z"},
            {"speaker": "Alex", "text": "What happened?"},
        ],
        indent=2,
    )
    transcript = parse_transcript(text, source="chat.json")
    assert transcript.format == "json"
    assert pairs(transcript) == [("Sam", "I had a rough day"), ("Alex", "What happened?")]
    assert transcript.messages[0].timestamp == datetime(2024, 5, 1, 21, 4, tzinfo=UTC)
    assert [m.line for m in transcript.messages] == [2, 7]


def test_json_turns_object_with_aliases():
    text = """{
  "title": "evening",
  "turns": [
    {"Name": "Sam", "Message": "hi", "date": "not a date"},
    {"author": "Alex", "content": "hello"},
    {"sender": "Kim", "body": "yo"},
    {"from": "Lee", "text": "hey"}
  ]
}"""
    transcript = parse_transcript(text, format="json")
    assert pairs(transcript) == [("Sam", "hi"), ("Alex", "hello"), ("Kim", "yo"), ("Lee", "hey")]
    assert [m.line for m in transcript.messages] == [4, 5, 6, 7]
    assert transcript.messages[0].timestamp is None


def test_json_missing_text_names_the_element_and_its_line():
    text = '[\n  {"speaker": "Sam", "text": "hi"},\n  {"speaker": "Alex",\n   "txt": "oops"}\n]'
    with pytest.raises(InputError) as caught:
        parse_transcript(text, source="chat.json")
    error = caught.value
    assert (error.source, error.line) == ("chat.json", 3)
    assert "message 2 has no text" in error.message
    assert '{"speaker": "Sam", "text": "I had a rough day"}' in error.message


def test_json_line_numbers_use_the_last_duplicate_turns_key():
    text = '{"turns": [],\n "turns": [\n\n  {"speaker": "Sam", "text": 3}]}'
    with pytest.raises(InputError, match="a number as its text") as caught:
        parse_transcript(text, format="json")
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[\n  {"speaker": "Sam", "text": "hi"}\n  {"speaker": "Alex"}\n]', 3, "not valid JSON"),
        ('{"speaker": "Sam", "text": "hi"}\n{"speaker": "Alex", "text": "yo"}', 2, ".jsonl"),
        ('{"chat": []}', 1, "'turns' list"),
        ('\n\n"just a string"', 3, "holds text"),
        ('[{"speaker": "", "text": "hi"}]', 1, "empty speaker"),
        ('[{"speaker": "Sam", "text": "  "}]', 1, "empty text"),
        ('[{"speaker": "Sam", "text": "hi"},\n ["Alex", "yo"]]', 2, "message 2 is a list"),
    ],
)
def test_json_errors(text, line, fragment):
    with pytest.raises(InputError, match=fragment.replace(".", r"\.")) as caught:
        parse_transcript(text, source="chat.json")
    assert (caught.value.source, caught.value.line) == ("chat.json", line)


def test_json_empty_list_has_no_messages():
    with pytest.raises(InputError, match="found no messages"):
        parse_transcript("[]", format="json")


def test_json_nested_too_deeply_is_an_input_error():
    with pytest.raises(InputError, match=r"not valid JSON|nested too deeply"):
        parse_transcript("[" * 100_000 + "]" * 100_000, format="json")


def test_json_huge_number_is_an_input_error():
    with pytest.raises(InputError, match="not valid JSON"):
        parse_transcript('[{"speaker": "Sam", "text": ' + "9" * 5000 + "}]", format="json")


# JSONL ------------------------------------------------------------------------------


def test_jsonl_one_object_per_line():
    text = '{"speaker": "Sam", "text": "hi"}\n\n{"author": "Alex", "message": "hello"}\n'
    transcript = parse_transcript(text, source="chat.jsonl")
    assert transcript.format == "jsonl"
    assert pairs(transcript) == [("Sam", "hi"), ("Alex", "hello")]
    assert [m.line for m in transcript.messages] == [1, 3]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('{"speaker": "Sam", "text": "hi"}\n{"speaker": "Alex", "text": "yo"', 2, "not valid JSON"),
        ('{"speaker": "Sam", "text": "hi"}\n\n["Alex", "yo"]', 3, "this line is a list"),
        ('{"speaker": "Sam"}', 1, "this line has no text"),
        ('{"text": "hi"}', 1, "this line has no speaker"),
    ],
)
def test_jsonl_errors(text, line, fragment):
    with pytest.raises(InputError, match=fragment) as caught:
        parse_transcript(text, source="chat.ndjson")
    assert (caught.value.source, caught.value.line) == ("chat.ndjson", line)
    assert "one message object per line" in caught.value.message


# CSV --------------------------------------------------------------------------------


def test_csv_with_header_quoted_multiline_field_and_timestamp():
    text = (
        "Time,Speaker,Message,Mood\n"
        '2024-05-01 21:04,Sam,"I had a rough day,\n'
        'honestly",low\n'
        ",,,\n"
        "yesterday,Alex,What happened?,\n"
    )
    transcript = parse_transcript(text, source="export.CSV")
    assert transcript.format == "csv"
    assert pairs(transcript) == [
        ("Sam", "I had a rough day,\nhonestly"),
        ("Alex", "What happened?"),
    ]
    assert [m.line for m in transcript.messages] == [2, 5]
    assert transcript.messages[0].timestamp == datetime(2024, 5, 1, 21, 4)
    assert transcript.messages[1].timestamp is None


def test_csv_header_without_text_column():
    with pytest.raises(InputError) as caught:
        parse_transcript("\nspeaker,words\nSam,hi\n", source="chat.csv")
    assert (caught.value.source, caught.value.line) == ("chat.csv", 2)
    assert "header row with a speaker column" in caught.value.message
    assert "'speaker,words'" in caught.value.message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("speaker,text\nSam,hi\nAlex\n", 3, "this row has no text"),
        ('speaker,text\nSam,"hi\nthere"\n,hello\n', 4, "this row has an empty speaker"),
        ("speaker,text\nSam,hi\nAlex,   \n", 3, "this row has an empty text"),
    ],
)
def test_csv_row_errors(text, line, fragment):
    with pytest.raises(InputError, match=fragment) as caught:
        parse_transcript(text, source="chat.csv")
    assert (caught.value.source, caught.value.line) == ("chat.csv", line)


def test_csv_malformed_quoting_is_an_input_error():
    big = "x" * 200_000
    with pytest.raises(InputError, match="not valid CSV") as caught:
        parse_transcript(f'speaker,text\nSam,hi\nAlex,"{big}"\n', source="chat.csv")
    assert caught.value.line == 3


def test_csv_with_only_a_header_has_no_messages():
    with pytest.raises(InputError, match="found no messages"):
        parse_transcript("speaker,text\n", format="csv")
