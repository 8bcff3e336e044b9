"""The weekly check-in page (the HTML twin of ``weekly_api``).

Thin adapters: each route reads the form, calls one view from ``weekly_api``
(the same one the JSON route calls) and renders it. The check-in form sends
each step's note as a ``step``/``note`` pair in page order, so the form
follows the steps in ``weekly.toml`` without naming them here. A person's
mistake raises the core's ``InputError``, which the app turns into a 400 page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from pydantic import Field

from heartline.errors import InputError
from heartline.store.entries import MAX_TEXT
from heartline.store.schema import ID_LENGTH
from heartline.store.values import Person
from heartline.web import talk_api as talk
from heartline.web import weekly_api as api
from heartline.web.deps import page_person, store_of
from heartline.web.render import page

router = APIRouter(include_in_schema=False)
Me = Annotated[Person, Depends(page_person)]
StepKey = Annotated[str, Field(max_length=100)]
Note = Annotated[str, Field(max_length=MAX_TEXT)]


class CheckinForm(talk.Placed):
    """The check-in form: each step's note as a step/note pair, and the items left ticked."""

    step: list[StepKey] = Field(default_factory=list, max_length=api.MAX_ITEMS)
    note: list[Note] = Field(default_factory=list, max_length=api.MAX_ITEMS)
    items: list[api.ItemId] = Field(default_factory=list, max_length=api.MAX_ITEMS)
    conflict: bool = False
    share_mine: bool = False


def _weekly(request: Request, me: Person, relationship_id: str | None,
            **extra: object) -> Response:
    view = api.weekly_view(store_of(request), me, relationship_id or None)
    return page(request, "weekly.html", person=me, view=view, **extra)


@router.get("/weekly")
def weekly(request: Request, me: Me, relationship_id: Annotated[
        str, Query(max_length=ID_LENGTH)] = "") -> Response:
    return _weekly(request, me, relationship_id)


@router.post("/weekly/items")
def bring(request: Request, me: Me, body: Annotated[api.NewItem, Form()]) -> Response:
    brought = api.bring_item(store_of(request), me, body)
    return _weekly(request, me, body.relationship_id, brought=brought)


@router.post("/weekly")
def check_in(request: Request, me: Me, body: Annotated[CheckinForm, Form()]) -> Response:
    """Unticked boxes are not sent: an item left unticked stays open for next week."""
    if len(body.step) != len(body.note):
        raise InputError("Part of that form went missing. Reload the page and try again.")
    checkin = api.NewWeekly(answers=dict(zip(body.step, body.note, strict=True)),
                            items=body.items, share_mine=body.share_mine,
                            conflict=body.conflict, visibility=body.visibility,
                            relationship_id=body.relationship_id or None)
    saved = api.save_weekly(store_of(request), me, checkin)
    return _weekly(request, me, body.relationship_id, saved=saved)
