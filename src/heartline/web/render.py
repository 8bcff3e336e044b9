"""Jinja2 templates, autoescaped, with what every page needs (the CSRF token, who is in)."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from heartline.web.security import CSRF_FIELD, csrf_token

SVG = "image/svg+xml"

templates = Jinja2Templates(directory=str(resources.files("heartline.web") / "templates"))

OTHER_WORDS = {"couple": "partner", "friends": "friend", "family": "family",
               "parent_child": "family"}


def page(request: Request, template: str, *, status: int = 200, **context: Any) -> Response:
    context |= {"csrf_field": CSRF_FIELD, "csrf_token": csrf_token(request.session)}
    return templates.TemplateResponse(request, template, context, status_code=status)


def other_word(kind: str) -> str:
    """How to name the other person, by the kind of relationship."""
    return OTHER_WORDS.get(kind, "person")


def svg_response(svg: str) -> Response:
    """A private picture: served as an image from this server, never kept in a cache."""
    return Response(svg, media_type=SVG, headers={"cache-control": "no-store"})
