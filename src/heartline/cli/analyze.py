"""``heartline analyze``: the listening coach in the terminal."""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console

from heartline.errors import InputError


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    whatsapp = "whatsapp"


HELP = """Analyse what someone shared, a reply to it, or a whole conversation.

[bold]One turn[/bold] (what a person shared):
  heartline analyze "honestly I'm exhausted and nobody at home even noticed"

[bold]A reply[/bold] to something shared, with coaching and a better reply:
  heartline analyze --context "I didn't get the job." "at least you have one already"

[bold]A conversation[/bold] from a file: "Name: text" lines, JSON, JSONL, CSV or a
WhatsApp export (Android or iOS), detected from the file:
  heartline analyze chat.txt --format json --output report.json

[bold]Batch[/bold] (the stable research interface, see docs/batch.md):
  heartline analyze --jsonl in.jsonl --output out.jsonl

Everything runs on this machine; nothing is sent anywhere.
"""


def analyze(
    text: Annotated[str | None, typer.Argument(
        help="What was said, or the path of a transcript or chat export.",
        show_default=False)] = None,
    context: Annotated[str | None, typer.Option(
        "--context", "-c", help="What the other person said; TEXT is then your reply.")] = None,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", "-f", help="text (readable), json, or csv.")] = OutputFormat.text,
    jsonl: Annotated[Path | None, typer.Option(
        help="Batch mode: analyse every line of this JSONL file.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of the screen (written only when done).")
    ] = None,
    strict: Annotated[bool, typer.Option(
        help="Batch mode: stop at the first bad line and write nothing.")] = False,
    input_format: Annotated[InputFormat, typer.Option(
        help="Force how a transcript file is read.")] = InputFormat.auto,
) -> None:
    if jsonl is not None:
        _batch(jsonl, output, strict=strict)
    elif text is None:
        raise InputError("give some text, a file, or --jsonl FILE (see heartline analyze --help)")
    elif context is None and Path(text).is_file():
        _transcript(Path(text), fmt, output, input_format)
    elif context is not None:
        _reply(context, text, fmt, output)
    else:
        _turn(text, fmt, output)


analyze.__doc__ = HELP


def _analyzer() -> Any:
    from heartline.analysis.engine import Analyzer

    return Analyzer.default()


def _emit(record: dict[str, Any], rows: list[dict[str, Any]], fmt: OutputFormat,
          output: Path | None, view: Any) -> None:
    from heartline.cli.output import atomic_output

    if fmt is OutputFormat.text and output is None:
        Console().print(view())
        return
    with atomic_output(output) as handle:
        if fmt is OutputFormat.json:
            handle.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        elif fmt is OutputFormat.csv:
            _write_csv(handle, rows)
        else:
            Console(file=handle, width=100).print(view())


def _write_csv(handle: TextIO, rows: list[dict[str, Any]]) -> None:
    from heartline.analysis.tabular import COLUMNS

    writer = csv.DictWriter(handle, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)


def _turn(text: str, fmt: OutputFormat, output: Path | None) -> None:
    from heartline.analysis.tabular import row
    from heartline.cli.render import turn_view

    turn = _analyzer().turn(text)
    _emit(turn.to_dict(), [row(1, "", turn, None)], fmt, output, lambda: turn_view(turn))


def _reply(context: str, reply: str, fmt: OutputFormat, output: Path | None) -> None:
    from heartline.analysis.tabular import row
    from heartline.cli.render import reply_view

    pair = _analyzer().reply(context, reply)
    rows = [row(1, "them", pair.context, None)]
    rows.append(row(2, "you", _analyzer().turn(reply), pair.response))
    _emit(pair.to_dict(), rows, fmt, output, lambda: reply_view(pair))


def _transcript(path: Path, fmt: OutputFormat, output: Path | None,
                input_format: InputFormat) -> None:
    from heartline.analysis.conversation import Turn, analyse
    from heartline.analysis.tabular import conversation_rows
    from heartline.cli.render import conversation_view
    from heartline.transcripts import load_transcript

    chosen = None if input_format is InputFormat.auto else input_format.value
    transcript = load_transcript(path, format=chosen)
    turns = [Turn(m.speaker, m.text, m.timestamp) for m in transcript.text_messages]
    if not turns:
        raise InputError("the file has no text messages to analyse", source=str(path))
    with _progress_console().status(f"Analysing {len(turns)} messages…"):
        analysis = analyse(_analyzer(), turns)
    record = {"source": str(path), "format": transcript.format, **analysis.to_dict()}
    _emit(record, conversation_rows(analysis), fmt, output,
          lambda: conversation_view(analysis, path.name))


def _progress_console() -> Console:
    return Console(stderr=True)


def _batch(source: Path, output: Path | None, *, strict: bool) -> None:
    from rich.progress import Progress

    from heartline.analysis.batch import run_batch
    from heartline.cli.output import atomic_output

    lines = _read_lines(source)
    console = _progress_console()
    failures = 0
    with atomic_output(output) as handle, Progress(console=console, transient=True) as bar:
        task = bar.add_task("Analysing", total=sum(1 for line in lines if line.strip()))
        for result in run_batch(lines, _analyzer(), source=str(source)):
            if result.error is not None:
                failures += 1
                console.print(f"[red]{result.error}[/red]")
                if strict:
                    raise result.error
            handle.write(json.dumps(result.record, ensure_ascii=False) + "\n")
            bar.advance(task)
    if failures:
        console.print(f"{failures} line(s) could not be read; the rest were analysed.")
        raise typer.Exit(1)


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8-sig").splitlines()
    except FileNotFoundError as exc:
        raise InputError("file not found", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", source=str(path)) from exc
    except OSError as exc:
        raise InputError(exc.strerror or "cannot be read", source=str(path)) from exc
