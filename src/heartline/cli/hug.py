"""``heartline hug``: a long, slow hug with a breathing timer, then log it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.prompt import Confirm
from rich.text import Text

from heartline.cli.common import (
    Seen,
    TogetherVisibilityOption,
    WithOption,
    choose_visibility,
    saved,
)
from heartline.cli.context import practice_context

if TYPE_CHECKING:
    from heartline.practices.hug import HugScript

HELP = """A long, slow hug: five minutes of breathing together, then log it.

Check that you both want one, put your phones away, and let the timer keep the
pace: breathe in, breathe out a little longer, one calm cue at a time. Either
of you can stop whenever you like (Ctrl-C); the time you had still counts.

  heartline hug
  heartline hug --minutes 2 --visibility shared
  heartline hug --no-timer                        # log a hug you already had
"""
TICK = 0.25



def hug(
    ctx: typer.Context,
    minutes: Annotated[int, typer.Option(help="How long to hug, 1 to 30 minutes.")] = 5,
    seconds: Annotated[int | None, typer.Option(
        help="For a shorter hug: its length in seconds (overrides --minutes).")] = None,
    no_timer: Annotated[bool, typer.Option(
        "--no-timer", help="No timer: just log a hug you had, of --minutes.")] = False,
    with_: WithOption = None,
    visibility: TogetherVisibilityOption = None,
) -> None:
    from heartline.practices import hug as practice

    console = Console()
    planned = practice.length(minutes, seconds)
    store, person, relationship = practice_context(ctx, with_)
    done = planned if no_timer else _guided(console, practice.script(), planned)
    if done < 1:
        console.print("No hug logged this time. Whenever you're both ready.")
        return
    if done < planned and not Confirm.ask(f"Log the {practice.spoken(done)} you had?",
                                          default=True):
        console.print("Nothing logged. It still happened.")
        return
    chosen = choose_visibility(visibility, relationship, person.id, suggest=Seen.shared)
    with store.write() as session:
        entry = practice.record(session, person, planned_seconds=planned, seconds=done,
                                relationship_id=relationship.id if relationship else None,
                                visibility=chosen.value)
    saved(console, entry, relationship)


def _guided(console: Console, script: HugScript, planned: int) -> int:
    """Run the timer; the seconds actually hugged (fewer when stopped with Ctrl-C)."""
    from heartline.practices.hug import closing_line

    console.print(Panel(script.intro, title="A long hug", border_style="magenta",
                        padding=(1, 2)))
    start = time.monotonic()
    try:
        with Live(console=console, auto_refresh=False, transient=True) as live:
            _pace(live, script, planned, start)
    except KeyboardInterrupt:
        console.print("\nStopped. That's fine; stopping is always allowed.")
        return min(planned, int(time.monotonic() - start))
    console.print(Panel(closing_line(script), border_style="magenta", padding=(1, 2)))
    return planned


def _pace(live: Live, script: HugScript, planned: int, start: float) -> None:
    """Show each breathing step until the next is due, the bar filling as time passes."""
    from heartline.practices.hug import PHASE_WORDS, schedule

    steps = list(schedule(planned, script))
    ends = [s.at for s in steps[1:]] + [planned]
    for step, until in zip(steps, ends, strict=True):
        while (elapsed := time.monotonic() - start) < until:
            live.update(Group(Text(PHASE_WORDS[step.phase], style="bold magenta"),
                              Text(step.cue, style="dim"),
                              ProgressBar(total=planned, completed=elapsed, width=40)),
                        refresh=True)
            time.sleep(min(TICK, until - elapsed))


hug.__doc__ = HELP
