"""``heartline feelings``: the feelings wheel, notice and name it, and the I-feel builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt
from rich.tree import Tree

from heartline.cli.common import (
    Seen,
    VisibilityOption,
    WithOption,
    ask,
    check_optional,
    choose_visibility,
    saved,
    show_safety,
)
from heartline.cli.context import practice_context

if TYPE_CHECKING:
    from heartline.practices.feelings import Core, Placement

HELP = """Name your feelings: find a word for what's going on inside, then say it.

  heartline feelings wheel                 # every word, from the centre outward
  heartline feelings name                  # notice and name what you feel now
  heartline feelings build                 # "I feel … when … because …"
"""

WHEEL_HELP = """Show the feelings wheel: 8 core feelings, their branches, and nuanced words.

Stuck for a word? Start at a core feeling in the middle and move outward
until one fits. Give a word to see just its part of the wheel, with meanings.

  heartline feelings wheel
  heartline feelings wheel sad
  heartline feelings wheel --meanings
"""

NAME_HELP = """Notice and name it: pause, notice what you feel, and put a word to it.

Pick a core feeling, then a word further out that fits better. Private,
only for you, unless you choose otherwise.

  heartline feelings name
  heartline feelings name --word wistful
  heartline feelings name --word tense --note "Before the call with my sister"
"""

BUILD_HELP = """Build an "I feel … when … because …" sentence the other person can hear.

Shows an example and a few tips, and points out gently when the feeling is
really a verdict on the other person ("ignored by you").

  heartline feelings build
  heartline feelings build --feeling lonely --when "we eat on separate screens" \\
      --because "I miss hearing about your day" --visibility shared
"""

MOST_TRIES = 3

sub = typer.Typer(help=HELP, no_args_is_help=True)


def wheel(
    word: Annotated[str | None, typer.Argument(
        help="A core feeling, or any word on the wheel, to show just its part.")] = None,
    meanings: Annotated[bool, typer.Option(
        "--meanings", help="Show what every word means (always on for one part).")] = False,
) -> None:
    from heartline.practices import feelings

    console = Console()
    if word is None:
        tree = Tree("[bold]The feelings wheel[/bold] [dim](centre outward)[/dim]")
        for core in feelings.wheel().cores:
            _add_core(tree, core, meanings=meanings)
        console.print(tree)
        console.print(f"[dim]{len(feelings.words())} words. "
                      "heartline feelings name puts one to what you feel now.[/dim]")
        return
    placement = feelings.lookup(word)
    tree = Tree("[bold]The feelings wheel[/bold]")
    _add_core(tree, feelings.core_of(word), meanings=True, mark=placement.word)
    console.print(tree)
    console.print(_described(placement))


def _add_core(tree: Tree, core: Core, *, meanings: bool, mark: str | None = None) -> None:
    node = tree.add(f"{_word(core.word, mark)} [dim]{core.meaning}[/dim]")
    for branch in core.branches:
        twig = node.add(f"{_word(branch.word, mark)} [dim]{branch.meaning}[/dim]")
        if meanings:
            for leaf in branch.nuanced:
                twig.add(f"{_word(leaf.word, mark)} [dim]{leaf.meaning}[/dim]")
        else:
            twig.add(", ".join(leaf.word for leaf in branch.nuanced))


def _word(word: str, mark: str | None) -> str:
    return f"[reverse bold]{word}[/reverse bold]" if word == mark else f"[bold]{word}[/bold]"


def _described(placement: Placement) -> str:
    where = " → ".join(placement.path) if len(placement.path) > 1 else "a core feeling"
    return f"[bold]{placement.word}[/bold] ({where}): {placement.meaning}"


def name(
    ctx: typer.Context,
    word: Annotated[str | None, typer.Option(
        "--word", help="The feeling word, without being asked (any word on the wheel).")] = None,
    note: Annotated[str | None, typer.Option(
        "--note", help="A few words about it, if you like: what happened, where you are.")] = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline.practices import feelings
    from heartline.practices.content import pick
    from heartline.practices.safety import safe_visibility

    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    named = feelings.lookup(word) if word is not None else None
    prompt = pick(feelings.notice_prompts())
    console.print(Panel(prompt, title="Notice and name it", border_style="cyan"))
    placement = named or _choose_word(console)
    if named is None:
        note = ask("Anything to add? (Enter to skip)", note)
    note = (note or "").strip()
    console.print(_described(placement))
    analysis = check_optional(console, note)
    wanted = Seen.private if visibility is None else \
        choose_visibility(visibility, relationship, person.id)
    with store.write() as session:
        stored = feelings.record_named(
            session, person, placement, prompt=prompt, note=note, analysis=analysis,
            relationship_id=relationship.id if relationship else None,
            visibility=safe_visibility(analysis, wanted.value))
    saved(console, stored, relationship)


def _choose_word(console: Console) -> Placement:
    """Centre first, then one ring out; an unknown word gets close matches and another try."""
    from heartline.errors import NotFoundError
    from heartline.practices import feelings

    cores = feelings.wheel().cores
    for number, core in enumerate(cores, 1):
        console.print(f"  {number}. [bold]{core.word}[/bold] [dim]{core.meaning}[/dim]")
    picked = Prompt.ask("Which core feeling is closest? (a number or a word)",
                        choices=[str(n) for n in range(1, len(cores) + 1)] +
                        [c.word for c in cores], show_choices=False)
    core = cores[int(picked) - 1] if picked.isdigit() else feelings.core_of(picked)
    tree = Tree("One ring further out")
    _add_core(tree, core, meanings=True)
    console.print(tree)
    for _ in range(MOST_TRIES - 1):
        try:
            return feelings.lookup(Prompt.ask("Which word fits best?", default=core.word))
        except NotFoundError as exc:
            console.print(escape(str(exc)))
    return feelings.lookup(Prompt.ask("Which word fits best?", default=core.word))


def build(
    ctx: typer.Context,
    feeling: Annotated[str | None, typer.Option(
        "--feeling", help="The feeling, ideally one word from the wheel, like lonely.")] = None,
    when: Annotated[str | None, typer.Option(
        "--when", help="The moment it comes up: one specific situation.")] = None,
    because: Annotated[str | None, typer.Option(
        "--because", help="Why it matters to you: a need, a hope or a worry.")] = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline import analyze_turn
    from heartline.practices import feelings
    from heartline.practices.content import pick
    from heartline.practices.safety import needs_help, safe_visibility

    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    example = pick(feelings.builder_examples())
    tips = "\n".join(f"• {t}" for t in feelings.builder_tips()[:3])
    console.print(Panel(f"For example: \"{example.sentence}\"\n\n[dim]{tips}[/dim]",
                        title="I feel … when … because …", border_style="cyan"))
    said = feelings.statement(ask("I feel …", feeling))
    note = feelings.judgment_note(said.feeling)
    if note is not None:
        console.print(Panel(escape(note), title="A thought, or a feeling?", border_style="yellow"))
        if feeling is None:
            said = feelings.statement(ask("Another word? (Enter keeps yours)", None,
                                          default=said.feeling))
    said = feelings.statement(said.feeling, ask("… when …", when), ask("… because …", because))
    console.print(Panel(escape(said.sentence), title="Your sentence", border_style="green"))
    analysis = analyze_turn(said.sentence)
    if needs_help(analysis):
        show_safety(console, analysis)
    chosen = safe_visibility(analysis, choose_visibility(visibility, relationship, person.id).value)
    with store.write() as session:
        stored = feelings.record_statement(
            session, person, said, analysis, visibility=chosen,
            relationship_id=relationship.id if relationship else None)
    saved(console, stored, relationship)


wheel.__doc__ = WHEEL_HELP
name.__doc__ = NAME_HELP
build.__doc__ = BUILD_HELP
sub.command(name="wheel")(wheel)
sub.command(name="name")(name)
sub.command(name="build")(build)
