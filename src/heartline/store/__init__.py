"""Storage: one ``Store`` over SQLite (default) or PostgreSQL, with migrations.

``Store`` and ``resolve`` load lazily, so importing the plain values
(``heartline.store.values``) does not pull in SQLAlchemy and Alembic, and
``heartline --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from heartline.store.database import Store
    from heartline.store.settings import Settings, resolve

__all__ = ["Settings", "Store", "resolve"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from heartline.store.database import Store

        return Store
    if name in ("Settings", "resolve"):
        from heartline.store import settings

        return getattr(settings, name)
    raise AttributeError(f"module 'heartline.store' has no attribute {name!r}")
