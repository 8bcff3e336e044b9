"""Train the two sharer-turn heads on corpus/turns.

``turn_signals.minilm.v2`` (independent yes/no): deflection, bid, i_feel and
the three safety signs. ``disclosure.minilm.v2`` (one of three): none,
factual, emotional. Inputs: sentence vector, hashed n-grams, and the cue
features of ``analysis.turn.turn_extras``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from heartline.analysis.turn import (
    DISCLOSURE_CLASSES,
    TURN_EXTRA_FEATURES,
    TURN_SIGNALS,
    read_cues,
    turn_extras,
)
from heartline.models.encoder import NUMPY, POOLED_DIMENSION, Encoder
from heartline.models.features import ngram_matrix, tokens
from heartline.training.cache import embed_cached
from heartline.training.corpus import TurnExample, fold_of, is_heldout, read_turns
from heartline.training.fitting import (
    FitConfig,
    HeadSpec,
    fit_with_thresholds,
    per_label_f1,
    predict,
    save_head,
)

SIGNALS_NAME, SIGNALS_FILE = "turn_signals.minilm.v2", "turn_signals.safetensors"
DISCLOSURE_NAME, DISCLOSURE_FILE = "disclosure.minilm.v2", "disclosure.safetensors"
CONFIG = FitConfig(epochs=30, batch_size=32, learning_rate=1e-3, l2=0.1, l2_ngram=1e-3)


def signal_targets(e: TurnExample) -> list[float]:
    values = {"deflection": e.deflection, "bid": e.bid, "i_feel": e.i_feel}
    values.update({name: e.safety == name for name in ("self_harm", "abuse", "crisis")})
    return [1.0 if values[name] else 0.0 for name in TURN_SIGNALS]


def design(encoder: Encoder, examples: list[TurnExample], cache_dir: Path) -> np.ndarray:
    texts = [e.text for e in examples]
    vectors = embed_cached(encoder, texts, cache_dir, label="turns")
    extras = np.stack([turn_extras(read_cues(t), tokens(t)) for t in texts])
    return np.hstack([vectors, ngram_matrix(texts), extras])


def train(corpus_dir: Path, out_dir: Path, cache_dir: Path) -> dict[str, float]:
    encoder = Encoder(runtime=NUMPY)  # heads are fitted on the float32 vectors
    examples = read_turns(corpus_dir)
    x = design(encoder, examples, cache_dir)
    held = np.asarray([is_heldout(e.text) for e in examples])
    folds = np.asarray([fold_of(e.text) for e in examples])
    y_sig = np.asarray([signal_targets(e) for e in examples], dtype=np.float32)
    y_dis = np.asarray([[float(e.disclosure == c) for c in DISCLOSURE_CLASSES]
                        for e in examples], dtype=np.float32)
    dim = POOLED_DIMENSION
    weights, th = fit_with_thresholds(x[~held], y_sig[~held], folds[~held], dim, CONFIG)
    save_head(out_dir / SIGNALS_FILE,
              HeadSpec(SIGNALS_NAME, encoder.name, TURN_SIGNALS, TURN_EXTRA_FEATURES),
              weights, dim, th)
    sig_f1 = per_label_f1(y_sig[held], predict(x[held], weights, dim, softmax=False), th)
    soft = replace(CONFIG, softmax=True)
    weights, th = fit_with_thresholds(x[~held], y_dis[~held], folds[~held], dim, soft)
    save_head(out_dir / DISCLOSURE_FILE,
              HeadSpec(DISCLOSURE_NAME, encoder.name, DISCLOSURE_CLASSES, TURN_EXTRA_FEATURES,
                       softmax=True), weights, dim, th)
    predicted = predict(x[held], weights, dim, softmax=True).argmax(axis=1)
    report = {"train_examples": int((~held).sum()), "heldout_examples": int(held.sum()),
              "heldout_disclosure_accuracy": float((predicted == y_dis[held].argmax(1)).mean())}
    report.update({f"heldout_f1/{n}": float(s) for n, s in zip(TURN_SIGNALS, sig_f1,
                                                                  strict=True)})
    return report
