"""Agreement of our numpy ``Encoder`` with the sentence-transformers reference.

About 300 varied texts: corpus turns and replies, GoEmotions test comments
(when the folder exists), near-empty and emoji strings ("", "ok", "😭😭😭"), and
long texts built to straddle 128 and 256 tokens and run far past 256 (the
model truncates at 256). Both sides encode the same list (ours in batches of
32 and again one text at a time); reports min and mean cosine and the maximum
absolute difference of the unit vectors, overall and by token length.
Target: min cosine >= 0.9999.

Needs torch and sentence-transformers, e.g. the reference venv:

    PYTHONPATH=src /work/refvenv/bin/python benchmarks/reference.py [--goemotions DIR]

Writes benchmarks/results/reference.json.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from typing import Any

import numpy as np

from _common import (
    DEFAULT_GOEMOTIONS,
    REPO,
    Row,
    arg_parser,
    console,
    fail,
    print_table,
    require_dir,
    require_model,
    write_results,
)

TARGET_MIN_COSINE = 0.9999
SEED = 0
EDGE_CASES = (
    "", " ", "ok", "k", "?", "...", "lol", "ok 👍", "🙂", "😭😭😭", "❤️❤️❤️", "I'm fine 🙂",
    "!!!!!!!!!!!!", "hmm.\n\nnevermind", "tabs\tand\nnewlines", "café crème, déjà vu",
    "我很难过", "\uff26\uff35\uff2c\uff2c width text", "WHY WOULD YOU SAY THAT", "https://example.com/a?b=c",
    "😂" * 300, "no " * 200, "i feel so alone 😔💔 like nobody gets it",
)
LONG_TARGETS = (60, 100, 120, 126, 127, 128, 129, 130, 140, 180, 220, 250, 253, 254, 255,
                256, 257, 258, 260, 300, 400, 600, 1000)


class TokenCounter:
    """Tokens per text with [CLS] and [SEP], before truncation."""

    def __init__(self, model: Path) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model / "tokenizer.json"))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()

    def __call__(self, texts: list[str]) -> list[int]:
        return [len(e.ids) for e in self._tokenizer.encode_batch(texts)]


def long_texts(count: TokenCounter, pool: list[str], rng: random.Random) -> list[str]:
    """Two texts per target length: corpus texts joined until the target is reached."""
    out = []
    for target in LONG_TARGETS:
        for _ in range(2):
            parts: list[str] = []
            while not parts or count([" ".join(parts)])[0] < target:
                parts.append(rng.choice(pool))
            out.append(" ".join(parts))
    return out


def build_texts(count: TokenCounter, goemotions: Path) -> list[str]:
    from heartline.training.corpus import read_replies, read_turns

    rng = random.Random(SEED)
    listener = read_replies(require_dir(REPO / "corpus" / "listener", "listener corpus"))
    turns = read_turns(require_dir(REPO / "corpus" / "turns", "turn corpus"))
    pool = sorted({e.context for e in listener} | {e.response for e in listener}
                  | {e.text for e in turns})
    texts = [*EDGE_CASES, *rng.sample(pool, 140), *long_texts(count, pool, rng)]
    test = goemotions / "test.tsv"
    if test.is_file():
        from heartline.training.emotions import read_split

        texts += rng.sample(read_split(test).texts, 90)
    else:
        console.print(f"GoEmotions not found at {test}: using corpus texts only")
        texts += rng.sample(pool, 90)
    return list(dict.fromkeys(texts))


def compare(ours: np.ndarray, theirs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosine and max absolute difference per text."""
    cos = (ours * theirs).sum(axis=1) / (
        np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1))
    return cos, np.abs(ours - theirs).max(axis=1)


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--goemotions", type=Path, default=DEFAULT_GOEMOTIONS,
                        help="GoEmotions folder with test.tsv (optional; %(default)s)")
    args = parser.parse_args()

    missing = [m for m in ("torch", "sentence_transformers") if importlib.util.find_spec(m) is None]
    if missing:
        fail(f"{' and '.join(missing)} not installed in this interpreter; run it with a venv "
             "that has them, e.g. /work/refvenv/bin/python benchmarks/reference.py")
    model = require_model()
    from sentence_transformers import SentenceTransformer

    from heartline.models.encoder import Encoder

    count = TokenCounter(model)
    texts = build_texts(count, args.goemotions)
    lengths = np.asarray(count(texts))
    console.print(f"{len(texts)} texts; tokens min {lengths.min()}, median "
                  f"{int(np.median(lengths))}, max {lengths.max()}; "
                  f"{int((lengths > 128).sum())} over 128, {int((lengths > 256).sum())} over 256")

    reference = SentenceTransformer(str(model), device="cpu")
    theirs = reference.encode(texts, batch_size=32, normalize_embeddings=True,
                              show_progress_bar=False, convert_to_numpy=True)
    encoder = Encoder()
    batched = encoder.encode(texts)
    single = np.vstack([encoder.encode([t]) for t in texts])

    results: dict[str, Any] = {"texts": len(texts),
                               "reference_max_seq_length": reference.max_seq_length,
                               "tokens": {"min": int(lengths.min()), "max": int(lengths.max()),
                                          "over_128": int((lengths > 128).sum()),
                                          "over_256": int((lengths > 256).sum())}}
    rows = []
    buckets = {"all": lengths >= 0, "<= 128 tokens": lengths <= 128,
               "129-256 tokens": (lengths > 128) & (lengths <= 256),
               "> 256 tokens": lengths > 256}
    for mode, ours in (("batches of 32", batched), ("one at a time", single)):
        cos, diff = compare(ours, theirs)
        results[mode] = {}
        for bucket, mask in buckets.items():
            if not mask.any():
                continue
            low = float(cos[mask].min())
            results[mode][bucket] = {"n": int(mask.sum()), "min_cosine": low,
                                     "mean_cosine": float(cos[mask].mean()),
                                     "max_abs_diff": float(diff[mask].max())}
            rows.append(Row(f"{mode}, {bucket} (n={int(mask.sum())})",
                            f"{low:.6f}  {float(cos[mask].mean()):.6f}  "
                            f"{float(diff[mask].max()):.1e}",
                            f"min >= {TARGET_MIN_COSINE}", low >= TARGET_MIN_COSINE))
        worst = np.argsort(cos)[:5]
        results[mode]["worst"] = [{"cosine": float(cos[i]), "tokens": int(lengths[i]),
                                   "text": texts[i][:80]} for i in worst]
    print_table(f"our Encoder against sentence-transformers (max_seq_length "
                f"{reference.max_seq_length}); value: min cosine, mean cosine, max |diff|", rows)
    results["target_min_cosine"] = TARGET_MIN_COSINE
    write_results("reference", results)


if __name__ == "__main__":
    main()
