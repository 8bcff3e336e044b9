"""The closeness pulse page and its chart (HTML twins of ``pulse_api``).

Thin adapters: each route reads the request, calls one view from
``pulse_api`` (the same one the JSON route calls) and renders it. The chart
is a picture served by this server (``img-src 'self'``), drawn from the
person's own pulses only; the page also lists the numbers as a table, so the
chart is never the only way to read them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from heartline.practices import pulse as core
from heartline.store.values import Person, Visibility
from heartline.web import pulse_api
from heartline.web.deps import page_person, store_of
from heartline.web.render import page, svg_response

router = APIRouter(include_in_schema=False)
Me = Annotated[Person, Depends(page_person)]


async def form_answers(request: Request) -> dict[str, int]:
    """The ratings the form sent, one per statement key; other fields are not answers."""
    form = await request.form()
    return {key: core.parse_score(str(form[key])) for key in core.content().keys if key in form}


Answers = Annotated[dict[str, int], Depends(form_answers)]
RelationshipForm = Annotated[str, Form(max_length=pulse_api.MAX_KEY_CHARS)]


@router.get("/pulse")
def pulse(request: Request, me: Me, relationship_id: str = "") -> Response:
    view = pulse_api.pulse(store_of(request), me, relationship_id or None)
    return page(request, "pulse.html", person=me, view=view)


@router.post("/pulse")
def record(request: Request, me: Me, answers: Answers,
           visibility: Annotated[Visibility, Form()] = "private",
           relationship_id: RelationshipForm = "") -> Response:
    saved = pulse_api.record(store_of(request), me, pulse_api.NewPulse(
        answers=answers, visibility=visibility, relationship_id=relationship_id or None))
    return page(request, "pulse.html", person=me, view=saved.view, saved=saved)


@router.get("/pulse/chart.svg")
def chart(request: Request, me: Me, relationship_id: str = "") -> Response:
    return svg_response(pulse_api.chart(store_of(request), me, relationship_id or None))
