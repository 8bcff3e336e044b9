"""Reading optional timestamps from formats that store them as free-form strings."""

from __future__ import annotations

from datetime import datetime


def parse_iso(value: object) -> datetime | None:
    """An ISO 8601 date-time, or None when the value is missing or not ISO.

    Timestamps are a bonus, not a requirement: a transcript with odd dates is still
    worth reading, so an unreadable timestamp is dropped rather than rejected.
    """
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None
