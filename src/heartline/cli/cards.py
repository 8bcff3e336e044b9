"""``heartline cards``: an open question to ask each other, light to deep."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

HELP = """Draw an open question from a deck to ask each other.

Without a deck, lists the decks. Start light; go deeper when you both want to:
  heartline cards
  heartline cards daily
  heartline cards hard --depth 3

Every question is open: it asks for a story, not a yes or a no.
"""


def cards(
    deck: Annotated[str | None, typer.Argument(help="Deck id, e.g. daily or childhood.",
                                               show_default=False)] = None,
    depth: Annotated[int | None, typer.Option(
        min=1, max=3, help="1 light, 2 personal, 3 deep (default: start light).")] = None,
) -> None:
    from heartline.practices.decks import DEPTH_NAMES, draw, get_deck, load_decks

    console = Console()
    if deck is None:
        table = Table("Deck", "What it's for", "Suits", "Questions", title="Question decks")
        for d in load_decks():
            table.add_row(d.id, d.description, ", ".join(sorted(d.suits)), str(len(d.questions)))
        console.print(table)
        return
    chosen = get_deck(deck)
    question = draw(chosen.id, depth=depth) if depth else draw(chosen.id)
    console.print(Panel(question.text, title=f"{chosen.title} · {DEPTH_NAMES[question.depth]}",
                        padding=(1, 2)))


cards.__doc__ = HELP
