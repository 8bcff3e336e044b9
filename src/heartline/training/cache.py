"""Pooled sentence vectors for training sets, cached on disk between runs.

Embedding GoEmotions takes minutes on two cores; trying a new regulariser
should not. The cache key is the encoder's fingerprint (its name and a digest
of its tuned weights) plus a digest of the texts, so a changed data set or
model can never reuse stale vectors.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from rich.progress import Progress

from heartline.models.encoder import DEFAULT_BATCH_SIZE, POOLED_DIMENSION, Encoder

CHUNK = DEFAULT_BATCH_SIZE * 16


def embed_cached(encoder: Encoder, texts: list[str], cache_dir: Path, *,
                 label: str = "embedding") -> np.ndarray:
    key = "\x1f".join([encoder.fingerprint, f"pooled{POOLED_DIMENSION}", *texts])
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    path = cache_dir / f"{digest}.npy"
    if path.is_file():
        return np.load(path)
    unique = list(dict.fromkeys(texts))
    vectors = np.zeros((len(unique), POOLED_DIMENSION), dtype=np.float32)
    with Progress(transient=True) as progress:
        task = progress.add_task(label, total=len(unique))
        for start in range(0, len(unique), CHUNK):
            vectors[start : start + CHUNK] = encoder.encode_pooled(unique[start : start + CHUNK])
            progress.advance(task, min(CHUNK, len(unique) - start))
    row = {text: i for i, text in enumerate(unique)}
    out = vectors[[row[t] for t in texts]]
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out
