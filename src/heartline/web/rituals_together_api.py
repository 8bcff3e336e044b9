"""The long hug, unplugged time and history: their models, views and JSON routes.

Each view is built once here and served twice: as JSON under ``/api`` by this
module's router and as HTML by ``rituals_together`` (datasette's rule). The
views only call the core practices the CLI uses (``practices.hug``,
``practices.unplug``, ``practices.history``), and every read goes through
``entries_for``, so a partner's private entries and drafts never show up here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from heartline.practices import history as history_core
from heartline.practices import hug as hug_core
from heartline.practices import unplug as unplug_core
from heartline.store import Store, people
from heartline.store.values import Entry, Person, Relationship, Visibility
from heartline.web import views
from heartline.web.deps import api_person, store_of

router = APIRouter(tags=["together"])
Me = Annotated[Person, Depends(api_person)]
HISTORY_LIMIT = 50
MAX_HISTORY_LIMIT = 1000
SEEN_WORDS = {"private": "only you", "draft": "only you (draft)", "shared": "shared"}


class StepOut(BaseModel):
    at: float
    phase: str
    cue: str


class HugPlanOut(BaseModel):
    """Everything the browser's timer needs; the pacing itself comes from the core schedule."""

    intro: str
    planned_seconds: int
    spoken: str
    phase_words: dict[str, str]
    steps: list[StepOut]
    closing: str
    relationships: list[views.RelationshipOut]


class NewHug(BaseModel):
    seconds: int = Field(ge=1, le=hug_core.MAX_SECONDS, description="Seconds actually hugged.")
    planned_seconds: int = Field(default=hug_core.DEFAULT_MINUTES * 60, ge=1,
                                 le=hug_core.MAX_SECONDS)
    relationship_id: str | None = None
    visibility: Visibility = "private"


class HugOut(BaseModel):
    entry: views.EntryOut
    spoken: str
    completed: bool
    message: str


class DayOut(BaseModel):
    day: date
    label: str
    minutes: int


class UnplugOut(BaseModel):
    running: bool
    since: str | None
    minutes_so_far: int | None
    week_total: int
    days: list[DayOut]
    opening: str | None
    idea: str | None
    message: str | None
    relationships: list[views.RelationshipOut]


class UnplugAction(BaseModel):
    action: Literal["start", "stop"]
    relationship_id: str | None = None
    visibility: Visibility = "private"
    minutes: int | None = Field(default=None, ge=1, le=unplug_core.MAX_MINUTES,
                                description="On stop: the minutes you really had, if it was "
                                            "left running.")


class LineOut(BaseModel):
    id: str
    at: datetime
    kind: str
    title: str
    summary: str
    author: str
    mine: bool
    visibility: Visibility
    seen_by: str


class HistoryOut(BaseModel):
    lines: list[LineOut]
    kinds: list[str]
    since: str | None
    mine: bool
    limit: int


def now() -> datetime:
    return datetime.now().astimezone()


def relationships(store: Store, person: Person) -> list[views.RelationshipOut]:
    with store.read() as session:
        return [views.relationship_out(r) for r in people.relationships_of(session, person.id)]


def seen(visibility: Visibility, relationship_id: str | None) -> Visibility:
    """Shared needs someone to share with: without a relationship it stays private."""
    return "private" if visibility == "shared" and relationship_id is None else visibility


# --- The long hug (M5.8) ------------------------------------------------------------------

def hug_plan(store: Store, person: Person, minutes: int | None = None) -> HugPlanOut:
    script = hug_core.script()
    planned = hug_core.length(minutes)
    steps = [StepOut(at=s.at, phase=s.phase, cue=s.cue)
             for s in hug_core.schedule(planned, script)]
    return HugPlanOut(intro=script.intro, planned_seconds=planned,
                      spoken=hug_core.spoken(planned), phase_words=dict(hug_core.PHASE_WORDS),
                      steps=steps, closing=hug_core.closing_line(script),
                      relationships=relationships(store, person))


def log_hug(store: Store, person: Person, hug: NewHug) -> HugOut:
    """Log the seconds hugged: a hug cut short is still a hug."""
    planned = hug_core.length(None, hug.planned_seconds)
    with store.write() as session:
        entry = hug_core.record(session, person, planned_seconds=planned, seconds=hug.seconds,
                                relationship_id=hug.relationship_id,
                                visibility=seen(hug.visibility, hug.relationship_id))
        mine = people.relationships_of(session, person.id)
    done = int(entry.data["seconds"])
    completed = bool(entry.data["completed"])
    whole = ", the whole way" if completed else ""
    message = f"Logged {hug_core.spoken(done)}{whole}. {_seen_note(entry, mine)}"
    return HugOut(entry=views.entry_out(entry, person, {person.id: person.name}),
                  spoken=hug_core.spoken(done), completed=completed, message=message)


def _seen_note(entry: Entry, mine: Sequence[Relationship]) -> str:
    if entry.visibility == "draft":
        return "Kept as a draft, only for you."
    if entry.visibility == "private":
        return "Only you can see it."
    together = next((r for r in mine if r.id == entry.relationship_id), None)
    names = ", ".join(p.name for p in together.others(entry.author_id)) if together else ""
    return f"Shared with {names}." if names else "Shared."


# --- Unplugged time (M5.9) ----------------------------------------------------------------

def unplug_status(store: Store, person: Person, *, message: str | None = None) -> UnplugOut:
    moment = now()
    with store.read() as session:
        current = unplug_core.running(session, person)
        week = unplug_core.this_week(session, person, now=moment)
    days = [DayOut(day=day, label=f"{day:%a %d %b}", minutes=minutes)
            for day, minutes in week.days]
    since = so_far = opening = idea = None
    if current is not None:
        begun = datetime.fromisoformat(current.data["started_at"]).astimezone()
        since, so_far = f"{begun:%H:%M}", int((moment - begun).total_seconds() // 60)
        opening, idea = unplug_core.invitation()
    return UnplugOut(running=current is not None, since=since, minutes_so_far=so_far,
                     week_total=week.total, days=days, opening=opening, idea=idea,
                     message=message, relationships=relationships(store, person))


def unplug_start(store: Store, person: Person, *, relationship_id: str | None,
                 visibility: Visibility) -> UnplugOut:
    with store.write() as session:
        unplug_core.start(session, person, now=now(), relationship_id=relationship_id,
                          visibility=seen(visibility, relationship_id))
    return unplug_status(store, person, message="Screens away. Enjoy this time together.")


def unplug_stop(store: Store, person: Person, *, minutes: int | None = None) -> UnplugOut:
    with store.write() as session:
        entry = unplug_core.stop(session, person, now=now(), minutes=minutes)
    return unplug_status(store, person,
                         message=f"Welcome back. {entry.data['minutes']} minutes unplugged.")


# --- History ------------------------------------------------------------------------------

def history(store: Store, person: Person, *, kinds: Sequence[str] = (), since: str = "",
            mine: bool = False, limit: int = HISTORY_LIMIT) -> HistoryOut:
    """What this person may see, newest first: their own entries and what was shared."""
    wanted = [k for k in kinds if k.strip()]
    chosen = history_core.check_kinds(wanted) if wanted else None
    start = history_core.parse_since(since, now()) if since.strip() else None
    with store.read() as session:
        found = history_core.lines(session, person, kinds=chosen, since=start, limit=limit,
                                   mine=mine)
    return HistoryOut(lines=[LineOut(id=line.entry_id, at=line.at, kind=line.kind,
                                     title=line.title, summary=line.summary,
                                     author=line.author, mine=line.mine,
                                     visibility=line.visibility,
                                     seen_by=SEEN_WORDS[line.visibility]) for line in found],
                      kinds=list(chosen or ()), since=since.strip() or None, mine=mine,
                      limit=limit)


# --- JSON routes --------------------------------------------------------------------------

@router.get("/hugs/plan")
def hug_plan_json(request: Request, me: Me, minutes: Annotated[
        int, Query(ge=1, le=hug_core.MAX_MINUTES)] = hug_core.DEFAULT_MINUTES) -> HugPlanOut:
    return hug_plan(store_of(request), me, minutes)


@router.post("/hugs")
def hug_json(request: Request, me: Me, body: NewHug) -> HugOut:
    return log_hug(store_of(request), me, body)


@router.get("/unplug")
def unplug_json(request: Request, me: Me) -> UnplugOut:
    return unplug_status(store_of(request), me)


@router.post("/unplug")
def unplug_action_json(request: Request, me: Me, body: UnplugAction) -> UnplugOut:
    if body.action == "start":
        return unplug_start(store_of(request), me, relationship_id=body.relationship_id,
                            visibility=body.visibility)
    return unplug_stop(store_of(request), me, minutes=body.minutes)


@router.get("/history")
def history_json(request: Request, me: Me, kind: Annotated[list[str] | None, Query()] = None,
                 since: str = "", mine: bool = False, limit: Annotated[
                     int, Query(ge=1, le=MAX_HISTORY_LIMIT)] = HISTORY_LIMIT) -> HistoryOut:
    return history(store_of(request), me, kinds=kind or (), since=since, mine=mine,
                   limit=limit)
