"""``heartline hello``: say who you are and who you are doing this with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.prompt import Prompt

from heartline.cli.context import open_store, state
from heartline.store.values import RELATIONSHIP_KINDS, Person

if TYPE_CHECKING:
    from heartline.store import Store

HELP = """Set up heartline on this machine: your name, and who you're doing this with.

  heartline hello --name Sam --with Alex            # a couple (the default kind)
  heartline hello --name Sam --with Mia --kind parent_child
  heartline hello --name Alex --join K7QPM2XD        # join with an invite code

Run it with no options and it asks. Run it again any time to see who is set
up. The first person set up here is who heartline speaks for; a partner on the
same machine uses --as: heartline --as Alex today
"""


def hello(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="What heartline should call you.")] = None,
    with_: Annotated[str | None, typer.Option(
        "--with", help="Start a relationship with this person.")] = None,
    kind: Annotated[str, typer.Option(
        help=f"Kind of relationship: {', '.join(RELATIONSHIP_KINDS)}.")] = "couple",
    join: Annotated[str | None, typer.Option(
        help="Join a relationship by its invite code.")] = None,
) -> None:
    from heartline.store import people

    console = Console()
    store = open_store(ctx)
    name = name or state(ctx).as_name
    with store.read() as session:
        known = people.me(session)
    if name is None and known is not None and with_ is None and join is None:
        _show(console, store, known)
        return
    if name is None:
        name = Prompt.ask("What should heartline call you?")
        if with_ is None and join is None:
            with_ = Prompt.ask("Who are you doing this with? (Enter for just you)",
                               default="", show_default=False) or None
            if with_:
                kind = Prompt.ask("What kind of relationship", choices=list(RELATIONSHIP_KINDS),
                                  default="couple")
    with store.write() as session:
        person, _ = people.set_up(session, name, partner=with_, kind=kind, invite_code=join)
    console.print(f"Hello, {person.name}. Welcome to heartline.")
    _show(console, store, person)


def _show(console: Console, store: Store, person: Person) -> None:
    from heartline.store import people

    with store.read() as session:
        mine = people.relationships_of(session, person.id)
    if not mine:
        console.print("You're set up for solo practice. Add someone any time: "
                      "heartline hello --with NAME")
    for relationship in mine:
        console.print(f"• {relationship.label(person.id)} ({relationship.kind.replace('_', '–')}), "
                      f"invite code [bold]{relationship.invite_code}[/bold]")
    console.print("Next: heartline today")


hello.__doc__ = HELP
