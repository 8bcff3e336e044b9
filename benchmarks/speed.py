"""Speed and memory of the analyser, each measurement in its own subprocess.

(a) single reply latency: one thread (OMP/OPENBLAS/MKL_NUM_THREADS=1 set before
    numpy is imported), warm model, N distinct (context, reply) pairs from
    corpus/listener analysed one at a time with ``Analyzer.reply``; the vector
    cache is cleared before each pair so both texts are encoded. Median and p95 ms.
(a') the same, with the share already analysed (what live feedback does while a
    reply is typed): only the reply is encoded.
(b) batch throughput, two threads: ``Analyzer.replies`` on distinct corpus pairs
    and ``Analyzer.turns`` on distinct corpus texts, cache cleared before each
    round (contexts repeated inside a batch are encoded once, as in real use);
    median of the rounds.
(c) ``heartline --help`` in a fresh process: the console script beside this
    interpreter or on PATH, else ``python -c "...main()" --help``; median of 10
    runs after one untimed run that warms the disk cache.
(d) peak RSS (``ru_maxrss``) of the single and batch subprocesses.
(f) the float32 floor: the encoder's matrix-product work for the same texts
    (from their token counts), divided by the rate numpy's BLAS reaches on the
    encoder's own dense shapes at the same thread count. No float32 numpy pass
    can be faster, whatever else is optimised; a target the floor misses needs
    integer arithmetic (the int8 runtime) or a smaller model, not tuning.
The analysis runs on the runtime heartline picks (``HEARTLINE_RUNTIME``; int8
where the ``fast`` extra is installed), named in the table.
(e) only when sentence-transformers and torch are importable in this interpreter:
    the same texts encoded by our ``Encoder`` and by ``SentenceTransformer`` with
    the same thread settings (one at a time at 1 thread, batches of 32 at 2
    threads); encoder time only, ours / theirs.

Run from the repository root (needs the sentence model and the trained heads):

    PYTHONPATH=src python benchmarks/speed.py [--pairs 300] [--batch 2000]

Writes benchmarks/results/speed.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import (
    REPO,
    Row,
    arg_parser,
    check_idle,
    child_env,
    console,
    ensure_heartline,
    fail,
    median,
    percentile,
    print_table,
    require_dir,
    require_heads,
    write_results,
)

TARGET_P95_MS = 15.0
TARGET_REPLIES_PER_S = 400.0
TARGET_HELP_S = 0.3
WARMUP = 20
SEED = 0


def corpus_pairs() -> list[tuple[str, str]]:
    """Distinct (context, reply) pairs of the listener corpus, shuffled reproducibly."""
    from heartline.training.corpus import read_replies

    folder = require_dir(REPO / "corpus" / "listener", "listener corpus")
    pairs = list(dict.fromkeys((e.context, e.response) for e in read_replies(folder)))
    random.Random(SEED).shuffle(pairs)
    return pairs


def corpus_texts() -> list[str]:
    """Distinct texts of both corpora (turns first), shuffled reproducibly."""
    from heartline.training.corpus import read_turns

    folder = require_dir(REPO / "corpus" / "turns", "turn corpus")
    texts = [e.text for e in read_turns(folder)]
    texts += [t for pair in corpus_pairs() for t in pair]
    texts = list(dict.fromkeys(texts))
    random.Random(SEED).shuffle(texts)
    return texts


def take(items: list[Any], n: int, what: str) -> list[Any]:
    if len(items) < n:
        fail(f"asked for {n} distinct {what} but the corpus has only {len(items)}")
    return items[:n]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def encoder_flops(encoder: Any, tokens: float) -> float:
    """Multiply-adds ×2 of one text's pass: QKV, output and feed-forward products plus attention."""
    from heartline.models.encoder import DIMENSION

    dense = tokens * (4 * DIMENSION * DIMENSION + 2 * DIMENSION * encoder.feed_forward_width)
    attention = 2 * tokens * tokens * DIMENSION
    return 2.0 * encoder.layer_count * (dense + attention)


def dense_gflops(rows: int, width: int, repeats: int = 300) -> float:
    """The rate BLAS reaches on the encoder's feed-forward product with ``rows`` token rows."""
    import numpy as np

    from heartline.models.encoder import DIMENSION

    rng = np.random.default_rng(SEED)
    x = rng.random((rows, DIMENSION), dtype=np.float32)
    w = rng.random((DIMENSION, width), dtype=np.float32)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        x @ w
        times.append(time.perf_counter() - start)
    return 2.0 * rows * DIMENSION * width / median(times) / 1e9


def token_count(encoder: Any, text: str) -> int:
    return len(encoder._token_ids([text])[0])


def child_single(n: int) -> dict[str, Any]:
    from heartline.analysis.engine import Analyzer
    from heartline.models.encoder import Encoder

    pairs = take(corpus_pairs(), n + WARMUP, "pairs")
    encoder = Encoder()
    analyzer = Analyzer(encoder)
    for context, reply in pairs[n:]:
        analyzer._cache.clear()
        analyzer.reply(context, reply)
    times, live = [], []
    for context, reply in pairs[:n]:
        analyzer._cache.clear()
        start = time.perf_counter()
        analyzer.reply(context, reply)
        times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()  # live feedback: their share is known, the reply is new
        analyzer.reply(context, reply + " x")
        live.append((time.perf_counter() - start) * 1000)
    tokens = [token_count(encoder, c) + token_count(encoder, r) for c, r in pairs[:n]]
    floor = {}
    for name, rows in (("median", median(tokens)), ("p95", percentile(tokens, 95))):
        # longer texts fill the BLAS kernels better
        rate = dense_gflops(round(rows), encoder.feed_forward_width)
        floor[name] = (rows, rate, encoder_flops(encoder, rows) / rate / 1e6)
    return {"runtime": encoder.runtime, "pairs": n, "median_ms": median(times),
            "p95_ms": percentile(times, 95),
            "max_ms": max(times), "live_median_ms": median(live),
            "live_p95_ms": percentile(live, 95), "peak_rss_mb": peak_rss_mb(),
            "floor": {"tokens": {k: v[0] for k, v in floor.items()},
                      "dense_gflops": {k: v[1] for k, v in floor.items()},
                      "median_ms": floor["median"][2], "p95_ms": floor["p95"][2]}}


def child_batch(n: int, rounds: int) -> dict[str, Any]:
    from heartline.analysis.engine import Analyzer
    from heartline.models.encoder import MAX_BATCH_TOKENS, Encoder

    pairs = take(corpus_pairs(), n, "pairs")
    texts = take(corpus_texts(), n, "texts")
    encoder = Encoder()
    analyzer = Analyzer(encoder)
    analyzer.replies(pairs[:64])
    reply_times, turn_times = [], []
    for _ in range(rounds):
        analyzer._cache.clear()
        start = time.perf_counter()
        analyzer.replies(pairs)
        reply_times.append(time.perf_counter() - start)
        analyzer._cache.clear()
        start = time.perf_counter()
        analyzer.turns(texts)
        turn_times.append(time.perf_counter() - start)
    return {"pairs": n, "distinct_texts_in_pairs": len({t for p in pairs for t in p}),
            "texts": n, "rounds": rounds,
            "replies_per_s": n / median(reply_times), "turns_per_s": n / median(turn_times),
            "replies_round_s": reply_times, "turns_round_s": turn_times,
            "peak_rss_mb": peak_rss_mb(), "floor": batch_floor(encoder, pairs, MAX_BATCH_TOKENS)}


def batch_floor(encoder: Any, pairs: list[tuple[str, str]], chunk_rows: int) -> dict[str, Any]:
    """The most replies/s the distinct texts' dense work allows at the measured BLAS rate."""
    distinct = {t for pair in pairs for t in pair}
    work = sum(encoder_flops(encoder, token_count(encoder, t)) for t in distinct)
    rate = dense_gflops(chunk_rows, encoder.feed_forward_width)
    return {"dense_gflops": rate, "gflop": work / 1e9,
            "replies_per_s": len(pairs) / (work / rate / 1e9)}


def child_compare(mode: str, n: int, threads: int, rounds: int) -> dict[str, Any]:
    import torch
    from sentence_transformers import SentenceTransformer

    from heartline.models.encoder import Encoder, model_dir

    torch.set_num_threads(threads)
    ours = Encoder()
    theirs = SentenceTransformer(str(model_dir()), device="cpu")

    def st(batch: list[str]) -> object:
        return theirs.encode(batch, batch_size=32, show_progress_bar=False)

    if mode == "single":
        texts = [t for pair in take(corpus_pairs(), n, "pairs") for t in pair]
        for text in texts[:WARMUP]:
            ours.encode([text])
            st([text])
        our_ms, their_ms = [], []
        for text in texts:  # interleaved, so drift in machine load hits both alike
            start = time.perf_counter()
            ours.encode([text])
            our_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            st([text])
            their_ms.append((time.perf_counter() - start) * 1000)
        return {"texts": len(texts), "threads": threads, "ours_median_ms": median(our_ms),
                "theirs_median_ms": median(their_ms),
                "ratio": median(our_ms) / median(their_ms)}
    texts = take(corpus_texts(), n, "texts")
    ours.encode(texts[:64])
    st(texts[:64])
    our_s, their_s = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        ours.encode(texts)
        our_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        st(texts)
        their_s.append(time.perf_counter() - start)
    return {"texts": n, "threads": threads, "ours_per_s": n / median(our_s),
            "theirs_per_s": n / median(their_s), "ratio": median(our_s) / median(their_s)}


def run_child(args: list[str], threads: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    done = subprocess.run(command, env=child_env(threads), capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        fail(f"subprocess {' '.join(args)} failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def help_command() -> list[str]:
    beside = Path(sys.executable).parent / "heartline"
    script = str(beside) if beside.is_file() else shutil.which("heartline")
    if script:
        return [script, "--help"]
    return [sys.executable, "-c", "from heartline.cli.app import main; main()", "--help"]


def time_help(runs: int) -> dict[str, Any]:
    command = help_command()
    env = child_env(2)
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0 or "Usage" not in done.stdout:
            fail(f"{' '.join(command)} failed (exit {done.returncode}):\n{done.stderr.strip()}")
        if i:
            times.append(elapsed)
    return {"command": command, "runs": runs, "median_s": median(times), "max_s": max(times)}


def reference_missing() -> str | None:
    missing = [m for m in ("sentence_transformers", "torch") if importlib.util.find_spec(m) is None]
    if missing:
        return f"{' and '.join(missing)} not importable in {sys.executable}"
    return None


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--pairs", type=int, default=300,
                        help="pairs for the single-reply latency (default %(default)s)")
    parser.add_argument("--batch", type=int, default=2000,
                        help="pairs (and texts) per throughput batch (default %(default)s)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="throughput rounds; the median is quoted (default %(default)s)")
    parser.add_argument("--help-runs", type=int, default=10,
                        help="timed runs of 'heartline --help' (default %(default)s)")
    parser.add_argument("--child", choices=("single", "batch", "compare-single",
                                            "compare-batch"), help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()

    ensure_heartline()
    if args.child:
        if args.child == "single":
            result = child_single(args.pairs)
        elif args.child == "batch":
            result = child_batch(args.batch, args.rounds)
        else:
            mode = args.child.removeprefix("compare-")
            n = args.pairs if mode == "single" else args.batch
            result = child_compare(mode, n, args.threads, args.rounds)
        print(json.dumps(result))
        return

    require_heads()
    load_before = check_idle()
    sizes = ["--pairs", str(args.pairs), "--batch", str(args.batch), "--rounds", str(args.rounds)]
    console.print("(a) single reply latency, 1 thread …")
    single = run_child(["--child", "single", *sizes], threads=1)
    console.print("(b) batch throughput, 2 threads …")
    batch = run_child(["--child", "batch", *sizes], threads=2)
    console.print("(c) heartline --help …")
    cli = time_help(args.help_runs)
    skipped = reference_missing()
    compare: dict[str, Any] | None = None
    if skipped is None:
        console.print("(e) our encoder against sentence-transformers …")
        compare = {
            "single": run_child(["--child", "compare-single", "--threads", "1", *sizes], 1),
            "batch": run_child(["--child", "compare-batch", "--threads", "2", *sizes], 2),
        }

    rows = [
        Row(f"(a) single reply median ({single['pairs']} pairs, 1 thread, "
            f"{single['runtime']} runtime)",
            f"{single['median_ms']:.1f} ms"),
        Row("(a) single reply p95", f"{single['p95_ms']:.1f} ms", f"<= {TARGET_P95_MS:g} ms",
            single["p95_ms"] <= TARGET_P95_MS),
        Row("(a') live feedback: share already analysed, new reply text, median / p95",
            f"{single['live_median_ms']:.1f} / {single['live_p95_ms']:.1f} ms"),
        Row(f"(b) replies/s ({batch['pairs']} pairs, {batch['distinct_texts_in_pairs']} "
            "distinct texts, 2 threads)", f"{batch['replies_per_s']:.0f}",
            f">= {TARGET_REPLIES_PER_S:g}", batch["replies_per_s"] >= TARGET_REPLIES_PER_S),
        Row(f"(b) turns/s ({batch['texts']} texts, 2 threads)", f"{batch['turns_per_s']:.0f}"),
        Row(f"(c) heartline --help, median of {cli['runs']}", f"{cli['median_s']:.3f} s",
            f"<= {TARGET_HELP_S:g} s", cli["median_s"] <= TARGET_HELP_S),
        Row(f"(f) float32 floor for (a) at {single['floor']['dense_gflops']['p95']:.0f} GFLOP/s, "
            "median / p95",
            f"{single['floor']['median_ms']:.1f} / {single['floor']['p95_ms']:.1f} ms"),
        Row(f"(f) float32 floor for (b) at {batch['floor']['dense_gflops']:.0f} GFLOP/s "
            f"({batch['floor']['gflop']:.0f} GFLOP)", f"{batch['floor']['replies_per_s']:.0f}"),
        Row("(d) peak RSS, single-reply process", f"{single['peak_rss_mb']:.0f} MiB"),
        Row("(d) peak RSS, batch process", f"{batch['peak_rss_mb']:.0f} MiB"),
    ]
    if compare is None:
        rows.append(Row("(e) against sentence-transformers", "skipped"))
        console.print(f"(e) skipped: {skipped}")
    else:
        one, many = compare["single"], compare["batch"]
        rows += [
            Row(f"(e) encode one text, ours / theirs ({one['ours_median_ms']:.1f} / "
                f"{one['theirs_median_ms']:.1f} ms, 1 thread)", f"{one['ratio']:.2f}",
                "< 1 (ours faster)", one["ratio"] < 1),
            Row(f"(e) encode batches, ours / theirs ({many['ours_per_s']:.0f} / "
                f"{many['theirs_per_s']:.0f} texts/s, 2 threads)", f"{many['ratio']:.2f}",
                "< 1 (ours faster)", many["ratio"] < 1),
        ]
    print_table("speed", rows)
    write_results("speed", {
        "single": single, "batch": batch, "help": cli,
        "sentence_transformers": compare if compare is not None else {"skipped": skipped},
        "load_average": {"before": load_before, "after": os.getloadavg()[0]},
        "cache": "vector cache cleared before every single pair and every batch round",
        "targets": {"single_p95_ms": TARGET_P95_MS, "replies_per_s": TARGET_REPLIES_PER_S,
                    "help_s": TARGET_HELP_S, "ours_over_theirs": "< 1"},
    })


if __name__ == "__main__":
    main()
