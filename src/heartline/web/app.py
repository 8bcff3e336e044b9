"""``create_app(settings)``: the FastAPI app, built from explicit settings (STYLE.md 3).

Pages are server-rendered with Jinja2 (autoescaped) and HTMX for the live
parts; every page's data is also served as JSON under ``/api`` with the same
sign-in. Nothing is loaded from anywhere but this server.
"""

from __future__ import annotations

from importlib import resources

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from heartline import __version__
from heartline.errors import HeartlineError, NotFoundError
from heartline.store import Store
from heartline.web import (
    account,
    api,
    auth,
    pages,
    practice_api,
    practice_pages,
    pulse_api,
    pulse_pages,
    rituals_daily,
    rituals_daily_api,
    rituals_together,
    rituals_together_api,
    talk_api,
    talk_pages,
    weekly_api,
    weekly_pages,
)
from heartline.web.deps import LoginRequired, verify_csrf
from heartline.web.security import HEADERS, RateLimiter
from heartline.web.settings import WebSettings

SESSION_COOKIE = "heartline_session"
SESSION_DAYS = 30


def create_app(settings: WebSettings) -> FastAPI:
    app = FastAPI(title="heartline", version=__version__,
                  description="Share what matters; listen so the other feels understood. "
                              "Every page's data, for the signed-in person.",
                  docs_url="/api/docs", openapi_url="/api/openapi.json", redoc_url=None)
    app.state.store = Store.open(settings.store.database_url, home=settings.store.home)
    app.state.settings = settings
    app.state.login_limiter = RateLimiter()  # per app (per worker), so apps never share it
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key,
                       session_cookie=SESSION_COOKIE, max_age=SESSION_DAYS * 86400,
                       same_site="lax", https_only=settings.secure_cookies)
    app.middleware("http")(_security_headers)
    static = resources.files("heartline.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    guarded = [Depends(verify_csrf)]
    app.include_router(auth.router, dependencies=guarded)
    app.include_router(pages.router, dependencies=guarded)
    app.include_router(practice_pages.router, dependencies=guarded)
    app.include_router(practice_api.router, prefix="/api", dependencies=guarded)
    app.include_router(api.router, prefix="/api", dependencies=guarded)
    app.include_router(rituals_together.router, dependencies=guarded)
    app.include_router(rituals_together_api.router, prefix="/api", dependencies=guarded)
    app.include_router(account.router, dependencies=guarded)
    app.include_router(rituals_daily.router, dependencies=guarded)
    app.include_router(rituals_daily_api.router, prefix="/api", dependencies=guarded)
    app.include_router(talk_pages.router, dependencies=guarded)
    app.include_router(talk_api.router, prefix="/api", dependencies=guarded)
    app.include_router(weekly_pages.router, dependencies=guarded)
    app.include_router(weekly_api.router, prefix="/api", dependencies=guarded)
    app.include_router(pulse_pages.router, dependencies=guarded)
    app.include_router(pulse_api.router, prefix="/api", dependencies=guarded)
    app.add_exception_handler(LoginRequired, _to_login)
    app.add_exception_handler(HeartlineError, _user_error)
    return app


async def _security_headers(request: Request, call_next):
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.url.path.startswith("/api") or request.url.path.startswith("/coach"):
        response.headers.setdefault("cache-control", "no-store")
    return response


async def _to_login(request: Request, exc: Exception) -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


async def _user_error(request: Request, exc: Exception) -> JSONResponse:
    """A mistake a person can fix: 404 for what they can't see, else 400, message included."""
    status = 404 if isinstance(exc, NotFoundError) else 400
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": str(exc)}, status_code=status)
    return pages.error_page(request, str(exc), status)
