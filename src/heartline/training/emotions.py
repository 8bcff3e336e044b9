"""Train the GoEmotions head (``emotion.minilm.v2``).

Data: GoEmotions (Demszky et al., 2020; Apache-2.0), read from a folder with
``train.tsv``, ``dev.tsv`` and ``test.tsv``; never copied into the package.
Weights are fitted on train, thresholds tuned on dev, and test is only
reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heartline.analysis.emotions import EMOTIONS
from heartline.errors import InputError
from heartline.models.encoder import NUMPY, POOLED_DIMENSION, Encoder
from heartline.models.features import ngram_matrix
from heartline.training.cache import embed_cached
from heartline.training.fitting import (
    FitConfig,
    HeadSpec,
    fit,
    per_label_f1,
    predict,
    save_head,
    tune_thresholds,
)

HEAD_NAME = "emotion.minilm.v2"
HEAD_FILE = "emotion.safetensors"
CONFIG = FitConfig(epochs=7, batch_size=256, learning_rate=1e-3, l2=1e-5, l2_ngram=3e-5,
                   hidden=512, dropout=0.3, seeds=3)


@dataclass(frozen=True)
class Split:
    texts: list[str]
    labels: np.ndarray


def read_split(path: Path) -> Split:
    """One GoEmotions TSV: text, comma-separated label ids, comment id."""
    texts, rows = [], []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError("expected 3 tab-separated fields", source=str(path), line=number)
        y = np.zeros(len(EMOTIONS), dtype=np.float32)
        y[[int(i) for i in parts[1].split(",")]] = 1.0
        texts.append(parts[0])
        rows.append(y)
    return Split(texts, np.stack(rows))


def features(encoder: Encoder, split: Split, cache_dir: Path, label: str) -> np.ndarray:
    vectors = embed_cached(encoder, split.texts, cache_dir, label=label)
    return np.hstack([vectors, ngram_matrix(split.texts)])


def train(data_dir: Path, out_dir: Path, cache_dir: Path) -> dict[str, float]:
    """Fit, tune, save; returns macro-F1 on dev and test and per-label test F1."""
    encoder = Encoder(runtime=NUMPY)  # heads are fitted on the float32 vectors
    splits = {name: read_split(data_dir / f"{name}.tsv") for name in ("train", "dev", "test")}
    x = {name: features(encoder, s, cache_dir, f"embedding {name}") for name, s in splits.items()}
    weights = fit(x["train"], splits["train"].labels, POOLED_DIMENSION, CONFIG)
    p_dev = predict(x["dev"], weights, POOLED_DIMENSION, softmax=False)
    thresholds = tune_thresholds(splits["dev"].labels, p_dev)
    p_test = predict(x["test"], weights, POOLED_DIMENSION, softmax=False)
    test_f1 = per_label_f1(splits["test"].labels, p_test, thresholds)
    save_head(out_dir / HEAD_FILE, HeadSpec(HEAD_NAME, encoder.name, EMOTIONS), weights,
              POOLED_DIMENSION, thresholds)
    report = {
        "dev_macro_f1": float(per_label_f1(splits["dev"].labels, p_dev, thresholds).mean()),
        "test_macro_f1": float(test_f1.mean()),
    }
    report.update({f"test_f1/{label}": float(v) for label, v in zip(EMOTIONS, test_f1,
                                                                       strict=True)})
    return report
