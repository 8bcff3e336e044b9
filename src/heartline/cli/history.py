"""``heartline history``: what you've written, and what others shared with you, one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from heartline.cli.context import current_person, open_store

if TYPE_CHECKING:
    from heartline.practices.history import Line

HELP = """Look back: your entries and what others shared with you, newest first.

Shows only what you may see: your own entries, and the ones others chose to
share with you. Kinds for --kind include checkin, share, pulse, hug and
appreciation (a wrong one lists them all).

  heartline history
  heartline history --kind checkin --kind appreciation --since 7d
  heartline history --since 2026-11-01 --limit 50 --mine
"""

SEEN = {"private": "only you", "draft": "only you (draft)", "shared": "shared"}


def history(
    ctx: typer.Context,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", metavar="KIND", help="Only this kind of entry (repeat for more), "
        "like checkin, pulse or appreciation.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="WHEN", help="Only entries from this time on: a span like 7d, 2w "
        "or 12h, or a date like 2026-11-01.")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", min=1, max=1000, help="At most this many entries (the newest).")] = 20,
    mine: Annotated[bool, typer.Option(
        "--mine", help="Only entries you wrote yourself.")] = False,
) -> None:
    from datetime import datetime

    from heartline.practices import history as core

    console = Console()
    kinds = core.check_kinds(kind) if kind else None
    start = core.parse_since(since, datetime.now().astimezone()) if since else None
    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        found = core.lines(session, person, kinds=kinds, since=start, limit=limit, mine=mine)
    if not found:
        console.print("Nothing here yet for what you asked. It fills up as you use "
                      "heartline; a good start is: heartline checkin")
        return
    console.print(_table(found))


def _table(found: list[Line]) -> Table:
    table = Table(title="History (newest first)", title_justify="left")
    for header in ("When", "Who", "What", "Seen by"):
        table.add_column(header, no_wrap=True)
    table.add_column("About", overflow="fold", ratio=1)
    for line in found:
        when = line.at.astimezone().strftime("%Y-%m-%d %H:%M")
        who = "you" if line.mine else escape(line.author)
        seen = SEEN[line.visibility]
        table.add_row(when, who, escape(line.title), seen, escape(line.summary))
    return table


history.__doc__ = HELP
