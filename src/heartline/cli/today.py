"""``heartline today``: a few gentle suggestions for today."""

from __future__ import annotations

from datetime import datetime

import typer
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from heartline.cli.context import current_person, open_store

HELP = """A few gentle suggestions for today, from your schedule and what's been happening.

Answers someone is waiting for come first, then your scheduled rituals, then
one small thing. No streaks, nothing to catch up on. When the other person is
quiet for a while, it offers things that work on your own.

  heartline today
  heartline --as Alex today
"""


def today(ctx: typer.Context) -> None:
    from heartline.practices.today import plan

    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        result = plan(session, person, now=datetime.now().astimezone())
    body = Text()
    for n, item in enumerate(result.suggestions, 1):
        body.append(f"{n}. {item.title}\n", style="bold")
        body.append(f"   {item.why}\n")
        body.append(f"   {item.command}\n\n", style="cyan")
    if result.solo and result.quiet:
        footer = (f"{' and '.join(result.quiet)} {'has' if len(result.quiet) == 1 else 'have'} "
                  "been quiet this week, so these work on your own. The door stays open.")
    elif result.solo:
        footer = "There's no one else here yet, so these work on your own."
    else:
        footer = "Pick one, or none. Small moments count."
    body.append(footer, style="dim")
    Console().print(Panel(body, title=f"Today, {person.name}", border_style="green",
                          padding=(1, 2)))


today.__doc__ = HELP
