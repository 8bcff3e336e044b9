"""``heartline share``, ``reply`` and ``understood`` through the CLI, on both backends."""

from __future__ import annotations

from heartline.store import Store, people
from heartline.store.entries import entries_for


def _kinds(name: str) -> list[str]:
    store = Store.open()
    with store.read() as session:
        kinds = [e.kind for e in entries_for(session, people.find_person(session, name),
                                             newest_first=False)]
    store.close()
    return kinds


def test_share_reply_and_understood(cli, couple) -> None:
    assert cli("share", "I didn't get the job and I feel stupid for hoping.",
               "-v", "shared").exit_code == 0
    assert "Something was shared with you" in cli("--as", "Alex", "today").output
    result = cli("--as", "Alex", "reply", input="at least you have your old one\nrewrite\n"
                 "Oh no, after all that work. That must really sting.\nsend\n")
    assert result.exit_code == 0, result.output
    assert "minimizing" in result.output and "Sent" in result.output
    result = cli("understood", input="yes\n")
    assert result.exit_code == 0, result.output
    assert _kinds("Alex") == ["share", "reply", "understood"]


def test_a_private_share_is_never_offered_for_a_reply(cli, couple) -> None:
    assert cli("share", "Just for me tonight.", "-v", "private").exit_code == 0
    result = cli("--as", "Alex", "reply")
    assert "Nothing is waiting" in result.output
    assert _kinds("Alex") == []


def test_a_cancelled_reply_saves_nothing(cli, couple) -> None:
    cli("share", "Work was brutal today, I'm wiped.", "-v", "shared")
    result = cli("--as", "Alex", "reply", input="hm\ncancel\n")
    assert result.exit_code == 0 and "nothing was saved" in result.output
    assert _kinds("Alex") == ["share"]


def test_a_deflection_gets_a_gentle_nudge(cli, couple) -> None:
    result = cli("share", input="fine\n\nprivate\n")
    assert result.exit_code == 0, result.output
    assert "One notch deeper" in result.output


def test_a_share_can_be_chosen_by_the_first_characters_of_its_id(cli, couple) -> None:
    cli("share", "First thing on my mind.", "-v", "shared")
    cli("share", "Second thing, the one that matters.", "-v", "shared")
    store = Store.open()
    with store.read() as session:
        second = entries_for(session, people.find_person(session, "Sam"), kinds=["share"])[0]
    store.close()
    result = cli("--as", "Alex", "reply", second.id[:8], "--text", "Oh, that sounds like a lot.")
    assert result.exit_code == 0 and "Second thing" in result.output
    assert cli("--as", "Alex", "reply", "zzzz", "--text", "hm").exit_code == 1


def test_a_reply_or_answer_showing_abuse_stays_private_and_shows_help(cli, couple) -> None:
    abuse = "I am terrified of him, he hits me when he drinks."
    cli("share", "Long day, I'm wiped.", "-v", "shared")
    result = cli("--as", "Alex", "reply", "--text", abuse)
    assert result.exit_code == 0, result.output
    assert "Help, right now" in result.output and "kept private" in result.output
    assert "Sent" not in result.output
    assert "No replies" in cli("understood").output and _kinds("Sam") == ["share"]
    cli("share", "Another long one today.", "-v", "shared")
    cli("--as", "Alex", "reply", "--text", "That sounds tiring, what happened?")
    result = cli("understood", "--not-quite", abuse)
    assert "Help, right now" in result.output and "Sent back" not in result.output
    assert _kinds("Alex") == ["share", "reply", "share", "reply"]
