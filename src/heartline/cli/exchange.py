"""``heartline share``, ``reply`` and ``understood``: the core exchange, with live coaching."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.prompt import Prompt

from heartline.cli.common import (
    VisibilityOption,
    WithOption,
    ask,
    check_safety,
    choose_visibility,
    saved,
)
from heartline.cli.context import current_person, open_store, practice_context
from heartline.store.values import Entry, Person

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from heartline.store import Store

SHARE_HELP = """Share what's really going on, with the person you're doing this with.

If it comes out as the polite "fine", heartline offers one notch deeper. You
choose who sees it: private (just for you), shared, or a draft.

  heartline share
  heartline share "I didn't get the job, and I feel stupid for hoping." -v shared
"""

REPLY_HELP = """Reply to what they shared, and see how your reply lands before you send it.

The listening coach shows what your reply does (reflects their feeling?
jumps to advice?), its scores, what to watch out for, and a warmer try. You
can rewrite as often as you like before sending.

  heartline --as Alex reply                         # the oldest share waiting for you
  heartline --as Alex reply --text "Oh no. After all that work, that must sting."
"""

UNDERSTOOD_HELP = """Tell them whether their reply made you feel understood.

  heartline understood --yes
  heartline understood --not-quite "It's less the job, more feeling stuck."
"""

ACTIONS = ["send", "rewrite", "cancel"]


def share(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="What's going on (asked when left out).",
                                               show_default=False)] = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline.practices import exchange, reconnect
    from heartline.practices.safety import needs_help, safe_visibility

    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    words = ask("What's going on for you?", text)
    analysis = check_safety(console, words)
    if not needs_help(analysis) and reconnect.needs_deeper(analysis):
        offer, _ = reconnect.deeper_offer()
        console.print(Panel(offer, title="One notch deeper?", border_style="cyan"))
        if text is None:
            more = ask("Add a little more (Enter to leave it there)", None)
            if more:
                words = f"{words} {more}"
                analysis = check_safety(console, words)
    wanted = choose_visibility(visibility, relationship, person.id, scripted=text is not None)
    with store.write() as session:
        stored = exchange.share(session, person, words, analysis,
                                relationship_id=relationship.id if relationship else None,
                                visibility=safe_visibility(analysis, wanted.value))
    saved(console, stored, relationship)


def reply(
    ctx: typer.Context,
    share_id: Annotated[str | None, typer.Argument(
        help="Which share (default: the oldest one waiting for your reply).",
        show_default=False)] = None,
    text: Annotated[str | None, typer.Option(help="Your reply; sent without asking.")] = None,
) -> None:
    from heartline.analysis.engine import Analyzer
    from heartline.cli.render import reply_view
    from heartline.practices import exchange
    from heartline.practices.safety import safe_visibility
    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    shared = _chosen(store, person, share_id, exchange.waiting_for_reply)
    if shared is None:
        console.print("Nothing is waiting for a reply right now.")
        return
    console.print(Panel(shared.text or "", title="They shared", border_style="blue"))
    words, pair = ask("Your reply", text), None
    while True:
        pair = Analyzer.default().reply(shared.text or "", words)
        console.print(reply_view(pair))
        action = "send" if text is not None else Prompt.ask("Send it?", choices=ACTIONS,
                                                           default="send")
        if action != "rewrite":
            break
        words = ask("Your reply", None, default=words)
    if action == "cancel":
        console.print("Not sent; nothing was saved.")
        return
    seen = safe_visibility(check_safety(console, words), "shared")
    with store.write() as session:
        exchange.reply(session, person, shared.id, words, pair, visibility=seen)
    if seen == "shared":
        console.print("[green]Sent.[/green] They'll be asked whether it made them feel "
                      "understood.")


def understood(
    ctx: typer.Context,
    reply_id: Annotated[str | None, typer.Argument(
        help="Which reply (default: the oldest one you haven't answered).",
        show_default=False)] = None,
    yes: Annotated[bool, typer.Option("--yes", help="I felt understood.")] = False,
    not_quite: Annotated[str | None, typer.Option(
        "--not-quite", metavar="TEXT", help="Not quite; here's what I meant.")] = None,
) -> None:
    from heartline.practices import exchange
    from heartline.practices.safety import safe_visibility
    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    answered = _chosen(store, person, reply_id, exchange.waiting_for_feedback)
    if answered is None:
        console.print("No replies are waiting for your answer.")
        return
    console.print(Panel(answered.text or "", title="Their reply", border_style="magenta"))
    if not yes and not_quite is None:
        yes = Prompt.ask("Did you feel understood?", choices=["yes", "not quite"],
                         default="yes") == "yes"
        not_quite = None if yes else ask("What did you mean?", None)
    seen = safe_visibility(check_safety(console, not_quite), "shared") if not_quite else "shared"
    with store.write() as session:
        exchange.felt_understood(session, person, answered.id, understood=yes,
                                 meant=not_quite or "", visibility=seen)
    if seen == "shared":
        console.print("[green]Sent back to them.[/green]")


def _chosen(store: Store, person: Person, given: str | None,
            waiting_for: Callable[[Session, Person], list[Entry]]) -> Entry | None:
    """The entry asked for (its first characters are enough), else the oldest waiting one."""
    from heartline.store.entries import get_entry

    with store.read() as session:
        waiting = waiting_for(session, person)
        if given is None:
            return waiting[0] if waiting else None
        matches = [e.id for e in waiting if e.id.startswith(given)]
        return get_entry(session, matches[0] if len(matches) == 1 else given, person)


share.__doc__ = SHARE_HELP
reply.__doc__ = REPLY_HELP
understood.__doc__ = UNDERSTOOD_HELP
