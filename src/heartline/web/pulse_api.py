"""The closeness pulse on the web: its models, the views shared by HTML and JSON, JSON routes.

Each view is built once here and served twice: as JSON under ``/api`` by this
module's router and as HTML by ``pulse_pages`` (datasette's rule). The rules
live in ``practices.pulse``, the same core the CLI uses. The trend and the
chart are read with ``my_points``, which keeps only the person's own pulses:
a partner's pulse, even one shared with them, is theirs to look at, not to
chart next to yours (M6). A pulse is private unless its author shares it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from statistics import fmean
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from heartline.errors import InputError, NotFoundError
from heartline.help import professional
from heartline.practices import pulse as core
from heartline.practices.charts import sparkline
from heartline.store import Store, people
from heartline.store.values import Person, Relationship, Visibility
from heartline.web import views
from heartline.web.deps import api_person, store_of
from heartline.web.render import SVG, svg_response
from heartline.web.rituals_together_api import seen

router = APIRouter(tags=["pulse"])
Me = Annotated[Person, Depends(api_person)]
MAX_ANSWERS = 50       # a few more than the ten statements: room for a typo, not a flood
MAX_KEY_CHARS = 100
UNKNOWN_SHOWN = 3      # how many unknown keys an error message repeats back
RelationshipQuery = Annotated[str | None, Query(
    max_length=MAX_KEY_CHARS, description="Whose pulse with whom; default: your first one.")]
Rating = Annotated[int, Field(ge=core.SCALE_MIN, le=core.SCALE_MAX)]


class StatementOut(BaseModel):
    key: str
    dimension: str
    text: str


class PointOut(BaseModel):
    at: datetime
    scores: dict[str, float]
    overall: float


class DimensionOut(BaseModel):
    """One line of the trend: where it is now, where it usually is, and how it moved."""

    name: str
    title: str
    latest: float
    average: float
    values: list[float]
    sparkline: str


class DirectoryOut(BaseModel):
    name: str
    url: str
    about: str


class GentleNoteOut(BaseModel):
    """Shown when the latest pulse dips: a signal, not a verdict, and where real help is."""

    text: str
    help_intro: str
    directories: list[DirectoryOut]


class SignsOut(BaseModel):
    missing: list[str]
    present: list[str]


class PulseOut(BaseModel):
    """The pulse page: the statements, and this person's own trend (never anyone else's)."""

    disclaimer: str
    scale_min: int
    scale_max: int
    scale_low: str
    scale_high: str
    statements: list[StatementOut]
    signs: SignsOut
    relationship: views.RelationshipOut | None
    relationships: list[views.RelationshipOut]
    points: list[PointOut]
    latest: PointOut | None
    dimensions: list[DimensionOut]
    dipped: bool
    note: GentleNoteOut | None


class NewPulse(BaseModel):
    answers: dict[Annotated[str, Field(max_length=MAX_KEY_CHARS)], Rating] = Field(
        max_length=MAX_ANSWERS, description="Every statement's key, rated 1 to 7.")
    relationship_id: str | None = Field(default=None, max_length=MAX_KEY_CHARS,
                                        description="Default: your first one.")
    visibility: Visibility = "private"


class PulseSavedOut(BaseModel):
    entry: views.EntryOut
    scores: dict[str, float]
    overall: float
    view: PulseOut


# --- Views --------------------------------------------------------------------------------

def checked(answers: Mapping[str, int], content: core.Content) -> dict[str, int]:
    """Exactly the ten statements: ``score`` would drop a stray key and not name a missing one."""
    unknown = [key for key in answers if key not in content.keys]
    if unknown:
        shown = ", ".join(repr(key[:40]) for key in unknown[:UNKNOWN_SHOWN])
        raise InputError(f"These aren't statements of the pulse: {shown}. "
                         f"The keys are {', '.join(content.keys)}.")
    missing = [key for key in content.keys if key not in answers]
    if missing:
        raise InputError(f"Every statement needs an answer; still missing: {', '.join(missing)}.")
    return {key: answers[key] for key in content.keys}


def my_trend(store: Store, person: Person, relationship_id: str | None
             ) -> tuple[list[Relationship], Relationship | None, tuple[core.Point, ...]]:
    """The person's relationships, the one in view, and their own pulses in it."""
    with store.read() as session:
        mine = people.relationships_of(session, person.id)
        together = views.pick_relationship(mine, relationship_id)
        trend = core.my_points(session, person, relationship_id=together.id if together else None)
    return mine, together, trend


def pulse(store: Store, person: Person, relationship_id: str | None = None) -> PulseOut:
    content = core.content()
    mine, together, trend = my_trend(store, person, relationship_id)
    dipped = core.dipped([p.overall for p in trend])
    return PulseOut(
        disclaimer=content.disclaimer, scale_min=core.SCALE_MIN, scale_max=core.SCALE_MAX,
        scale_low=content.scale_low, scale_high=content.scale_high,
        statements=[StatementOut(key=i.key, dimension=i.dimension, text=i.text)
                    for i in content.items],
        signs=SignsOut(missing=list(content.signs.missing), present=list(content.signs.present)),
        relationship=views.relationship_out(together) if together else None,
        relationships=[views.relationship_out(r) for r in mine],
        points=[_point(p) for p in trend], latest=_point(trend[-1]) if trend else None,
        dimensions=_dimensions(trend), dipped=dipped,
        note=_note(content, person) if dipped else None)


def record(store: Store, person: Person, new: NewPulse) -> PulseSavedOut:
    """Score and keep one pulse; shared only when chosen, and only with someone to share with."""
    content = core.content()
    result = core.score(checked(new.answers, content), content.items)
    with store.write() as session:
        together = views.pick_relationship(people.relationships_of(session, person.id),
                                            new.relationship_id)
        where = together.id if together else None
        entry = core.record(session, person, result, relationship_id=where,
                            visibility=seen(new.visibility, where))
    return PulseSavedOut(entry=views.entry_out(entry, person, {person.id: person.name}),
                         scores=dict(result.scores), overall=result.overall,
                         view=pulse(store, person, where))


def chart(store: Store, person: Person, relationship_id: str | None = None) -> str:
    _, _, trend = my_trend(store, person, relationship_id)
    if not trend:
        raise NotFoundError("There's no chart yet: it appears after your first pulse. "
                            "Answer the ten statements whenever you're ready.")
    return core.chart(trend)


def _point(point: core.Point) -> PointOut:
    return PointOut(at=point.at, scores=dict(point.scores), overall=point.overall)


def _dimensions(trend: Sequence[core.Point]) -> list[DimensionOut]:
    if not trend:
        return []
    return [DimensionOut(name=name, title=core.DIMENSION_TITLES[name], latest=values[-1],
                         average=round(fmean(values), core.DECIMALS), values=list(values),
                         sparkline=sparkline(values, low=core.SCALE_MIN, high=core.SCALE_MAX))
            for name, values in core.series(trend).items()]


def _note(content: core.Content, person: Person) -> GentleNoteOut:
    """The CLI's gentle note, with the therapist directories for the person's region."""
    found = professional.find("general", person.region)
    return GentleNoteOut(text=content.signs.low_note, help_intro=professional.content().intro,
                         directories=[DirectoryOut(name=d.name, url=d.url, about=d.about)
                                      for d in found.directories])


# --- JSON routes --------------------------------------------------------------------------

@router.get("/pulse")
def pulse_json(request: Request, me: Me, relationship_id: RelationshipQuery = None) -> PulseOut:
    return pulse(store_of(request), me, relationship_id)


@router.post("/pulse")
def record_json(request: Request, me: Me, body: NewPulse) -> PulseSavedOut:
    return record(store_of(request), me, body)


@router.get("/pulse/chart.svg", response_class=Response,
            responses={200: {"content": {SVG: {}}, "description": "Your own pulses, as SVG."}})
def chart_json(request: Request, me: Me, relationship_id: RelationshipQuery = None) -> Response:
    return svg_response(chart(store_of(request), me, relationship_id))
