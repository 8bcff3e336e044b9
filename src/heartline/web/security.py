"""Security for every response and form: headers, CSRF tokens, login rate limits.

- Headers: a strict Content-Security-Policy (everything from this server,
  no inline scripts), no framing, no sniffing, no referrer, no browser
  features we don't use.
- CSRF: each session holds a random token; every unsafe request must echo it
  as the ``csrf_token`` form field or the ``X-CSRF-Token`` header (HTMX sends
  the header). A mismatch is refused before any route runs.
- Login rate limit: a few failures per email and per client address within a
  window, then a wait, so passwords can't be guessed at speed.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict, deque
from collections.abc import MutableMapping
from typing import Any

from starlette.requests import Request

HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
}
CSRF_SESSION_KEY = "csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOGIN_ATTEMPTS = 5
LOGIN_WINDOW_SECONDS = 300.0


def csrf_token(session: MutableMapping[str, Any]) -> str:
    """The session's token, made on first use."""
    token = session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


async def csrf_ok(request: Request) -> bool:
    """Whether an unsafe request carries the session's token."""
    if request.method not in UNSAFE:
        return True
    expected = request.session.get(CSRF_SESSION_KEY)
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        given = (await request.form()).get(CSRF_FIELD)
    return isinstance(expected, str) and isinstance(given, str) and \
        secrets.compare_digest(expected, given)


class RateLimiter:
    """Failures per key within a sliding window; one process's memory is enough locally."""

    def __init__(self, attempts: int = LOGIN_ATTEMPTS, window: float = LOGIN_WINDOW_SECONDS):
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        return any(len(self._recent(key, now)) >= self.attempts for key in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        for key in keys:
            self._recent(key, now).append(now)

    def clear(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window:
            times.popleft()
        return times
