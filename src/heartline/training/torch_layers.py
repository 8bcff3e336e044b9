"""MiniLM's transformer layers in PyTorch, for fine-tuning only.

The same computation as ``models.encoder`` (post-norm BERT layer, exact GELU,
layer-norm eps 1e-12, 12 heads), with padding and a mask because autograd
wants rectangular batches. Pooling matches the encoder's: the normalised mean
and the max over each text's tokens. Importing this module imports torch, so
only ``training.encoder_top`` does, after checking that torch is installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from heartline.models.encoder import DIMENSION

HEADS = 12
LN_EPS = 1e-12
HIDDEN = 512
DROPOUT = 0.3
PREDICT_BATCH = 256

# (our attribute, the published tensor name under encoder.layer.N.)
_PARTS = (
    ("query", "attention.self.query"), ("key", "attention.self.key"),
    ("value", "attention.self.value"), ("out", "attention.output.dense"),
    ("up", "intermediate.dense"), ("down", "output.dense"),
)
_NORMS = (("norm1", "attention.output.LayerNorm"), ("norm2", "output.LayerNorm"))


class Layer(nn.Module):
    """One BERT layer initialised from the published weights of layer ``index``."""

    def __init__(self, weights: dict[str, np.ndarray], index: int) -> None:
        super().__init__()
        prefix = f"encoder.layer.{index}."
        for attribute, name in _PARTS:
            weight = torch.tensor(weights[f"{prefix}{name}.weight"])
            linear = nn.Linear(weight.shape[1], weight.shape[0])
            linear.weight.data.copy_(weight)
            linear.bias.data.copy_(torch.tensor(weights[f"{prefix}{name}.bias"]))
            setattr(self, attribute, linear)
        for attribute, name in _NORMS:
            norm = nn.LayerNorm(DIMENSION, eps=LN_EPS)
            norm.weight.data.copy_(torch.tensor(weights[f"{prefix}{name}.weight"]))
            norm.bias.data.copy_(torch.tensor(weights[f"{prefix}{name}.bias"]))
            setattr(self, attribute, norm)
        self.index = index

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, HEADS, DIMENSION // HEADS).transpose(1, 2)

        attended = F.scaled_dot_product_attention(
            split(self.query(x)), split(self.key(x)), split(self.value(x)),
            attn_mask=mask[:, None, None, :])
        x = self.norm1(x + self.out(attended.transpose(1, 2).reshape(batch, length, DIMENSION)))
        return self.norm2(x + self.down(F.gelu(self.up(x))))

    def tensors(self) -> dict[str, np.ndarray]:
        """The layer's weights under their published names."""
        prefix = f"encoder.layer.{self.index}."
        out = {}
        for attribute, name in (*_PARTS, *_NORMS):
            module = getattr(self, attribute)
            out[f"{prefix}{name}.weight"] = module.weight.detach().numpy().copy()
            out[f"{prefix}{name}.bias"] = module.bias.detach().numpy().copy()
        return out


class Head(nn.Module):
    """Linear plus one hidden layer over the pooled vector, as the shipped heads are."""

    def __init__(self, outputs: int) -> None:
        super().__init__()
        self.linear = nn.Linear(2 * DIMENSION, outputs)
        self.hidden = nn.Linear(2 * DIMENSION, HIDDEN)
        self.output = nn.Linear(HIDDEN, outputs)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, pooled: torch.Tensor) -> torch.Tensor:
        pooled = self.dropout(pooled)
        return self.linear(pooled) + self.output(self.dropout(F.relu(self.hidden(pooled))))


class TunedTop(nn.Module):
    """The top layers being tuned, with one throw-away head per task."""

    def __init__(self, weights: dict[str, np.ndarray], layers: Iterable[int],
                 tasks: dict[str, int]) -> None:
        super().__init__()
        self.layers = nn.ModuleList([Layer(weights, i) for i in layers])
        self.heads = nn.ModuleDict({name: Head(n) for name, n in tasks.items()})

    def pooled(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x, mask)
        weights = mask[..., None].to(x.dtype)
        mean = F.normalize((x * weights).sum(1) / weights.sum(1), dim=-1)
        peak = x.masked_fill(~mask[..., None], torch.finfo(x.dtype).min).amax(1)
        return torch.cat([mean, peak], dim=-1)

    def forward(self, task: str, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.heads[task](self.pooled(x, mask))

    def encoder_parameters(self) -> list[nn.Parameter]:
        return list(self.layers.parameters())

    def head_parameters(self) -> list[nn.Parameter]:
        return list(self.heads.parameters())

    def layer_tensors(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for layer in self.layers:
            out.update(layer.tensors())
        return out


def padded(states: list[np.ndarray]) -> tuple[torch.Tensor, torch.Tensor]:
    """A rectangular float32 batch of token states and its mask of real tokens."""
    length = max(len(s) for s in states)
    x = np.zeros((len(states), length, DIMENSION), dtype=np.float32)
    mask = np.zeros((len(states), length), dtype=bool)
    for row, s in enumerate(states):
        x[row, : len(s)] = s
        mask[row, : len(s)] = True
    return torch.from_numpy(x), torch.from_numpy(mask)


def loss(model: TunedTop, task: str, states: list[np.ndarray],
         targets: np.ndarray) -> torch.Tensor:
    x, mask = padded(states)
    return F.binary_cross_entropy_with_logits(model(task, x, mask), torch.from_numpy(targets))


def predict(model: TunedTop, task: str, states: list[np.ndarray]) -> np.ndarray:
    """Sigmoid outputs of ``task``'s head, in the order of ``states``."""
    head = model.heads[task]
    return _batched(model, states, lambda x, mask: torch.sigmoid(model(task, x, mask)),
                    head.linear.out_features)


def pooled(model: TunedTop, states: list[np.ndarray]) -> np.ndarray:
    """The pooled vectors (mean | max) the tuned layers give, in the order of ``states``."""
    return _batched(model, states, model.pooled, 2 * DIMENSION)


def _batched(model: TunedTop, states: list[np.ndarray],
             run: Callable[[torch.Tensor, torch.Tensor], torch.Tensor], width: int) -> np.ndarray:
    model.eval()
    out = np.zeros((len(states), width), dtype=np.float32)
    order = np.argsort([len(s) for s in states], kind="stable")
    with torch.no_grad():
        for start in range(0, len(order), PREDICT_BATCH):
            rows = order[start : start + PREDICT_BATCH]
            out[rows] = run(*padded([states[i] for i in rows])).numpy()
    return out
