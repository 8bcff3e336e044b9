"""``heartline unplug``: time together with the screens away, and the week's total."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from heartline.cli.common import (
    Seen,
    TogetherVisibilityOption,
    WithOption,
    choose_visibility,
    saved,
)
from heartline.cli.context import current_person, open_store, practice_context

HELP = """Time together with the phones away: start it, stop it, see your week.

Even half an hour over coffee, screens face down, tells the other person they
come first. The week's total is just a number to enjoy, not a target.

  heartline unplug start                   # an opening line and an idea
  heartline unplug stop
  heartline unplug status                  # what's running and this week, day by day
  heartline unplug log --minutes 30        # time you had but didn't start
"""

sub = typer.Typer(help=HELP, no_args_is_help=True)
MinutesOption = Annotated[int, typer.Option(help="How many minutes you had, 1 to 1440.")]


def _now() -> datetime:
    return datetime.now().astimezone()


def start(ctx: typer.Context, with_: WithOption = None,
          visibility: TogetherVisibilityOption = None) -> None:
    from heartline.practices import unplug

    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    with store.read() as session:
        unplug.check_can_start(session, person)
    chosen = choose_visibility(visibility, relationship, person.id, suggest=Seen.shared).value
    with store.write() as session:
        entry = unplug.start(session, person, now=_now(), visibility=chosen,
                             relationship_id=relationship.id if relationship else None)
    opening, idea = unplug.invitation()
    console.print(Panel(f"{opening}\n\n[dim]An idea, if you want one:[/dim] {idea}",
                        title="Unplugged", border_style="green", padding=(1, 2)))
    saved(console, entry, relationship)
    console.print("When the phones come back out: [cyan]heartline unplug stop[/cyan]")


def stop(ctx: typer.Context, minutes: Annotated[int | None, typer.Option(
        help="Left it running? Say how many minutes you really had.")] = None) -> None:
    from heartline.practices import unplug

    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.write() as session:
        entry = unplug.stop(session, person, now=_now(), minutes=minutes)
    Console().print(f"Welcome back. [bold]{entry.data['minutes']} minutes[/bold] unplugged.")


def log(ctx: typer.Context, minutes: MinutesOption, with_: WithOption = None,
        visibility: TogetherVisibilityOption = None) -> None:
    from heartline.practices import unplug

    console = Console()
    unplug.check_minutes(minutes)
    store, person, relationship = practice_context(ctx, with_)
    chosen = choose_visibility(visibility, relationship, person.id, suggest=Seen.shared).value
    with store.write() as session:
        entry = unplug.log(session, person, minutes=minutes, now=_now(), visibility=chosen,
                           relationship_id=relationship.id if relationship else None)
    console.print(f"Added {minutes} unplugged minutes.")
    saved(console, entry, relationship)


def status(ctx: typer.Context) -> None:
    from heartline.practices import unplug

    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    now = _now()
    with store.read() as session:
        current = unplug.running(session, person)
        week = unplug.this_week(session, person, now=now)
    if current is not None:
        begun = datetime.fromisoformat(current.data["started_at"]).astimezone()
        so_far = int((now - begun).total_seconds() // 60)
        console.print(f"Running since [bold]{begun:%H:%M}[/bold] ({so_far} minutes so far).")
    console.print(f"This week: [bold]{week.total} minutes[/bold] unplugged.")
    table = Table("Day", "Minutes")
    for day, minutes in week.days:
        table.add_row(f"{day:%a %d %b}", str(minutes) if minutes else "·")
    console.print(table)
    if not week.total and current is None:
        console.print("Nothing yet this week, and that's fine. Whenever suits: "
                      "[cyan]heartline unplug start[/cyan]")


start.__doc__ = "Start unplugged time: phones away. Shows an opening line and an idea."
stop.__doc__ = "Stop the running unplugged time and see how long it was."
log.__doc__ = "Add unplugged time you had but didn't start: heartline unplug log --minutes 30"
status.__doc__ = "What's running, and this week's unplugged minutes day by day."
sub.command(name="start")(start)
sub.command(name="stop")(stop)
sub.command(name="status")(status)
sub.command(name="log")(log)
