"""Reading heartline's own labelled corpora (``corpus/`` in the repository).

The held-out split is fixed by a hash of the group (listener corpus) or text
(turn corpus): about a fifth of the groups, never trained on, so a context
and its replies are always on the same side. Thresholds are tuned on
out-of-fold predictions inside the training part, never on held-out data.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from heartline.analysis.emotions import EMOTIONS
from heartline.analysis.results import REPLY_LABELS
from heartline.errors import InputError

HELDOUT_BUCKETS = 5
FOLDS = 5
REPLY_FIELDS = ("group", "context", "response", "labels", "turning_away", "defensive")
EMOTION_FIELDS = ("text", "emotions")
TURN_FIELDS = ("text", "disclosure", "deflection", "i_feel", "bid", "safety")


@dataclass(frozen=True)
class ReplyExample:
    group: str
    register: str
    context: str
    response: str
    labels: frozenset[str]
    turning_away: bool
    defensive: bool


@dataclass(frozen=True)
class EmotionExample:
    text: str
    register: str
    emotions: frozenset[str]


@dataclass(frozen=True)
class TurnExample:
    text: str
    register: str
    disclosure: str
    deflection: bool
    i_feel: bool
    bid: bool
    safety: str


def _bucket(key: str, buckets: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % buckets


def is_heldout(key: str) -> bool:
    return _bucket(key, HELDOUT_BUCKETS) == 0


def fold_of(key: str) -> int:
    """Cross-validation fold of a training example, by the same key as the split."""
    return _bucket("fold:" + key, FOLDS)


def _records(path: Path, fields: tuple[str, ...]) -> list[tuple[int, dict]]:
    out = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg})", source=str(path), line=number) from exc
        missing = [f for f in fields if f not in record]
        if missing:
            raise InputError(f"missing {', '.join(missing)}", source=str(path), line=number)
        out.append((number, record))
    return out


def read_replies(folder: Path) -> list[ReplyExample]:
    """Every ``*.jsonl`` in the listener corpus folder, checked."""
    return [e for path in sorted(folder.glob("*.jsonl")) for e in read_reply_file(path)]


def read_reply_file(path: Path) -> list[ReplyExample]:
    examples = []
    for number, r in _records(path, REPLY_FIELDS):
        unknown = set(r["labels"]) - set(REPLY_LABELS)
        if unknown:
            raise InputError(f"unknown label {sorted(unknown)[0]!r}", source=str(path),
                             line=number)
        examples.append(ReplyExample(
            r["group"], r.get("register", ""), r["context"], r["response"],
            frozenset(r["labels"]), bool(r["turning_away"]), bool(r["defensive"])))
    return examples


def read_emotion_turns(folder: Path) -> list[EmotionExample]:
    """Everyday sharer turns with the GoEmotions labels their speaker expresses, checked."""
    examples = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, r in _records(path, EMOTION_FIELDS):
            unknown = set(r["emotions"]) - set(EMOTIONS)
            if unknown:
                raise InputError(f"unknown emotion {sorted(unknown)[0]!r}", source=str(path),
                                 line=number)
            examples.append(EmotionExample(r["text"], r.get("register", ""),
                                           frozenset(r["emotions"])))
    return examples


def read_turns(folder: Path) -> list[TurnExample]:
    examples = []
    for path in sorted(folder.glob("*.jsonl")):
        for _, r in _records(path, TURN_FIELDS):
            examples.append(TurnExample(
                r["text"], r.get("register", ""), r["disclosure"], bool(r["deflection"]),
                bool(r["i_feel"]), bool(r["bid"]), r["safety"]))
    return examples
