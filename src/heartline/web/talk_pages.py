"""The pages for question decks and conflict repair (HTML twins of their JSON).

Thin adapters: each route reads the form, calls one view from ``talk_api``
(the same one the JSON route calls) and renders it. A person's mistake (an
unknown deck, a time that can't be read, nothing written) raises the core's
``InputError``, which the app turns into a friendly 400 page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from heartline.practices.conflict import looks_like_clock
from heartline.store.entries import MAX_TEXT
from heartline.store.values import Person, Visibility
from heartline.web import talk_api as talk
from heartline.web.deps import page_person, store_of
from heartline.web.render import page

router = APIRouter(include_in_schema=False)
Me = Annotated[Person, Depends(page_person)]
Text = Annotated[str, Form(max_length=MAX_TEXT)]
SeenForm = Annotated[Visibility, Form()]
RelationshipForm = Annotated[str, Form()]


def _cards(request: Request, me: Person, **extra: object) -> Response:
    view = talk.decks(store_of(request), me)
    return page(request, "cards.html", person=me, view=view, **extra)


def _repair(request: Request, me: Person, **extra: object) -> Response:
    view = talk.repair(store_of(request), me)
    return page(request, "repair.html", person=me, view=view, **extra)


@router.get("/cards")
def cards(request: Request, me: Me) -> Response:
    return _cards(request, me)


@router.post("/cards/draw")
def draw(request: Request, me: Me, deck: Annotated[str, Form(max_length=100)],
         depth: Annotated[str, Form()] = "", relationship_id: RelationshipForm = "") -> Response:
    """Draw from the chosen deck; an empty depth starts light, as the CLI does."""
    body = talk.DrawCard(deck=deck, depth=int(depth) if depth.isdigit() else None,
                         relationship_id=relationship_id or None)
    card = talk.draw_card(store_of(request), me, body)
    return _cards(request, me, card=card, chosen_deck=deck, chosen_depth=depth)


@router.get("/repair")
def repair(request: Request, me: Me) -> Response:
    return _repair(request, me)


@router.post("/repair/timeout")
def timeout(request: Request, me: Me, when: Annotated[str, Form(max_length=talk.MAX_WHEN)] = "",
            visibility: SeenForm = "shared", relationship_id: RelationshipForm = "") -> Response:
    """One box for "when": a time of day reads as back-at, anything else as a length."""
    clock = looks_like_clock(when)
    body = talk.NewTimeout(back_at=when if clock else None,
                           back_in=None if clock else (when.strip() or None),
                           visibility=visibility, relationship_id=relationship_id or None)
    return _repair(request, me, timeout=talk.take_timeout(store_of(request), me, body))


@router.post("/repair/debrief")
def debrief(request: Request, me: Me, worst: Text = "", differently: Text = "",
            heard: Text = "", needed: Text = "", next_time: Text = "",
            visibility: SeenForm = "private", relationship_id: RelationshipForm = "") -> Response:
    answers = {"worst": worst, "differently": differently, "heard": heard, "needed": needed,
               "next_time": next_time}
    body = talk.NewDebrief(answers=answers, visibility=visibility,
                           relationship_id=relationship_id or None)
    return _repair(request, me, debrief=talk.save_debrief(store_of(request), me, body))


@router.post("/repair/apology")
def apology(request: Request, me: Me, what_happened: Text = "", my_part: Text = "",
            impact: Text = "", next_time: Text = "", visibility: SeenForm = "draft",
            relationship_id: RelationshipForm = "") -> Response:
    parts = {"what_happened": what_happened, "my_part": my_part, "impact": impact,
             "next_time": next_time}
    body = talk.NewApology(parts=parts, visibility=visibility,
                           relationship_id=relationship_id or None)
    return _repair(request, me, apology=talk.save_apology(store_of(request), me, body),
                   parts=parts)
