"""``python -m heartline.training``: retrain the shipped heads and print their figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from platformdirs import user_cache_dir
from rich.console import Console

from heartline.errors import HeartlineError

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "models" / "weights"
REPO = Path(__file__).resolve().parents[3]

app = typer.Typer(help="Retrain heartline's classifier heads (needs the repository's corpus/).",
                  no_args_is_help=True, add_completion=False)
console = Console(stderr=True)

Out = Annotated[Path, typer.Option(help="Where the trained heads are written.")]
Cache = Annotated[Path, typer.Option(help="Sentence vectors are cached here between runs.")]
DEFAULT_CACHE = Path(user_cache_dir("heartline")) / "training"


def _show(name: str, report: dict[str, float]) -> None:
    console.print(f"[bold]{name}[/bold]")
    print(json.dumps(report, indent=2))


GoEmotions = Annotated[Path, typer.Option(help="Folder with GoEmotions train/dev/test.tsv.")]
DEFAULT_GOEMOTIONS = REPO.parent / "shared" / "data" / "goemotions"
Listener = Annotated[Path, typer.Option(help="The listener-reply corpus folder.")]
DEFAULT_LISTENER = REPO / "corpus" / "listener"
Turns = Annotated[Path, typer.Option(help="The sharer-turn corpus folder.")]
DEFAULT_TURNS = REPO / "corpus" / "turns"


@app.command()
def encoder(
    data: GoEmotions = DEFAULT_GOEMOTIONS, corpus: Listener = DEFAULT_LISTENER,
    turns: Turns = DEFAULT_TURNS, out: Out = DEFAULT_OUT, cache: Cache = DEFAULT_CACHE,
) -> None:
    """Fine-tune the encoder's top layers (needs PyTorch); refit every head after this.

    The heads read the tuned layers' output, so run emotions, turns and
    replies afterwards.
    """
    from heartline.training import encoder_top as trainer

    _show("encoder top", trainer.train(data, corpus, turns, out, cache))


@app.command()
def emotions(
    data: GoEmotions = DEFAULT_GOEMOTIONS,
    out: Out = DEFAULT_OUT, cache: Cache = DEFAULT_CACHE,
) -> None:
    """Emotion head on GoEmotions: fit on train, thresholds on dev, report test."""
    from heartline.training import emotions as trainer

    _show("emotion", trainer.train(data, out, cache))


@app.command()
def turns(
    corpus: Turns = DEFAULT_TURNS,
    out: Out = DEFAULT_OUT, cache: Cache = DEFAULT_CACHE,
) -> None:
    """Sharer-turn heads (signals, disclosure) on corpus/turns."""
    from heartline.training import turns as trainer

    _show("turns", trainer.train(corpus, out, cache))


@app.command()
def replies(
    corpus: Listener = DEFAULT_LISTENER,
    out: Out = DEFAULT_OUT, cache: Cache = DEFAULT_CACHE,
) -> None:
    """Listener-reply head on corpus/listener; reports the held-out groups."""
    from heartline.training import replies as trainer

    _show("replies", trainer.train(corpus, out, cache))


def main() -> None:
    try:
        app()
    except HeartlineError as exc:
        console.print(f"[red]{exc}[/red]")
        raise SystemExit(1) from exc


if __name__ == "__main__":
    main()
