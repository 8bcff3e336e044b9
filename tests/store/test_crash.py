"""Killing heartline mid-write never loses a committed entry or damages SQLite.

A child process writes entries as fast as it can and reports each commit;
the test kills it with SIGKILL (no chance to clean up) at a random moment,
50 times over the same database, then checks every reported entry is there
and that SQLite's integrity and foreign-key checks pass.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from heartline.store import Store
from heartline.store.schema import EntryRow

KILLS = 50
WRITER = Path(__file__).with_name("crash_writer.py")


def _run_and_kill(url: str, home: Path, after: int) -> list[str]:
    with subprocess.Popen([sys.executable, str(WRITER), url, str(home)],
                          stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        committed = [child.stdout.readline().strip() for _ in range(after)]
        child.send_signal(signal.SIGKILL)
    return committed


def test_kill_9_during_a_burst_of_writes_loses_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'heartline.db'}"
    chooser = random.Random(7)
    committed: list[str] = []
    for _ in range(KILLS):
        committed += _run_and_kill(url, tmp_path, chooser.randint(0, 40))
    store = Store.open(url, home=tmp_path)
    with store.read() as session:
        stored = set(session.scalars(sa.select(EntryRow.id)))
        integrity = session.execute(sa.text("PRAGMA integrity_check")).scalar()
        broken_links = session.execute(sa.text("PRAGMA foreign_key_check")).all()
    store.close()
    assert len(committed) > KILLS
    assert set(committed) <= stored
    assert integrity == "ok" and broken_links == []
