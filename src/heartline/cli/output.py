"""Writing results without ever leaving a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from heartline.errors import InputError


@contextlib.contextmanager
def atomic_output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a temporary file renamed over ``path`` only on success."""
    if path is None:
        yield sys.stdout
        return
    folder = path.resolve().parent
    if not folder.is_dir():
        raise InputError(f"the folder {folder} does not exist", source=str(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
