"""The analyser: one sentence encoder and the shipped heads, loaded once.

Loading takes about a fifth of a second, so a process keeps one ``Analyzer``
(``Analyzer.default()``). Vectors are cached by text, and so is the analysis
of a text read as a sharer's turn: in a conversation each turn is both a reply
and the context of the next reply, and in live feedback the partner's share
stays the same while the reply is typed, so each keystroke only encodes and
analyses the reply.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from heartline.analysis.flags import ExchangeState
from heartline.analysis.reply import ReplyInput, analyze_reply_with
from heartline.analysis.results import ModelInfo, ReplyAnalysis, ReplyPair, TurnAnalysis
from heartline.analysis.turn import TurnHeads, analyze_turn_with
from heartline.errors import InputError, ModelNotFoundError
from heartline.models.encoder import POOLED_DIMENSION, Encoder
from heartline.models.heads import Head

RULES_VERSION = "cues.v1"
VECTOR_CACHE_SIZE = 4096
EMOTION_HEAD = "emotion.safetensors"
SIGNALS_HEAD = "turn_signals.safetensors"
DISCLOSURE_HEAD = "disclosure.safetensors"
REPLY_HEAD = "reply.safetensors"


@dataclass
class _Cached:
    """What is known about one text: its vector, and its turn analysis once asked for."""

    vector: np.ndarray
    turn: TurnAnalysis | None = None


def _require_text(texts: Sequence[str]) -> None:
    if any(not isinstance(t, str) or not t.strip() for t in texts):
        raise InputError("there is nothing to analyse: the text is empty")


class Analyzer:
    """Analyses turns, replies and conversations with one loaded model."""

    _default: Analyzer | None = None
    _default_lock = threading.Lock()

    def __init__(self, encoder: Encoder | None = None) -> None:
        self._encoder = encoder or Encoder()
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> Analyzer:
        """The process-wide analyser, created on first use."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    @cached_property
    def turn_heads(self) -> TurnHeads:
        return TurnHeads(self._head(EMOTION_HEAD), self._head(SIGNALS_HEAD),
                         self._head(DISCLOSURE_HEAD))

    @cached_property
    def reply_head(self) -> Head:
        return self._head(REPLY_HEAD)

    def _head(self, filename: str) -> Head:
        """A shipped head, refused if it was fitted on other vectors than ours give."""
        head = Head.load(filename)
        if head.encoder != self._encoder.name:
            raise ModelNotFoundError(
                f"the {head.name} head was trained on {head.encoder} vectors, but the encoder "
                f"is {self._encoder.name}; retrain the heads (docs/training.md)")
        return head

    @cached_property
    def model(self) -> ModelInfo:
        heads = (*self.turn_heads.names, self.reply_head.name)
        return ModelInfo(encoder=self._encoder.label, heads=heads, rules=RULES_VERSION)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Pooled sentence vectors (mean | max), encoding only texts not seen recently."""
        if not texts:
            return np.zeros((0, POOLED_DIMENSION), dtype=np.float32)
        return np.stack([entry.vector for entry in self._entries(texts)])

    def _entries(self, texts: Sequence[str]) -> list[_Cached]:
        """The cache entries of ``texts``, encoding the missing ones in one pass."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if missing:
                for text, vector in zip(missing, self._encoder.encode_pooled(missing), strict=True):
                    self._cache[text] = _Cached(vector)
            for text in texts:
                self._cache.move_to_end(text)
            entries = [self._cache[t] for t in texts]
            while len(self._cache) > VECTOR_CACHE_SIZE:
                self._cache.popitem(last=False)
            return entries

    def turns(self, texts: Sequence[str]) -> list[TurnAnalysis]:
        """Analyse several sharer turns in one batch."""
        _require_text(texts)
        return self._turns_of(texts, self._entries(texts))

    def _turns_of(self, texts: Sequence[str], entries: list[_Cached]) -> list[TurnAnalysis]:
        # Two threads may both analyse a new text; they store equal values.
        out = []
        for text, entry in zip(texts, entries, strict=True):
            if entry.turn is None:
                entry.turn = analyze_turn_with(text, entry.vector, self.turn_heads, self.model)
            out.append(entry.turn)
        return out

    def turn(self, text: str) -> TurnAnalysis:
        return self.turns([text])[0]

    def replies(self, pairs: Sequence[tuple[str, str]],
                states: Sequence[ExchangeState] | None = None) -> list[ReplyPair]:
        """Analyse (context, reply) pairs in one batch (one encoder pass for all texts)."""
        states = states or [ExchangeState()] * len(pairs)
        context_texts = [c for c, _ in pairs]
        reply_texts = [r for _, r in pairs]
        _require_text(context_texts + reply_texts)
        entries = self._entries(context_texts + reply_texts)
        shared, replied = entries[: len(pairs)], entries[len(pairs):]
        contexts = self._turns_of(context_texts, shared)
        items = [ReplyInput(context, s.vector, reply, r.vector)
                 for context, s, reply, r in zip(contexts, shared, reply_texts, replied,
                                                 strict=True)]
        return [ReplyPair(item.context, self.reply_with(item, state))
                for item, state in zip(items, states, strict=True)]

    def reply_with(self, item: ReplyInput, state: ExchangeState) -> ReplyAnalysis:
        return analyze_reply_with(item, self.reply_head, state, self.model)

    def reply(self, context: str, reply: str, *,
              state: ExchangeState | None = None) -> ReplyPair:
        return self.replies([(context, reply)], [state or ExchangeState()])[0]
