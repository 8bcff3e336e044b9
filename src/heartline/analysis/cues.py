"""Phrase cues: the explainable half of the analysis.

Cues are regular expressions shipped as TOML package data, each with a label
and a one-line reason written for the person reading the feedback. They give
every label a highlighted span, and they are also features for the trained
heads, which learn how far to trust each one.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Cue:
    label: str
    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True)
class CueHit:
    """One matched phrase: where it is, which label it supports, and why."""

    label: str
    start: int
    end: int
    why: str


def read_data(filename: str) -> dict[str, Any]:
    """The TOML file ``analysis/data/<filename>``: the analysis's phrase lists live there."""
    text = (resources.files("heartline.analysis") / "data" / filename).read_text("utf-8")
    return tomllib.loads(text)


@cache
def load_cues(filename: str) -> tuple[Cue, ...]:
    """Compile the cue file ``analysis/data/<filename>`` once per process."""
    entries = read_data(filename)["cue"]
    return tuple(
        Cue(e["label"], re.compile(e["pattern"], re.IGNORECASE | re.MULTILINE), e["why"])
        for e in entries
    )


def find_cues(text: str, cues: tuple[Cue, ...]) -> list[CueHit]:
    """All non-empty matches, in text order."""
    hits = []
    for cue in cues:
        for match in cue.pattern.finditer(text):
            start, end = _trim(text, match.start(), match.end())
            if end > start:
                hits.append(CueHit(cue.label, start, end, cue.why))
    return sorted(hits, key=lambda h: (h.start, h.end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def indicators(fired: Collection[str], labels: tuple[str, ...]) -> list[float]:
    """1.0 for each of ``labels`` that fired: the heads' rule features."""
    return [1.0 if label in fired else 0.0 for label in labels]


def cue_vector(hits: list[CueHit], labels: tuple[str, ...]) -> list[float]:
    """1.0 for each label with at least one cue hit."""
    return indicators({h.label for h in hits}, labels)
