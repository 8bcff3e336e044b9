"""The exceptions heartline raises on purpose.

Every error a user can cause is a ``HeartlineError``: the CLI and the web app
catch this one class and show its message, so a person never sees a traceback.
Each message says what went wrong and, where there is one, what to do next.
"""

from __future__ import annotations


class HeartlineError(Exception):
    """Base class: something the user can fix, with a message written for them."""


class InputError(HeartlineError):
    """Bad input in a file or argument; names the source and line when known."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class ModelNotFoundError(HeartlineError):
    """The sentence-embedding weights are not installed."""


class StoreError(HeartlineError):
    """The database cannot be opened or used; the message says why and what to try."""


class StoreBusyError(StoreError):
    """Another heartline process holds the write lock for longer than we wait."""


class NotFoundError(HeartlineError):
    """A person, entry, relationship or file that was asked for does not exist."""
