"""Feelings a person names about themselves: "I'm furious", "it made me so sad".

The emotion model learnt from Reddit comments, where feeling words are often
quoted, sarcastic or about someone else, and it can score a plain "I'm
furious with him" as neutral. A feeling someone names is the best evidence
there is, so the turn analysis always counts it. The words, by GoEmotions
label, are package data (``data/feeling_words.toml``); this module puts the
speaker in front of them, so only the speaker's own feeling counts, allowing
the intensifiers that ``intensity.py`` weighs in between.
"""

from __future__ import annotations

import re
from functools import cache

from heartline.analysis.cues import read_data

_SPEAKER = (r"\b(?:i(?:['’]?m| am| feel| felt| was| have been|['’]?ve been| get| got"
            r"| keep feeling)|(?:makes|made|making) me(?: feel)?|feeling)")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = read_data("feeling_words.toml")
    intensifiers = "|".join(re.escape(w) for w in read_data("intensity.toml")["intensifiers"])
    degree = rf"(?: (?:{data['fillers']}|{intensifiers}))*"
    return tuple((label, re.compile(rf"{_SPEAKER}{degree} (?:{alternatives})\b", re.IGNORECASE))
                 for label, alternatives in data["words"].items())


def stated_feelings(text: str) -> frozenset[str]:
    """The GoEmotions labels of the feelings the speaker names as their own."""
    return frozenset(label for label, pattern in _patterns() if pattern.search(text))
