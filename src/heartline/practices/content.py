"""Reading the practices' bundled content (TOML files in ``practices/data``).

Content is package data loaded with ``importlib.resources`` and parsed once
per process. A broken file is our bug, not the user's, but it still gets a
clear message naming the file.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from heartline.errors import InputError

T = TypeVar("T")


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``data/<name>.toml``."""
    text = (resources.files("heartline.practices") / "data" / f"{name}.toml").read_text("utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"not valid TOML: {err}", source=f"{name}.toml") from err


def pick(items: Sequence[T], rng: random.Random | None = None) -> T:
    """One item at random; tests pass a seeded ``rng``."""
    return (rng or random.Random()).choice(list(items))
