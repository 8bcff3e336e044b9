"""What a web app instance needs, declared once (STYLE.md practice 4).

The session-signing secret is made on first start and kept in the home
folder (readable only by its owner), so sessions survive a restart. Hosted
installs with several workers set ``HEARTLINE_SECRET_KEY`` so every worker
signs alike. ``secure_cookies`` is on when the app is served over https.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from heartline.store.settings import Settings, resolve

SECRET_VARIABLE = "HEARTLINE_SECRET_KEY"
SECRET_FILE = "secret.key"
SECRET_BYTES = 32


@dataclass(frozen=True)
class WebSettings:
    store: Settings
    secret_key: str
    secure_cookies: bool = False


def web_settings(database_url: str | None = None, *, home: Path | None = None,
                 secure_cookies: bool = False) -> WebSettings:
    store = resolve(database_url, home=home)
    secret = os.environ.get(SECRET_VARIABLE) or _home_secret(store.home)
    return WebSettings(store, secret, secure_cookies)


def _home_secret(home: Path) -> str:
    path = home / SECRET_FILE
    if path.is_file():
        return path.read_text("utf-8").strip()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(secret)
    return secret
