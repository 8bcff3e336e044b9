"""``heartline photos``: old photos and the stories behind them (show and tell)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from heartline.cli.common import (
    VisibilityOption,
    WithOption,
    ask,
    check_optional,
    choose_visibility,
    saved,
)
from heartline.cli.context import current_person, open_store, practice_context

if TYPE_CHECKING:
    from heartline.practices.photo_stories import Story

HELP = """Show and tell: an old photo, and the story behind it.

Bring a childhood or family picture; heartline offers a question to tell it
by and keeps a copy of the photo in your heartline folder with your story.

  heartline photos add ~/Pictures/beach-1994.jpg --year 1994
  heartline photos add mum.jpg dad.png --story "The summer we moved" -v shared
  heartline photos list
  heartline photos show 3f2a9c1e
"""
DAMAGED = "[red](missing or damaged)[/red]"

sub = typer.Typer(help=HELP, no_args_is_help=True)


def add(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="One or more photo files.",
                                                show_default=False)],
    prompt: Annotated[str | None, typer.Option(
        help="The question your story answers (default: one picked for you).")] = None,
    story: Annotated[str | None, typer.Option(
        help="The story behind the photo (asked when left out).")] = None,
    year: Annotated[int | None, typer.Option(help="When it was taken, e.g. 1994.")] = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    from heartline.practices import photo_stories as practice
    from heartline.practices.safety import safe_visibility

    console = Console()
    checked = practice.check_photos(paths)
    practice.check_year(year)
    store, person, relationship = practice_context(ctx, with_)
    question = prompt.strip() if prompt and prompt.strip() else practice.prompt()
    console.print(Panel(question, title="A question to tell it by", border_style="cyan"))
    told = ask("The story", story)
    analysis = check_optional(console, told)
    chosen = safe_visibility(analysis, choose_visibility(visibility, relationship, person.id).value)
    with store.write() as session:
        entry = practice.record(session, store.photos, person, paths=checked, prompt=question,
                                story=told, year=year, visibility=chosen,
                                analysis=analysis.to_dict() if analysis else None,
                                relationship_id=relationship.id if relationship else None)
    count = len(entry.data["photos"])
    console.print(f"Kept {count} photo{'s' * (count != 1)} with your story "
                  f"(id {entry.id[:8]}).")
    saved(console, entry, relationship)


def list_(ctx: typer.Context) -> None:
    from heartline.practices import photo_stories as practice
    from heartline.store import people

    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        found = practice.stories(session, store.photos, person)
        names = {s.entry.author_id: people.get_person(session, s.entry.author_id).name
                 for s in found}
    if not found:
        Console().print("No photo stories yet. Bring one: heartline photos add PATH")
        return
    table = Table("id", "Year", "Told by", "Story", "Photos", title="Photo stories")
    for story in found:
        by = "you" if story.entry.author_id == person.id else names[story.entry.author_id]
        table.add_row(story.entry.id[:8], str(story.entry.data.get("year") or ""), by,
                      escape(_excerpt(str(story.entry.data.get("story", "")))), _files(story))
    Console().print(table)
    if any(s.damaged for s in found):
        Console().print("Some photo files are missing or damaged; the stories themselves are "
                        "safe. A backup made with heartline export holds copies of the photos.")


def show(ctx: typer.Context, story_id: Annotated[str, typer.Argument(
        help="The id shown by heartline photos list (the first characters are enough).")]
         ) -> None:
    from heartline.practices import photo_stories as practice

    store = open_store(ctx)
    person = current_person(ctx, store)
    with store.read() as session:
        story = practice.find_story(session, store.photos, person, story_id)
    data = story.entry.data
    year = f" ({data['year']})" if data.get("year") else ""
    console = Console()
    console.print(Panel(f"[dim]{escape(str(data.get('prompt', '')))}[/dim]\n\n"
                        f"{escape(str(data.get('story', '')))}",
                        title=f"Photo story{year}", padding=(1, 2)))
    for photo in story.photos:
        flag = f" {DAMAGED}" if photo.id in story.damaged else ""
        console.print(f"{escape(photo.original_name)}: "
                      f"{escape(str((store.photos / photo.filename).resolve()))}{flag}",
                      soft_wrap=True)


def _files(story: Story) -> str:
    return "\n".join(escape(p.original_name) + (f" {DAMAGED}" if p.id in story.damaged else "")
                     for p in story.photos)


def _excerpt(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


add.__doc__ = "Add one or more photos with the story behind them."
list_.__doc__ = "Your photo stories (and shared ones), with their files checked."
show.__doc__ = "One story, and where its photo files are on this machine."
sub.command(name="add")(add)
sub.command(name="list")(list_)
sub.command(name="show")(show)
