"""``heartline feelings`` on both backends: the wheel, naming a feeling, the I-feel builder."""

from __future__ import annotations

from click.testing import Result
from typer.testing import CliRunner

from heartline.cli.app import app
from heartline.practices.feelings import wheel
from heartline.store import Store, people
from heartline.store.entries import entries_for

NAMED_KEYS = {"mode", "word", "core", "branch", "note", "prompt"}
I_FEEL_KEYS = {"mode", "feeling", "when", "because", "sentence"}


def _feelings():
    """(what Sam sees, what Alex sees) of kind feeling."""
    store = Store.open()
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
        found = (entries_for(session, sam, kinds=["feeling"]),
                 entries_for(session, alex, kinds=["feeling"]))
    store.close()
    return found


# --- wheel (reads no database, so it runs once rather than per backend) ----------------------


def _wheel(*args: str) -> Result:
    return CliRunner().invoke(app, ["feelings", "wheel", *args])


def test_the_whole_wheel_shows_every_core_and_branch() -> None:
    result = _wheel()
    assert result.exit_code == 0, result.output
    for core in wheel().cores:
        assert core.word in result.output
        assert all(b.word in result.output for b in core.branches)


def test_one_part_of_the_wheel_with_meanings() -> None:
    result = _wheel("isolated")
    assert result.exit_code == 0, result.output
    assert "lonely" in result.output and "happy" not in result.output
    assert "sad → lonely → isolated" in result.output


def test_an_unknown_word_suggests_close_ones() -> None:
    result = _wheel("lonley")
    assert result.exit_code == 1
    assert "Did you mean lonely" in result.output and "Traceback" not in result.output


# --- name ------------------------------------------------------------------------------------


def test_scripted_name_is_private_with_its_place_on_the_wheel(cli, couple) -> None:
    result = cli("feelings", "name", "--word", "Wistful", "--note", "Looking at old photos")
    assert result.exit_code == 0, result.output
    assert "Notice and name it" in result.output and "only you can see it" in result.output
    mine, theirs = _feelings()
    assert theirs == [] and len(mine) == 1
    entry = mine[0]
    assert entry.visibility == "private" and set(entry.data) == NAMED_KEYS
    assert entry.data["mode"] == "named"
    assert (entry.data["core"], entry.data["branch"], entry.data["word"]) == \
        ("sad", "wistful", "wistful")
    assert entry.data["note"] == "Looking at old photos" and entry.data["prompt"]


def test_interactive_name_goes_from_the_centre_outward_and_shares_when_asked(cli,
                                                                           couple) -> None:
    result = cli("feelings", "name", "-v", "shared",
                 input="2\nlonley\nisolated\nAfter the move\n")
    assert result.exit_code == 0, result.output
    assert "Did you mean lonely" in result.output and "shared with Alex" in result.output
    mine, theirs = _feelings()
    assert (mine[0].data["core"], mine[0].data["branch"], mine[0].data["word"]) == \
        ("sad", "lonely", "isolated")
    assert mine[0].data["note"] == "After the move" and theirs == mine


def test_an_unknown_word_stores_nothing(cli, couple) -> None:
    result = cli("feelings", "name", "--word", "hapy")
    assert result.exit_code == 1
    assert "Did you mean happy" in result.output and "Traceback" not in result.output
    assert _feelings() == ([], [])


# --- build -----------------------------------------------------------------------------------


def test_scripted_statement_is_composed_analysed_and_shared(cli, couple) -> None:
    result = cli("feelings", "build", "--feeling", "lonely", "--when",
                 "we spend the evening on separate screens", "--because",
                 "I miss hearing about your day", "-v", "shared")
    assert result.exit_code == 0, result.output
    assert "For example" in result.output and "shared with Alex" in result.output
    mine, theirs = _feelings()
    assert theirs == mine and len(mine) == 1
    entry = mine[0]
    sentence = ("I feel lonely when we spend the evening on separate screens because I miss "
                "hearing about your day.")
    assert set(entry.data) == I_FEEL_KEYS and entry.data["mode"] == "i_feel"
    assert entry.text == entry.data["sentence"] == sentence
    assert entry.analysis is not None and entry.analysis["safety"] == "none"


def test_a_judgment_gets_a_gentle_note_and_a_second_try(cli, couple) -> None:
    result = cli("feelings", "build",
                 input="ignored by you\nignored\nyou pick up your phone\nI miss you\nprivate\n")
    assert result.exit_code == 0, result.output
    assert "A thought, or a feeling?" in result.output
    assert "I feel ignored" in result.output
    mine, theirs = _feelings()
    assert mine[0].data["feeling"] == "ignored" and theirs == []


def test_an_empty_feeling_is_refused_and_a_scripted_judgment_noted(cli, couple) -> None:
    result = cli("feelings", "build", "--feeling", " ", "--when", "x", "--because", "y")
    assert result.exit_code == 1
    assert "Start with a feeling" in result.output and "Traceback" not in result.output
    assert _feelings() == ([], [])
    result = cli("feelings", "build", "--feeling", "that you don't care", "--when", "x",
                 "--because", "y", "-v", "private")
    assert result.exit_code == 0, result.output
    assert "sounds more like a thought" in result.output
    assert _feelings()[0][0].data["feeling"] == "that you don't care"


def test_signs_of_abuse_keep_a_statement_private(cli, couple) -> None:
    result = cli("feelings", "build", "--feeling", "scared", "--when",
                 "my husband hits me when he drinks", "--because", "I never know what's next",
                 "-v", "shared")
    assert result.exit_code == 0, result.output
    assert "Help, right now" in result.output
    mine, theirs = _feelings()
    assert mine[0].visibility == "private" and theirs == []
