"""``heartline bid`` on both backends: ask, answer (as the partner), note it was met, list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from heartline.store import Store, people
from heartline.store.entries import entries_for

BID_KEYS = {"topic", "answer", "answered_by", "answered_at", "later_at", "met"}


def _bids(name: str = "Sam"):
    store = Store.open()
    with store.read() as session:
        found = entries_for(session, people.find_person(session, name), kinds=["bid"])
    store.close()
    return found


def _alex_id() -> str:
    store = Store.open()
    with store.read() as session:
        found = people.find_person(session, "Alex")
    store.close()
    return found.id


def test_scripted_ask_is_shared_and_waiting(cli, couple) -> None:
    result = cli("bid", "ask", "--topic", "the holidays")
    assert result.exit_code == 0, result.output
    assert "Is now a good time to talk about the holidays?" in result.output
    (bid,) = _bids()
    assert bid.visibility == "shared" and bid.relationship_id is not None
    assert set(bid.data) == BID_KEYS and bid.data["topic"] == "the holidays"
    assert all(bid.data[k] is None for k in BID_KEYS - {"topic"})
    assert _bids("Alex") == [bid]
    mine, theirs = cli("bid", "list"), cli("--as", "Alex", "bid", "list")
    assert "holidays" in mine.output and "waiting" in mine.output
    assert "waiting for you" in theirs.output and "waiting for you" not in mine.output


def test_interactive_ask_picks_a_phrasing_or_takes_your_own(cli, couple) -> None:
    result = cli("bid", "ask", input="money this month\n2\n")
    assert result.exit_code == 0, result.output
    assert _bids()[0].text == "Do you have room right now to talk about money this month?"
    result = cli("bid", "ask", input="\nGot ten minutes tonight?\n")
    assert result.exit_code == 0, result.output
    assert _bids()[0].text == "Got ten minutes tonight?" and _bids()[0].data["topic"] is None


def test_asking_alone_says_how_to_connect(cli) -> None:
    assert cli("hello", "--name", "Robin").exit_code == 0
    result = cli("bid", "ask", "--topic", "the move")
    assert result.exit_code == 1
    assert "heartline hello --with" in result.output and "Traceback" not in result.output
    assert _bids("Robin") == []


def test_the_partner_answers_later_in_local_time(cli, couple) -> None:
    cli("bid", "ask", "--topic", "the holidays")
    before = datetime.now(UTC)
    result = cli("--as", "Alex", "bid", "answer", "--later", "in 20 minutes")
    assert result.exit_code == 0, result.output
    assert "Sam asks" in result.output and "Later:" in result.output
    data = _bids()[0].data
    assert data["answer"] == "later" and data["answered_by"] == _alex_id()
    later = datetime.fromisoformat(data["later_at"])
    assert later.utcoffset() == timedelta(0)
    assert timedelta(minutes=19) < later - before < timedelta(minutes=21)


def test_interactive_answers_not_today_and_later(cli, couple) -> None:
    cli("bid", "ask", "--topic", "the holidays")
    cli("bid", "ask", "--topic", "the garden")
    result = cli("--as", "Alex", "bid", "answer", input="not-today\n")
    assert result.exit_code == 0, result.output
    assert "holidays" in result.output and "guilt" not in result.output.casefold()
    result = cli("--as", "Alex", "bid", "answer", input="later\ntomorrow 9:00\n")
    assert result.exit_code == 0, result.output
    garden, holidays = _bids()
    assert holidays.data["answer"] == "not_today" and holidays.data["later_at"] is None
    later = datetime.fromisoformat(garden.data["later_at"]).astimezone()
    assert garden.data["answer"] == "later" and (later.hour, later.minute) == (9, 0)


def test_bad_answers_store_nothing(cli, couple) -> None:
    cli("bid", "ask", "--topic", "the holidays")
    result = cli("bid", "answer", _bids()[0].id[:8], "--now")
    assert result.exit_code == 1
    assert "your own bid" in result.output and "Traceback" not in result.output
    for args in (["--now", "--not-today"], ["--later", "whenever"], ["--later", "in 9 days"]):
        result = cli("--as", "Alex", "bid", "answer", *args)
        assert result.exit_code == 1, args
        assert "Traceback" not in result.output
    assert "Try a time like" in result.output or "more than a week" in result.output
    assert _bids()[0].data["answer"] is None


def test_the_asker_notes_whether_it_was_met(cli, couple) -> None:
    cli("bid", "ask", "--topic", "the holidays")
    cli("--as", "Alex", "bid", "answer", "--now")
    result = cli("--as", "Alex", "bid", "met", _bids()[0].id, "--yes")
    assert result.exit_code == 1 and "Only the person who asked" in result.output
    result = cli("bid", "met", "--no")
    assert result.exit_code == 0, result.output
    assert _bids()[0].data["met"] is False
    result = cli("bid", "met", _bids()[0].id[:8], input="y\n")
    assert result.exit_code == 0, result.output
    assert _bids()[0].data["met"] is True


def test_a_bid_with_signs_of_abuse_stays_private(cli, couple) -> None:
    result = cli("bid", "ask", "--text", "Can we talk? my husband hits me when he drinks")
    assert result.exit_code == 0, result.output
    assert "Help, right now" in result.output
    assert _bids()[0].visibility == "private" and _bids("Alex") == []
    listed = cli("--as", "Alex", "bid", "list")
    assert "husband" not in listed.output and "No bids yet" in listed.output
    answered = cli("--as", "Alex", "bid", "answer", "--now")
    assert answered.exit_code == 1 and "No bids are waiting" in answered.output
