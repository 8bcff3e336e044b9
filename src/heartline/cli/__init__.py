"""The ``heartline`` command: a thin adapter over the library (STYLE.md, sqlite-utils)."""
