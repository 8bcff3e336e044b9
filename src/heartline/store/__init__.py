"""Storage: one ``Store`` over SQLite (default) or PostgreSQL, with migrations."""

from heartline.store.database import Store
from heartline.store.settings import Settings, resolve

__all__ = ["Settings", "Store", "resolve"]
