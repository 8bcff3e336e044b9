"""``heartline user``: accounts of the web app, looked after from this machine."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.prompt import Prompt
from rich.table import Table

from heartline.cli.context import open_store

HELP = """Accounts for the web app (heartline serve), managed by whoever runs it.

There is no password reset by email: heartline sends nothing anywhere. Whoever
runs the server resets a forgotten password here, on the machine itself.

  heartline user list
  heartline user reset-password sam@example.com
  echo "a long new passphrase" | heartline user reset-password sam@example.com --password-stdin
"""

sub = typer.Typer(help=HELP, no_args_is_help=True)


def list_(ctx: typer.Context) -> None:
    from sqlalchemy import select

    from heartline.store.schema import AccountRow, PersonRow

    store = open_store(ctx)
    with store.read() as session:
        rows = session.execute(select(PersonRow.name, AccountRow.email)
                               .join(AccountRow, AccountRow.person_id == PersonRow.id)
                               .order_by(AccountRow.email)).all()
    if not rows:
        Console().print("No web accounts yet. People sign up at heartline serve.")
        return
    table = Table("Name", "Email", title="Web accounts")
    for name, email in rows:
        table.add_row(name, email)
    Console().print(table)


def reset_password(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the new password from standard input (scripts).")
    ] = False,
) -> None:
    from heartline.errors import InputError
    from heartline.store.accounts import check_password, reset_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        hidden = sys.stdin.isatty()  # getpass can only hide typing on a real terminal
        password = Prompt.ask("New password", password=hidden)
        if Prompt.ask("The same again", password=hidden) != password:
            raise InputError("The two passwords differ; nothing was changed.")
    check_password(password)
    store = open_store(ctx)
    with store.write() as session:
        person = reset_password(session, email, password)
    Console().print(f"The password of {person.name} ({email.strip().lower()}) is reset.")


list_.__doc__ = """Every web account: who it belongs to and its email.

  heartline user list
"""
reset_password.__doc__ = """Set a new password for an account (local recovery).

  heartline user reset-password sam@example.com
"""
sub.command(name="list")(list_)
sub.command(name="reset-password")(reset_password)
