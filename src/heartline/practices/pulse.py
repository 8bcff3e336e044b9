"""The closeness pulse: ten statements rated 1 to 7, and how they move over time (M6, M7).

The pulse is a mirror, not a grade: our own items (not a validated clinical
scale), two for each dimension of feeling close (sharing, being understood,
validated, cared for, trust). Each person's answers are their own, so an
entry is private unless its author explicitly shares it. A score only means
something next to the same person's earlier scores, which is why the trend,
the sparkline and the chart exist; when the latest overall dips, the note
is gentle and points to real help rather than sounding an alarm.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import fmean

from sqlalchemy.orm import Session

from heartline.errors import InputError
from heartline.practices import answers
from heartline.practices.charts import Series, line_chart
from heartline.practices.content import load
from heartline.store.entries import add_entry, entries_for
from heartline.store.values import Entry, Person, Visibility

SCALE_MIN = 1
SCALE_MAX = 7
DIMENSIONS = ("disclosure", "understood", "validation", "caring", "trust")
DIMENSION_TITLES: Mapping[str, str] = {
    "disclosure": "Sharing", "understood": "Understood", "validation": "Accepted",
    "caring": "Cared for", "trust": "Trust", "overall": "Overall"}
LOW_OVERALL = 3.5        # below this the latest overall earns the gentle note
NOTABLE_DROP = 1.0       # or this far below the average of the answers just before it
BASELINE_COUNT = 3       # how many earlier answers make that average
TOLERANCE = 1e-9         # so a drop of exactly one point counts, whatever the float rounding
DECIMALS = 2


@dataclass(frozen=True)
class Item:
    key: str
    dimension: str
    text: str


@dataclass(frozen=True)
class Signs:
    missing: tuple[str, ...]
    present: tuple[str, ...]
    low_note: str


@dataclass(frozen=True)
class Content:
    disclaimer: str
    scale_low: str
    scale_high: str
    items: tuple[Item, ...]
    signs: Signs

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)


@dataclass(frozen=True)
class Pulse:
    """One person's answers, with the mean of each dimension and overall."""

    answers: Mapping[str, int]
    scores: Mapping[str, float]
    overall: float

    def as_data(self) -> dict[str, object]:
        return {"answers": dict(self.answers), "scores": dict(self.scores),
                "overall": self.overall}


@dataclass(frozen=True)
class Point:
    """One pulse on the trend line."""

    at: datetime
    scores: Mapping[str, float]
    overall: float


def content() -> Content:
    data = load("pulse")
    signs = data["signs"]
    return Content(
        disclaimer=data["disclaimer"], scale_low=data["scale_low"], scale_high=data["scale_high"],
        items=tuple(Item(i["key"], i["dimension"], i["text"]) for i in data["items"]),
        signs=Signs(tuple(signs["missing"]), tuple(signs["present"]), signs["low_note"]))


# --- Answers ---------------------------------------------------------------------------------


def parse_score(text: str) -> int:
    """One answer, a whole number from 1 to 7; anything else is explained."""
    cleaned = text.strip()
    if not cleaned.isdecimal() or not SCALE_MIN <= int(cleaned) <= SCALE_MAX:
        raise InputError(f"Each answer is a whole number from {SCALE_MIN} to {SCALE_MAX}, "
                         f"not {text.strip()!r}.")
    return int(cleaned)


def parse_pairs(pairs: Sequence[str], keys: Sequence[str]) -> dict[str, int]:
    """``KEY=N`` answers (``--score``); an unknown key or a missing ``=`` is explained."""
    given = answers.parse_pairs(pairs, keys, flag="--score", value="N")
    return {key: parse_score(value) for key, value in given.items()}


def parse_list(text: str, keys: Sequence[str]) -> dict[str, int]:
    """``5,6,4,...`` (``--scores``): one answer per statement, in order."""
    parts = [p for p in text.replace(" ", ",").split(",") if p]
    if len(parts) != len(keys):
        raise InputError(f"--scores needs {len(keys)} numbers, one per statement in order "
                         f"(like 5,6,4,5,6,6,5,7,6,5); got {len(parts)}.")
    return {key: parse_score(part) for key, part in zip(keys, parts, strict=True)}


def scripted(pairs: Sequence[str], listed: str | None, keys: Sequence[str]
             ) -> dict[str, int] | None:
    """Answers given as flags, complete; ``None`` when none were given (ask instead)."""
    if pairs and listed is not None:
        raise InputError("Use either --score KEY=N or --scores with all the numbers, not both.")
    if listed is not None:
        return parse_list(listed, keys)
    if not pairs:
        return None
    answers = parse_pairs(pairs, keys)
    missing = [k for k in keys if k not in answers]
    if missing:
        raise InputError(f"Every statement needs an answer; still missing: {', '.join(missing)}.")
    return answers


def score(answers: Mapping[str, int], items: Sequence[Item]) -> Pulse:
    """The mean of each dimension and overall, rounded for reading."""
    for item in items:
        parse_score(str(answers.get(item.key, "")))
    by_dimension: dict[str, list[int]] = {}
    for item in items:
        by_dimension.setdefault(item.dimension, []).append(answers[item.key])
    scores = {d: round(fmean(v), DECIMALS) for d, v in by_dimension.items()}
    overall = round(fmean(answers[i.key] for i in items), DECIMALS)
    return Pulse({i.key: answers[i.key] for i in items}, scores, overall)


def record(session: Session, person: Person, pulse: Pulse, *, relationship_id: str | None,
           visibility: Visibility = "private") -> Entry:
    return add_entry(session, person, "pulse", visibility=visibility,
                     relationship_id=relationship_id, data=pulse.as_data())


# --- Trend ---------------------------------------------------------------------------------


def points(entries: Iterable[Entry]) -> tuple[Point, ...]:
    """Pulse entries as trend points, oldest first; an entry missing its numbers is skipped."""
    found = []
    for entry in entries:
        scores, overall = entry.data.get("scores"), entry.data.get("overall")
        if isinstance(scores, Mapping) and isinstance(overall, int | float):
            found.append(Point(entry.created_at, dict(scores), float(overall)))
    return tuple(sorted(found, key=lambda p: p.at))


def my_points(session: Session, person: Person, *, relationship_id: str | None
              ) -> tuple[Point, ...]:
    """This person's own pulses (never the other person's), oldest first."""
    return points(entries_for(session, person, kinds=["pulse"], author=person,
                              relationship_id=relationship_id, newest_first=False))


def series(trend: Sequence[Point]) -> dict[str, tuple[float, ...]]:
    """Each dimension's scores over time, then overall (a gap reads as the overall)."""
    lines = {d: tuple(float(p.scores.get(d, p.overall)) for p in trend) for d in DIMENSIONS}
    lines["overall"] = tuple(p.overall for p in trend)
    return lines


def dipped(overalls: Sequence[float]) -> bool:
    """The latest overall is low, or clearly below the few answers just before it."""
    if not overalls:
        return False
    latest, before = overalls[-1], overalls[-1 - BASELINE_COUNT:-1]
    if latest < LOW_OVERALL:
        return True
    return bool(before) and latest <= fmean(before) - NOTABLE_DROP + TOLERANCE


def chart(trend: Sequence[Point]) -> str:
    """The trend as an SVG line chart, one line per dimension and one for overall."""
    if not trend:
        raise InputError("There's nothing to chart yet. Answer the pulse first: heartline pulse")
    dates = [p.at.astimezone().date().isoformat() for p in trend]
    lines = [Series(DIMENSION_TITLES[name], values, emphasis=name == "overall")
             for name, values in series(trend).items()]
    span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    desc = (f"{len(trend)} closeness pulse answers, {span}, on a scale from {SCALE_MIN} to "
            f"{SCALE_MAX}. Latest overall: {trend[-1].overall:.1f}.")
    return line_chart(lines, dates, title="Closeness pulse over time", desc=desc,
                      low=SCALE_MIN, high=SCALE_MAX, y_title=f"Score ({SCALE_MIN}–{SCALE_MAX})")
