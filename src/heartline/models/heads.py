"""Classifier heads over a sentence vector, hashed n-grams and rule cues.

A head is linear in all its inputs, plus an optional hidden layer over the
sentence vector. It is one small safetensors file shipped inside the package. It records
its own versioned name, the encoder it was trained on and its labels, so an
old analysis can always say which model produced it (as spaCy does with its
registered components). Scores are independent sigmoids (multi-label) or a
softmax (one-of-n), with a decision threshold per label tuned at training time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

import numpy as np

from heartline.models.features import Token, ngram_features


@dataclass(frozen=True)
class HeadInput:
    """What a head reads for one text.

    A turn is read by three heads and a reply's spans ask for its n-grams
    again, so the n-grams are worked out once per text, on first use.
    """

    vector: np.ndarray
    toks: list[Token]
    extra: np.ndarray | None = None

    @cached_property
    def ngrams(self) -> list[tuple[int, int, int]]:
        return ngram_features(self.toks)

    @cached_property
    def ngram_counts(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct buckets in increasing order and their log1p counts, as a
        bincount over all HASH_SIZE buckets would give, without allocating it."""
        buckets, counts = np.unique([b for b, _, _ in self.ngrams], return_counts=True)
        return buckets.astype(np.intp), np.log1p(counts.astype(np.float32))


class Head:
    """Scores labels for one text; also says which n-grams pushed each label up."""

    def __init__(self, tensors: dict[str, np.ndarray], meta: dict[str, str]) -> None:
        self.name: str = meta["name"]
        self.encoder: str = meta["encoder"]
        self.labels: tuple[str, ...] = tuple(json.loads(meta["labels"]))
        self.extra_features: tuple[str, ...] = tuple(json.loads(meta.get("extra", "[]")))
        self.softmax = meta.get("activation") == "softmax"
        self._embedding = tensors["embedding"]
        self._ngram = tensors["ngram"]
        self._extra = tensors.get("extra")
        self._bias = tensors["bias"]
        self._hidden = tuple(tensors[k].astype(np.float32)  # stored in half precision
                             for k in ("hidden_in", "hidden_bias", "hidden_out")) \
            if "hidden_in" in tensors else None
        self.vector_dim = self._embedding.shape[0]
        self.thresholds: np.ndarray = tensors["threshold"]

    @classmethod
    def load(cls, filename: str) -> Head:
        """Load a head shipped in ``heartline/models/weights``."""
        path = resources.files("heartline.models") / "weights" / filename
        with resources.as_file(path) as real_path:
            return cls.from_file(real_path)

    @classmethod
    def from_file(cls, path: Path) -> Head:
        from safetensors import safe_open

        with safe_open(str(path), framework="numpy") as f:
            tensors = {key: f.get_tensor(key) for key in f.keys()}  # noqa: SIM118
            meta = f.metadata()
        return cls(tensors, meta)

    def logits(self, item: HeadInput) -> np.ndarray:
        vector = item.vector[: self.vector_dim]
        out = vector @ self._embedding + self._bias
        if self._hidden is not None:
            hidden_in, hidden_bias, hidden_out = self._hidden
            out = out + np.maximum(vector @ hidden_in + hidden_bias, 0) @ hidden_out
        if item.ngrams:
            buckets, weights = item.ngram_counts
            out = out + weights @ self._ngram[buckets]
        if self._extra is not None and item.extra is not None:
            out = out + item.extra @ self._extra
        return out

    def probabilities(self, item: HeadInput) -> np.ndarray:
        z = self.logits(item)
        if self.softmax:
            e = np.exp(z - z.max())
            return e / e.sum()
        return 1.0 / (1.0 + np.exp(-z))

    def strongest_ngram(self, item: HeadInput, label: str) -> tuple[int, int] | None:
        """Character span of the n-gram that most raised ``label``, if any did."""
        column = self._ngram[:, self.labels.index(label)]
        best: tuple[float, int, int] | None = None
        for bucket, start, end in item.ngrams:
            weight = float(column[bucket])
            if weight > 0 and (best is None or weight > best[0]):
                best = (weight, start, end)
        return None if best is None else (best[1], best[2])
