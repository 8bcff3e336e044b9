"""The app factory uvicorn calls (``heartline.web.main:app_from_environment``).

Each uvicorn worker builds its own app from the environment, which
``heartline serve`` sets from its options: the home folder, the database URL
and whether cookies must be Secure (behind an https proxy).
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from heartline.web.app import create_app
from heartline.web.settings import web_settings

SECURE_VARIABLE = "HEARTLINE_SECURE_COOKIES"


def app_from_environment() -> FastAPI:
    return create_app(web_settings(secure_cookies=os.environ.get(SECURE_VARIABLE) == "1"))
