"""WhatsApp exports from Android and iOS."""

from datetime import datetime

import pytest

from heartline.errors import InputError
from heartline.transcripts import parse_transcript

LRM = "\u200e"
NNBSP = "\u202f"

ANDROID_US = f"""\
12/31/20, 9:41{NNBSP}PM - Messages and calls are end-to-end encrypted. No one outside of \
this chat, not even WhatsApp, can read or listen to them. Tap to learn more.
12/31/20, 9:41{NNBSP}PM - Alice added Bob
12/31/20, 9:42{NNBSP}PM - Alice: Happy new year's eve!
Are you coming over?

Bring snacks
12/31/20, 9:43{NNBSP}PM - Bob: <Media omitted>
12/31/20, 9:44{NNBSP}PM - Bob: This message was deleted
1/1/21, 12:05{NNBSP}AM - Bob: yes: on my way <This message was edited>
1/1/21, 12:06{NNBSP}AM - You changed this group's icon
1/1/21, 12:07{NNBSP}AM - +44 7700 900123 🎉: null
"""

IOS_EU = f"""\
{LRM}[31/12/2020, 21:41:05] Family 🎄: {LRM}Messages and calls are end-to-end encrypted. \
No one outside of this chat, not even WhatsApp, can read or listen to them.
[31/12/2020, 21:41:09] Alice: Who's cooking?
{LRM}[31/12/2020, 21:42:00] Bob: {LRM}image omitted
{LRM}[31/12/2020, 21:42:30] Bob: {LRM}<attached: 00000012-PHOTO-2020-12-31-21-41-05.jpg>
[31/12/2020, 21:43:00] \u202a+44 7700 900123\u202c: I am
{LRM}[31/12/2020, 21:44:00] Alice: {LRM}Missed voice call
[31/12/2020, 21:45:00] Alice: {LRM}sticker omitted
[01/01/2021, 00:00:01] Bob: line one
line two
"""


def triples(transcript):
    return [(m.speaker, m.text, m.media) for m in transcript.messages]


def test_android_us_export():
    transcript = parse_transcript(ANDROID_US, source="WhatsApp Chat with Family.txt")
    assert transcript.format == "whatsapp-android"
    assert triples(transcript) == [
        ("Alice", "Happy new year's eve!\nAre you coming over?\n\nBring snacks", False),
        ("Bob", "<Media omitted>", True),
        ("Bob", "This message was deleted", True),
        ("Bob", "yes: on my way", False),
        ("+44 7700 900123 🎉", "null", True),
    ]
    assert [m.line for m in transcript.messages] == [3, 7, 8, 9, 11]
    assert transcript.system_messages == 3
    assert transcript.messages[0].timestamp == datetime(2020, 12, 31, 21, 42)
    assert transcript.messages[3].timestamp == datetime(2021, 1, 1, 0, 5)
    assert [m.text for m in transcript.text_messages] == [
        "Happy new year's eve!\nAre you coming over?\n\nBring snacks",
        "yes: on my way",
    ]


def test_ios_export():
    transcript = parse_transcript(IOS_EU)
    assert transcript.format == "whatsapp-ios"
    assert triples(transcript) == [
        ("Alice", "Who's cooking?", False),
        ("Bob", "image omitted", True),
        ("Bob", "<attached: 00000012-PHOTO-2020-12-31-21-41-05.jpg>", True),
        ("+44 7700 900123", "I am", False),
        ("Alice", "sticker omitted", True),
        ("Bob", "line one\nline two", False),
    ]
    assert transcript.system_messages == 2
    assert transcript.speakers == ("Alice", "Bob", "+44 7700 900123")
    assert transcript.messages[0].timestamp == datetime(2020, 12, 31, 21, 41, 9)
    assert transcript.messages[-1].timestamp == datetime(2021, 1, 1, 0, 0, 1)
    assert transcript.messages[-1].line == 8


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("31/12/2020, 21:41 - Alice: hi", datetime(2020, 12, 31, 21, 41)),
        ("31.12.20, 21:41 - Alice: hi", datetime(2020, 12, 31, 21, 41)),
        ("2020-12-31, 21:41 - Alice: hi", datetime(2020, 12, 31, 21, 41)),
        ("31/12/2020 21:41 - Alice: hi", datetime(2020, 12, 31, 21, 41)),
        ("12/31/20, 9:41 PM - Alice: hi", datetime(2020, 12, 31, 21, 41)),
        ("12/31/20, 9:41 pm - Alice: hi", datetime(2020, 12, 31, 21, 41)),
        ("12/31/20, 9:41 p.m. - Alice: hi", datetime(2020, 12, 31, 21, 41)),
        ("31/12/20, 9:41 a.m. - Alice: hi", datetime(2020, 12, 31, 9, 41)),
        ("12/31/20, 12:15\u202fAM - Alice: hi", datetime(2020, 12, 31, 0, 15)),
        ("12/31/20, 12:15 PM - Alice: hi", datetime(2020, 12, 31, 12, 15)),
        ("31/12/2020, 21:41:30 - Alice: hi", datetime(2020, 12, 31, 21, 41, 30)),
    ],
)
def test_android_date_and_time_styles(line, expected):
    transcript = parse_transcript(line)
    assert transcript.format == "whatsapp-android"
    assert transcript.messages[0].timestamp == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[31/12/2020, 21:41:05] Alice: hi", datetime(2020, 12, 31, 21, 41, 5)),
        ("[12/31/20, 9:41:05 PM] Alice: hi", datetime(2020, 12, 31, 21, 41, 5)),
        ("\u200e[12/31/20, 9:41:05\u202fPM] Alice: hi", datetime(2020, 12, 31, 21, 41, 5)),
        ("[31.12.20, 21:41] Alice: hi", datetime(2020, 12, 31, 21, 41)),
    ],
)
def test_ios_date_and_time_styles(line, expected):
    transcript = parse_transcript(line)
    assert transcript.format == "whatsapp-ios"
    assert transcript.messages[0].timestamp == expected


@pytest.mark.parametrize(
    ("dates", "expected_month"),
    [
        (["01/02/2021, 10:00", "13/02/2021, 10:00"], 2),  # a first number > 12: day-first
        (["01/02/2021, 10:00", "02/13/2021, 10:00"], 1),  # a second number > 12: month-first
        (["01/02/2021, 10:00", "03/04/2021, 10:00"], 2),  # ambiguous, 24h: day-first
        (["01/02/2021, 10:00 AM", "03/04/2021, 10:00 AM"], 1),  # ambiguous, AM/PM: month-first
    ],
)
def test_date_order_is_decided_for_the_whole_file(dates, expected_month):
    text = "\n".join(f"{date} - Alice: hi" for date in dates)
    assert parse_transcript(text).messages[0].timestamp.month == expected_month


def test_two_digit_years_are_this_century():
    (message,) = parse_transcript("[5/6/99, 10:00:00] Alice: hi").messages
    assert message.timestamp.year == 2099


def test_ios_document_and_media_placeholders():
    kinds = ["video", "audio", "GIF", "document", "Contact card"]
    lines = [f"[31/12/2020, 21:4{i}:00] Bob: {LRM}{kind} omitted" for i, kind in enumerate(kinds)]
    document = f"{LRM}Report.pdf \u2022 {LRM}3 pages {LRM}document omitted"
    lines.append(f"[31/12/2020, 21:50:00] Bob: {document}")
    lines.append(f"[31/12/2020, 21:51:00] Bob: {LRM}You deleted this message.")
    transcript = parse_transcript("\n".join(lines))
    assert all(m.media for m in transcript.messages)
    assert len(transcript.messages) == 7


def test_variant_can_be_named_or_left_to_whatsapp():
    assert parse_transcript(IOS_EU, format="whatsapp").format == "whatsapp-ios"
    assert parse_transcript(ANDROID_US, format="WhatsApp-Android").format == "whatsapp-android"


def test_text_before_the_first_message_is_an_error():
    text = "\n\nexported by my phone\n31/12/2020, 21:41 - Alice: hi\n"
    with pytest.raises(InputError) as caught:
        parse_transcript(text, source="chat.txt", format="whatsapp-android")
    error = caught.value
    assert (error.source, error.line) == ("chat.txt", 3)
    assert "'31/12/2020, 21:41 - Sam: I had a rough day'" in error.message


def test_wrong_variant_is_an_error_on_the_first_line():
    with pytest.raises(InputError, match=r"\[31/12/2020, 21:41:05\]") as caught:
        parse_transcript(ANDROID_US, format="whatsapp-ios")
    assert caught.value.line == 1


@pytest.mark.parametrize(
    "text",
    [
        "31/12/2020, 21:41 - Alice: hi\n32/12/2020, 21:41 - Alice: hi",
        "31/12/2020, 21:41 - Alice: hi\n12/31/2020, 21:41 - Alice: hi",
        "31/12/2020, 21:41 - Alice: hi\n30/12/2020, 25:41 - Alice: hi",
        "31/12/2020, 21:41 - Alice: hi\n29/02/2021, 21:41 - Alice: hi",
    ],
)
def test_impossible_dates_name_the_line(text):
    with pytest.raises(InputError, match="not a real date and time") as caught:
        parse_transcript(text, source="chat.txt")
    assert caught.value.line == 2
    assert "day-first" in caught.value.message


def test_only_system_notices_means_no_messages():
    text = "31/12/2020, 21:41 - Alice added Bob\n31/12/2020, 21:42 - Bob left"
    with pytest.raises(InputError, match=r"found no messages \(only 2 system notices\)"):
        parse_transcript(text)
