"""``heartline pulse`` on both backends: answering, trend, chart, signs, and privacy (M6)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from heartline.practices.pulse import content
from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.values import Entry

KEYS = content().keys
HIGH = "6,6,6,6,6,6,6,6,6,6"
LOW = "3,3,3,3,3,3,3,3,3,3"


def _entries() -> tuple[list[Entry], list[Entry]]:
    """The pulses Sam and Alex can each see."""
    store = Store.open()
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
        assert sam is not None and alex is not None
        found = entries_for(session, sam, kinds=["pulse"]), entries_for(session, alex,
                                                                        kinds=["pulse"])
    store.close()
    return found


def test_scripted_scores_are_stored_privately_with_means(cli, couple) -> None:
    result = cli("pulse", "--scores", "7,6,5,4,3,2,1,1,6,7")
    assert result.exit_code == 0, result.output
    assert "isn't a validated clinical scale" in result.output
    assert "Only you can see it".lower() in result.output.lower()
    mine, theirs = _entries()
    assert theirs == [] and len(mine) == 1 and mine[0].visibility == "private"
    data = mine[0].data
    assert set(data) == {"answers", "scores", "overall"}
    assert data["answers"]["disclosure_1"] == 7 and data["scores"]["caring"] == 1.0
    assert data["overall"] == 4.2


def test_every_score_as_its_own_flag_and_shared_only_when_asked(cli, couple) -> None:
    flags = [arg for key in KEYS for arg in ("--score", f"{key}=5")]
    result = cli("pulse", *flags, "--visibility", "shared")
    assert result.exit_code == 0, result.output
    assert "shared with Alex" in result.output
    mine, theirs = _entries()
    assert theirs == mine and mine[0].data["overall"] == 5.0


def test_interactive_answers_ask_again_after_a_wrong_number(cli, couple) -> None:
    result = cli("pulse", input="9\n" + "\n".join(["5"] * 10) + "\n")
    assert result.exit_code == 0, result.output
    assert "1 = Not true this week" in result.output and "1/10" in result.output
    assert "Please select one of the available options" in result.output
    mine, _ = _entries()
    assert mine[0].data["answers"] == dict.fromkeys(KEYS, 5)


def test_bad_scores_are_clear_and_nothing_is_stored(cli, couple) -> None:
    for args in (["--scores", "1,2,3"], ["--scores", "5,5,5,5,5,5,5,5,5,8"],
                 ["--scores", "5,5,5,5,5,5,5,5,5,x"], ["--score", "trust_1=0"],
                 ["--score", "closeness=5"], ["--score", "trust_1=5"],
                 ["--score", "trust_1=5", "--scores", HIGH]):
        result = cli("pulse", *args)
        assert result.exit_code == 1 and "Traceback" not in result.output, args
        assert "Error" in result.output, args
    assert _entries() == ([], [])


def test_a_drop_shows_the_gentle_note_and_the_trend(cli, couple) -> None:
    for scores in (HIGH, HIGH, HIGH):
        assert "A gentle note" not in cli("pulse", "--scores", scores).output
    dropped = cli("pulse", "--scores", "5,5,5,5,5,5,5,5,5,4")
    assert "A gentle note" in dropped.output and "heartline therapist" in dropped.output
    result = cli("pulse", "--trend")
    assert result.exit_code == 0, result.output
    assert "over 4 answers" in result.output and "▇▇▇▆" in result.output
    assert "A gentle note" in result.output
    assert len(_entries()[0]) == 4                      # --trend answers nothing


def test_a_low_first_answer_gets_the_note_too(cli, couple) -> None:
    result = cli("pulse", "--scores", LOW)
    assert "A gentle note" in result.output and "heartline therapist" in result.output


def test_the_chart_is_written_as_valid_svg(cli, couple, tmp_path: Path) -> None:
    cli("pulse", "--scores", HIGH)
    cli("pulse", "--scores", LOW)
    target = tmp_path / "pulse.svg"
    result = cli("pulse", "--chart", str(target))
    assert result.exit_code == 0, result.output
    assert "Chart written" in result.output and "Your pulse over" not in result.output
    root = ET.parse(target).getroot()
    lines = root.findall(".//{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 6 and all(len((p.get("points") or "").split()) == 2 for p in lines)
    assert not list(tmp_path.glob("*.partial"))      # no temporary file left behind


def test_charts_need_answers_and_a_real_folder(cli, couple, tmp_path: Path) -> None:
    empty = cli("pulse", "--chart", str(tmp_path / "pulse.svg"))
    assert empty.exit_code == 1 and "Answer the pulse first" in empty.output
    cli("pulse", "--scores", HIGH)
    missing = cli("pulse", "--chart", str(tmp_path / "nowhere" / "pulse.svg"))
    assert missing.exit_code == 1 and "does not exist" in missing.output
    assert "Traceback" not in missing.output and not (tmp_path / "pulse.svg").exists()


def test_the_partner_never_sees_sams_pulse(cli, couple, tmp_path: Path) -> None:
    cli("pulse", "--scores", LOW)
    result = cli("--as", "Alex", "pulse", "--trend")
    assert result.exit_code == 0 and "No pulse answers yet" in result.output
    assert cli("--as", "Alex", "pulse", "--chart", str(tmp_path / "a.svg")).exit_code == 1
    cli("pulse", "--scores", HIGH, "-v", "shared")
    trend = cli("--as", "Alex", "pulse", "--trend")
    assert "No pulse answers yet" in trend.output      # a trend is only ever your own


def test_signs_show_both_sides_without_answering(cli, couple) -> None:
    result = cli("pulse", "--signs")
    assert result.exit_code == 0, result.output
    assert "When closeness is missing" in result.output and "When it's there" in result.output
    assert "not a diagnosis" in result.output
    assert _entries() == ([], [])


def test_signs_work_before_anyone_is_set_up(cli) -> None:
    assert cli("pulse", "--signs").exit_code == 0
    result = cli("pulse", "--scores", HIGH)
    assert result.exit_code == 1 and "heartline hello" in result.output
