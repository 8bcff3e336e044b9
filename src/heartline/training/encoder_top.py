"""Fine-tune MiniLM's layers (``encoder_top.safetensors``) for feelings and listening.

A frozen sentence encoder is trained to tell topics apart, not "annoyed"
from "disappointed" or a reflection from advice; with it the heads plateau
(GoEmotions macro-F1 0.41). Here the top ``TUNED_LAYERS`` layers are trained
on three tasks at once, each through a throw-away head: GoEmotions' 28
emotions, the listener corpus's fourteen outputs, and the sharer-turn
signals and disclosure. The last is small but keeps the safety signs sharp:
tuned on feelings and listening alone, the layers let the safety head miss
twice as many held-out crisis turns. The layers are then exported in the
published layout so the numpy encoder runs them like the layers they replace,
and the shipped heads are refitted on the new vectors.

Why all six layers: tuning them all scores higher than tuning the top three
(GoEmotions test macro-F1 0.52 against 0.48, independent listener set 0.79
against 0.78). A first attempt taught the layers word shortcuts for harm ("He
hurt my feelings" scored 0.95 abuse); with the look-alike turns of
``corpus/turns/safety_edges.jsonl`` and ``safety_words_*.jsonl`` in the turn
task and a head-only alarm floor of 0.7 (``analysis/safety.py``), the safety
check ranks danger better than with three tuned layers, raises fewer false
alarms and misses fewer held-out dangers. ``TUNED_LAYERS`` is the knob; check
the safety figures of ``benchmarks/quality.py`` and the safety tests before
moving it.

Only GoEmotions' train split and the training part of our corpora are used;
held-out groups and turns, dev and test stay unseen. PyTorch is needed for
this command only (CPU build: ``pip install torch --index-url
https://download.pytorch.org/whl/cpu``); heartline never imports it to run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.progress import Progress

from heartline.analysis.emotions import EMOTIONS
from heartline.analysis.reply import REPLY_OUTPUTS
from heartline.analysis.turn import DISCLOSURE_CLASSES, TURN_SIGNALS
from heartline.errors import HeartlineError
from heartline.models.encoder import (
    DIMENSION,
    INT4_OFFSET,
    MODEL_NAME,
    NUMPY,
    TUNED_TOP_FILE,
    Encoder,
    model_dir,
)
from heartline.training.corpus import is_heldout, read_replies, read_turns
from heartline.training.emotions import read_split
from heartline.training.fitting import SEED, per_label_f1, tune_thresholds
from heartline.training.replies import targets
from heartline.training.turns import signal_targets

TOP_NAME = "top6.heartline.v1"
TUNED_LAYERS = 6
EPOCHS = 3
BATCH = 32
# One batch of each of our corpora goes with every third GoEmotions batch.
SIDE_BATCH = 16
SIDE_EVERY = 3
ENCODER_LR, HEAD_LR = 1e-4, 1e-3
# The exported layers, run by the numpy encoder, must give what torch gave:
# checked on this many dev texts (the 4-bit storage moves pooled values by up to ~0.1).
AGREEMENT_SAMPLE = 256
TORCH_HINT = ("Fine-tuning needs PyTorch (for training only; heartline never imports it "
              "to run). The CPU build is enough:\n"
              "    pip install torch --index-url https://download.pytorch.org/whl/cpu")


@dataclass(frozen=True)
class Task:
    """One training task: token states entering the tuned layers, and targets."""

    states: list[np.ndarray]
    targets: np.ndarray


def _torch() -> Any:
    try:
        import torch
    except ImportError as exc:
        raise HeartlineError(TORCH_HINT) from exc
    return torch


def cached_states(encoder: Encoder, texts: list[str], cache_dir: Path, label: str,
                  frozen: int) -> list[np.ndarray]:
    """Token states after the ``frozen`` lower layers, cached (half precision) on disk."""
    key = "\x1f".join([encoder.fingerprint, f"states{frozen}", *texts])
    path = cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.npz"
    if path.is_file():
        with np.load(path) as saved:
            flat, lengths = saved["flat"], saved["lengths"]
    else:
        states = []
        with Progress(transient=True) as progress:
            task = progress.add_task(label, total=len(texts))
            for start in range(0, len(texts), 1024):
                part = encoder.token_states(texts[start : start + 1024], frozen)
                states.extend(s.astype(np.float16) for s in part)
                progress.advance(task, len(part))
        flat, lengths = np.concatenate(states), np.array([len(s) for s in states])
        cache_dir.mkdir(parents=True, exist_ok=True)
        np.savez(path, flat=flat, lengths=lengths)
    starts = np.cumsum(lengths) - lengths
    return [flat[s : s + n] for s, n in zip(starts, lengths, strict=True)]


def train(goemotions_dir: Path, corpus_dir: Path, turns_dir: Path, out_dir: Path,
          cache_dir: Path) -> dict[str, float]:
    """Fine-tune, export the layers, and report GoEmotions dev macro-F1 of the tuning head."""
    torch = _torch()
    from heartline.training import torch_layers

    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    base = Encoder(tuned=False, runtime=NUMPY)
    frozen = base.layer_count - TUNED_LAYERS
    emotions = {name: read_split(goemotions_dir / f"{name}.tsv") for name in ("train", "dev")}
    replies = [e for e in read_replies(corpus_dir) if not is_heldout(e.group)]
    ge = {name: Task(cached_states(base, s.texts, cache_dir, f"GoEmotions {name}", frozen),
                     s.labels) for name, s in emotions.items()}
    turns = [e for e in read_turns(turns_dir) if not is_heldout(e.text)]
    side = {
        "listener": Task(cached_states(base, [e.response for e in replies], cache_dir,
                                       "listener replies", frozen),
                         np.asarray([targets(e) for e in replies], dtype=np.float32)),
        "turns": Task(cached_states(base, [e.text for e in turns], cache_dir, "turns", frozen),
                      np.asarray([signal_targets(e) + [float(e.disclosure == c)
                                                       for c in DISCLOSURE_CLASSES]
                                  for e in turns], dtype=np.float32)),
    }
    weights = _load_published(range(frozen, base.layer_count))
    model = torch_layers.TunedTop(weights, range(frozen, base.layer_count), {
        "emotions": len(EMOTIONS), "listener": len(REPLY_OUTPUTS),
        "turns": len(TURN_SIGNALS) + len(DISCLOSURE_CLASSES)})
    _fit(torch, model, ge["train"], side, rng)
    p_dev = torch_layers.predict(model, "emotions", ge["dev"].states)
    thresholds = tune_thresholds(ge["dev"].targets, p_dev)
    path = out_dir / TUNED_TOP_FILE
    _export(model.layer_tensors(), path, range(frozen, base.layer_count))
    sample = emotions["dev"].texts[:AGREEMENT_SAMPLE]
    exported = Encoder(tuned_top=path, runtime=NUMPY).encode_pooled(sample)
    tuned = torch_layers.pooled(model, ge["dev"].states[:AGREEMENT_SAMPLE])
    return {"tuned_layers": TUNED_LAYERS, "goemotions_train": len(ge["train"].states),
            "listener_train": len(replies), "turns_train": len(turns),
            "goemotions_dev_macro_f1_tuning_head": float(
                per_label_f1(ge["dev"].targets, p_dev, thresholds).mean()),
            "numpy_vs_torch_max_abs_diff": float(np.abs(exported - tuned).max())}


def _fit(torch: Any, model: Any, ge: Task, side: dict[str, Task],
         rng: np.random.Generator) -> None:
    from heartline.training import torch_layers

    order = np.argsort([len(s) for s in ge.states], kind="stable")
    batches = [order[s : s + BATCH] for s in range(0, len(order), BATCH)]
    optimizer = torch.optim.AdamW([
        {"params": model.encoder_parameters(), "lr": ENCODER_LR},
        {"params": model.head_parameters(), "lr": HEAD_LR}], weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=[ENCODER_LR, HEAD_LR], total_steps=EPOCHS * len(batches),
        pct_start=0.1)
    with Progress(transient=True) as progress:
        bar = progress.add_task("fine-tuning", total=EPOCHS * len(batches))
        for _ in range(EPOCHS):
            model.train()
            for step in rng.permutation(len(batches)):
                rows = batches[step]
                loss = torch_layers.loss(model, "emotions", [ge.states[i] for i in rows],
                                         ge.targets[rows])
                if step % SIDE_EVERY == 0:
                    for name, task in side.items():
                        pick = rng.choice(len(task.states), SIDE_BATCH, replace=False)
                        loss = loss + torch_layers.loss(
                            model, name, [task.states[i] for i in pick], task.targets[pick])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                schedule.step()
                progress.advance(bar)


def _load_published(layers: range) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    weights = load_file(str(model_dir() / "model.safetensors"))
    prefixes = tuple(f"encoder.layer.{i}." for i in layers)
    return {k: v for k, v in weights.items() if k.startswith(prefixes)}


def _export(tensors: dict[str, np.ndarray], path: Path, layers: range) -> None:
    """Each matrix as its 4-bit change from the published one, a scale per row; the rest whole."""
    from safetensors.numpy import save_file

    published = _load_published(layers)
    stored: dict[str, np.ndarray] = {}
    for key, value in tensors.items():
        if value.ndim == 1:
            stored[key] = np.ascontiguousarray(value, dtype=np.float32)
            continue
        stored[key + ".delta4"], stored[key + ".scale"] = pack_int4(
            value.astype(np.float32) - published[key])
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(stored, str(path), metadata={
        "name": TOP_NAME, "base": MODEL_NAME, "layers": json.dumps(list(layers)),
        "storage": "int4 change from the published weights, float32 scale per row",
        "dimension": str(DIMENSION),
        "trained_on": "GoEmotions train; training part of corpus/listener and corpus/turns"})
    path.chmod(0o644)  # safetensors writes owner-only; package data is read by all


def pack_int4(change: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``change`` (rows × even columns) as steps of -7..7 two to a byte, and each row's step."""
    scale = np.maximum(np.abs(change).max(axis=1), np.float32(1e-12)) / np.float32(7)
    steps = (np.clip(np.round(change / scale[:, None]), -7, 7) + INT4_OFFSET).astype(np.uint8)
    return (steps[:, 0::2] | (steps[:, 1::2] << 4)).astype(np.uint8), scale.astype(np.float32)
