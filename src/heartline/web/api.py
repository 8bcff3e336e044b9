"""The JSON API: the same data as the pages, the same sign-in, under ``/api``.

Unsafe requests carry the session's CSRF token in ``X-CSRF-Token``;
``GET /api/session`` hands it to a signed-in client.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from heartline.store import people
from heartline.store.values import Person, Visibility
from heartline.web import views
from heartline.web.deps import api_person, store_of
from heartline.web.security import csrf_token

router = APIRouter(tags=["heartline"])
Me = Annotated[Person, Depends(api_person)]
MAX_TEXT = 20_000


class SessionOut(BaseModel):
    person_id: str
    name: str
    csrf_token: str


class NewRelationship(BaseModel):
    kind: str = Field(description="couple, friends, family or parent_child")


class InviteCode(BaseModel):
    code: str = Field(min_length=4, max_length=20)


class NewShare(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    visibility: Visibility = "private"
    relationship_id: str | None = None


class Draft(BaseModel):
    share_id: str
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class Understood(BaseModel):
    reply_id: str
    understood: bool
    meant: str = Field(default="", max_length=MAX_TEXT)


@router.get("/session")
def session_info(request: Request, me: Me) -> SessionOut:
    return SessionOut(person_id=me.id, name=me.name, csrf_token=csrf_token(request.session))


@router.get("/today")
def today(request: Request, me: Me) -> views.TodayOut:
    return views.today(store_of(request), me)


@router.get("/relationships")
def relationships(request: Request, me: Me) -> list[views.RelationshipOut]:
    with store_of(request).read() as session:
        return [views.relationship_out(r) for r in people.relationships_of(session, me.id)]


@router.post("/relationships")
def start_relationship(request: Request, me: Me, body: NewRelationship) -> views.RelationshipOut:
    with store_of(request).write() as session:
        return views.relationship_out(people.add_relationship(session, body.kind, [me]))


@router.post("/relationships/join")
def join(request: Request, me: Me, body: InviteCode) -> views.RelationshipOut:
    with store_of(request).write() as session:
        return views.relationship_out(people.join(session, body.code, me))


@router.post("/relationships/{relationship_id}/leave")
def leave(request: Request, me: Me, relationship_id: str) -> dict[str, bool]:
    with store_of(request).write() as session:
        people.leave(session, relationship_id, me)
    return {"left": True}


@router.post("/shares")
def share(request: Request, me: Me, body: NewShare) -> views.ShareOut:
    return views.share(store_of(request), me, body.text, relationship_id=body.relationship_id,
                       visibility=body.visibility)


@router.get("/entries/{entry_id}")
def entry(request: Request, me: Me, entry_id: str) -> views.EntryOut:
    return views.visible_entry(store_of(request), me, entry_id)


@router.post("/coach")
def coach(request: Request, me: Me, body: Draft) -> dict[str, Any]:
    return views.coach(store_of(request), me, body.share_id, body.text)


@router.post("/replies")
def reply(request: Request, me: Me, body: Draft) -> views.SentOut:
    return views.send_reply(store_of(request), me, body.share_id, body.text)


@router.post("/understood")
def understood(request: Request, me: Me, body: Understood) -> views.SentOut:
    return views.answer(store_of(request), me, body.reply_id, understood=body.understood,
                        meant=body.meant)
