"""Options and small views that many practice commands share.

Kept here so every command words them the same way: who sees an entry, who
it is with, the safety panel, and the "saved" line.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.prompt import Prompt

from heartline.analysis.results import TurnAnalysis
from heartline.store.values import Entry, Relationship


class Seen(StrEnum):
    private = "private"
    shared = "shared"
    draft = "draft"


WithOption = Annotated[str | None, typer.Option(
    "--with", metavar="NAME", help="Which relationship (default: your first one).")]
VisibilityOption = Annotated[Seen | None, typer.Option(
    "--visibility", "-v",
    help="private: only you; shared: the other person too; draft: unfinished, only you. "
         "Asked when left out (default private).")]
TogetherVisibilityOption = Annotated[Seen | None, typer.Option(
    "--visibility", "-v",
    help="private: only you; shared: the other person too; draft: unfinished, only you. "
         "Asked when left out (suggests shared: you did it together).")]


def ask(label: str, given: str | None, *, default: str = "") -> str:
    """The flag's value, or ask for it (Enter keeps the default)."""
    if given is not None:
        return given.strip()
    return Prompt.ask(label, default=default, show_default=bool(default)).strip()


def choose_visibility(given: Seen | None, relationship: Relationship | None, person_id: str,
                      *, suggest: Seen = Seen.private, scripted: bool = False) -> Seen:
    """Who sees an entry: the flag, else ``suggest`` (asked about unless ``scripted``).

    Shared needs someone to share with: without a relationship it stays private.
    """
    if relationship is None:
        return Seen.draft if given is Seen.draft else Seen.private
    if given is not None:
        return given
    if scripted:
        return suggest
    who = ", ".join(p.name for p in relationship.others(person_id)) or "them"
    answer = Prompt.ask(f"Who sees this? private (only you), shared (you and {who}), or draft",
                        choices=[s.value for s in Seen], default=suggest.value)
    return Seen(answer)


def check_safety(console: Console, text: str) -> TurnAnalysis:
    """Read the words with the engine; show resources when they show danger."""
    from heartline import analyze_turn
    from heartline.practices.safety import needs_help

    analysis = analyze_turn(text)
    if needs_help(analysis):
        show_safety(console, analysis)
    return analysis


def check_optional(console: Console, text: str | None) -> TurnAnalysis | None:
    """``check_safety`` for words a practice lets you leave out: nothing written, nothing read."""
    return check_safety(console, text) if text else None


def show_safety(console: Console, analysis: TurnAnalysis) -> None:
    """Resources instead of coaching; say plainly that an abuse sign keeps it private."""
    from heartline.cli.render import safety_view

    console.print(safety_view(analysis))
    if analysis.safety == "abuse":
        console.print("What you wrote is kept private, only for you, so it can't reach "
                      "anyone else through heartline.")


def saved(console: Console, entry: Entry, relationship: Relationship | None) -> None:
    where = {"private": "only you can see it", "draft": "kept as a draft, only for you"}
    note = where.get(entry.visibility)
    if note is None and relationship is not None:
        names = ", ".join(p.name for p in relationship.others(entry.author_id))
        note = f"shared with {names}"
    console.print(f"[green]Saved[/green] ({note or 'only you can see it'}).")
