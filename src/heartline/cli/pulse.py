"""``heartline pulse``: ten quick ratings of how close you've felt, and how that moves."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import IntPrompt
from rich.table import Table

from heartline.cli.common import Seen, VisibilityOption, WithOption, choose_visibility, saved
from heartline.cli.context import practice_context

if TYPE_CHECKING:
    from heartline.practices.pulse import Content, Point

HELP = """Closeness pulse: ten statements about how close you've felt, each 1 to 7.

Our own check-in, not a clinical test: the numbers only mean something
next to your own earlier answers. Private to you unless you choose
--visibility shared. Keys for --score: disclosure_1, disclosure_2,
understood_1, understood_2, validation_1, validation_2, caring_1,
caring_2, trust_1, trust_2.

  heartline pulse                               # one statement at a time
  heartline pulse --scores 5,6,4,5,6,6,5,7,6,5  # all ten, in order
  heartline pulse --trend --chart pulse.svg     # how it moves, as a chart
  heartline pulse --signs                       # signs to notice
"""

ScoreOption = Annotated[list[str] | None, typer.Option(
    "--score", metavar="KEY=N", help="Rate one statement 1 to 7 (repeat for all ten; "
    "keys like disclosure_1 or trust_2).")]
ScoresOption = Annotated[str | None, typer.Option(
    "--scores", metavar="N,N,...", help="All ten ratings, 1 to 7, in statement order.")]


def pulse(
    ctx: typer.Context,
    score: ScoreOption = None,
    scores: ScoresOption = None,
    trend: Annotated[bool, typer.Option(
        "--trend", help="Show how your answers have moved over time, instead of answering.")
    ] = False,
    chart: Annotated[Path | None, typer.Option(
        "--chart", metavar="FILE.svg", help="Write your trend as an SVG line chart to this file.")
    ] = None,
    signs: Annotated[bool, typer.Option(
        "--signs", help="Show signs that closeness is missing, and signs that it's there.")
    ] = False,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline.practices import pulse as core

    console = Console()
    content = core.content()
    if signs:
        _show_signs(console, content)
    if trend or chart is not None:
        _show_trend(ctx, console, content, show=trend, chart=chart, with_=with_)
    if signs or trend or chart is not None:
        return
    given = core.scripted(score or [], scores, content.keys)
    store, person, relationship = practice_context(ctx, with_)
    console.print(Panel(content.disclaimer, title="Closeness pulse", border_style="cyan"))
    result = core.score(given or _ask_all(console, content), content.items)
    chosen = choose_visibility(visibility or Seen.private, relationship, person.id)
    rel_id = relationship.id if relationship else None
    with store.write() as session:
        stored = core.record(session, person, result, relationship_id=rel_id,
                             visibility=chosen.value)
        history = core.my_points(session, person, relationship_id=rel_id)
    console.print(_trend_table(history, title="Your pulse"))
    _maybe_low_note(console, content, history)
    saved(console, stored, relationship)


def _ask_all(console: Console, content: Content) -> dict[str, int]:
    from heartline.practices.pulse import SCALE_MAX, SCALE_MIN

    console.print(f"[dim]{SCALE_MIN} = {content.scale_low} … {SCALE_MAX} = "
                  f"{content.scale_high}[/dim]")
    choices = [str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)]
    total = len(content.items)
    return {item.key: IntPrompt.ask(f"[bold]{number}/{total}[/bold] {escape(item.text)}",
                                    choices=choices)
            for number, item in enumerate(content.items, start=1)}


def _show_trend(ctx: typer.Context, console: Console, content: Content, *, show: bool,
                chart: Path | None, with_: str | None) -> None:
    from heartline.cli.output import atomic_output
    from heartline.practices import pulse as core

    store, person, relationship = practice_context(ctx, with_)
    with store.read() as session:
        history = core.my_points(session, person,
                                 relationship_id=relationship.id if relationship else None)
    if chart is not None:
        svg = core.chart(history)
        with atomic_output(chart) as handle:
            handle.write(svg)
        console.print(f"[green]Chart written[/green] to {escape(str(chart))}.")
    if not show:
        return
    if not history:
        console.print("No pulse answers yet. When you're ready: heartline pulse")
        return
    console.print(_trend_table(history, title=f"Your pulse over {len(history)} answers"))
    _maybe_low_note(console, content, history)


def _trend_table(history: tuple[Point, ...], *, title: str) -> Table:
    """Latest score, average and a sparkline (fixed 1–7 scale) for each dimension."""
    from statistics import fmean

    from heartline.practices import pulse as core
    from heartline.practices.charts import sparkline

    table = Table(title=title, title_justify="left")
    for header in ("", "Latest", "Average", "Over time (1–7)"):
        table.add_column(header)
    for name, values in core.series(history).items():
        style = "bold" if name == "overall" else ""
        table.add_row(core.DIMENSION_TITLES[name], f"{values[-1]:.1f}", f"{fmean(values):.1f}",
                      sparkline(values, low=core.SCALE_MIN, high=core.SCALE_MAX),
                      style=style)
    return table


def _maybe_low_note(console: Console, content: Content, history: tuple[Point, ...]) -> None:
    from heartline.practices.pulse import dipped

    if dipped([p.overall for p in history]):
        console.print(Panel(f"{content.signs.low_note}\n\nIf you'd like to look: "
                            "[bold]heartline therapist[/bold]", title="A gentle note",
                            border_style="magenta"))


def _show_signs(console: Console, content: Content) -> None:
    missing = "\n".join(f"• {escape(s)}" for s in content.signs.missing)
    present = "\n".join(f"• {escape(s)}" for s in content.signs.present)
    console.print(Panel(missing, title="When closeness is missing", border_style="yellow"))
    console.print(Panel(present, title="When it's there", border_style="green"))
    console.print("[dim]These are things to notice, not a diagnosis. Noticing one is a "
                  "reason to talk, not to worry.[/dim]")


pulse.__doc__ = HELP
