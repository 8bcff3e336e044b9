"""What every CLI command shares: the store, who is speaking, and with whom.

The root command's ``--db`` and ``--as`` land in ``CliState``. A command
opens the store, finds its person (``--as``, else the one ``heartline hello``
set up on this machine) and, when it shares something, the relationship
(``--with``, else the person's first one; none means solo use).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from heartline.errors import NotFoundError
from heartline.store.values import Person, Relationship

if TYPE_CHECKING:
    from heartline.store import Store

SET_UP_FIRST = "Nobody is set up on this machine yet. Start with: heartline hello --name YOUR-NAME"


@dataclass
class CliState:
    db: str | None = None
    as_name: str | None = None


def state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def open_store(ctx: typer.Context) -> Store:
    from heartline.store import Store

    store = Store.open(state(ctx).db)
    ctx.call_on_close(store.close)
    return store


def current_person(ctx: typer.Context, store: Store) -> Person:
    from heartline.store import people

    name = state(ctx).as_name
    with store.read() as session:
        person = people.find_person(session, name) if name else people.me(session)
    if person is None:
        raise NotFoundError(f"No one called {name!r} here. Add them with: heartline hello "
                            f"--name {name!r}" if name else SET_UP_FIRST)
    return person


def choose_relationship(store: Store, person: Person, with_name: str | None) -> Relationship | None:
    """The relationship with someone named ``with_name``, else the person's first one."""
    from heartline.store import people

    with store.read() as session:
        mine = people.relationships_of(session, person.id)
    if with_name is None:
        return mine[0] if mine else None
    wanted = with_name.strip().casefold()
    for relationship in mine:
        if any(p.name.casefold() == wanted for p in relationship.others(person.id)) or \
                (relationship.name or "").casefold() == wanted:
            return relationship
    raise NotFoundError(f"You have no relationship with {with_name!r}. "
                        f"{_known(mine, person)}")


def practice_context(ctx: typer.Context, with_name: str | None
                     ) -> tuple[Store, Person, Relationship | None]:
    """What every practice starts from: the store, who is speaking, and with whom."""
    store = open_store(ctx)
    person = current_person(ctx, store)
    return store, person, choose_relationship(store, person, with_name)


def _known(mine: Sequence[Relationship], person: Person) -> str:
    if not mine:
        return "Add one with: heartline hello --with NAME"
    return "Yours: " + "; ".join(r.label(person.id) for r in mine) + "."

