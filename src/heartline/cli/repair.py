"""``heartline repair``: a time-out with a way back, a debrief, and an apology builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from heartline.cli.common import (
    Seen,
    VisibilityOption,
    WithOption,
    ask,
    check_safety,
    choose_visibility,
    saved,
)
from heartline.cli.context import practice_context

if TYPE_CHECKING:
    from heartline.analysis.results import TurnAnalysis
    from heartline.practices.conflict import ApologyStep
    from heartline.store.values import Visibility

HELP = """Conflict, repaired: take a break, come back and talk, say sorry well.

  heartline repair timeout --back-in 20m    # a break, and when you'll be back
  heartline repair debrief                  # once you're both calm
  heartline repair apology                  # own your part, step by step
"""

TIMEOUT_HELP = """Take a break when it gets too heated, with an agreed time to come back.

Shows something you can say before stepping away, and a few ways to calm
down. Shared with the other person by default, so they know you'll be back.

  heartline repair timeout                     # asks when you'll be back
  heartline repair timeout --back-in 20m
  heartline repair timeout --back-at 19:30 --visibility private
"""

DEBRIEF_HELP = """Come back together once you're both calm, and talk it through.

What felt worst, what could have gone differently, what helped you feel
heard, what you needed, and what to try next time. Answer any; Enter skips.
Keys for --answer: worst, differently, heard, needed, next_time.

  heartline repair debrief
  heartline repair debrief --answer worst="When I felt brushed off" \\
      --answer heard="When you put your phone down and looked at me"
"""

APOLOGY_HELP = """Build an apology that owns your part, one step at a time.

What happened, your part, how it landed, what you'll do next time; each step
shows an example. Phrases that tend to undo an apology ("sorry if", "but",
"you made me") are pointed out gently. Kept as a draft, only for you, unless
you choose otherwise. Keys for --part: what_happened, my_part, impact, next_time.

  heartline repair apology
  heartline repair apology --part my_part="I raised my voice at you" \\
      --part next_time="I'll ask for a break before I get that loud"
"""

AnswerOption = Annotated[list[str] | None, typer.Option(
    "--answer", metavar="KEY=TEXT", help="Answer one question without being asked; "
    "repeat for more (keys: worst, differently, heard, needed, next_time).")]
PartOption = Annotated[list[str] | None, typer.Option(
    "--part", metavar="KEY=TEXT", help="Write one step without being asked; repeat for more "
    "(keys: what_happened, my_part, impact, next_time).")]

sub = typer.Typer(help=HELP, no_args_is_help=True)


def timeout(
    ctx: typer.Context,
    back_in: Annotated[str | None, typer.Option(
        "--back-in", metavar="LENGTH", help="How long the break lasts: 20m, 45 minutes, 1h30.")
    ] = None,
    back_at: Annotated[str | None, typer.Option(
        "--back-at", metavar="TIME", help="When you'll be back: 19:30 or 7:30pm.")] = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from datetime import datetime

    from heartline.practices import conflict

    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    now = datetime.now().astimezone()
    scripted = back_in is not None or back_at is not None
    if scripted:
        pause = conflict.plan_break(back_in=back_in, back_at=back_at, now=now)
    else:
        console.print(Panel(conflict.timeout_content().intro, title="Taking a break",
                            border_style="cyan"))
        answer = ask("When will you come back? A length like 20m, or a time like 19:30",
                     None, default=f"{conflict.SUGGESTED_MINUTES}m")
        pause = conflict.parse_return(answer, now)
    when = conflict.clock_text(pause.return_at, now)
    line = conflict.return_line(when)
    chosen = choose_visibility(visibility, relationship, person.id,
                               suggest=Seen.shared, scripted=scripted)
    with store.write() as session:
        stored = conflict.record_timeout(session, person, pause, text=line,
                                         visibility=chosen.value,
                                         relationship_id=relationship.id if relationship else None)
    console.print(Panel(f"\"{line}\"", title=f"You could say (back at {when})",
                        border_style="cyan"))
    if pause.minutes < conflict.SUGGESTED_MINUTES:
        console.print(f"[dim]A short break is fine. If it's still hot when you come back, "
                      f"{conflict.SUGGESTED_MINUTES} minutes or more usually lets a racing heart "
                      "settle.[/dim]")
    console.print("While you wait, something calming:")
    for suggestion in conflict.calming():
        console.print(f"  • {suggestion}")
    saved(console, stored, relationship)


def debrief(
    ctx: typer.Context,
    answer: AnswerOption = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline.practices import conflict
    from heartline.practices.answers import parse_pairs

    console = Console()
    content = conflict.debrief_content()
    answers = parse_pairs(answer or [], [q.key for q in content.questions])
    store, person, relationship = practice_context(ctx, with_)
    if not answer:
        console.print(Panel(content.intro, title="Coming back together", border_style="cyan"))
        answers = {q.key: ask(f"{q.text} [dim](Enter to skip)[/dim]", None)
                   for q in content.questions}
    kept = conflict.answered(answers)
    analysis = check_safety(console, conflict.combined(kept))
    chosen = choose_visibility(visibility, relationship, person.id,
                               suggest=Seen.private, scripted=bool(answer))
    with store.write() as session:
        stored = conflict.record_debrief(session, person, kept, analysis.to_dict(),
                                         visibility=_safe(analysis, chosen),
                                         relationship_id=relationship.id if relationship else None)
    saved(console, stored, relationship)


def apology(
    ctx: typer.Context,
    part: PartOption = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline.practices import conflict
    from heartline.practices.answers import parse_pairs

    console = Console()
    content = conflict.apology_content()
    parts = parse_pairs(part or [], [s.key for s in content.steps], flag="--part")
    store, person, relationship = practice_context(ctx, with_)
    if not part:
        console.print(Panel(content.intro, title="An apology that owns my part",
                            border_style="cyan"))
        parts = {step.key: _apology_step(console, step) for step in content.steps}
    kept = conflict.apology_parts(parts)
    text = conflict.compose(kept)
    console.print(Panel(escape(text), title="Your apology", border_style="green"))
    if part:
        _pitfall_notes(console, text)
    analysis = check_safety(console, text)
    chosen = choose_visibility(visibility, relationship, person.id,
                               suggest=Seen.draft, scripted=bool(part))
    with store.write() as session:
        stored = conflict.record_apology(session, person, kept, analysis.to_dict(),
                                         visibility=_safe(analysis, chosen),
                                         relationship_id=relationship.id if relationship else None)
    saved(console, stored, relationship)


def _apology_step(console: Console, step: ApologyStep) -> str:
    """One step: its question and example, then one gentle chance to rework a pitfall."""
    console.print(f"\n[bold]{step.prompt}[/bold]\n[dim]For example: \"{step.example}\"[/dim]")
    text = ask("Yours (Enter to skip)", None)
    if _pitfall_notes(console, text):
        text = ask("Want to rewrite it? (Enter keeps what you wrote)", None) or text
    return text


def _pitfall_notes(console: Console, text: str) -> bool:
    from heartline.practices.conflict import find_pitfalls

    found = find_pitfalls(text)
    if found:
        notes = "\n".join(f"\"{p.phrase}\": {p.why}" for p in found)
        console.print(Panel(notes, title="Worth a second look", border_style="yellow"))
    return bool(found)




def _safe(analysis: TurnAnalysis, chosen: Seen) -> Visibility:
    from heartline.practices.safety import safe_visibility

    return safe_visibility(analysis, chosen.value)




timeout.__doc__ = TIMEOUT_HELP
debrief.__doc__ = DEBRIEF_HELP
apology.__doc__ = APOLOGY_HELP
sub.command(name="timeout")(timeout)
sub.command(name="debrief")(debrief)
sub.command(name="apology")(apology)
