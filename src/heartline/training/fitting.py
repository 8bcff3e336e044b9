"""Fitting the heads in numpy: logistic (multi-label) or softmax (one-of-n).

A head reads three blocks of features: the sentence vector, hashed n-grams
and a few extras (cue hits and the like). Everything is linear, plus an
optional hidden layer over the sentence vector alone, which is where the
non-linear meaning lives. Mini-batch Adam with L2 and dropout on the hidden
layer, a fixed seed and a fixed number of epochs, so the same data gives the
same weights. Decision thresholds are tuned per label for F1 on predictions
for data the weights were not fitted on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heartline.models.features import HASH_SIZE

SEED = 20261123
THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


@dataclass(frozen=True)
class FitConfig:
    """Hyper-parameters; each trainer states the ones its shipped head uses."""

    epochs: int = 12
    batch_size: int = 128
    learning_rate: float = 2e-3
    l2: float = 1e-5
    l2_ngram: float = 1e-4
    hidden: int = 0
    dropout: float = 0.3
    softmax: bool = False
    seeds: int = 1


@dataclass
class Weights:
    """A fitted head. ``hidden_in`` already includes the input standardisation."""

    linear: np.ndarray
    bias: np.ndarray
    hidden_in: np.ndarray | None = None
    hidden_bias: np.ndarray | None = None
    hidden_out: np.ndarray | None = None


def _activate(z: np.ndarray, softmax: bool) -> np.ndarray:
    if softmax:
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)
    return 1.0 / (1.0 + np.exp(-z))


def predict(x: np.ndarray, weights: Weights, vector_dim: int, *, softmax: bool) -> np.ndarray:
    z = x @ weights.linear + weights.bias
    if weights.hidden_in is not None:
        h = np.maximum(x[:, :vector_dim] @ weights.hidden_in + weights.hidden_bias, 0)
        z = z + h @ weights.hidden_out
    return _activate(z, softmax)


class _Adam:
    def __init__(self, params: list[np.ndarray], lr: float) -> None:
        self.params, self.lr, self.step = params, lr, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def update(self, grads: list[np.ndarray]) -> None:
        self.step += 1
        for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            m *= BETA1
            m += (1 - BETA1) * g
            v *= BETA2
            v += (1 - BETA2) * g * g
            m_hat = m / (1 - BETA1**self.step)
            v_hat = v / (1 - BETA2**self.step)
            p -= (self.lr * m_hat / (np.sqrt(v_hat) + EPS)).astype(np.float32)


def fit(x: np.ndarray, y: np.ndarray, vector_dim: int, config: FitConfig) -> Weights:
    """Weights minimising cross-entropy plus L2 on (n × features) ``x``.

    With ``config.seeds`` above one, that many fits from successive seeds are
    merged into one head whose logits are their mean. Each seed lands
    somewhere different (a hidden layer always does; a linear head does when
    its penalty is light), and on rare labels that decides whether a threshold
    tuned on data it did not see holds on new data.
    """
    fits = [_fit_seed(x, y, vector_dim, config, SEED + i) for i in range(config.seeds)]
    return fits[0] if len(fits) == 1 else _mean_of(fits)


def _mean_of(fits: list[Weights]) -> Weights:
    """One head computing the mean logits of ``fits``: hidden units side by side."""
    n = np.float32(len(fits))
    linear = sum(f.linear for f in fits) / n
    bias = sum(f.bias for f in fits) / n
    if fits[0].hidden_in is None:
        return Weights(linear, bias)
    return Weights(linear, bias, np.hstack([f.hidden_in for f in fits]),
                   np.concatenate([f.hidden_bias for f in fits]),
                   np.vstack([f.hidden_out for f in fits]) / n)


def _fit_seed(x: np.ndarray, y: np.ndarray, vector_dim: int, config: FitConfig,
              seed: int) -> Weights:
    rng = np.random.default_rng(seed)
    n, d = x.shape
    k = y.shape[1]
    mean = x[:, :vector_dim].mean(axis=0)
    scale = 1.0 / (x[:, :vector_dim].std(axis=0) + np.float32(1e-6))
    col_scale = np.ones(d, dtype=np.float32)
    col_scale[:vector_dim] = scale
    col_shift = np.zeros(d, dtype=np.float32)
    col_shift[:vector_dim] = mean
    l2 = np.full((d, 1), config.l2_ngram, dtype=np.float32)
    l2[:vector_dim] = config.l2
    w = np.zeros((d, k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    params = [w, b]
    if config.hidden:
        w1 = (rng.standard_normal((vector_dim, config.hidden)) *
              np.sqrt(2.0 / vector_dim)).astype(np.float32)
        params += [w1, np.zeros(config.hidden, np.float32),
                   np.zeros((config.hidden, k), np.float32)]
    adam = _Adam(params, config.learning_rate)
    for _ in range(config.epochs):
        for idx in np.array_split(rng.permutation(n), max(1, n // config.batch_size)):
            xb = (x[idx] - col_shift) * col_scale
            adam.update(_gradients(xb, y[idx], params, l2, vector_dim, config, rng))
    return _unstandardise(params, col_shift, col_scale, vector_dim)


def _gradients(xb: np.ndarray, yb: np.ndarray, params: list[np.ndarray], l2: np.ndarray,
               vector_dim: int, config: FitConfig, rng: np.random.Generator) -> list[np.ndarray]:
    w, b = params[0], params[1]
    z = xb @ w + b
    if config.hidden:
        w1, b1, w2 = params[2], params[3], params[4]
        pre = xb[:, :vector_dim] @ w1 + b1
        keep = (rng.random(pre.shape) >= config.dropout).astype(np.float32)
        keep /= np.float32(1.0 - config.dropout)
        act = np.maximum(pre, 0) * keep
        z = z + act @ w2
    err = (_activate(z, config.softmax) - yb) / np.float32(len(yb))
    grads = [xb.T @ err + l2 * w, err.sum(axis=0)]
    if config.hidden:
        d_pre = (err @ w2.T) * keep * (pre > 0)
        grads += [xb[:, :vector_dim].T @ d_pre + config.l2 * w1, d_pre.sum(axis=0),
                  act.T @ err + config.l2 * w2]
    return grads


def _unstandardise(params: list[np.ndarray], shift: np.ndarray, scale: np.ndarray,
                   vector_dim: int) -> Weights:
    """Fold the standardisation into the weights so heads read raw features."""
    w, b = params[0], params[1]
    linear = w * scale[:, None]
    bias = b - (shift * scale) @ w
    if len(params) == 2:
        return Weights(linear, bias)
    w1, b1, w2 = params[2], params[3], params[4]
    hidden_in = w1 * scale[:vector_dim, None]
    hidden_bias = b1 - (shift[:vector_dim] * scale[:vector_dim]) @ w1
    return Weights(linear, bias, hidden_in, hidden_bias, w2)


def f1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    tp = float(np.sum(y_true & y_pred))
    denom = float(np.sum(y_true) + np.sum(y_pred))
    return 0.0 if denom == 0 else 2 * tp / denom


def tune_thresholds(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Per-label threshold that maximises F1 on data the weights did not see."""
    best = np.full(y.shape[1], 0.5, dtype=np.float32)
    for j in range(y.shape[1]):
        truth = y[:, j] > 0.5
        scores = [f1(truth, p[:, j] >= t) for t in THRESHOLD_GRID]
        best[j] = THRESHOLD_GRID[int(np.argmax(scores))]
    return best


def per_label_f1(y: np.ndarray, p: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    return np.array([f1(y[:, j] > 0.5, p[:, j] >= thresholds[j]) for j in range(y.shape[1])])


def fit_with_thresholds(x: np.ndarray, y: np.ndarray, folds: np.ndarray, vector_dim: int,
                        config: FitConfig) -> tuple[Weights, np.ndarray]:
    """Fit on everything; thresholds from out-of-fold predictions of the same recipe."""
    out_of_fold = np.zeros_like(y)
    for fold in np.unique(folds):
        inside = folds != fold
        weights = fit(x[inside], y[inside], vector_dim, config)
        out_of_fold[~inside] = predict(x[~inside], weights, vector_dim, softmax=config.softmax)
    weights = fit(x, y, vector_dim, config)
    if config.softmax:
        return weights, np.zeros(y.shape[1], dtype=np.float32)
    return weights, tune_thresholds(y, out_of_fold)


@dataclass(frozen=True)
class HeadSpec:
    """What a trained head records about itself."""

    name: str
    encoder: str
    labels: tuple[str, ...]
    extra: tuple[str, ...] = ()
    softmax: bool = False


def save_head(path: Path, spec: HeadSpec, weights: Weights, vector_dim: int,
              thresholds: np.ndarray) -> None:
    """Write a head in the layout ``heartline.models.heads.Head`` reads."""
    from safetensors.numpy import save_file

    extra_start = vector_dim + HASH_SIZE
    w = weights.linear
    tensors = {
        "embedding": np.ascontiguousarray(w[:vector_dim]),
        "ngram": np.ascontiguousarray(w[vector_dim:extra_start]),
        "bias": weights.bias.astype(np.float32),
        "threshold": thresholds.astype(np.float32),
    }
    if spec.extra:
        tensors["extra"] = np.ascontiguousarray(w[extra_start:])
    tensors = {k: v.astype(np.float32) for k, v in tensors.items()}
    if weights.hidden_in is not None:
        # Half precision: a head merged from several seeds has several hidden
        # layers side by side, and the install has a size budget.
        tensors["hidden_in"] = np.ascontiguousarray(weights.hidden_in, dtype=np.float16)
        tensors["hidden_bias"] = weights.hidden_bias.astype(np.float32)
        tensors["hidden_out"] = np.ascontiguousarray(weights.hidden_out, dtype=np.float16)
    meta = {
        "name": spec.name,
        "encoder": spec.encoder,
        "labels": json.dumps(list(spec.labels)),
        "extra": json.dumps(list(spec.extra)),
        "activation": "softmax" if spec.softmax else "sigmoid",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(path), metadata=meta)
    path.chmod(0o644)  # safetensors writes owner-only; package data is read by all
