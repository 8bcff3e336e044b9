"""``heartline therapist`` on both backends: directories, and the private handoff summary."""

from __future__ import annotations

from pathlib import Path

from heartline.help.resources import REGION_VARIABLE
from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.values import Entry

SECTIONS = 6


def _entries() -> tuple[list[Entry], list[Entry]]:
    """The handoffs Sam and Alex can each see."""
    store = Store.open()
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
        assert sam is not None and alex is not None
        found = entries_for(session, sam, kinds=["handoff"]), entries_for(session, alex,
                                                                          kinds=["handoff"])
    store.close()
    return found


def test_the_overview_says_when_and_where_without_any_setup(cli, monkeypatch) -> None:
    monkeypatch.setenv(REGION_VARIABLE, "GB")
    result = cli("therapist")
    assert result.exit_code == 0, result.output
    assert "not therapy" in result.output and "It may be worth considering" in result.output
    assert "https://www.relate.org.uk" in result.output
    assert ("https://www.nhs.uk/service-search/mental-health/find-an-nhs-talking-therapies-service"
            in result.output)
    assert "https://www.psychologytoday.com" not in result.output   # a US directory
    assert "999 in GB" in result.output and "therapist handoff" in result.output


def test_find_filters_by_kind_and_region(cli, monkeypatch) -> None:
    monkeypatch.delenv(REGION_VARIABLE, raising=False)
    result = cli("therapist", "find", "--kind", "community", "--region", "us")
    assert result.exit_code == 0, result.output
    assert "For specific communities" in result.output
    assert "Finding a therapist" not in result.output
    assert "https://therapyforblackmen.org" in result.output
    assert "https://pinktherapy.com" not in result.output
    elsewhere = cli("therapist", "find", "--region", "FR")
    assert "don't list directories for FR" in elsewhere.output
    assert "https://pinktherapy.com" in elsewhere.output


def test_an_unknown_kind_is_a_clear_error(cli) -> None:
    result = cli("therapist", "find", "--kind", "cheap")
    assert result.exit_code == 2 and "low_cost" in result.output
    assert "Traceback" not in result.output


def test_a_scripted_handoff_is_exported_and_kept_private(cli, couple, tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    result = cli("therapist", "handoff", "--answer", "why_now=We keep having the same fight",
                 "--answer", "hopes=Talk about *money* & <chores> calmly", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "heartline never shares it" in result.output
    page = out.read_text("utf-8")
    assert page.startswith("# Notes for a first session")
    assert "## Why now\n\nWe keep having the same fight\n" in page
    assert "Talk about *money* & <chores> calmly" in page and "it is not therapy" in page
    mine, theirs = _entries()
    assert theirs == [] and mine[0].visibility == "private"
    assert mine[0].data == {"sections": {"why_now": "We keep having the same fight",
                                         "hopes": "Talk about *money* & <chores> calmly"}}


def test_an_interactive_handoff_can_be_reviewed_and_edited(cli, couple, tmp_path: Path) -> None:
    out = tmp_path / "first-session.md"
    answers = ["It's time", "Silence after fights", "", "", "", ""]
    review = ["hard", "Long silences after every fight", "tried", "A weekly check-in", "done"]
    result = cli("therapist", "handoff", input="\n".join([*answers, *review, str(out)]) + "\n")
    assert result.exit_code == 0, result.output
    assert "Your notes (Markdown)" in result.output and "Change a section?" in result.output
    page = out.read_text("utf-8")
    assert "Long silences after every fight" in page and "Silence after fights" not in page
    assert "## What we've tried\n\nA weekly check-in" in page
    mine, _ = _entries()
    assert mine[0].data["sections"] == {"why_now": "It's time",
                                        "hard": "Long silences after every fight",
                                        "tried": "A weekly check-in"}


def test_enter_skips_the_file_but_keeps_the_notes(cli, couple, tmp_path: Path) -> None:
    result = cli("therapist", "handoff", input="Just curious\n" + "\n" * (SECTIONS - 1)
                 + "done\n\n")
    assert result.exit_code == 0, result.output
    assert "Written to" not in result.output
    assert _entries()[0][0].data["sections"] == {"why_now": "Just curious"}


def test_bad_handoffs_are_clear_and_nothing_is_stored(cli, couple, tmp_path: Path) -> None:
    for args in (["--answer", "feelings=sad"], ["--answer", "why_now"],
                 ["--answer", "why_now=   "],
                 ["--answer", "why_now=x", "--out", str(tmp_path / "nowhere" / "notes.md")]):
        result = cli("therapist", "handoff", *args)
        assert result.exit_code == 1 and "Traceback" not in result.output, args
        assert "Error" in result.output, args
    assert _entries() == ([], [])
    assert not list(tmp_path.glob("**/*.md"))


def test_signs_of_danger_bring_safety_lines_and_it_stays_private(cli, couple) -> None:
    result = cli("therapist", "handoff", "--answer",
                 "should_know=My husband hits me when he drinks")
    assert result.exit_code == 0, result.output
    assert "Help, right now" in result.output
    mine, theirs = _entries()
    assert len(mine) == 1 and theirs == []
