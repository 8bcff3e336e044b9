"""``heartline new-things``: something new to both of you, and a note once you've tried it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from heartline.cli.common import (
    Seen,
    TogetherVisibilityOption,
    WithOption,
    ask,
    choose_visibility,
    saved,
)
from heartline.cli.context import practice_context
from heartline.practices.idea_tags import Budget, Company, Energy, Setting

if TYPE_CHECKING:
    from heartline.practices.new_things import Idea

HELP = """Ideas for something new to both of you, where looking a bit silly is half the fun.

Ideas you've already tried wait at the back. The relationship's kind (couple,
friends, family, parent and child) picks ideas that suit it unless you say.

  heartline new-things
  heartline new-things --budget free --energy low --setting indoor
  heartline new-things --done 12 --note "We were terrible at it and loved it"
  heartline new-things --done "Take a beginner salsa class"
"""


def new_things(
    ctx: typer.Context,
    budget: Annotated[Budget | None, typer.Option(
        help="The most it may cost: free, low or medium.")] = None,
    energy: Annotated[Energy | None, typer.Option(
        help="How much energy you have today: low, medium or high.")] = None,
    setting: Annotated[Setting | None, typer.Option(
        help="indoor, outdoor, or either (no preference).")] = None,
    kind: Annotated[Company | None, typer.Option(
        "--kind", help="Who it's for (default: your relationship's kind).")] = None,
    done: Annotated[str | None, typer.Option(
        "--done", metavar="TITLE-OR-NUMBER",
        help="Log something you tried: an idea's number or title, or your own.")] = None,
    note: Annotated[str | None, typer.Option(
        help="With --done: how it went (asked when left out).")] = None,
    with_: WithOption = None,
    visibility: TogetherVisibilityOption = None,
) -> None:
    from heartline.practices import new_things as practice

    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    if done is not None:
        idea = practice.find_idea(done)
        said = ask("How did it go? (Enter to skip)", note)
        chosen = choose_visibility(visibility, relationship, person.id, suggest=Seen.shared).value
        with store.write() as session:
            entry = practice.record(session, person, choice=done, note=said, visibility=chosen,
                                    relationship_id=relationship.id if relationship else None)
        mine = "" if idea else " (your own idea: lovely)"
        console.print(f"Logged [bold]{entry.data['title']}[/bold]{mine}.")
        saved(console, entry, relationship)
        return
    company = kind or practice.company_of(relationship.kind if relationship else None)
    filters = practice.Filters(budget, energy, setting, company)
    with store.read() as session:
        tried = practice.tried_titles(session, person)
    _show(console, practice.suggest(filters, tried=tried), tried)


def _show(console: Console, ideas: list[Idea], tried: set[str]) -> None:
    if not ideas:
        console.print("No ideas fit all of those at once. Try dropping a filter, "
                      "e.g. without --energy.")
        return
    for idea in ideas:
        again = " (tried before: still fun?)" if idea.title.casefold() in tried else ""
        console.print(Text.assemble((f"{idea.number}. {idea.title}", "bold"), (again, "dim")))
        console.print(Padding(Text.assemble(
            idea.detail, "\n", (f"{idea.budget} cost · {idea.energy} energy · {idea.setting}",
                                "dim")), (0, 0, 1, 3)))
    console.print("Tried one? heartline new-things --done NUMBER --note \"how it went\"",
                  style="cyan", highlight=False)


new_things.__doc__ = HELP
