"""Every command, option and setting is documented (STYLE.md practice 7).

A command without teaching help text, an option without help, a top-level
command the README never shows, or a setting the README never names fails
here, so documentation cannot fall behind the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer.main

from heartline.cli.app import app
from heartline.help.resources import REGION_VARIABLE
from heartline.store.settings import SETTINGS_HELP

README = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
MIN_HELP = 30


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], click.Command]]:
    yield path, command
    # Typer may bundle its own click, so look for sub-commands rather than a class.
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


ALL = list(_commands(typer.main.get_command(app)))
IDS = [" ".join(path) or "heartline" for path, _ in ALL]


def test_there_are_commands_to_check() -> None:
    assert len(ALL) > 15


@pytest.mark.parametrize(("path", "command"), ALL, ids=IDS)
def test_every_command_has_help_that_teaches(path: tuple[str, ...],
                                              command: click.Command) -> None:
    assert command.help and len(command.help.strip()) >= MIN_HELP, f"{path} needs help text"


@pytest.mark.parametrize(("path", "command"), ALL, ids=IDS)
def test_every_option_and_argument_is_explained(path: tuple[str, ...],
                                                command: click.Command) -> None:
    for param in command.params:
        if param.name == "help":
            continue
        assert getattr(param, "help", None), f"{' '.join(path)}: {param.name} needs help"


@pytest.mark.parametrize("name", sorted(getattr(ALL[0][1], "commands", {})))
def test_the_readme_shows_every_top_level_command(name: str) -> None:
    assert f"heartline {name}" in README or f"heartline --as Alex {name}" in README


@pytest.mark.parametrize("setting", [*SETTINGS_HELP, REGION_VARIABLE])
def test_the_readme_names_every_setting(setting: str) -> None:
    assert setting in README
