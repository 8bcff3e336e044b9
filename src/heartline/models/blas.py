"""Spread a batch's chunks over the BLAS cores, one BLAS thread per chunk.

OpenBLAS splits each matrix product over all its threads, but the products of
one chunk of short texts are too small for that to pay, and the element-wise
fifth of the work (GELU, layer norm, softmax) is never split at all. Threads
of our own that each encode whole chunks, with single-threaded products, keep
every core busy instead (numpy releases the GIL in both): on two cores, 360
texts/s against 295. The chunks get as many threads as BLAS was given, so
``OPENBLAS_NUM_THREADS=1`` (what ``heartline serve`` sets) still means one core.

BLAS's thread count is global to the process, so threadpoolctl lowers it to
one only while such a batch runs, under a lock, and restores it afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import TypeVar

import numpy  # noqa: F401  (loads the BLAS that threadpoolctl looks for)
from threadpoolctl import ThreadpoolController

T = TypeVar("T")
R = TypeVar("R")
_LOCK = threading.Lock()


@cache
def blas() -> ThreadpoolController:
    """The BLAS libraries this process has loaded (found once: the search reads them all)."""
    return ThreadpoolController().select(user_api="blas")


def blas_threads(controller: ThreadpoolController) -> int:
    return max((library["num_threads"] for library in controller.info()), default=1)


def map_chunks(work: Callable[[T], R], chunks: Sequence[T]) -> list[R]:
    """``[work(c) for c in chunks]``, on as many threads as BLAS was given."""
    controller = blas() if len(chunks) > 1 else None
    configured = blas_threads(controller) if controller is not None else 1
    if controller is None or configured < 2:
        return [work(chunk) for chunk in chunks]
    with (_LOCK, controller.limit(limits=1),
          ThreadPoolExecutor(min(configured, len(chunks))) as pool):
        return list(pool.map(work, chunks))
