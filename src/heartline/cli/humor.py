"""``heartline humor``: something to laugh about together, and funny moments kept."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel

from heartline.cli.common import VisibilityOption, WithOption, choose_visibility, saved
from heartline.cli.context import practice_context

HELP = """Something to laugh about together: a memory to retell or a small game.

The joke is always something you share, never the other person. Keep a funny
moment with --log, so you can laugh about it again later.

  heartline humor
  heartline humor --log "The goose that chased us round the pond"
  heartline humor --log "Karaoke night" --visibility shared
"""


def humor(
    ctx: typer.Context,
    log: Annotated[str | None, typer.Option(
        "--log", metavar="TEXT", help="Keep a funny moment, in a few words.")] = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline.practices import humor as practice

    console = Console()
    if log is not None:
        practice.check_moment(log)
    question = practice.prompt()
    console.print(Panel(question, title="Laugh together", border_style="yellow", padding=(1, 2)))
    if log is None:
        console.print("[dim]Something funny happened? heartline humor --log \"...\"[/dim]")
        return
    store, person, relationship = practice_context(ctx, with_)
    chosen = choose_visibility(visibility, relationship, person.id).value
    with store.write() as session:
        entry = practice.record(session, person, moment=log, prompt=question, visibility=chosen,
                                relationship_id=relationship.id if relationship else None)
    saved(console, entry, relationship)


humor.__doc__ = HELP
