"""``KEY=TEXT`` answers, as scripts pass them (``--answer worst="When I felt brushed off"``).

Several practices ask a fixed set of questions; for scripted use each
answer comes as one ``KEY=TEXT`` pair. One parser keeps the rules the same
everywhere: keys are matched loosely (``Next-Time`` is ``next_time``), text is
everything after the first ``=``, and an unknown key, a missing ``=`` or the
same key twice is explained with the keys that would work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from heartline.errors import InputError

MAX_ANSWER = 5_000


def parse_pairs(pairs: Iterable[str], keys: Sequence[str], *, flag: str = "--answer",
                value: str = "TEXT") -> dict[str, str]:
    """The answers by key, stripped, in the order given; ``value`` names the value in errors."""
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        key = key.strip().lower().replace("-", "_")
        if not sep or key not in keys:
            raise InputError(f"{flag} takes KEY={value} with KEY one of {', '.join(keys)}; "
                             f"got {pair!r}.")
        if key in answers:
            raise InputError(f"{key} was given twice; give each one {flag} only once.")
        if len(text) > MAX_ANSWER:
            raise InputError(f"Keep each answer under {MAX_ANSWER:,} characters.")
        answers[key] = text.strip()
    return answers
