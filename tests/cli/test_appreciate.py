"""``heartline appreciate`` on both backends: specific notes, the nudge, who sees them."""

from __future__ import annotations

from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.values import Entry


def _notes() -> tuple[list[Entry], list[Entry]]:
    store = Store.open()
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
        assert sam is not None and alex is not None
        found = (entries_for(session, sam, kinds=["appreciation"]),
                 entries_for(session, alex, kinds=["appreciation"]))
    store.close()
    return found


def test_a_scripted_note_is_private_unless_shared(cli, couple) -> None:
    note = "Thank you for the soup on Tuesday; it rescued a rotten day."
    result = cli("appreciate", note)
    assert result.exit_code == 0, result.output
    assert "One detail more?" not in result.output and "only you" in result.output
    mine, theirs = _notes()
    assert theirs == [] and mine[0].text == note
    assert mine[0].data == {"prompt": "", "specific": True}
    assert cli("appreciate", note, "-v", "shared").exit_code == 0
    assert len(_notes()[1]) == 1

    vague = cli("appreciate", "You're the best")  # saved, with one nudge
    assert vague.exit_code == 0, vague.output
    assert "One detail more?" in vague.output and "For example" in vague.output
    assert _notes()[0][0].data["specific"] is False


def test_interactive_note_gets_one_rewrite_and_suggests_sharing(cli, couple) -> None:
    answers = "thanks for everything\nThanks for the tea on Sunday morning when I was ill\n\n"
    result = cli("appreciate", input=answers)
    assert result.exit_code == 0, result.output
    assert "Think of one moment" in result.output and "(shared)" in result.output
    mine, theirs = _notes()
    assert theirs == mine and mine[0].text.startswith("Thanks for the tea")
    assert mine[0].data["specific"] is True and mine[0].data["prompt"]


def test_prompt_only_and_bad_input_store_nothing(cli, couple) -> None:
    shown = cli("appreciate", "--prompt")
    assert shown.exit_code == 0 and "Something to thank them for" in shown.output
    for args in (["appreciate", "   "], ["appreciate", "hi", "--prompt"]):
        result = cli(*args)
        assert result.exit_code == 1 and "Traceback" not in result.output, args
        assert "Error" in result.output
    assert _notes() == ([], [])
