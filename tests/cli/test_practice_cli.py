"""``heartline practice`` on both backends: play, debrief, progress, deeper; private always."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from heartline.listening_practice.scenarios import get_scenario
from heartline.store import Store, people
from heartline.store.entries import entries_for

SCENARIO = "c-passed-over"


def _rounds(name: str, kind: str = "practice") -> list:  # type: ignore[type-arg]
    store = Store.open()
    with store.read() as session:
        found = entries_for(session, people.find_person(session, name), kinds=[kind])
    store.close()
    return found


def _good_replies() -> list[str]:
    scenario = get_scenario(SCENARIO)
    replies = []
    for level in (2, 3, 4):
        replies += ["--reply", scenario.model_at(level) or ""]
    return replies


def test_a_scripted_good_round_ends_understood_and_is_private(cli, couple) -> None:
    result = cli("practice", "play", SCENARIO, "--seed", "1", *_good_replies())
    assert result.exit_code == 0, result.output
    assert "They felt understood." in result.output and "Your four skills" in result.output
    mine = _rounds("Sam")
    assert len(mine) == 1 and mine[0].visibility == "private"
    assert mine[0].data["ending"] == "understood" and len(mine[0].data["timeline"]) == 3
    assert _rounds("Alex") == []


def test_advice_first_shuts_down_and_the_debrief_shows_a_model_reply(cli, couple) -> None:
    result = cli("practice", "play", SCENARIO, input="You should talk to your boss.\n"
                 "Just apply somewhere else then.\n")
    assert result.exit_code == 0, result.output
    assert "They shut down." in result.output
    assert "A reply that would have helped here" in result.output
    assert _rounds("Sam")[0].data["skills"]["timing"] == 0.0


def test_an_empty_reply_ends_the_round_early(cli, couple) -> None:
    result = cli("practice", "play", SCENARIO, input="\n")
    assert result.exit_code == 0 and "natural close" in result.output


def test_progress_suggests_and_charts(cli, couple, tmp_path: Path) -> None:
    assert "No practice yet" in cli("practice", "progress").output
    cli("practice", "play", SCENARIO, "--reply", "ok")
    result = cli("practice", "progress", "--chart", str(tmp_path / "skills.svg"))
    assert result.exit_code == 0, result.output
    assert "Next, for" in result.output
    svg = ElementTree.parse(tmp_path / "skills.svg").getroot()
    assert svg.tag.endswith("svg")


def test_play_without_a_scenario_picks_one(cli, couple) -> None:
    result = cli("practice", "play", input="\n")
    assert result.exit_code == 0 and "natural close" in result.output


def test_list_filters_and_bad_input(cli) -> None:
    listed = cli("practice", "list", "--relationship", "parent_teen")
    assert listed.exit_code == 0 and "parent teen" in listed.output
    bad = cli("practice", "list", "--theme", "sadness")
    assert bad.exit_code == 1 and "choose one of" in bad.output
    assert cli("practice", "play", "nope").exit_code == 1


def test_deeper_reads_how_open_an_answer_was(cli, couple) -> None:
    plain = cli("practice", "deeper", "--answer", "Fine, busy day.")
    assert plain.exit_code == 0 and "polite script" in plain.output
    open_ = cli("practice", "deeper", "--answer",
                "Honestly I felt really hurt when my sister forgot my birthday again.")
    assert "That's open" in open_.output
    assert [e.data["openness"] for e in _rounds("Sam", "deeper")] == ["feeling", "script"]


def test_replay_shows_a_past_round_from_storage(cli, couple) -> None:
    assert "No practice yet" in cli("practice", "replay").output
    cli("practice", "play", SCENARIO, "--reply", "You should talk to your boss.",
        "--reply", "Just apply somewhere else then.")
    result = cli("practice", "replay")
    assert result.exit_code == 0, result.output
    assert "They shut down." in result.output and "You: You should talk to your boss." in \
        result.output and "A reply that would have helped here" in result.output
    assert cli("practice", "replay", "2").exit_code == 1
