"""``heartline cards``: an open question to ask each other, light to deep."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from heartline.cli.common import WithOption
from heartline.cli.context import choose_relationship, current_person, open_store, state

HELP = """Draw an open question from a deck to ask each other.

Without a deck, lists the decks. Start light; go deeper when you both want to:
  heartline cards
  heartline cards daily
  heartline cards hard --depth 3

Every question is open: it asks for a story, not a yes or a no. Once you're
set up (heartline hello), questions you two already drew are skipped until a
deck runs out.
"""


def cards(
    ctx: typer.Context,
    deck: Annotated[str | None, typer.Argument(help="Deck id, e.g. daily or childhood.",
                                               show_default=False)] = None,
    depth: Annotated[int | None, typer.Option(
        min=1, max=3, help="1 light, 2 personal, 3 deep (default: start light).")] = None,
    with_: WithOption = None,
) -> None:
    from heartline.practices.cards import draw_and_keep
    from heartline.practices.decks import DEPTH_NAMES, draw, get_deck, load_decks
    from heartline.store import people

    console = Console()
    if deck is None:
        table = Table("Deck", "What it's for", "Suits", "Questions", title="Question decks")
        for d in load_decks():
            table.add_row(d.id, d.description, ", ".join(sorted(d.suits)), str(len(d.questions)))
        console.print(table)
        return
    chosen = get_deck(deck)
    store = open_store(ctx)
    with store.read() as session:
        known = people.me(session) is not None or state(ctx).as_name is not None
    if not known:
        question = draw(chosen.id, depth=depth)
    else:
        person = current_person(ctx, store)
        relationship = choose_relationship(store, person, with_)
        with store.write() as session:
            question = draw_and_keep(session, person, relationship, chosen.id, depth=depth)
    console.print(Panel(question.text, title=f"{chosen.title} · {DEPTH_NAMES[question.depth]}",
                        padding=(1, 2)))


cards.__doc__ = HELP
