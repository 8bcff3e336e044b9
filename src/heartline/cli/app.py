"""Entry point of the ``heartline`` command.

Each command opens the core object, calls one library function and turns
``HeartlineError`` into a friendly message with exit code 1 (the
``friendly`` wrapper), so a person never sees a traceback. Heavy modules are
imported inside commands so ``heartline --help`` stays fast.
"""

from __future__ import annotations

import functools
import signal
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from heartline.cli import (
    analyze,
    appreciate,
    archive,
    bid,
    cards,
    checkin,
    exchange,
    feelings,
    hello,
    history,
    hug,
    humor,
    independence,
    new_things,
    photos,
    practice,
    pulse,
    remind,
    repair,
    serve,
    therapist,
    today,
    unplug,
    user,
    weekly,
)
from heartline.cli.context import CliState
from heartline.errors import HeartlineError

app = typer.Typer(
    help=(
        "heartline helps two people feel close: share what really matters, and listen "
        "so the other feels \"you get it and you care\". Everything runs on this machine."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def friendly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Show a user's mistake as one clear message and exit 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except HeartlineError as exc:
            Console(stderr=True).print(f"[bold red]Error:[/bold red] {escape(str(exc))}",
                                       highlight=False)
            raise typer.Exit(1) from None

    return run




def friendly_group(group: typer.Typer) -> typer.Typer:
    """Wrap every command of a sub-app (and its own callback) in ``friendly``."""
    for info in group.registered_commands:
        if info.callback is not None:
            info.callback = friendly(info.callback)
    own = group.registered_callback
    if own is not None and own.callback is not None:
        own.callback = friendly(own.callback)
    return group


def _show_version(value: bool) -> None:
    if value:
        from heartline import __version__

        typer.echo(f"heartline {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", metavar="URL",
                                  help="Database URL (default: SQLite in HEARTLINE_HOME; "
                                       "or set HEARTLINE_DATABASE_URL)."),
    as_name: str | None = typer.Option(None, "--as", metavar="NAME",
                                       help="Act as another person set up on this machine."),
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """heartline: share what really matters, and listen so the other feels understood."""
    ctx.obj = CliState(db=db, as_name=as_name)


# Set up, and what to do today.
app.command(name="hello")(friendly(hello.hello))
app.command(name="today")(friendly(today.today))
# The core exchange and the sharer's skills (M1–M4).
app.command(name="share")(friendly(exchange.share))
app.command(name="reply")(friendly(exchange.reply))
app.command(name="understood")(friendly(exchange.understood))
app.command(name="checkin")(friendly(checkin.checkin))
app.add_typer(friendly_group(feelings.sub), name="feelings")
app.add_typer(friendly_group(bid.sub), name="bid")
# Practices and rituals (M5), signs and help (M5.15, M6).
app.command(name="cards")(friendly(cards.cards))
app.command(name="weekly")(friendly(weekly.weekly))
app.add_typer(friendly_group(repair.sub), name="repair")
app.command(name="appreciate")(friendly(appreciate.appreciate))
app.command(name="hug")(friendly(hug.hug))
app.add_typer(friendly_group(unplug.sub), name="unplug")
app.command(name="new-things")(friendly(new_things.new_things))
app.add_typer(friendly_group(photos.sub), name="photos")
app.command(name="humor")(friendly(humor.humor))
app.command(name="independence")(friendly(independence.independence))
app.command(name="pulse")(friendly(pulse.pulse))
app.command(name="history")(friendly(history.history))
app.add_typer(friendly_group(remind.sub), name="remind")
app.add_typer(friendly_group(therapist.sub), name="therapist")
app.add_typer(friendly_group(practice.sub), name="practice")
# The listening coach on any text, and your data.
app.command(name="analyze")(friendly(analyze.analyze))
app.command(name="export")(friendly(archive.export))
app.command(name="import")(friendly(archive.import_))
app.command(name="delete")(friendly(archive.delete))
app.add_typer(friendly_group(user.sub), name="user")
app.command(name="serve")(friendly(serve.serve))


def _stop_cleanly(signum: int, frame: object) -> None:
    """Turn a polite kill into an exit, so unfinished output files are removed."""
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _stop_cleanly)
    app()
