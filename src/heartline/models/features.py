"""Hashed word n-grams: the lexical half of every classifier head.

Sentence embeddings capture meaning but blur the small words that carry a
listener's move ("at least", "you should", "🙄"). A hashed bag of unigrams
and bigrams keeps them, costs a few microseconds, and, being linear, tells
which words pushed a label up, which is how model-only labels get a span.
crc32 is used instead of ``hash()`` because the latter changes per process.
"""

from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass

import numpy as np

HASH_BITS = 14
HASH_SIZE = 1 << HASH_BITS
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[!?]|[^\sa-z0-9.,;:\"()\[\]'’-]")
_ELONGATED = re.compile(r"(.)\1{2,}")


@dataclass(frozen=True)
class Token:
    """A normalised token with its character offsets in the original text."""

    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Lowercased word, emoji and !/? tokens; stretched words ("soooo") are shortened."""
    lowered = text.lower()
    out = []
    for match in _TOKEN.finditer(lowered):
        word = _ELONGATED.sub(r"\1\1", match.group().replace("’", "'"))
        out.append(Token(word, match.start(), match.end()))
    return out


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (HASH_SIZE - 1)


def ngram_features(toks: list[Token]) -> list[tuple[int, int, int]]:
    """(bucket, start, end) for every unigram and bigram, with the span it covers."""
    feats = [(_bucket(t.text), t.start, t.end) for t in toks]
    for a, b in itertools.pairwise(toks):
        feats.append((_bucket(a.text + " " + b.text), a.start, b.end))
    return feats


def ngram_matrix(texts: list[str]) -> np.ndarray:
    """Dense bag-of-n-grams for training: counts squashed by log1p."""
    out = np.zeros((len(texts), HASH_SIZE), dtype=np.float32)
    for row, text in enumerate(texts):
        for bucket, _, _ in ngram_features(tokens(text)):
            out[row, bucket] += 1.0
    return np.log1p(out)
