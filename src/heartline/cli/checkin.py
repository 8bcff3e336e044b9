"""``heartline checkin``: a daily reconnect with a real answer, and Rose/Thorn/Bud."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel

from heartline.cli.common import (
    VisibilityOption,
    WithOption,
    ask,
    check_optional,
    choose_visibility,
    saved,
)
from heartline.cli.context import practice_context

HELP = """Daily reconnect: how you really are, then your rose, thorn and bud.

Rose is the best moment of the day, thorn the hardest, bud something you're
hoping for. If your answer is the polite "fine", heartline offers one notch
deeper, gently; you can always leave it there.

  heartline checkin
  heartline checkin --kid                      # simpler words, for children
  heartline checkin --how "Tired but proud" --rose "Finished the deck" \\
      --thorn "Missed the bus" --bud "Weekend hike" --visibility shared
"""


def checkin(
    ctx: typer.Context,
    kid: Annotated[bool, typer.Option(
        "--kid", help="Prompts in simpler words, for children.")] = False,
    how: Annotated[str | None, typer.Option(help="Your answer to 'how am I really?'.")] = None,
    rose: Annotated[str | None, typer.Option(help="The best moment of your day.")] = None,
    thorn: Annotated[str | None, typer.Option(help="The hardest moment of your day.")] = None,
    bud: Annotated[str | None, typer.Option(help="Something you're hoping for.")] = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline import analyze_turn
    from heartline.practices import reconnect
    from heartline.practices.content import pick
    from heartline.practices.safety import safe_visibility

    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    audience: reconnect.Audience = "kid" if kid else "adult"
    prompts = reconnect.prompts(audience)
    question = pick(prompts.how_am_i)
    answer = ask(question, how)
    deeper = ""
    if answer and reconnect.needs_deeper(analyze_turn(answer)):
        offer, example = reconnect.deeper_offer(audience)
        console.print(Panel(f"{offer}\n\n[dim]For example, \"{example.plain}\" could become: "
                            f"\"{example.deeper}\"[/dim]", title="One notch deeper?",
                            border_style="cyan"))
        if how is None:
            deeper = ask("Add a little more (Enter to leave it there)", None)
    entry = reconnect.Checkin(audience, question, answer, deeper,
                              ask(prompts.rose, rose), ask(prompts.thorn, thorn),
                              ask(prompts.bud, bud))
    analysis = check_optional(console, entry.as_text())
    chosen = safe_visibility(analysis, choose_visibility(visibility, relationship, person.id).value)
    with store.write() as session:
        stored = reconnect.record(session, person, entry, analysis, visibility=chosen,
                                  relationship_id=relationship.id if relationship else None)
    saved(console, stored, relationship)


checkin.__doc__ = HELP
