"""``heartline appreciate``: a specific thank-you note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.panel import Panel

from heartline.cli.common import (
    Seen,
    VisibilityOption,
    WithOption,
    ask,
    check_safety,
    choose_visibility,
    saved,
)
from heartline.cli.context import practice_context
from heartline.errors import InputError

if TYPE_CHECKING:
    pass

HELP = """Write a specific thank-you: one thing they did, when, and what it meant to you.

A prompt helps you pick one concrete moment. A note that stays general
("you're the best") gets one gentle nudge towards a detail; it's saved either
way. Asked who sees it (shared is suggested: thanks is meant to be read);
with the note on the command line it stays private unless you say shared.

  heartline appreciate
  heartline appreciate --prompt                # just an idea to think about
  heartline appreciate "Thank you for the soup on Tuesday; it rescued a rotten day." -v shared
"""


def appreciate(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(
        metavar="TEXT", help="Your note; asked, with a prompt, when left out.",
        show_default=False)] = None,
    prompt_only: Annotated[bool, typer.Option(
        "--prompt", help="Only show a prompt to think about; nothing is saved.")] = False,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline.practices import appreciation
    from heartline.practices.safety import safe_visibility

    console = Console()
    if prompt_only:
        if text is not None:
            raise InputError("--prompt only shows an idea: leave out the note, or leave out "
                             "--prompt to save it.")
        console.print(Panel(appreciation.prompt(), title="Something to thank them for",
                            border_style="cyan"))
        return
    store, person, relationship = practice_context(ctx, with_)
    scripted = text is not None
    shown = "" if scripted else appreciation.prompt()
    if not scripted:
        console.print(Panel(shown, title="Think of one moment", border_style="cyan"))
    note = appreciation.cleaned(text if scripted else ask("Your note", None))
    if not appreciation.check(note).specific:
        console.print(Panel(
            "Kind words. They land even more when they name one moment: what they did, "
            f"when, and what it meant to you. For example:\n\n\"{appreciation.example()}\"",
            title="One detail more?", border_style="yellow"))
        if not scripted:
            note = ask("Add a detail or rewrite it (Enter keeps yours)", None) or note
    analysis = check_safety(console, note)
    wanted = choose_visibility(visibility, relationship, person.id,
                               suggest=Seen.private if scripted else Seen.shared,
                               scripted=scripted)
    with store.write() as session:
        stored = appreciation.record(session, person, note, prompt=shown,
                                     relationship_id=relationship.id if relationship else None,
                                     visibility=safe_visibility(analysis, wanted.value),
                                     analysis=analysis.to_dict())
    saved(console, stored, relationship)






appreciate.__doc__ = HELP
