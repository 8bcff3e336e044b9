"""The pages for the long hug, unplugged time and history (HTML twins of their JSON).

Thin adapters: each route reads the form, calls one view from
``rituals_together_api`` (the same one the JSON route calls) and renders it.
The hug's breathing timer runs in the browser (``static/hug.js``) over the
steps the core schedule planned; without JavaScript the log form still works,
like ``heartline hug --no-timer``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response

from heartline.practices.hug import MAX_MINUTES, MAX_SECONDS
from heartline.store.values import KIND_TITLES, Person, Visibility
from heartline.web import rituals_together_api as together
from heartline.web.deps import page_person, store_of
from heartline.web.render import page

router = APIRouter(include_in_schema=False)
Me = Annotated[Person, Depends(page_person)]
MINUTE_CHOICES = (1, 2, 3, 5, 10, 15, 20, MAX_MINUTES)
Seconds = Annotated[int, Form(ge=1, le=MAX_SECONDS)]
SeenForm = Annotated[Visibility, Form()]
RelationshipForm = Annotated[str, Form()]


@router.get("/hug")
def hug(request: Request, me: Me, minutes: Annotated[
        int, Query(ge=1, le=MAX_MINUTES)] = 5) -> Response:
    plan = together.hug_plan(store_of(request), me, minutes)
    return page(request, "hug.html", person=me, plan=plan, minute_choices=MINUTE_CHOICES)


@router.post("/hug")
def log_hug(request: Request, me: Me, seconds: Seconds, planned_seconds: Seconds,
            visibility: SeenForm = "private", relationship_id: RelationshipForm = "") -> Response:
    """The log form without the timer (or when the timer's own post failed)."""
    store = store_of(request)
    logged = together.log_hug(store, me, together.NewHug(
        seconds=seconds, planned_seconds=planned_seconds, visibility=visibility,
        relationship_id=relationship_id or None))
    plan = together.hug_plan(store, me, max(1, planned_seconds // 60))
    return page(request, "hug.html", person=me, plan=plan, minute_choices=MINUTE_CHOICES,
                logged=logged)


@router.get("/unplug")
def unplug(request: Request, me: Me) -> Response:
    return page(request, "unplug.html", person=me,
                view=together.unplug_status(store_of(request), me))


@router.post("/unplug/start")
def unplug_start(request: Request, me: Me, visibility: SeenForm = "private",
                 relationship_id: RelationshipForm = "") -> Response:
    view = together.unplug_start(store_of(request), me, visibility=visibility,
                                 relationship_id=relationship_id or None)
    return page(request, "unplug.html", person=me, view=view)


@router.post("/unplug/stop")
def unplug_stop(request: Request, me: Me) -> Response:
    return page(request, "unplug.html", person=me,
                view=together.unplug_stop(store_of(request), me))


@router.get("/history")
def history(request: Request, me: Me, kind: str = "", since: str = "",
            mine: bool = False) -> Response:
    view = together.history(store_of(request), me, kinds=[kind], since=since, mine=mine)
    return page(request, "history.html", person=me, view=view,
                kind_choices=sorted(KIND_TITLES.items(), key=lambda item: item[1]),
                chosen_kind=kind, since=since)
