"""``heartline hug``, ``unplug``, ``new-things``, ``humor`` and ``independence`` on both backends.

Photo stories have their own file, test_ritual_photos.py (basenames must differ from
tests/practices/test_rituals.py: the test folders are not packages).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from heartline.practices import humor
from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.values import Entry


def _entries(kind: str) -> tuple[list[Entry], list[Entry]]:
    """What Sam, and what Alex, can see of one kind."""
    store = Store.open()
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
        assert sam is not None and alex is not None
        found = (entries_for(session, sam, kinds=[kind]), entries_for(session, alex, kinds=[kind]))
    store.close()
    return found


def _refused(result) -> None:
    assert result.exit_code == 1, result.output
    assert "Error:" in result.output and "Traceback" not in result.output


# --- hug -----------------------------------------------------------------------

@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # a real second: once
def test_a_timed_hug_is_paced_and_logged_shared(cli, couple) -> None:
    result = cli("hug", "--seconds", "1", "-v", "shared")
    assert result.exit_code == 0, result.output
    assert "A long hug" in result.output and "shared with Alex" in result.output
    mine, theirs = _entries("hug")
    assert dict(mine[0].data) == {"planned_seconds": 1, "seconds": 1, "completed": True}
    assert theirs == mine


def test_a_hug_you_had_suggests_sharing_and_bad_lengths_store_nothing(cli, couple) -> None:
    result = cli("hug", "--no-timer", "--minutes", "3", input="\n")
    assert result.exit_code == 0, result.output
    assert "shared (you and Alex)" in result.output
    mine, _ = _entries("hug")
    assert mine[0].visibility == "shared" and mine[0].data["seconds"] == 180
    for args in (["--minutes", "0"], ["--minutes", "31"], ["--seconds", "0"]):
        _refused(cli("hug", "--no-timer", *args))
    assert len(_entries("hug")[0]) == 1


def test_ctrl_c_ends_the_hug_and_offers_to_log_what_was_done(tmp_path: Path) -> None:
    home = tmp_path / "hug-home"
    env = {**os.environ, "HEARTLINE_HOME": str(home)}
    env.pop("HEARTLINE_DATABASE_URL", None)
    store = Store.open(home=home)
    with store.write() as session:
        people.set_up(session, "Sam", partner="Alex")
    store.close()
    command = [sys.executable, "-c", "from heartline.cli.app import main; main()", "hug",
               "--seconds", "60", "-v", "private"]
    process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None and process.stdin is not None
    while "A long hug" not in process.stdout.readline():
        pass
    time.sleep(1.1)
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate("y\n", timeout=30)
    assert process.returncode == 0, output
    assert "stopping is always allowed" in output and "Traceback" not in output
    store = Store.open(home=home)
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        assert sam is not None
        hug = entries_for(session, sam, kinds=["hug"])[0]
    store.close()
    assert hug.data["completed"] is False and 1 <= hug.data["seconds"] < 60


# --- unplug --------------------------------------------------------------------

def test_unplugged_time_start_stop_and_the_week(cli, couple) -> None:
    for minutes in ("0", "-5", "2000"):
        _refused(cli("unplug", "log", "--minutes", minutes, "-v", "private"))
    _refused(cli("unplug", "stop"))
    assert _entries("unplug") == ([], [])
    started = cli("unplug", "start", input="\n")
    assert started.exit_code == 0, started.output
    assert "Unplugged" in started.output and "shared with Alex" in started.output
    _refused(again := cli("unplug", "start", "-v", "shared"))
    assert "already running" in again.output
    assert "Running since" in cli("unplug", "status").output
    _refused(cli("--as", "Alex", "unplug", "stop"))  # Sam's session is Sam's to stop
    stopped = cli("unplug", "stop")
    assert stopped.exit_code == 0 and "Welcome back" in stopped.output
    mine, _ = _entries("unplug")
    assert mine[0].data["ended_at"] is not None and mine[0].data["minutes"] == 0
    assert cli("unplug", "log", "--minutes", "20", "-v", "private").exit_code == 0
    assert "This week: 0 minutes" in cli("--as", "Alex", "unplug", "status").output
    assert "This week: 20 minutes" in cli("unplug", "status").output
    # Logged time ends now, so this overlaps the 20 minutes: counted once, 30 in all.
    assert cli("unplug", "log", "--minutes", "30", "-v", "shared").exit_code == 0
    assert "This week: 30 minutes" in cli("--as", "Alex", "unplug", "status").output


# --- new-things ------------------------------------------------------------------

def test_new_things_suggests_and_logs_one_tried(cli, couple) -> None:
    shown = cli("new-things", "--budget", "free", "--energy", "low", "--setting", "indoor")
    assert shown.exit_code == 0, shown.output
    assert "free cost · low energy" in shown.output and "--done NUMBER" in shown.output
    done = cli("new-things", "--done", "12", "--note", "We argued about the rules",
               "-v", "shared")
    assert done.exit_code == 0, done.output
    mine, theirs = _entries("new_thing")
    assert theirs == mine and set(mine[0].data) == {"title", "budget", "energy", "setting",
                                                    "note"}
    assert mine[0].data["note"] == "We argued about the rules"


def test_new_things_bad_values_then_your_own_idea_interactively(cli, couple) -> None:
    result = cli("new-things", "--budget", "pricey")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert all(choice in result.output for choice in ("free", "low", "medium"))
    _refused(cli("new-things", "--done", "999", "--note", ""))
    _refused(cli("new-things", "--done", "a", "--note", ""))
    assert _entries("new_thing") == ([], [])
    result = cli("new-things", "--done", "Night swimming", input="Cold and wonderful\nprivate\n")
    assert result.exit_code == 0, result.output
    assert "your own idea" in result.output
    mine, theirs = _entries("new_thing")
    assert mine[0].data["title"] == "Night swimming" and mine[0].data["budget"] is None
    assert mine[0].data["note"] == "Cold and wonderful" and theirs == []


# --- humor and independence ----------------------------------------------------------

def test_humor_shows_a_prompt_and_keeps_a_funny_moment(cli, couple) -> None:
    shown = cli("humor")
    assert shown.exit_code == 0 and "Laugh together" in shown.output
    kept = cli("humor", "--log", "The goose by the pond", input="shared\n")
    assert kept.exit_code == 0, kept.output
    mine, theirs = _entries("humor")
    assert theirs == mine and mine[0].text == "The goose by the pond"
    assert mine[0].data["prompt"] in humor.prompts()
    _refused(cli("humor", "--log", "  "))
    assert len(_entries("humor")[0]) == 1


def test_independence_is_private_by_default(cli, couple) -> None:
    result = cli("independence", "--answer", "me_time=A long run", "--answer",
                 "want_more=An evening with my sister")
    assert result.exit_code == 0, result.output
    mine, theirs = _entries("independence")
    assert theirs == [] and mine[0].visibility == "private"
    assert dict(mine[0].data) == {"answers": {"me_time": "A long run",
                                              "want_more": "An evening with my sister"}}
    _refused(cli("independence", "--answer", "bedtime=late"))
    _refused(cli("independence", "--answer", "me_time"))
    assert len(_entries("independence")[0]) == 1


def test_independence_asks_each_question_and_skipping_all_keeps_nothing(cli, couple) -> None:
    result = cli("independence", input="Gardening alone\n" + "\n" * 7)
    assert result.exit_code == 0, result.output
    mine, _ = _entries("independence")
    assert dict(mine[0].data) == {"answers": {"me_time": "Gardening alone"}}
    skipped = cli("independence", input="\n" * 8)
    assert skipped.exit_code == 0 and "Nothing kept" in skipped.output
    assert len(_entries("independence")[0]) == 1
