"""``heartline bid``: test the waters before a heavy topic, and answer kindly."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Confirm, Prompt
from rich.table import Table

from heartline.cli.common import WithOption, check_optional
from heartline.cli.context import current_person, open_store, practice_context

if TYPE_CHECKING:
    from heartline.practices.bids import Answer, BidLine

HELP = """Time it: ask "is now a good time to talk about …?" before a heavy topic.

The other person answers now, later (with a time), or not today; every answer
is a good one. Afterwards, note whether the talk happened the way you hoped.

  heartline bid ask --topic "the holidays"
  heartline --as Alex bid answer --later "in 20 minutes"
  heartline bid met --yes
  heartline bid list
"""

ASK_HELP = """Ask whether now is a good time to talk about something.

Pick one of our phrasings or write your own. The bid is shared with the
other person, who answers with heartline bid answer.

  heartline bid ask                              # asks what about, shows phrasings
  heartline bid ask --topic "money this month" --pick 3
  heartline bid ask --text "Got ten minutes for a chat about Sunday?" --with Alex
"""

ANSWER_HELP = """Answer a bid: now, later (say when), or not today. All are fine answers.

Without an id, answers the oldest bid waiting for you. Times are local:
"19:30", "7pm", "in 20 minutes", "in 2 hours", "tomorrow 9:00".

  heartline --as Alex bid answer --now
  heartline --as Alex bid answer --later "tomorrow 9:00"
  heartline --as Alex bid answer 3f2a9c1e --not-today
"""

MET_HELP = """Note whether your bid was met: did you get the talk you hoped for?

Without an id, notes your newest bid that has an answer.

  heartline bid met --yes
  heartline bid met 3f2a9c1e --no
"""

LIST_HELP = """Show open and recent bids you can see, with where each one stands.

  heartline bid list
  heartline --as Alex bid list
"""

IdArgument = Annotated[str | None, typer.Argument(
    help="The bid's id from heartline bid list (the first characters are enough).")]
ANSWER_WORDS: dict[str, Answer] = {"now": "now", "later": "later", "not-today": "not_today"}

sub = typer.Typer(help=HELP, no_args_is_help=True)


def ask(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option(
        "--topic", help="What you'd like to talk about, in a few words.")] = None,
    pick: Annotated[int | None, typer.Option(
        "--pick", min=1, help="Which of our phrasings to use (1 is the plainest).")] = None,
    text: Annotated[str | None, typer.Option(
        "--text", help="Your own question, in your own words.")] = None,
    with_: WithOption = None,
) -> None:
    from heartline.errors import InputError
    from heartline.practices import bids
    from heartline.practices.safety import safe_visibility

    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    if relationship is None:
        raise InputError(bids.NO_ONE_TO_ASK)
    if text is not None:
        question = text.strip()
    elif topic is None and pick is None:
        topic = Prompt.ask("What would you like to talk about? (Enter: something on your mind)",
                           default="", show_default=False)
        question = _choose_phrasing(console, topic)
    else:
        question = bids.compose(topic, phrasing=(pick or 1) - 1)
    analysis = check_optional(console, question)
    with store.write() as session:
        bid = bids.ask(session, person, question, topic=topic, analysis=analysis,
                       relationship_id=relationship.id,
                       visibility=safe_visibility(analysis, "shared"))
    names = ", ".join(p.name for p in relationship.others(person.id))
    console.print(Panel(escape(question), title=f"Your bid for {escape(names)}",
                        border_style="cyan"))
    if bid.visibility == "shared":
        console.print(f"Saved and shared (id {bid.id[:8]}). {escape(names)} can answer with: "
                      "heartline bid answer")


def _choose_phrasing(console: Console, topic: str) -> str:
    from heartline.practices import bids

    options = [bids.compose(topic, phrasing=i) for i in range(len(bids.phrasings()))]
    for number, option in enumerate(options, 1):
        console.print(f"  {number}. {escape(option)}")
    chosen = Prompt.ask("Pick a number, or write your own", default="1").strip()
    if chosen.isdigit() and 1 <= int(chosen) <= len(options):
        return options[int(chosen) - 1]
    return chosen


def answer(
    ctx: typer.Context,
    bid_id: IdArgument = None,
    now: Annotated[bool, typer.Option("--now", help="Now works: let's talk.")] = False,
    later: Annotated[str | None, typer.Option(
        "--later", metavar="TIME",
        help='Later, at a local time: "19:30", "in 20 minutes", "tomorrow 9:00".')] = None,
    not_today: Annotated[bool, typer.Option(
        "--not-today", help="Not today. A fine answer; no reason needed.")] = False,
) -> None:
    from heartline.errors import InputError
    from heartline.practices import bids
    from heartline.store.people import get_person

    picked = [name for name, on in (("now", now), ("later", later is not None),
                                     ("not-today", not_today)) if on]
    if len(picked) > 1:
        raise InputError("Choose one answer: --now, --later TIME or --not-today.")
    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        bid = bids.answerable(session, person, bid_id)
        asker = get_person(session, bid.author_id).name
    console.print(Panel(escape(bid.text or ""), title=f"{escape(asker)} asks",
                        border_style="cyan"))
    if not picked:
        picked = [Prompt.ask("Now, later, or not today?", choices=list(ANSWER_WORDS),
                             default="now")]
        if picked == ["later"]:
            later = Prompt.ask("When? (19:30, in 20 minutes, tomorrow 9:00)")
    chosen = ANSWER_WORDS[picked[0]]
    later_at = bids.parse_later(later, datetime.now().astimezone()) \
        if chosen == "later" and later is not None else None
    with store.write() as session:
        bids.answer(session, person, bid.id, chosen, later_at)
    when = f" Later: {later_at:%a %H:%M}." if later_at else ""
    console.print(f"[green]Answered[/green].{when} {escape(bids.answer_line(chosen, asker))}")


def met(
    ctx: typer.Context,
    bid_id: IdArgument = None,
    was_met: Annotated[bool | None, typer.Option(
        "--yes/--no", help="Whether you got the talk you hoped for (asked when left out).")
    ] = None,
) -> None:
    from heartline.practices import bids

    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        bid = bids.notable(session, person, bid_id)
    if was_met is None:
        console.print(Panel(escape(bid.text or ""), title="Your bid", border_style="cyan"))
        was_met = Confirm.ask("Did you get the talk you hoped for?")
    with store.write() as session:
        bids.mark_met(session, person, bid.id, was_met)
    console.print(f"[green]Noted[/green]. {bids.met_line(was_met)}")


def list_(ctx: typer.Context) -> None:
    from heartline.practices import bids

    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        lines = bids.overview(session, person, now=datetime.now().astimezone())
    if not lines:
        Console().print("No bids yet. Ask one with: heartline bid ask")
        return
    table = Table("id", "Asked", "By", "Question", "Answer", "Met", title="Bids")
    for line in lines:
        table.add_row(line.id[:8], f"{line.asked_at.astimezone():%a %d %b %H:%M}",
                      "you" if line.yours else escape(line.asker), escape(line.question),
                      _status(line), {True: "yes", False: "no"}.get(line.met, "-"))
    Console().print(table)


def _status(line: BidLine) -> str:
    if line.answer is None:
        return "[bold]waiting for you[/bold]" if line.waiting_on_you else "waiting"
    if line.answer == "later" and line.later_at is not None:
        return f"later, {line.later_at.astimezone():%a %H:%M}"
    return {"now": "now", "not_today": "not today"}.get(line.answer, line.answer)


ask.__doc__ = ASK_HELP
answer.__doc__ = ANSWER_HELP
met.__doc__ = MET_HELP
list_.__doc__ = LIST_HELP
sub.command(name="ask")(ask)
sub.command(name="answer")(answer)
sub.command(name="met")(met)
sub.command(name="list")(list_)
