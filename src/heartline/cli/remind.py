"""``heartline remind``: when each ritual comes round, and a calendar file of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from heartline.cli.context import current_person, open_store

HELP = """Schedule your rituals, and export them to your calendar.

  heartline remind add weekly                      # Sundays 19:00, 45 minutes
  heartline remind add hug --days daily --at 21:30
  heartline remind list
  heartline remind --ics rituals.ics               # import into any calendar app

Rituals: checkin, weekly, hug, unplug, cards, appreciate, new-things, feelings,
pulse, independence. Days: daily, weekdays, weekends, or a list like mo,we,fr.
"""

sub = typer.Typer(help=HELP, invoke_without_command=True)


@sub.callback()
def remind(
    ctx: typer.Context,
    ics: Annotated[Path | None, typer.Option(
        "--ics", metavar="FILE", help="Write your reminders as an iCalendar (.ics) file.")] = None,
) -> None:
    from heartline.cli.output import atomic_output
    from heartline.practices.schedule import calendar
    from heartline.store.reminders import reminders_of

    if ctx.invoked_subcommand is not None:
        return
    if ics is None:
        typer.echo(ctx.get_help())
        return
    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        mine = reminders_of(session, person)
    with atomic_output(ics) as out:
        out.write(calendar(mine, starting=date.today()).decode())
    note = "" if mine else " It is empty: add one with heartline remind add weekly."
    Console().print(f"Wrote {len(mine)} rituals to [bold]{ics}[/bold].{note}")


def add(
    ctx: typer.Context,
    practice: Annotated[str, typer.Argument(help="Which ritual, e.g. weekly or hug.")],
    days: Annotated[str | None, typer.Option(
        help="daily, weekdays, weekends or mo,we,fr.")] = None,
    at: Annotated[str | None, typer.Option(help="24-hour time, like 19:30.")] = None,
    minutes: Annotated[int | None, typer.Option(help="How long it lasts.")] = None,
) -> None:
    from heartline.practices.schedule import ritual
    from heartline.store.reminders import add_reminder

    chosen = ritual(practice)
    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.write() as session:
        reminder = add_reminder(session, person, chosen.key, days=days or chosen.days,
                                at=at or chosen.at, minutes=minutes or chosen.minutes)
    Console().print(f"{chosen.title}: {reminder.days} at {reminder.at} for {reminder.minutes} "
                    f"minutes (id {reminder.id[:8]}).")


def list_(ctx: typer.Context) -> None:
    from heartline.practices.schedule import RITUALS
    from heartline.store.reminders import reminders_of

    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        mine = reminders_of(session, person)
    table = Table("id", "Ritual", "Days", "At", "Minutes", title="Your rituals")
    for r in mine:
        title = RITUALS[r.practice].title if r.practice in RITUALS else r.practice
        table.add_row(r.id[:8], title, r.days, r.at, str(r.minutes))
    Console().print(table if mine else "No rituals scheduled yet: heartline remind add weekly")


def remove(
    ctx: typer.Context,
    reminder_id: Annotated[str, typer.Argument(help="The id shown by heartline remind list.")],
) -> None:
    from heartline.store.reminders import reminders_of, remove_reminder

    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.write() as session:
        matches = [r for r in reminders_of(session, person) if r.id.startswith(reminder_id)]
        remove_reminder(session, person, matches[0].id if len(matches) == 1 else reminder_id)
    Console().print("Removed.")


add.__doc__ = """Schedule a ritual; each one has sensible days, time and length to start from.

  heartline remind add weekly
  heartline remind add checkin --days weekdays --at 18:00 --minutes 10
"""
list_.__doc__ = """Show your scheduled rituals, with the ids that remove them.

  heartline remind list
"""
remove.__doc__ = """Remove a scheduled ritual by its id (the first characters are enough).

  heartline remind remove 097606c7
"""
sub.command(name="add")(add)
sub.command(name="list")(list_)
sub.command(name="remove")(remove)
