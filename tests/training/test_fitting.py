"""The numpy head fitting: several seeds merged into one head."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from heartline.models.features import HASH_SIZE
from heartline.models.heads import Head, HeadInput
from heartline.training import fitting
from heartline.training.fitting import FitConfig, HeadSpec, fit, predict, save_head

VECTOR = 16


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = np.zeros((240, VECTOR + HASH_SIZE), dtype=np.float32)
    x[:, :VECTOR] = rng.standard_normal((240, VECTOR))
    y = np.stack([x[:, 0] + x[:, 1] > 0, x[:, 2] * x[:, 3] > 0], axis=1).astype(np.float32)
    return x, y


def _logits(x: np.ndarray, weights: fitting.Weights) -> np.ndarray:
    p = predict(x, weights, VECTOR, softmax=False).astype(np.float64)
    return np.log(p / (1 - p))


@pytest.mark.parametrize("hidden", [0, 8])
def test_a_merged_head_gives_the_mean_logits_of_its_seeds(
        data: tuple[np.ndarray, np.ndarray], hidden: int, monkeypatch: pytest.MonkeyPatch) -> None:
    x, y = data
    config = FitConfig(epochs=3, batch_size=32, hidden=hidden)
    merged = fit(x, y, VECTOR, replace(config, seeds=3))
    seeds, base = [], fitting.SEED
    for offset in range(3):
        monkeypatch.setattr(fitting, "SEED", base + offset)
        seeds.append(_logits(x, fit(x, y, VECTOR, config)))
    assert np.allclose(_logits(x, merged), np.mean(seeds, axis=0), atol=1e-3)
    if hidden:
        assert merged.hidden_in.shape == (VECTOR, 3 * hidden)


def test_seeds_differ_so_merging_them_is_not_a_no_op(
        data: tuple[np.ndarray, np.ndarray]) -> None:
    x, y = data
    config = FitConfig(epochs=3, batch_size=32, hidden=8)
    one = _logits(x, fit(x, y, VECTOR, config))
    merged = _logits(x, fit(x, y, VECTOR, replace(config, seeds=3)))
    assert not np.allclose(one, merged, atol=1e-3)


def test_a_saved_head_loads_and_scores_as_it_was_fitted(
        data: tuple[np.ndarray, np.ndarray], tmp_path: Path) -> None:
    """The hidden layer is stored in half precision; scores move by under 0.01."""
    x, y = data
    weights = fit(x, y, VECTOR, FitConfig(epochs=3, batch_size=32, hidden=8, seeds=2))
    path = tmp_path / "head.safetensors"
    save_head(path, HeadSpec("test.v1", "none", ("a", "b")), weights, VECTOR,
              np.array([0.5, 0.5], dtype=np.float32))
    head = Head.from_file(path)
    loaded = np.stack([head.probabilities(HeadInput(row[:VECTOR], [])) for row in x[:50]])
    assert np.abs(loaded - predict(x[:50], weights, VECTOR, softmax=False)).max() < 0.01
    assert path.stat().st_mode & 0o044 == 0o044, "package data must be readable by all"
