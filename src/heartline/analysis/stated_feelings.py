"""Feelings a person names about themselves: "I'm furious", "it made me so sad".

The emotion model learnt from Reddit comments, where feeling words are often
quoted, sarcastic or about someone else, and it can score a plain "I'm
furious with him" as neutral. A feeling someone names is the best evidence
there is, so the turn analysis always counts it. The words, by GoEmotions
label, are package data (``data/feeling_words.toml``); this module puts the
speaker in front of them, so only the speaker's own feeling counts.
"""

from __future__ import annotations

import re
from functools import cache

from heartline.analysis.cues import read_data

_SPEAKER = (r"\b(?:i(?:['’]?m| am| feel| felt| was| have been|['’]?ve been| get| got"
            r"| keep feeling)|(?:makes|made|making) me(?: feel)?|feeling)")
_DEGREE = (r"(?: (?:so+|really|very|super|absolutely|completely|totally|pretty|quite|a bit"
           r"|a little|kind of|kinda|sort of|just|honestly|actually|literally|still|getting"
           r"|becoming|extremely|incredibly|fucking|bloody|genuinely|deeply|utterly|properly"
           r"|more and more))*")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    words = read_data("feeling_words.toml")["words"]
    return tuple((label, re.compile(rf"{_SPEAKER}{_DEGREE} (?:{alternatives})\b", re.IGNORECASE))
                 for label, alternatives in words.items())


def stated_feelings(text: str) -> frozenset[str]:
    """The GoEmotions labels of the feelings the speaker names as their own."""
    return frozenset(label for label, pattern in _patterns() if pattern.search(text))
