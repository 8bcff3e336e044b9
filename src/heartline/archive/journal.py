"""The export's readable side: a Markdown journal, day by day, in local time.

It is for a person to read and keep, not for the machine (the JSON is), so it
shows words and answers and leaves out ids and analysis numbers. Everything a
person typed is escaped, so their words never turn into Markdown markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from heartline.archive.document import EntryDoc, ExportDoc
from heartline.store.values import KIND_TITLES

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|>~])")
HIDDEN_KEYS = frozenset({"photos", "used", "items"})
VISIBILITY_WORDS = {"private": "private", "shared": "shared", "draft": "draft"}


def escape(text: str) -> str:
    """Plain text safe inside Markdown: markup characters are backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def journal(document: ExportDoc) -> str:
    names = {p.id: p.name for p in document.people}
    owner = names.get(document.person_id, "you")
    lines = [f"# heartline journal: {escape(owner)}", "",
             f"Everything {escape(owner)} can see in heartline: their own entries, and what "
             "others shared with them. Times are local.", ""]
    lines += _relationships(document, names)
    photos = {}
    for photo in document.photos:
        photos.setdefault(photo.entry_id, []).append(f"{photo.sha256}{photo.suffix}")
    day = None
    for entry in document.entries:
        local = entry.created_at.astimezone()
        heading = local.strftime("%A %d %B %Y")
        if heading != day:
            lines += [f"## {heading}", ""]
            day = heading
        lines += _entry(entry, names, photos.get(entry.id, []), local.strftime("%H:%M"))
    return "\n".join(lines).rstrip() + "\n"


def _relationships(document: ExportDoc, names: Mapping[str, str]) -> list[str]:
    if not document.relationships:
        return ["Solo practice: no relationships yet.", ""]
    lines = ["## Relationships", ""]
    for relationship in document.relationships:
        members = ", ".join(escape(names.get(m.person_id, "someone"))
                            for m in relationship.members)
        lines.append(f"- {relationship.kind.replace('_', '–')}: {members}")
    return [*lines, ""]


def _entry(entry: EntryDoc, names: Mapping[str, str], photos: list[str], time: str) -> list[str]:
    title = KIND_TITLES.get(entry.kind, entry.kind)
    author = escape(names.get(entry.author_id, "someone"))
    lines = [f"### {time} · {author} · {escape(title)} ({VISIBILITY_WORDS[entry.visibility]})",
             ""]
    if entry.text:
        lines += [f"> {escape(line)}" if line else ">" for line in entry.text.splitlines()]
        lines.append("")
    details = list(_details(entry.data))
    lines += [*details, ""] if details else []
    lines += [f"![photo](photos/{name})" for name in photos]
    return [*lines, ""] if photos else lines


def _details(data: Mapping[str, Any], indent: str = "") -> list[str]:
    lines = []
    for key, value in data.items():
        if key in HIDDEN_KEYS or value in (None, "", [], {}):
            continue
        label = key.replace("_", " ")
        if isinstance(value, Mapping):
            lines.append(f"{indent}- {escape(label)}:")
            lines += _details(value, indent + "  ")
        else:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            lines.append(f"{indent}- {escape(label)}: {escape(shown)}")
    return lines
