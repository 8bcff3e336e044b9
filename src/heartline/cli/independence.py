"""``heartline independence``: a check-in on time for yourself and your friends."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel

from heartline.cli.common import (
    Seen,
    WithOption,
    ask,
    choose_visibility,
    saved,
)
from heartline.cli.context import practice_context

HELP = """A check-in on time for yourself: alone, with friends, for your own interests.

Closeness isn't being together all the time. Answer what you like about the
past week (Enter skips a question); it stays private unless you share it.

  heartline independence
  heartline independence --answer me_time="A long run on Saturday" \\
      --answer want_more="An evening with my sister"
  heartline independence --answer recharge="Gardening" --visibility shared

Keys: me_time, friends_time, own_interest, recharge, want_more, support_wish,
their_space, coming_back.
"""


def independence(
    ctx: typer.Context,
    answer: Annotated[list[str] | None, typer.Option(
        "--answer", metavar="KEY=TEXT",
        help="Answer one question without being asked; repeat for more.")] = None,
    with_: WithOption = None,
    visibility: Annotated[Seen | None, typer.Option(
        "--visibility", "-v", help="private (the default): only you; shared: the other "
                                   "person too; draft: unfinished, only you.")] = None,
) -> None:
    from heartline import analyze_turn
    from heartline.cli.common import show_safety
    from heartline.practices import independence as practice
    from heartline.practices.safety import needs_help, safe_visibility

    console = Console()
    given = practice.parse_answers(answer or [])
    store, person, relationship = practice_context(ctx, with_)
    if not answer:
        console.print("[dim]Answer what you like; Enter skips a question.[/dim]")
        given = practice.answered({q.key: ask(q.text, None) for q in practice.questions()})
    if not given:
        console.print("Nothing kept this time, and that's fine. Come back whenever you like.")
        return
    analysis = analyze_turn(practice.as_text(given))
    if needs_help(analysis):
        show_safety(console, analysis)
    chosen = Seen.private if visibility is None else \
        choose_visibility(visibility, relationship, person.id)
    with store.write() as session:
        entry = practice.record(session, person, answers=given,
                                visibility=safe_visibility(analysis, chosen.value),
                                analysis=analysis.to_dict(),
                                relationship_id=relationship.id if relationship else None)
    if not needs_help(analysis):
        console.print(Panel(practice.reflection(), border_style="green", padding=(1, 2)))
    saved(console, entry, relationship)


independence.__doc__ = HELP
