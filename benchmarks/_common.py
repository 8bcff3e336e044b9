"""Helpers shared by the benchmark scripts: paths, checks, timing, tables, results.

Not a benchmark itself. Each script imports it as ``_common`` (Python puts the
script's own folder first on ``sys.path``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

try:
    from rich.console import Console
    from rich.table import Table
except ImportError:  # pragma: no cover - rich is a heartline dependency
    print("benchmark error: the 'rich' package is not installed (pip install rich)",
          file=sys.stderr)
    raise SystemExit(2) from None

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
RESULTS_DIR = REPO / "benchmarks" / "results"
DEFAULT_GOEMOTIONS = REPO.parent / "shared" / "data" / "goemotions"
HEADS = ("emotion.safetensors", "turn_signals.safetensors", "disclosure.safetensors",
         "reply.safetensors")

console = Console(width=None if sys.stdout.isatty() else 120)


def arg_parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser whose ``--help`` shows the script's whole docstring."""
    return argparse.ArgumentParser(description=doc,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop the benchmark with a clear message on stderr and a non-zero exit."""
    print(f"benchmark error: {message}", file=sys.stderr)
    raise SystemExit(code)


def ensure_heartline() -> None:
    """Make ``import heartline`` work: installed, on PYTHONPATH, or from ``<repo>/src``."""
    try:
        import heartline  # noqa: F401
    except ImportError:
        if not (SRC / "heartline").is_dir():
            fail(f"heartline is not importable and {SRC / 'heartline'} does not exist")
        sys.path.insert(0, str(SRC))
        os.environ["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p)


def require_model() -> Path:
    """The sentence model's folder, or exit saying how to install it."""
    ensure_heartline()
    from heartline.errors import ModelNotFoundError
    from heartline.models.encoder import model_dir

    try:
        return model_dir()
    except ModelNotFoundError as exc:
        fail(str(exc))


def require_heads() -> None:
    """Exit unless the sentence model and the four trained heads are installed."""
    require_model()
    from importlib import resources

    folder = resources.files("heartline.models") / "weights"
    missing = [name for name in HEADS if not (folder / name).is_file()]
    if missing:
        fail(f"trained heads missing in {folder}: {', '.join(missing)} "
             "(train them first: python -m heartline.training)")


def require_dir(path: Path, what: str) -> Path:
    if not path.is_dir():
        fail(f"{what} not found at {path}")
    return path


def child_env(threads: int) -> dict[str, str]:
    """Environment for a subprocess: BLAS/OpenMP threads pinned, heartline importable."""
    env = dict(os.environ)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = str(threads)
    import heartline

    root = str(Path(heartline.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def check_idle(limit: float = 0.5) -> float:
    """The 1-minute load average; warns when other work will skew timings."""
    load = os.getloadavg()[0]
    if load > limit:
        console.print(f"[yellow]warning: load average {load:.2f} before starting; other "
                      "processes are using the CPU and timings will be slow and noisy[/yellow]")
    return load


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0 to 100), linear interpolation between order statistics."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass(frozen=True)
class Row:
    """One line of a results table; ``ok`` is None when there is no target."""

    name: str
    value: str
    target: str = ""
    ok: bool | None = None


def print_table(title: str, rows: Sequence[Row]) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target")
    table.add_column("")
    marks = {True: "[green]ok[/green]", False: "[red]MISSED[/red]", None: ""}
    for row in rows:
        table.add_row(row.name, row.value, row.target, marks[row.ok])
    console.print(table)


def write_results(name: str, data: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/<name>.json`` with the machine it ran on."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    payload = {
        "benchmark": name,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        **data,
    }
    path.write_text(json.dumps(payload, indent=2, sort_keys=False) + "\n", "utf-8")
    console.print(f"results written to {path}")
    return path
