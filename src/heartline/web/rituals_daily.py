"""The daily rituals as pages: check-in, "is now a good time?" bids, appreciation notes.

A thin adapter: each route parses the form into the same request model the
JSON API takes, calls the same view function in ``rituals_daily_api``, and
renders the model it returns. The live parts (the one-notch-deeper offer,
phrasings with the topic in them, the specificity nudge) are small HTMX
fragments; without JavaScript the same help appears after saving.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response

from heartline.practices.bids import MAX_TOPIC
from heartline.store.values import Person
from heartline.web import rituals_daily_api as daily
from heartline.web.deps import page_person, store_of
from heartline.web.render import page

router = APIRouter(include_in_schema=False)
Me = Annotated[Person, Depends(page_person)]


# --- Check-in ----------------------------------------------------------------

@router.get("/checkin")
def checkin_form(request: Request, me: Me, audience: daily.Audience = "adult") -> Response:
    view = daily.checkins(store_of(request), me, audience)
    return page(request, "checkin.html", person=me, view=view, saved=None)


@router.post("/checkin")
def checkin(request: Request, me: Me, body: Annotated[daily.NewCheckin, Form()]) -> Response:
    store = store_of(request)
    saved = daily.save_checkin(store, me, body)
    view = daily.checkins(store, me, body.audience)
    return page(request, "checkin.html", person=me, view=view, saved=saved)


@router.post("/checkin/deeper")
def checkin_deeper(request: Request, me: Me,
                   body: Annotated[daily.NewCheckin, Form()]) -> Response:
    """The live offer under "how am I really?"; what was already added stays put."""
    nudge = daily.deeper_nudge(body.how, body.audience)
    return page(request, "_daily_deeper.html", nudge=nudge, deeper=body.deeper, field=True)


# --- Timing bids -------------------------------------------------------------

@router.get("/bids")
def bids_page(request: Request, me: Me) -> Response:
    return _bids(request, me, daily.bids_page(store_of(request), me))


@router.get("/bids/phrasings")
def bid_phrasings(request: Request, me: Me,
                  topic: Annotated[str, Query(max_length=MAX_TOPIC)] = "",
                  phrasing: int = 1) -> Response:
    """The phrasings with the topic in them, as it is typed; the chosen one stays chosen."""
    return page(request, "_daily_phrasings.html", phrasings=daily.phrasings(topic),
                chosen=phrasing)


@router.post("/bids")
def ask(request: Request, me: Me, body: Annotated[daily.NewBid, Form()]) -> Response:
    return _bids(request, me, daily.ask_bid(store_of(request), me, body))


@router.post("/bids/{bid_id}/answer")
def answer(request: Request, me: Me, bid_id: str,
           body: Annotated[daily.BidAnswer, Form()]) -> Response:
    return _bids(request, me, daily.answer_bid(store_of(request), me, bid_id, body))


@router.post("/bids/{bid_id}/met")
def met(request: Request, me: Me, bid_id: str,
        body: Annotated[daily.BidMet, Form()]) -> Response:
    return _bids(request, me, daily.mark_bid(store_of(request), me, bid_id, body.met))


def _bids(request: Request, me: Person, view: daily.BidsOut) -> Response:
    return page(request, "bids.html", person=me, view=view)


# --- Appreciation notes ------------------------------------------------------

@router.get("/appreciate")
def appreciate_form(request: Request, me: Me) -> Response:
    view = daily.appreciations(store_of(request), me)
    return page(request, "appreciate.html", person=me, view=view, saved=None)


@router.post("/appreciate")
def appreciate(request: Request, me: Me,
               body: Annotated[daily.NewAppreciation, Form()]) -> Response:
    store = store_of(request)
    saved = daily.save_appreciation(store, me, body)
    view = daily.appreciations(store, me)
    return page(request, "appreciate.html", person=me, view=view, saved=saved)


@router.post("/appreciate/check")
def appreciate_check(request: Request, me: Me,
                     body: Annotated[daily.NoteText, Form()]) -> Response:
    """The live specificity nudge under the note, as it is written."""
    check = daily.specificity(body.text) if body.text.strip() else None
    return page(request, "_daily_specific.html", check=check)
