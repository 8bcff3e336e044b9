"""Professional help: when a therapist can help, where to find one, and notes to bring (M5.15).

heartline is a place to practise, never therapy (SYSTEM.md, "never do"), so
this module points outward: to directories of therapists, including low-cost
ones and ones for specific communities, and to a handoff summary a person
writes in their own words for a first session. The summary is private,
always: it is exported only to a file the person names and never shared.
The content lives in ``practices/data/professional_help.toml``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.help.resources import REGION_VARIABLE, RESOURCES, Resource
from heartline.practices.content import load
from heartline.store.entries import add_entry
from heartline.store.values import Entry, Person

KINDS = ("general", "low_cost", "community")
KIND_TITLES: Mapping[str, str] = {
    "general": "Finding a therapist", "low_cost": "Free or lower-cost options",
    "community": "For specific communities"}
ANYWHERE = "anywhere"
EMERGENCY = "Emergency services"


@dataclass(frozen=True)
class Directory:
    name: str
    url: str
    region: str
    kind: str
    about: str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    prompt: str


@dataclass(frozen=True)
class Content:
    intro: str
    when: tuple[str, ...]
    directories: tuple[Directory, ...]
    handoff_intro: str
    sections: tuple[Section, ...]

    @property
    def section_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)


@dataclass(frozen=True)
class Finding:
    """Directories to show; ``covered`` is False when none is listed for the region asked."""

    directories: tuple[Directory, ...]
    region: str | None
    covered: bool


def content() -> Content:
    data = load("professional_help")
    handoff = data["handoff"]
    return Content(
        intro=data["intro"], when=tuple(data["when"]),
        directories=tuple(Directory(d["name"], d["url"], d["region"], d["kind"], d["about"])
                          for d in data["directory"]),
        handoff_intro=handoff["intro"],
        sections=tuple(Section(s["key"], s["title"], s["prompt"]) for s in handoff["sections"]))


def region_from(given: str | None) -> str | None:
    """The region asked for, else ``HEARTLINE_REGION``; ``None`` means every region."""
    return (given or os.environ.get(REGION_VARIABLE) or "").strip().upper() or None


def find(kind: str | None = None, region: str | None = None) -> Finding:
    """Directories of one kind (or all) for a region and everywhere; all regions if none fit."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"Choose a kind of directory from {', '.join(KINDS)}, not {kind!r}.")
    wanted = region_from(region)
    candidates = [d for d in content().directories if kind is None or d.kind == kind]
    if wanted is None:
        return Finding(tuple(candidates), None, True)
    local = [d for d in candidates if d.region in (wanted, ANYWHERE)]
    if any(d.region == wanted for d in local):
        return Finding(tuple(sorted(local, key=lambda d: d.region == ANYWHERE)), wanted, True)
    return Finding(tuple(candidates), wanted, False)


def emergency(region: str | None) -> Resource | None:
    """The emergency number for a region, when we know it."""
    return next((r for r in RESOURCES if r.region == region and r.name == EMERGENCY), None)


# --- Handoff summary -----------------------------------------------------------------------




def written(sections: Mapping[str, str], keys: Sequence[str]) -> dict[str, str]:
    """The sections that say something, in the content's order; none at all is explained."""
    kept = {key: sections[key].strip() for key in keys if sections.get(key, "").strip()}
    if not kept:
        raise InputError("There's nothing in the summary yet: write at least one section "
                         "(for example --answer why_now=\"...\").")
    return kept


def markdown(sections: Mapping[str, str], *, author: str, on: date) -> str:
    """The summary as Markdown, the person's words exactly as written (nothing escaped)."""
    titles = {s.key: s.title for s in content().sections}
    lines = ["# Notes for a first session", "",
             f"Written by {author} on {on.isoformat()}, in my own words, to help me get "
             "started. I made these notes with heartline, an app for practising closeness; "
             "it is not therapy and does not diagnose anything.", ""]
    for key, text in sections.items():
        lines += [f"## {titles.get(key, key)}", "", text.strip(), ""]
    return "\n".join(lines)


def record(session: Session, person: Person, sections: Mapping[str, str]) -> Entry:
    """Keep the summary, private always: it is never shared, whatever else is."""
    return add_entry(session, person, "handoff", visibility="private",
                     data={"sections": dict(sections)})
