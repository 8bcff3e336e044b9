"""``heartline cards`` through the CLI runner."""

from __future__ import annotations

from typer.testing import CliRunner

from heartline.cli.app import app
from heartline.practices.decks import get_deck

runner = CliRunner()


def test_lists_every_deck() -> None:
    result = runner.invoke(app, ["cards"])
    assert result.exit_code == 0, result.output
    for deck_id in ("daily", "childhood", "hard", "parent_child"):
        assert deck_id in result.output


def test_draws_a_question_at_the_asked_depth() -> None:
    result = runner.invoke(app, ["cards", "hard", "--depth", "3"])
    assert result.exit_code == 0, result.output
    deep = [q.text for q in get_deck("hard").questions if q.depth == 3]
    shown = " ".join(result.output.split())
    assert any(" ".join(q.split())[:40] in shown for q in deep)
    assert "deep" in result.output


def test_unknown_deck_names_the_available_ones() -> None:
    result = runner.invoke(app, ["cards", "nope"])
    assert result.exit_code == 1
    assert "daily" in result.output
    assert "Traceback" not in result.output


def test_a_pair_does_not_draw_the_same_question_twice(cli, couple) -> None:
    from heartline.store import Store, people
    from heartline.store.entries import entries_for

    light = [q for q in get_deck("daily").questions if q.depth == 1]
    for n in range(len(light)):
        who = ("--as", "Alex") if n % 2 else ()
        result = cli(*who, "cards", "daily")
        assert result.exit_code == 0, result.output
    store = Store.open()
    with store.read() as session:
        drawn = [e.data["question"] for e in
                 entries_for(session, people.find_person(session, "Alex"), kinds=["card"])]
    store.close()
    assert sorted(drawn) == sorted(q.text for q in light)
