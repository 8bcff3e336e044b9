"""``heartline therapist``: when a therapist can help, where to find one, notes to bring."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt

from heartline.cli.common import ask, check_safety
from heartline.cli.context import current_person, open_store

if TYPE_CHECKING:
    from heartline.help.professional import Content, Finding

HELP = """Professional help: when it's worth considering, and where to find it.

heartline is a place to practise, not therapy. A therapist can help at any
stage, not only in a crisis. Directories follow HEARTLINE_REGION (like GB)
unless you pass --region.

  heartline therapist                         # when it helps, where to look
  heartline therapist find --kind low_cost --region GB
  heartline therapist handoff --out notes.md  # notes for a first session
"""

FIND_HELP = """Directories of therapists: general, lower-cost, or for specific communities.

  heartline therapist find
  heartline therapist find --kind community
  heartline therapist find --kind low_cost --region US
"""

HANDOFF_HELP = """Write notes for a first session, section by section, in your own words.

You read the whole thing over (and can change any section) before it's
saved. It stays private, always, and is only written to the file you name.
Keys for --answer: why_now, hard, tried, hopes, should_know, questions.

  heartline therapist handoff
  heartline therapist handoff --out notes.md
  heartline therapist handoff --answer why_now="The same fight, again" \\
      --answer hopes="Talking about money calmly" --out notes.md
"""

DONE = "done"


class Kind(StrEnum):
    general = "general"
    low_cost = "low_cost"
    community = "community"


RegionOption = Annotated[str | None, typer.Option(
    "--region", metavar="CODE", help="Region code like US, GB, IE or AU "
    "(default: HEARTLINE_REGION, else every region).")]

sub = typer.Typer(help=HELP, no_args_is_help=False)


def overview(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from heartline.help import professional

    console = Console()
    found = professional.find()
    _show_intro(console, professional.content())
    _show_directories(console, found)
    console.print("\nWhen you're ready to write a few notes for a first session:\n"
                  "  [bold]heartline therapist handoff[/bold]")


def find(
    kind: Annotated[Kind | None, typer.Option(
        "--kind", help="general, low_cost (free or reduced-fee) or community "
        "(for specific communities). Default: all.")] = None,
    region: RegionOption = None,
) -> None:
    from heartline.help import professional

    console = Console()
    found = professional.find(kind.value if kind else None, region)
    _show_intro(console, professional.content())
    _show_directories(console, found)


def handoff(
    ctx: typer.Context,
    answer: Annotated[list[str] | None, typer.Option(
        "--answer", metavar="KEY=TEXT", help="Write one section without being asked; repeat "
        "for more (keys: why_now, hard, tried, hopes, should_know, questions).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="FILE.md", help="Write the notes to this Markdown file.")] = None,
) -> None:
    from heartline.help import professional
    from heartline.practices.answers import parse_pairs

    console = Console()
    content = professional.content()
    keys = content.section_keys
    given = parse_pairs(answer or [], keys)
    store = open_store(ctx)
    person = current_person(ctx, store)
    if not answer:
        console.print(Panel(content.handoff_intro, title="Notes for a first session",
                            border_style="cyan"))
        given = {s.key: ask(f"[bold]{escape(s.title)}[/bold]: {escape(s.prompt)} "
                            "[dim](Enter to skip)[/dim]", None) for s in content.sections}
    sections = professional.written(given, keys)
    if answer:
        console.print(_panel(professional.markdown(sections, author=person.name,
                                                   on=date.today())))
    else:
        sections = _review(console, content, sections, author=person.name)
        out = out or _where(console)
    check_safety(console, " ".join(sections.values()))
    if out is not None:
        _export(out, professional.markdown(sections, author=person.name, on=date.today()))
        console.print(f"[green]Written[/green] to {escape(str(out))}.")
    with store.write() as session:
        professional.record(session, person, sections)
    console.print("[green]Saved[/green] (only you can see it; heartline never shares it).")


def _review(console: Console, content: Content, sections: dict[str, str], *,
            author: str) -> dict[str, str]:
    """Show the Markdown; change any section until it looks right."""
    from heartline.help import professional

    keys = content.section_keys
    titles = {s.key: s.title for s in content.sections}
    while True:
        console.print(_panel(professional.markdown(sections, author=author, on=date.today())))
        choice = Prompt.ask(f"Change a section? Type its key, or {DONE} if it looks right",
                            choices=[DONE, *keys], default=DONE)
        if choice == DONE:
            return sections
        text = ask(f"{titles[choice]} (type - to leave it out)", None,
                   default=sections.get(choice, ""))
        updated = {**sections, choice: "" if text == "-" else text}
        sections = professional.written(updated, keys)


def _where(console: Console) -> Path | None:
    answer = ask("Save it as a Markdown file? Type a file name, or press Enter to skip", None)
    return Path(answer).expanduser() if answer else None


def _export(path: Path, text: str) -> None:
    from heartline.cli.output import atomic_output

    with atomic_output(path) as handle:
        handle.write(text)


def _panel(text: str) -> Panel:
    return Panel(escape(text), title="Your notes (Markdown)", border_style="green")




def _show_intro(console: Console, content: Content) -> None:
    console.print(Panel(content.intro, title="Professional help", border_style="cyan"))
    console.print("[bold]It may be worth considering when:[/bold]")
    for line in content.when:
        console.print(f"  • {escape(line)}")


def _show_directories(console: Console, found: Finding) -> None:
    from heartline.help.professional import KIND_TITLES, KINDS, emergency

    if not found.covered:
        console.print(f"\n[dim]We don't list directories for {escape(found.region or '')} yet, "
                      "so here is everything we know of.[/dim]")
    for kind in KINDS:
        listed = [d for d in found.directories if d.kind == kind]
        if listed:
            console.print(f"\n[bold]{KIND_TITLES[kind]}[/bold]")
        for item in listed:
            console.print(f"  • [bold]{escape(item.name)}[/bold] ({escape(item.region)}) "
                          f"{escape(item.url)}\n    {escape(item.about)}", highlight=False,
                          soft_wrap=True)
    urgent = emergency(found.region)
    number = f" ({urgent.contact} in {urgent.region})" if urgent else ""
    console.print(f"\n[dim]If you or someone else is in danger right now, call your local "
                  f"emergency number{number}.[/dim]")


overview.__doc__ = HELP
find.__doc__ = FIND_HELP
handoff.__doc__ = HANDOFF_HELP
sub.callback(invoke_without_command=True)(overview)
sub.command(name="find")(find)
sub.command(name="handoff")(handoff)
