"""The int8 fast path: the same features as the numpy pass, closely, and every text its own.

These run where the fast extra is installed, as it is in CI (``.[dev]``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from heartline.analysis.engine import Analyzer
from heartline.errors import ModelNotFoundError
from heartline.models import onnx_int8
from heartline.models.encoder import DIMENSION, Encoder, choose_runtime

TEXTS = [
    "I passed the bar exam!!",
    "k",
    "meh. the biopsy results came back, whatever 🙃",
    "my dad died last week and i can't stop crying 😭😭",
    "Oh no, tomorrow? That's so fast, no wonder you're terrified. What's scaring you most?",
    "we need to talk about the money thing " * 40,  # past the 256-token limit
]


@pytest.fixture(scope="module")
def pair() -> tuple[Encoder, Encoder]:
    return Encoder(runtime="numpy"), Encoder(runtime="int8")


def test_the_extra_is_installed_where_the_suite_runs() -> None:
    assert onnx_int8.available()


def test_int8_features_stay_close_to_float32(pair: tuple[Encoder, Encoder]) -> None:
    numpy_encoder, int8_encoder = pair
    exact, fast = numpy_encoder.encode_pooled(TEXTS), int8_encoder.encode_pooled(TEXTS)
    assert fast.shape == exact.shape == (len(TEXTS), 2 * DIMENSION)
    cosine = (exact[:, :DIMENSION] * fast[:, :DIMENSION]).sum(axis=1)
    assert cosine.min() > 0.98
    np.testing.assert_allclose(np.linalg.norm(fast[:, :DIMENSION], axis=1), 1.0, atol=1e-5)
    assert np.corrcoef(exact[:, DIMENSION:].ravel(), fast[:, DIMENSION:].ravel())[0, 1] > 0.98


def test_a_text_gets_the_same_vector_alone_and_in_any_batch(pair: tuple[Encoder, Encoder]) -> None:
    _, fast = pair
    together = fast.encode_pooled(TEXTS)
    for i, text in enumerate(TEXTS):
        np.testing.assert_array_equal(fast.encode_pooled([text])[0], together[i])
    np.testing.assert_array_equal(fast.encode_pooled(TEXTS[::-1])[::-1], together)
    assert fast.encode_pooled([]).shape == (0, 2 * DIMENSION)


def test_the_published_sentence_vector_never_goes_through_int8(
        pair: tuple[Encoder, Encoder]) -> None:
    numpy_encoder, int8_encoder = pair
    np.testing.assert_array_equal(int8_encoder.encode(TEXTS[:3]), numpy_encoder.encode(TEXTS[:3]))


def test_the_quantized_model_is_built_once_quietly_and_reused(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    handlers = list(logging.getLogger().handlers)
    builds = []

    def build() -> object:
        builds.append(1)
        return Encoder(runtime="numpy")._int8_graph()

    first = onnx_int8.cached_model("fingerprint-a", build, tmp_path)
    second = onnx_int8.cached_model("fingerprint-a", build, tmp_path)
    assert first == second and first.is_file() and len(builds) == 1
    assert capfd.readouterr().err == ""  # the quantizer's advice is not for our users
    assert logging.getLogger().handlers == handlers
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no work files left
    other = onnx_int8.cached_model("fingerprint-b", build, tmp_path)
    assert other != first and len(builds) == 2


def test_analysis_on_int8_names_its_runtime_and_reads_replies_as_float32_does(
        pair: tuple[Encoder, Encoder]) -> None:
    numpy_encoder, int8_encoder = pair
    exact, fast = Analyzer(numpy_encoder), Analyzer(int8_encoder)
    assert fast.model.encoder == exact.model.encoder + "@int8"
    share = "I finally told my boss I'm burnt out and she just said 'we all are'."
    for reply in ("That sounds so deflating. What did you want her to say?",
                  "You should look for another job honestly.",
                  "at least you said it, most people never do",
                  "I'm so sorry, love. I'm here."):
        assert set(fast.reply(share, reply).response.labels) == set(
            exact.reply(share, reply).response.labels)


@pytest.mark.parametrize("asked", ["numpy", "NumPy ", "int8"])
def test_runtime_is_chosen_by_argument_or_environment(asked: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert choose_runtime(asked) == asked.strip().lower()
    monkeypatch.setenv("HEARTLINE_RUNTIME", asked)
    assert choose_runtime(None) == asked.strip().lower()


def test_auto_uses_int8_where_the_extra_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HEARTLINE_RUNTIME", raising=False)
    assert choose_runtime(None) == "int8"
    monkeypatch.setattr(onnx_int8, "available", lambda: False)
    assert choose_runtime(None) == "numpy"
    with pytest.raises(ModelNotFoundError, match=r"heartline\[fast\]"):
        choose_runtime("int8")


def test_an_unknown_runtime_is_refused_with_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEARTLINE_RUNTIME", "gpu")
    with pytest.raises(ModelNotFoundError, match="numpy, int8 or auto"):
        Encoder()
