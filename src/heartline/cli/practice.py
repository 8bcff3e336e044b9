"""``heartline practice``: listen to a simulated sharer who opens up or shuts down."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console, Group
from rich.panel import Panel
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from heartline.cli.context import current_person, open_store

if TYPE_CHECKING:
    from heartline.listening_practice.conversation import Conversation, Moment
    from heartline.listening_practice.debrief import Debrief

HELP = """Practise listening with a simulated person who opens up, or shuts down.

Someone shares something; you reply. Replies that show you get it and you
care (putting their experience into words, visible feeling, open questions)
let them open up; advice or "it'll be fine" too early, "at least…", or making
it about you, make them pull back. Afterwards, a debrief shows what each
reply did and what might have helped. Your practice is private.

  heartline practice list --theme grief
  heartline practice play                      # a scenario picked for your weakest skill
  heartline practice play c-passed-over
  heartline practice progress --chart practice.svg
  heartline practice replay                    # look back at your last round
  heartline practice deeper                    # the sharer's side: one notch deeper
"""

sub = typer.Typer(help=HELP, no_args_is_help=True)
FULL, EMPTY = "●", "○"


def list_(
    relationship: Annotated[str | None, typer.Option(
        help="couple, friends, siblings, parent_teen or adult_child_parent.")] = None,
    theme: Annotated[str | None, typer.Option(
        help="e.g. good_news, grief, work_stress, hurt_by_listener, pride.")] = None,
    need: Annotated[str | None, typer.Option(
        help="heard, celebrated, vent or advice_after_understanding.")] = None,
) -> None:
    from heartline.listening_practice.scenarios import filtered

    table = Table(title="Practice scenarios")
    table.add_column("id", no_wrap=True)
    for header in ("Scenario", "Who", "Theme", "Quiet start"):
        table.add_column(header)
    for s in filtered(relationship=relationship, theme=theme, need=need):
        table.add_row(s.id, s.title, s.relationship.replace("_", " "),
                      s.theme.replace("_", " "), "yes" if s.understated else "")
    Console().print(table)


def play(
    ctx: typer.Context,
    scenario_id: Annotated[str | None, typer.Argument(
        help="Which scenario (default: one for your weakest skill).", show_default=False)] = None,
    reply: Annotated[list[str] | None, typer.Option(
        "--reply", help="Your replies in order, for scripted use (repeat).")] = None,
    seed: Annotated[int | None, typer.Option(help="Fix the sharer's line choices.")] = None,
) -> None:
    import random

    from heartline.listening_practice import progress
    from heartline.listening_practice.conversation import Conversation
    from heartline.listening_practice.debrief import debrief
    from heartline.listening_practice.scenarios import get_scenario

    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    if scenario_id is None:
        with store.read() as session:
            _, picks = progress.suggestions(progress.rounds(session, person))
        scenario_id = picks[0].id
    talk = Conversation(get_scenario(scenario_id), random.Random(seed))
    _introduce(console, talk)
    scripted = list(reply) if reply is not None else None
    while talk.ending is None:
        said = _next_reply(scripted)
        if said is None:
            talk.close()
            break
        _show_moment(console, talk.reply(said), talk)
    result = debrief(talk)
    _show_debrief(console, result, talk)
    with store.write() as session:
        progress.record(session, person, result)


def progress_(
    ctx: typer.Context,
    chart: Annotated[str | None, typer.Option(
        "--chart", metavar="FILE.svg", help="Also write the skills over time as an SVG chart.")
    ] = None,
) -> None:
    from pathlib import Path

    from heartline.cli.output import atomic_output
    from heartline.listening_practice import progress
    from heartline.listening_practice.debrief import SKILL_TITLES, SKILLS
    from heartline.listening_practice.trends import skills_chart
    from heartline.practices.charts import sparkline

    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        history = progress.rounds(session, person)
    if not history:
        console.print("No practice yet. Start with: heartline practice play")
        return
    table = Table("Skill", "Latest", "Over time (0–1)", title=f"{len(history)} practice rounds")
    for skill in SKILLS:
        values = [r.skills[skill] for r in history]
        table.add_row(SKILL_TITLES[skill], f"{values[-1]:.2f}", sparkline(values, low=0, high=1))
    console.print(table)
    skill, picks = progress.suggestions(history)
    if skill is not None:
        console.print(f"Next, for [bold]{SKILL_TITLES[skill].lower()}[/bold]: "
                      + ", ".join(p.id for p in picks))
    if chart:
        with atomic_output(Path(chart)) as out:
            out.write(skills_chart(history))
        console.print(f"Chart written to [bold]{chart}[/bold].")


def replay(
    ctx: typer.Context,
    back: Annotated[int, typer.Argument(help="Which round: 1 the latest, 2 the one before…",
                                        min=1)] = 1,
) -> None:
    from heartline.listening_practice import progress
    from heartline.listening_practice.debrief import ENDING_WORDS, SKILL_TITLES, SKILLS
    from heartline.listening_practice.scenarios import get_scenario

    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        past = progress.stored_round(session, person, back)
    scenario = get_scenario(str(past["scenario"]))
    console.print(Panel(f"{past['when'].astimezone():%A %d %B %Y, %H:%M} · "
                        f"{ENDING_WORDS.get(str(past['ending']), '')}",
                        title=scenario.title, border_style="blue"))
    for n, moment in enumerate(past.get("timeline", []), 1):
        lines = [Text(f"{scenario.sharer}: {moment['said']}", style="italic"),
                 Text(f"You: {moment['reply']}"),
                 Text("  " + ", ".join(moment["labels"]) if moment["labels"] else "  —",
                      style="cyan")]
        lines += [Text(f"  {e['amount']:+g}  {e['why']}") for e in moment["effects"]]
        if moment.get("model"):
            lines.append(Text("A reply that would have helped here: ", style="bold green")
                         + Text(moment["model"]))
        console.print(Panel(Group(*lines), title=f"Reply {n} · openness {moment['before']} → "
                            f"{moment['after']}", border_style="magenta"))
    skills = "  ".join(f"{SKILL_TITLES[s]} {past['skills'][s]:.2f}" for s in SKILLS)
    console.print(Panel(skills, title="Your four skills", border_style="cyan"))


def deeper(
    ctx: typer.Context,
    answer: Annotated[str | None, typer.Option(help="Your answer, for scripted use.")] = None,
) -> None:
    from heartline import analyze_turn
    from heartline.cli.common import ask, check_safety
    from heartline.listening_practice import deeper as practice

    console = Console()
    store = open_store(ctx)
    person = current_person(ctx, store)
    asked = practice.question()
    words = ask(asked, answer)
    analysis = check_safety(console, words) if words else analyze_turn("fine")
    reading = practice.read(analysis)
    body = reading.note
    if reading.example is not None:
        body += (f"\n\n[dim]For example, \"{reading.example.plain}\" could become: "
                 f"\"{reading.example.deeper}\"[/dim]")
    console.print(Panel(body, title="How open was that?", border_style="cyan"))
    with store.write() as session:
        practice.record(session, person, asked, words, reading)


def _introduce(console: Console, talk: Conversation) -> None:
    s = talk.scenario
    console.print(Panel(f"{s.setting}\n\n[dim]Reply as you really would. Enter on its own ends "
                        "the round early.[/dim]", title=s.title, border_style="blue"))
    console.print(_line(s.sharer, talk.scenario.opening, talk.openness))


def _next_reply(scripted: list[str] | None) -> str | None:
    if scripted is not None:
        return scripted.pop(0) if scripted else None
    said = Prompt.ask("[bold]You[/bold]", default="", show_default=False).strip()
    return said or None


def _show_moment(console: Console, moment: Moment, talk: Conversation) -> None:
    change = moment.change
    if change:
        arrow, style = ("↑", "green") if change > 0 else ("↓", "red")
        strongest = max(moment.effects, key=lambda e: abs(e.amount))
        console.print(Text(f"  {arrow} {strongest.why}", style=style))
    console.print(_line(talk.scenario.sharer, moment.answer, talk.openness))


def _line(name: str, text: str, openness: float) -> Text:
    filled = round(openness)
    meter = Text(FULL * filled, style="green") + Text(EMPTY * (5 - filled), style="dim")
    return Text(f"{name}: ", style="bold blue") + Text(text) + Text("  ") + meter


def _show_debrief(console: Console, result: Debrief, talk: Conversation) -> None:
    from heartline.cli.render import highlighted
    from heartline.listening_practice.debrief import ENDING_WORDS, SKILL_TITLES, SKILLS

    console.print(Panel(ENDING_WORDS[result.ending], title="How it ended", border_style="green"))
    for n, moment in enumerate(result.moments, 1):
        parts: list = [Text(f"They said: {moment.said}", style="italic"),  # type: ignore[type-arg]
                       highlighted(moment.analysis.response)]
        for effect in moment.effects:
            sign = "+" if effect.amount > 0 else ""
            parts.append(Text(f"  {sign}{effect.amount:g}  {effect.why}"))
        if moment.model:
            parts.append(Text("A reply that would have helped here: ", style="bold green")
                         + Text(moment.model))
        console.print(Panel(Group(*parts), title=f"Reply {n} · openness {moment.before:.1f} → "
                            f"{moment.after:.1f}", border_style="magenta"))
    skills = Table.grid(padding=(0, 2))
    for skill in SKILLS:
        skills.add_row(SKILL_TITLES[skill], f"{result.skills[skill]:.2f}")
    need = talk.scenario.need.replace("_", " ")
    console.print(Panel(Group(Text(f"What {talk.scenario.sharer} needed: to be {need}."
                                   if talk.scenario.need != "advice_after_understanding" else
                                   f"What {talk.scenario.sharer} needed: advice, but only after "
                                   "feeling understood."), skills),
                        title="Your four skills", border_style="cyan"))


list_.__doc__ = """The scenarios, with filters: who is sharing, the theme, what they need.

  heartline practice list
  heartline practice list --relationship parent_teen --need vent
"""
play.__doc__ = """Play one scenario: read the situation, reply, see them open up or pull back.

  heartline practice play
  heartline practice play c-passed-over --seed 3
  heartline practice play c-passed-over --reply "Oh no. That must sting." --reply "..."
"""
progress_.__doc__ = """Your skills over time, and scenarios for the one to work on next.

  heartline practice progress
  heartline practice progress --chart practice.svg
"""
replay.__doc__ = """Look back at a past round: what each reply did, and what would have helped.

  heartline practice replay          # the latest round
  heartline practice replay 3        # three rounds ago
"""
deeper.__doc__ = """The sharer's side: answer an everyday question, see how open it was, and
an example of one notch more.

  heartline practice deeper
  heartline practice deeper --answer "Fine, busy day."
"""
sub.command(name="list")(list_)
sub.command(name="play")(play)
sub.command(name="progress")(progress_)
sub.command(name="replay")(replay)
sub.command(name="deeper")(deeper)
