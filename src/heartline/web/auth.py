"""Sign up, sign in, sign out. Passwords are checked by ``store.accounts`` (argon2id)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from heartline.errors import InputError
from heartline.store.accounts import authenticate, password_hash, refresh_hash, sign_up
from heartline.store.people import INVITE_ALPHABET
from heartline.web.deps import SESSION_PERSON, signed_in, store_of
from heartline.web.render import page
from heartline.web.security import RateLimiter

router = APIRouter(include_in_schema=False)
MAX_INVITE = 20


Invite = Annotated[str, Form(max_length=MAX_INVITE)]


@router.get("/signup")
def signup_form(request: Request, invite: Annotated[str, Query(max_length=MAX_INVITE)] = ""
                ) -> Response:
    return page(request, "signup.html", invite=_invite(invite))


@router.post("/signup")
def signup(request: Request, name: Annotated[str, Form()], email: Annotated[str, Form()],
           password: Annotated[str, Form()], invite: Invite = "") -> Response:
    try:
        digest = password_hash(password)
        with store_of(request).write() as session:
            person = sign_up(session, name=name, email=email, password_hash=digest)
    except InputError as exc:
        return page(request, "signup.html", status=400, error=str(exc), name=name, email=email,
                    invite=_invite(invite))
    _start_session(request, person.id)
    return RedirectResponse(_after(invite, "/together"), status_code=303)


@router.get("/login")
def login_form(request: Request, invite: Annotated[str, Query(max_length=MAX_INVITE)] = ""
               ) -> Response:
    if signed_in(request) is not None:
        return RedirectResponse(_after(invite, "/today"), status_code=303)
    return page(request, "login.html", invite=_invite(invite))


@router.post("/login")
def login(request: Request, email: Annotated[str, Form()],
          password: Annotated[str, Form()], invite: Invite = "") -> Response:
    keys = (f"email:{email.strip().lower()}", f"client:{_client(request)}")
    limiter: RateLimiter = request.app.state.login_limiter
    if limiter.blocked(*keys):
        return page(request, "login.html", status=429, email=email, invite=_invite(invite),
                    error="Too many tries. Wait a few minutes, then try again.")
    with store_of(request).read() as session:
        person = authenticate(session, email, password)
    if person is None:
        limiter.failed(*keys)
        return page(request, "login.html", status=400, email=email, invite=_invite(invite),
                    error="That email and password don't match.")
    limiter.clear(keys[0])
    with store_of(request).write() as session:
        refresh_hash(session, person, password)
    _start_session(request, person.id)
    return RedirectResponse(_after(invite, "/today"), status_code=303)


def _invite(code: str) -> str:
    """An invite code carried through sign-up; anything but code letters is dropped."""
    return "".join(c for c in code.upper() if c in INVITE_ALPHABET)


def _after(invite: str, default: str) -> str:
    """Where to go once signed in: back to the invitation, never to another site."""
    code = _invite(invite)
    return f"/join/{code}" if code else default


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def _start_session(request: Request, person_id: str) -> None:
    """A fresh session on sign-in, so a token planted before it is worthless after."""
    request.session.clear()
    request.session[SESSION_PERSON] = person_id


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"
