"""History: what a person has written and been shown, one line per entry.

Everything is read through ``entries_for``, so a person only ever sees their
own entries and what others chose to share with them; a partner's private
entries and drafts never appear. Each kind gets a short summary of its own,
written from the entry's data; a kind this module doesn't know yet falls back
to the entry's words, so a new practice never breaks the history.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.store.entries import entries_for
from heartline.store.people import get_person
from heartline.store.values import ENTRY_KINDS, KIND_TITLES, Entry, Person, Visibility

MAX_SUMMARY = 80
MAX_DAYS = 36_500                       # a hundred years back is far enough
SPAN = re.compile(r"(\d{1,6})\s*(h|hours?|d|days?|w|weeks?)", re.IGNORECASE)
UNIT_HOURS = {"h": 1, "d": 24, "w": 24 * 7}
SINCE_HINT = "Use a span like 7d, 2w or 12h, or a date like 2026-11-01."


@dataclass(frozen=True)
class Line:
    """One entry in the history, ready to show."""

    entry_id: str
    at: datetime
    kind: str
    title: str
    summary: str
    author: str
    mine: bool
    visibility: Visibility


def check_kinds(given: Sequence[str]) -> tuple[str, ...]:
    """Kinds as typed (``new-thing`` or ``new_thing``, commas allowed); unknown ones explained."""
    kinds = [k.strip().lower().replace("-", "_") for raw in given for k in raw.split(",")]
    unknown = [k for k in kinds if k not in ENTRY_KINDS]
    if unknown or not kinds:
        raise InputError(f"There's no kind called {', '.join(unknown) or '(nothing)'!r}. "
                         f"Choose from: {', '.join(ENTRY_KINDS)}.")
    return tuple(dict.fromkeys(kinds))


def parse_since(text: str, now: datetime) -> datetime:
    """``7d``, ``2w``, ``12h`` back from ``now``, or a date (from its local midnight), in UTC."""
    cleaned = text.strip()
    span = SPAN.fullmatch(cleaned)
    if span:
        hours = int(span.group(1)) * UNIT_HOURS[span.group(2)[0].lower()]
        if not 0 < hours <= MAX_DAYS * 24:
            raise InputError(f"--since needs a span from 1h to {MAX_DAYS:,}d, not {text!r}.")
        return (now - timedelta(hours=hours)).astimezone(UTC)
    try:
        day = date.fromisoformat(cleaned)
        return datetime.combine(day, time()).astimezone().astimezone(UTC)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"--since doesn't understand {text!r}. {SINCE_HINT}") from None


def lines(session: Session, viewer: Person, *, kinds: Sequence[str] | None = None,
          since: datetime | None = None, limit: int | None = None,
          mine: bool = False) -> list[Line]:
    """What ``viewer`` may see, newest first, as one-line summaries."""
    entries = entries_for(session, viewer, kinds=kinds, since=since, limit=limit,
                          author=viewer if mine else None)
    names = {viewer.id: viewer.name}
    for entry in entries:
        if entry.author_id not in names:
            names[entry.author_id] = get_person(session, entry.author_id).name
    return [Line(e.id, e.created_at, e.kind, KIND_TITLES.get(e.kind, e.kind), summary(e),
                 names[e.author_id], e.author_id == viewer.id, e.visibility) for e in entries]


def summary(entry: Entry) -> str:
    """A short line saying what the entry holds."""
    landed = entry.data.get("understood")
    if entry.kind == "understood" and isinstance(landed, bool):
        return _shorten("felt understood" if landed else f"not quite: {entry.text or ''}")
    special = SUMMARIES.get(entry.kind)
    text = (special(entry.data) if special else "") or _fallback(entry)
    return _shorten(text)


def _fallback(entry: Entry) -> str:
    """The entry's words, else the first thing written in its answers or parts."""
    if entry.text and entry.text.strip():
        return entry.text
    for key in ("answers", "parts", "sections"):
        found = entry.data.get(key)
        if isinstance(found, Mapping):
            words = [str(v) for v in found.values() if isinstance(v, str) and v.strip()]
            if words:
                return words[0]
    return ""


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_SUMMARY else flat[:MAX_SUMMARY - 1].rstrip() + "…"


def _pulse(data: Mapping[str, Any]) -> str:
    overall = data.get("overall")
    return f"overall {overall:.1f} of 7" if isinstance(overall, int | float) else ""


def _handoff(data: Mapping[str, Any]) -> str:
    sections = data.get("sections")
    if not isinstance(sections, Mapping) or not sections:
        return ""
    from heartline.help.professional import content

    titles = {s.key: s.title for s in content().sections}
    return "notes on: " + ", ".join(titles.get(str(k), str(k)) for k in sections)


def _hug(data: Mapping[str, Any]) -> str:
    seconds = data.get("seconds")
    if not isinstance(seconds, int):
        return ""
    minutes, rest = divmod(seconds, 60)
    length = f"{minutes} min {rest} s" if rest else f"{minutes} min"
    return length + (", the whole way" if data.get("completed") else "")


def _unplug(data: Mapping[str, Any]) -> str:
    minutes = data.get("minutes")
    if isinstance(minutes, int):
        return f"{minutes} minutes, screens away"
    started = "started_at" in data and data.get("ended_at") is None
    return "screens away (still going)" if started else ""


def _checkin(data: Mapping[str, Any]) -> str:
    parts = [f"{label}: {data[key]}" for key, label in
             (("how", "how"), ("rose", "rose"), ("thorn", "thorn"), ("bud", "bud"))
             if isinstance(data.get(key), str) and data[key].strip()]
    return "; ".join(parts)


def _field(name: str) -> Callable[[Mapping[str, Any]], str]:
    def read(data: Mapping[str, Any]) -> str:
        value = data.get(name)
        return value if isinstance(value, str) else ""

    return read


SUMMARIES: Mapping[str, Callable[[Mapping[str, Any]], str]] = {
    "pulse": _pulse, "handoff": _handoff, "hug": _hug, "unplug": _unplug,
    "checkin": _checkin, "card": _field("question"), "new_thing": _field("title"),
}
