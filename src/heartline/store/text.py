"""Cleaning text before it is stored: NUL characters never reach the database.

PostgreSQL cannot store the NUL character in text at all, and on SQLite it
silently cuts strings short when read back by some tools. It is never part of
what a person meant to write, so it is dropped from every string, including
those nested inside an entry's data.
"""

from __future__ import annotations

from typing import Any

NUL = "\x00"


def without_nul(value: Any) -> Any:
    """``value`` with NUL removed from every string in it (dicts and lists included)."""
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [without_nul(v) for v in value]
    return value
