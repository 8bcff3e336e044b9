"""``heartline appreciate``: a specific thank-you note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.prompt import Prompt

from heartline.cli.common import (
    Seen,
    VisibilityOption,
    WithOption,
    ask,
    choose_visibility,
    saved,
    show_safety,
)
from heartline.cli.context import choose_relationship, current_person, open_store
from heartline.errors import InputError

if TYPE_CHECKING:
    from heartline.analysis.results import TurnAnalysis
    from heartline.store.values import Relationship

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
    store = open_store(ctx)
    person = current_person(ctx, store)
    relationship = choose_relationship(store, person, with_)
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
    analysis = _safety(console, note)
    wanted = _who_sees(visibility, relationship, person.id, scripted=scripted)
    with store.write() as session:
        stored = appreciation.record(session, person, note, prompt=shown,
                                     relationship_id=relationship.id if relationship else None,
                                     visibility=safe_visibility(analysis, wanted.value),
                                     analysis=analysis.to_dict())
    saved(console, stored, relationship)


def _safety(console: Console, text: str) -> TurnAnalysis:
    from heartline import analyze_turn
    from heartline.practices.safety import needs_help

    analysis = analyze_turn(text)
    if needs_help(analysis):
        show_safety(console, analysis)
    return analysis


def _who_sees(given: Seen | None, relationship: Relationship | None, person_id: str, *,
              scripted: bool) -> Seen:
    """Shared is suggested when asked; on the command line the default stays private."""
    if relationship is None or given is not None or scripted:
        return choose_visibility(given or Seen.private, relationship, person_id)
    who = ", ".join(p.name for p in relationship.others(person_id)) or "them"
    answer = Prompt.ask(f"Who sees this? private (only you), shared (you and {who}), or draft",
                        choices=[s.value for s in Seen], default=Seen.shared.value)
    return Seen(answer)


appreciate.__doc__ = HELP
