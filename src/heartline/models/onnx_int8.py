"""The feature encoder in 8-bit integers through onnxruntime: the optional fast path.

The numpy forward pass is bound by float32 matrix products: on two cores it
cannot reach a 15 ms p95 for a reply with its share, nor 400 replies/s
(``benchmarks/speed.py`` reports that floor). Through onnxruntime's int8
kernels the whole analysis ran 2.5 to 3.5 times faster where first measured
(494 replies/s against 190, 4.2 ms a reply against 15.3), but only 1.4 to 1.9
times on an AVX2-only processor without 8-bit dot-product instructions (one
AMD EPYC host: 123 replies/s against 89, 15.0 ms a reply against 28.7).
onnxruntime and onnx together add about 105 MiB to an install, so they are an extra
(``pip install 'heartline[fast]'``), and heartline runs without them.

Nothing new ships: on first use the graph is written from the very weights
the numpy encoder holds (published bottom, heartline's tuned top), quantized
per output channel, and cached under the user cache folder by the encoder's
fingerprint. The vectors move a little (cosine of the mean half to float32
about 0.995); the heads, fitted on float32 vectors, score the same on them
(listener held-out macro-F1 0.845 against 0.846), so one set of heads serves
both.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from heartline.models.encoder import _Layer

FORMAT = "int8.v2"
_OPSET = 17
_NEG = -1e9


def available() -> bool:
    """Whether the fast extra is installed."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("onnx", "onnxruntime"))


class _Graph:
    """A small builder: every node gets a fresh output name."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self._count = 0

    def const(self, value: np.ndarray | float | list[int], dtype: Any = np.float32) -> str:
        from onnx import numpy_helper

        self._count += 1
        name = f"c{self._count}"
        self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(self, kind: str, *inputs: str, **attributes: Any) -> str:
        from onnx import helper

        self._count += 1
        name = f"n{self._count}"
        self.nodes.append(helper.make_node(kind, list(inputs), [name], **attributes))
        return name

    def linear(self, x: str, weight: np.ndarray, bias: np.ndarray) -> str:
        return self.op("Add", self.op("MatMul", x, self.const(weight)), self.const(bias))

    def norm(self, x: str, weight: np.ndarray, bias: np.ndarray) -> str:
        return self.op("LayerNormalization", x, self.const(weight), self.const(bias),
                       axis=-1, epsilon=1e-12)

    def gelu(self, x: str) -> str:
        """Exact GELU, with erf, as the published model and the numpy encoder use.

        Written in the very form onnxruntime recognises (x·(1 + erf(x/√2))·0.5),
        so it runs as one fused kernel: about a sixth of an int8 pass went on the five
        separate steps.
        """
        inner = self.op("Erf", self.op("Div", x, self.const(np.sqrt(2.0))))
        return self.op("Mul", self.op("Mul", x, self.op("Add", inner, self.const(1.0))),
                       self.const(0.5))


def _layer(g: _Graph, x: str, bias: str, shape: str, layer: _Layer, heads: int) -> str:
    width = layer.out_w.shape[0]
    size = width // heads
    qkv = g.op("Reshape", g.linear(x, layer.qkv_w, layer.qkv_b),
               g.const([0, 0, 3, heads, size], np.int64))
    qkv = g.op("Transpose", qkv, perm=[2, 0, 3, 1, 4])
    q, k, v = (g.op("Gather", qkv, g.const(i, np.int64), axis=0) for i in range(3))
    scores = g.op("Mul", g.op("MatMul", q, g.op("Transpose", k, perm=[0, 1, 3, 2])),
                  g.const(1.0 / np.sqrt(size)))
    attended = g.op("MatMul", g.op("Softmax", g.op("Add", scores, bias), axis=-1), v)
    merged = g.op("Reshape", g.op("Transpose", attended, perm=[0, 2, 1, 3]), shape)
    x = g.norm(g.op("Add", x, g.linear(merged, layer.out_w, layer.out_b)),
               layer.ln1_w, layer.ln1_b)
    hidden = g.linear(g.gelu(g.linear(x, layer.up_w, layer.up_b)), layer.down_w, layer.down_b)
    return g.norm(g.op("Add", x, hidden), layer.ln2_w, layer.ln2_b)


def build_float_model(embeddings: dict[str, np.ndarray], layers: list[_Layer],
                      heads: int) -> Any:
    """The float32 graph: token ids and mask in, pooled mean | max (b × 2·width) out."""
    from onnx import TensorProto, helper

    g = _Graph()
    ids, mask = "ids", "mask"
    length = g.op("Gather", g.op("Shape", ids), g.const(1, np.int64), axis=0)
    positions = g.op("Range", g.const(0, np.int64), length, g.const(1, np.int64))
    x = g.op("Add", g.op("Gather", g.const(embeddings["word"]), ids),
             g.op("Gather", g.const(embeddings["position"]), positions))
    x = g.norm(g.op("Add", x, g.const(embeddings["type0"])),
               embeddings["ln_w"], embeddings["ln_b"])
    real = g.op("Cast", mask, to=TensorProto.FLOAT)
    padding = g.op("Mul", g.op("Sub", g.const(1.0), real), g.const(_NEG))
    bias = g.op("Unsqueeze", padding, g.const([1, 2], np.int64))
    shape = g.const([0, 0, layers[0].out_w.shape[0]], np.int64)
    for layer in layers:
        x = _layer(g, x, bias, shape, layer, heads)
    weights = g.op("Unsqueeze", real, g.const([2], np.int64))
    total = g.op("ReduceSum", g.op("Mul", x, weights), g.const([1], np.int64), keepdims=0)
    mean = g.op("Div", total, g.op("ReduceSum", weights, g.const([1], np.int64), keepdims=0))
    norm = g.op("Sqrt", g.op("ReduceSum", g.op("Mul", mean, mean), g.const([1], np.int64)))
    unit = g.op("Div", mean, g.op("Max", norm, g.const(1e-12)))
    masked = g.op("Add", x, g.op("Unsqueeze", padding, g.const([2], np.int64)))
    peak = g.op("ReduceMax", masked, axes=[1], keepdims=0)  # axes an input only from opset 18
    g.nodes.append(helper.make_node("Concat", [unit, peak], ["pooled"], axis=-1))
    graph = helper.make_graph(
        g.nodes, "heartline-features",
        [helper.make_tensor_value_info(ids, TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info(mask, TensorProto.INT64, ["b", "t"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["b", None])],
        g.initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", _OPSET)])


def cached_model(fingerprint: str, build: Callable[[], Any], cache_dir: Path) -> Path:
    """The quantized model for ``fingerprint``, built once and kept in ``cache_dir``."""
    digest = hashlib.sha256(f"{FORMAT}\x1f{fingerprint}".encode()).hexdigest()[:24]
    path = cache_dir / f"features-{digest}.onnx"
    if path.is_file():
        return path
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as work, _quiet_root_logger():
        float_path, int8_path = Path(work) / "float.onnx", Path(work) / "int8.onnx"
        onnx.save(build(), str(float_path))
        quantize_dynamic(float_path, int8_path, per_channel=True, weight_type=QuantType.QInt8)
        os.replace(int8_path, path)  # atomic: a second process never reads half a file
    return path


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """The quantizer logs advice through the root logger, which would also give the root
    logger a stderr handler for good; a null handler and a raised level prevent both."""
    root, quiet = logging.getLogger(), logging.NullHandler()
    root.addHandler(quiet)
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)
        root.removeHandler(quiet)


class Int8Features:
    """Pooled feature vectors from the quantized graph, one text per run.

    Dynamic quantization scales each run's activations by their largest
    value, so texts run together would colour each other's vectors: a reply
    would score differently alone (live feedback) than in a batch. One text
    per run keeps every text's vector its own; the batch's texts are spread
    over threads instead (onnxruntime releases the GIL while it runs).
    """

    def __init__(self, path: Path, threads: int) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # onnxruntime ignores OMP_NUM_THREADS
        options.inter_op_num_threads = 1
        # Its fused add-and-normalise kernel ran slower than the two steps apart
        # (4.1 against 3.4 ms a 32-token text, onnxruntime 1.32, AMD EPYC).
        self._session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"],
            disabled_optimizers=["SkipLayerNormFusion"])
        self._threads = max(1, threads)

    def pooled(self, ids_list: list[list[int]]) -> np.ndarray:
        if self._threads == 1 or len(ids_list) == 1:
            return np.vstack([self._one(ids) for ids in ids_list])
        with ThreadPoolExecutor(self._threads) as pool:
            return np.vstack(list(pool.map(self._one, ids_list)))

    def _one(self, ids: list[int]) -> np.ndarray:
        row = np.asarray([ids], dtype=np.int64)
        return self._session.run(None, {"ids": row, "mask": np.ones_like(row)})[0]
