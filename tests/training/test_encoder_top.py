"""Fine-tuning the encoder's top layers: what can be checked without PyTorch.

PyTorch is never installed to run heartline, so these tests cover the parts
around it: the clear error when it is missing, the disk cache of token
states, and the export, whose layout the numpy encoder must read back as the
layers it replaces.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from heartline.errors import HeartlineError
from heartline.models import encoder as encoder_module
from heartline.models.encoder import Encoder
from heartline.training import encoder_top


@pytest.fixture(scope="module")
def published() -> Encoder:
    return Encoder(tuned=False)


def test_without_torch_the_command_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(HeartlineError, match=r"download\.pytorch\.org/whl/cpu"):
        encoder_top.train(tmp_path, tmp_path, tmp_path, tmp_path, tmp_path)
    assert not list(tmp_path.iterdir()), "nothing written"


def test_exported_layers_run_as_the_layers_they_replace(
        published: Encoder, tmp_path: Path) -> None:
    layers = range(published.layer_count - 2, published.layer_count)
    path = tmp_path / "top.safetensors"
    encoder_top._export(encoder_top._load_published(layers), path, layers)
    exported = Encoder(tuned_top=path)
    texts = ["I passed the bar exam!!", "meh. the biopsy came back, whatever 🙃", "ok"]
    assert exported.name == Encoder().name
    assert exported.fingerprint != Encoder().fingerprint, "same name, other weights"
    # Unchanged layers are stored as a zero change, so they come back exactly.
    np.testing.assert_array_equal(exported.encode_pooled(texts), published.encode_pooled(texts))
    np.testing.assert_array_equal(exported.encode(texts), published.encode(texts))


def test_a_changed_matrix_comes_back_within_half_a_step_of_its_row_scale(
        tmp_path: Path) -> None:
    layers = range(4, 6)
    published = encoder_top._load_published(layers)
    rng = np.random.default_rng(0)
    tuned = {k: v + rng.normal(0, 0.01, v.shape).astype(np.float32)
             for k, v in published.items()}
    path = tmp_path / "top.safetensors"
    encoder_top._export(tuned, path, layers)
    assert path.stat().st_size < 0.2 * sum(v.nbytes for v in tuned.values()), "4 bits a weight"
    _, loaded = encoder_module._load_tuned_top(path, published)
    query = "encoder.layer.5.attention.self.query"
    change = tuned[f"{query}.weight"] - published[f"{query}.weight"]
    step = np.abs(change).max(axis=1, keepdims=True) / 7
    qkv_w = loaded[5].qkv_w.T[:384]  # the query rows, as the encoder stacks them
    assert np.all(np.abs(qkv_w - tuned[f"{query}.weight"]) <= step / 2 + 1e-6)
    np.testing.assert_array_equal(loaded[5].qkv_b[:384], tuned[f"{query}.bias"])


def test_token_states_are_cached_on_disk(published: Encoder, tmp_path: Path) -> None:
    texts = ["first text", "a second, longer text", "first text"]
    fresh = encoder_top.cached_states(published, texts, tmp_path, "test", 3)
    assert len(list(tmp_path.glob("*.npz"))) == 1
    again = encoder_top.cached_states(published, texts, tmp_path, "test", 3)
    direct = published.token_states(texts, 3)
    for a, b, c in zip(fresh, again, direct, strict=True):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_allclose(a, c, atol=1e-2)
