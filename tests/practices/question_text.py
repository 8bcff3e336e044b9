"""Text checks for the question decks: closed questions and near-duplicates.

These guard the content, not the product: the method asks for open questions
(SYSTEM.md M4), and a deck that repeats itself in new words wastes a turn.
They live with the tests so the app carries no rules that only reviewers need.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

# Opening words that turn a sentence into a yes/no question ("Do you…?",
# "Have you ever…?", "Anything new?"), checked at the start of every sentence
# and every clause, so "When you were small, did you…?" is caught too.
_CLOSED_OPENER_WORDS = """
    am is are was were isn't aren't wasn't weren't
    do does did don't doesn't didn't
    have has had haven't hasn't hadn't
    will would shall should can could may might must
    won't wouldn't shouldn't can't cannot couldn't mightn't mustn't
    ever any anything anyone anybody anywhere
    you remember got whether
"""
CLOSED_OPENERS = frozenset(_CLOSED_OPENER_WORDS.split())
INVITATION_STARTS = ("Tell me", "Describe", "Share")
NEAR_DUPLICATE_JACCARD = 0.8

_STOP_WORD_LIST = """
    a an the and but if so than then too very just also even still
    i me my mine myself we us our ours ourselves you your yours yourself
    he him his she her hers it its they them their theirs
    this that these those there here
    what which who whom whose when where why how
    am is are was were be been being do does did doing done
    have has had having will would shall should can could may might must
    to of in on at by for with about from into onto over under up down out off
    as all any some one each every most more much many few such own same
    not no nor only
    dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt
    wont wouldnt cant couldnt shouldnt im ive youre youve youd youll
"""
STOP_WORDS = frozenset(_STOP_WORD_LIST.split())

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
_FIRST_WORD = re.compile(r"[\s\"'“‘]*([A-Za-z']+)")
_EITHER_OR = re.compile(r"\bor\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


def closed_reason(text: str) -> str | None:
    """Why ``text`` reads as a yes/no or either/or question, or None when it is open."""
    plain = text.replace("’", "'")
    for sentence in _SENTENCE_END.split(plain):
        for clause in _CLAUSE_BREAK.split(sentence):
            match = _FIRST_WORD.match(clause)
            if match and match.group(1).lower() in CLOSED_OPENERS:
                return f"clause opens with {match.group(1)!r}: {clause.strip()!r}"
    question_part = plain[: plain.rfind("?")] if "?" in plain else ""
    if _EITHER_OR.search(question_part):
        return "either/or: 'or' before the question mark"
    return None


def is_closed(text: str) -> bool:
    return closed_reason(text) is not None


def is_question_or_invitation(text: str) -> bool:
    """Ends with "?", or invites a story ("Tell me…", "Describe…", "Share…")."""
    return text.endswith("?") or text.startswith(INVITATION_STARTS)


def content_words(text: str) -> tuple[str, ...]:
    """Lowercased words without punctuation or stop-words, in order."""
    words = _WORD.findall(text.lower().replace("’", "").replace("'", ""))
    return tuple(word for word in words if word not in STOP_WORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_duplicates(
    texts: Sequence[str], *, threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[tuple[str, str, float]]:
    """Pairs that say the same thing: identical once normalised, or overlapping words."""
    normalised = [(text, content_words(text)) for text in texts]
    pairs = []
    for (text_a, words_a), (text_b, words_b) in combinations(normalised, 2):
        score = 1.0 if words_a == words_b else jaccard(frozenset(words_a), frozenset(words_b))
        if score >= threshold:
            pairs.append((text_a, text_b, round(score, 2)))
    return pairs
