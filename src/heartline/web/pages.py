"""The HTML pages: the same views as the API, rendered with Jinja2 and HTMX."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from heartline.store import people
from heartline.store.values import Person, Visibility
from heartline.web import views
from heartline.web.deps import page_person, signed_in, store_of
from heartline.web.render import page

router = APIRouter(include_in_schema=False)
Me = Annotated[Person, Depends(page_person)]
Text = Annotated[str, Form()]


def error_page(request: Request, message: str, status: int) -> Response:
    return page(request, "error.html", status=status, message=message,
                person=signed_in(request))


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/today" if signed_in(request) else "/login", status_code=303)


@router.get("/today")
def today(request: Request, me: Me) -> Response:
    return page(request, "today.html", person=me, view=views.today(store_of(request), me))


@router.get("/together")
def together(request: Request, me: Me) -> Response:
    with store_of(request).read() as session:
        mine = [views.relationship_out(r) for r in people.relationships_of(session, me.id)]
    return page(request, "together.html", person=me, relationships=mine)


@router.post("/together")
def start(request: Request, me: Me, kind: Text) -> Response:
    with store_of(request).write() as session:
        people.add_relationship(session, kind, [me])
    return RedirectResponse("/together", status_code=303)


@router.get("/join/{code}")
def invitation(request: Request, code: str) -> Response:
    """An invite link: who is asking, and a button to accept; nothing happens until it's pressed.

    Someone not signed in yet is sent to make an account (or sign in) first and
    comes back here, so the link works on a phone that has never seen heartline.
    """
    me = signed_in(request)
    with store_of(request).read() as session:
        relationship = views.relationship_out(people.invited_to(session, code))
    if me is None:
        return RedirectResponse(f"/signup?invite={relationship.invite_code}", status_code=303)
    return page(request, "join.html", person=me, relationship=relationship,
                member=any(m.id == me.id for m in relationship.members))


@router.post("/together/join")
def join(request: Request, me: Me, code: Text) -> Response:
    with store_of(request).write() as session:
        people.join(session, code, me)
    return RedirectResponse("/today", status_code=303)


@router.post("/together/{relationship_id}/leave")
def leave(request: Request, me: Me, relationship_id: str) -> Response:
    with store_of(request).write() as session:
        people.leave(session, relationship_id, me)
    return RedirectResponse("/together", status_code=303)


@router.get("/share")
def share_form(request: Request, me: Me) -> Response:
    with store_of(request).read() as session:
        mine = [views.relationship_out(r) for r in people.relationships_of(session, me.id)]
    return page(request, "share.html", person=me, relationships=mine)


@router.post("/share")
def share(request: Request, me: Me, text: Text, visibility: Annotated[Visibility, Form()],
          relationship_id: Annotated[str, Form()] = "") -> Response:
    result = views.share(store_of(request), me, text, visibility=visibility,
                         relationship_id=relationship_id or None)
    return page(request, "shared.html", person=me, result=result)


@router.get("/reply/{share_id}")
def reply_form(request: Request, me: Me, share_id: str) -> Response:
    shared = views.visible_entry(store_of(request), me, share_id)
    return page(request, "reply.html", person=me, shared=shared)


@router.post("/coach/{share_id}")
def coach(request: Request, me: Me, share_id: str, text: Text = "") -> Response:
    """The live coaching panel (an HTMX fragment) for a draft reply."""
    analysis = views.coach(store_of(request), me, share_id, text) if text.strip() else None
    return page(request, "_coach.html", analysis=analysis)


@router.post("/reply/{share_id}")
def reply(request: Request, me: Me, share_id: str, text: Text) -> Response:
    return _sent(request, me, views.send_reply(store_of(request), me, share_id, text))


@router.post("/understood/{reply_id}")
def understood(request: Request, me: Me, reply_id: str, answer: Text,
               meant: Text = "") -> Response:
    sent = views.answer(store_of(request), me, reply_id, understood=answer == "yes", meant=meant)
    return _sent(request, me, sent)


def _sent(request: Request, me: Person, sent: views.SentOut) -> Response:
    """Back to Today, unless the words showed danger: then the help comes first."""
    if not sent.help:
        return RedirectResponse("/today", status_code=303)
    result = views.ShareOut(entry=sent, help=sent.help, kept_private=sent.kept_private,
                            nudge=None)
    return page(request, "shared.html", person=me, result=result)
