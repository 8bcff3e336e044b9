"""``heartline export``, ``import`` and ``delete``: your data, to take or to remove."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.prompt import Prompt

from heartline.cli.context import current_person, open_store

EXPORT_HELP = """Export everything you can see: JSON, a readable journal, and your photos.

Writes a new folder holding heartline-export.json (for import), journal.md
(to read and keep) and photos/. It holds your own entries, private ones too,
and what others shared with you; never anyone else's private entries. Your
web password is not in it: after an import, set one with heartline user.

  heartline export
  heartline export ~/Backups/heartline-2026-11
"""

IMPORT_HELP = """Import an export made by heartline export (a folder or its JSON file).

Everything is checked first (the file, every reference, every photo's
checksum); then it is written in one go, or not at all. Entries already here
are left as they are, so importing twice is harmless.

  heartline import ~/Backups/heartline-2026-11
  heartline --db postgresql+psycopg://me@host/heartline import ./heartline-export-2026-11-23
"""

DELETE_HELP = """Delete yourself and everything you wrote, for good.

Removes your entries (and replies others made to them), your photos, your
reminders and your place in each relationship; a relationship nobody is left
in goes too. Export first if you want a copy. --everything empties this whole
heartline home, everyone's data included.

  heartline delete
  heartline delete --yes                 # no question asked (scripts)
  heartline delete --everything
"""


def export(
    ctx: typer.Context,
    folder: Annotated[Path | None, typer.Argument(
        help="New folder to write (default: heartline-export-DATE here).",
        show_default=False)] = None,
) -> None:
    from heartline.archive.export import export as write_export

    store = open_store(ctx)
    person = current_person(ctx, store)
    target = folder or Path(f"heartline-export-{date.today().isoformat()}")
    document = write_export(store, person, target)
    Console().print(f"Exported {len(document.entries)} entries and {len(document.photos)} "
                    f"photos to [bold]{target}[/bold] (journal.md is the one to read).")


def import_(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="An export folder or its JSON file.")],
) -> None:
    from heartline.archive.restore import restore

    report = restore(open_store(ctx), source)
    Console().print(f"Imported {report.person}'s export: {report.added} items added, "
                    f"{report.already_there} already here.")


def delete(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    everything: Annotated[bool, typer.Option(
        "--everything", help="Empty the whole heartline home: every person's data.")] = False,
) -> None:
    from heartline.archive import erase

    console = Console()
    store = open_store(ctx)
    if everything:
        _confirm(yes, "everything", f"This deletes ALL heartline data in {store.settings.home}, "
                 "for every person. Type 'everything' to confirm")
        erase.delete_everything(store)
        console.print("Everything is deleted. heartline is empty, as if new.")
        return
    person = current_person(ctx, store)
    _confirm(yes, person.name, f"This deletes {person.name} and everything they wrote. "
             f"Type the name '{person.name}' to confirm")
    done = erase.delete_person(store, person)
    console.print(f"Deleted {person.name}: {done.entries} entries and "
                  f"{done.relationships} relationships nobody else was in.")


def _confirm(yes: bool, expected: str, question: str) -> None:
    if yes:
        return
    answer = Prompt.ask(question, default="", show_default=False)
    if answer.strip().casefold() != expected.casefold():
        Console().print("Nothing was deleted.")
        raise typer.Exit(1)


export.__doc__ = EXPORT_HELP
import_.__doc__ = IMPORT_HELP
delete.__doc__ = DELETE_HELP
