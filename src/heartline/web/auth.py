"""Sign up, sign in, sign out. Passwords are checked by ``store.accounts`` (argon2id)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from heartline.errors import InputError
from heartline.store.accounts import authenticate, sign_up
from heartline.web.deps import SESSION_PERSON, signed_in, store_of
from heartline.web.render import page
from heartline.web.security import RateLimiter

router = APIRouter(include_in_schema=False)
limiter = RateLimiter()


@router.get("/signup")
def signup_form(request: Request) -> Response:
    return page(request, "signup.html")


@router.post("/signup")
def signup(request: Request, name: Annotated[str, Form()], email: Annotated[str, Form()],
           password: Annotated[str, Form()]) -> Response:
    try:
        with store_of(request).write() as session:
            person = sign_up(session, name=name, email=email, password=password)
    except InputError as exc:
        return page(request, "signup.html", status=400, error=str(exc), name=name, email=email)
    _start_session(request, person.id)
    return RedirectResponse("/together", status_code=303)


@router.get("/login")
def login_form(request: Request) -> Response:
    if signed_in(request) is not None:
        return RedirectResponse("/today", status_code=303)
    return page(request, "login.html")


@router.post("/login")
def login(request: Request, email: Annotated[str, Form()],
          password: Annotated[str, Form()]) -> Response:
    keys = (f"email:{email.strip().lower()}", f"client:{_client(request)}")
    if limiter.blocked(*keys):
        return page(request, "login.html", status=429, email=email,
                    error="Too many tries. Wait a few minutes, then try again.")
    with store_of(request).write() as session:
        person = authenticate(session, email, password)
    if person is None:
        limiter.failed(*keys)
        return page(request, "login.html", status=400, email=email,
                    error="That email and password don't match.")
    limiter.clear(keys[0])
    _start_session(request, person.id)
    return RedirectResponse("/today", status_code=303)


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
