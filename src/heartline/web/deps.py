"""Request-scoped helpers shared by pages and the JSON API: the store, who is signed in, CSRF."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from heartline.errors import NotFoundError
from heartline.store import Store
from heartline.store.people import get_person
from heartline.store.values import Person
from heartline.web.security import csrf_ok

SESSION_PERSON = "person"


class LoginRequired(Exception):
    """A page needs a signed-in person; the app answers with a redirect to /login."""


def store_of(request: Request) -> Store:
    return request.app.state.store


async def verify_csrf(request: Request) -> None:
    if not await csrf_ok(request):
        raise HTTPException(status_code=403, detail="This form has expired. Reload the page "
                                                    "and try again.")


def signed_in(request: Request) -> Person | None:
    person_id = request.session.get(SESSION_PERSON)
    if not isinstance(person_id, str):
        return None
    with store_of(request).read() as session:
        try:
            return get_person(session, person_id)
        except NotFoundError:  # deleted since: treat as signed out
            request.session.clear()
            return None


def page_person(person: Annotated[Person | None, Depends(signed_in)]) -> Person:
    if person is None:
        raise LoginRequired
    return person


def api_person(person: Annotated[Person | None, Depends(signed_in)]) -> Person:
    if person is None:
        raise HTTPException(status_code=401, detail="Sign in first.")
    return person
