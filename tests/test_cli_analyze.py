"""``heartline analyze`` through the CLI runner: output, files and errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from heartline.cli.app import app

runner = CliRunner()


def test_one_turn_is_shown_readably() -> None:
    result = runner.invoke(app, ["analyze", "honestly I'm exhausted and nobody even noticed"])
    assert result.exit_code == 0, result.output
    assert "What they shared" in result.output
    assert "Disclosure" in result.output


def test_reply_shows_labels_scores_flags_and_suggestion() -> None:
    result = runner.invoke(app, ["analyze", "--context", "I didn't get the job.",
                                 "at least you still have your old one"])
    assert result.exit_code == 0, result.output
    for expected in ("minimizing", "Understanding", "Caring", "Drawing out", "Try:"):
        assert expected in result.output


def test_reply_as_json_follows_the_contract() -> None:
    result = runner.invoke(app, ["analyze", "--format", "json", "--context",
                                 "I passed the bar exam!!", "nice."])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"context", "response"}
    assert "intensity_mismatch" in data["response"]["flags"]


def test_transcript_report_in_each_format(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("Ana: I feel so alone lately.\nBen: That sounds lonely. What's been "
                    "hardest?\nAna: yes, exactly. the evenings.\n", encoding="utf-8")
    text = runner.invoke(app, ["analyze", str(chat)])
    assert text.exit_code == 0, text.output
    assert "Conversation: chat.txt" in text.output
    out = tmp_path / "report.json"
    as_json = runner.invoke(app, ["analyze", str(chat), "--format", "json", "-o", str(out)])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["turns"]) == 3 and "summary" in report
    as_csv = runner.invoke(app, ["analyze", str(chat), "--format", "csv"])
    assert as_csv.exit_code == 0
    assert as_csv.output.splitlines()[0].startswith("index,speaker,text")
    assert len(as_csv.output.strip().splitlines()) == 4


def test_bad_transcript_names_file_and_line_without_traceback(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("Ana: hi\nthis line has no speaker\n", encoding="utf-8")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["analyze", str(chat), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1
    assert f"{chat}:2" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_no_input_is_a_clear_error() -> None:
    result = runner.invoke(app, ["analyze"])
    assert result.exit_code == 1
    assert "--jsonl" in result.output


def test_help_teaches_every_mode() -> None:
    result = runner.invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0
    for expected in ("--context", "--jsonl", "--format", "WhatsApp", "--strict"):
        assert expected in result.output
