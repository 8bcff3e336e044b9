"""Where heartline keeps a person's data, declared once.

All user data lives in one home directory (platformdirs' user data folder),
which ``HEARTLINE_HOME`` relocates; tests point it at a temporary folder.
The database is SQLite inside that home unless ``HEARTLINE_DATABASE_URL`` (or
the CLI's ``--db``) names another, such as PostgreSQL for hosted use. Photos
always stay as files in the home, next to the database that lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

HOME_VARIABLE = "HEARTLINE_HOME"
DATABASE_VARIABLE = "HEARTLINE_DATABASE_URL"
DATABASE_FILE = "heartline.db"
PHOTOS_FOLDER = "photos"

SETTINGS_HELP = {
    HOME_VARIABLE: "Folder for all of heartline's data (default: your user data folder).",
    DATABASE_VARIABLE: "Database URL, e.g. postgresql+psycopg://user@host/db "
                       "(default: SQLite in the home folder).",
}


@dataclass(frozen=True)
class Settings:
    """The home folder and the database URL a store opens."""

    home: Path
    database_url: str

    @property
    def photos(self) -> Path:
        return self.home / PHOTOS_FOLDER

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def default_home() -> Path:
    """``HEARTLINE_HOME`` if set, else the platform's user data folder."""
    chosen = os.environ.get(HOME_VARIABLE)
    return Path(chosen).expanduser() if chosen else Path(user_data_dir("heartline", False))


def resolve(database_url: str | None = None, *, home: Path | None = None) -> Settings:
    """Settings from explicit values first, then the environment, then defaults."""
    home = home or default_home()
    url = database_url or os.environ.get(DATABASE_VARIABLE) or f"sqlite:///{home / DATABASE_FILE}"
    return Settings(home=home, database_url=with_driver(url.strip()))


def with_driver(url: str) -> str:
    """Plain ``postgresql://`` (or ``postgres://``) URLs use psycopg 3, the driver we ship."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url
