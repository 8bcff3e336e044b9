"""The batch contract of ``heartline analyze --jsonl`` (docs/batch.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from heartline.analysis.batch import parse_line
from heartline.cli.app import app
from heartline.errors import InputError

runner = CliRunner()

LINES = [
    {"id": 1, "context": "I got the job!", "response": "nice."},
    {"id": "b", "text": "fine, you?"},
    {"id": [3], "turns": [{"speaker": "A", "text": "I miss you"},
                          {"speaker": "B", "text": "I miss you too. Call tonight?"}]},
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_shape_gets_its_documented_answer(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.jsonl", [json.dumps(x) for x in LINES])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", "--jsonl", str(source), "--output", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, "b", [3]]
    assert set(records[0]) == {"id", "context", "response"}
    assert set(records[1]) == {"id", "turn"}
    assert set(records[2]) == {"id", "turns", "summary"}
    turn_keys = {"emotions", "intensity", "disclosure", "deflection", "i_feel", "bid",
                 "safety", "model"}
    assert set(records[1]["turn"]) == turn_keys
    assert {"labels", "label_scores", "scores", "flags", "spans", "suggestion",
            "model"} <= set(records[0]["response"])


def test_bad_lines_are_reported_and_the_rest_still_analysed(tmp_path: Path) -> None:
    lines = [json.dumps(LINES[0]), "{not json", json.dumps({"id": 9}), json.dumps(LINES[1])]
    source = _write(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", "--jsonl", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{source}:2" in result.output and f"{source}:3" in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    assert records[1] == {"id": None, "line": 2, "error": records[1]["error"]}
    assert records[2]["id"] == 9 and "error" in records[2]
    assert "turn" in records[3]


def test_strict_stops_and_writes_nothing(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.jsonl", [json.dumps(LINES[0]), "[]"])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", "--jsonl", str(source), "-o", str(out),
                                 "--strict"])
    assert result.exit_code == 1
    assert f"{source}:2" in result.output
    assert not out.exists()
    assert not list(tmp_path.glob(".out.jsonl.*")), "no partial file may be left behind"


def test_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "--jsonl", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "file not found" in result.output


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_parse_line_reads_or_refuses_clearly(raw: str) -> None:
    try:
        item = parse_line(raw, 7, "in.jsonl")
    except InputError as exc:
        assert exc.line == 7 and exc.source == "in.jsonl"
    else:
        assert item.kind in {"reply", "turn", "conversation"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=8,
)


@settings(max_examples=200)
@given(st.dictionaries(st.sampled_from(["id", "text", "context", "response", "turns",
                                        "speaker"]), json_values, max_size=5))
def test_parse_line_on_arbitrary_objects(obj: dict) -> None:
    try:
        item = parse_line(json.dumps(obj), 1, "x")
    except InputError:
        return
    assert item.id == obj["id"]


@pytest.mark.parametrize("count", [10_000])
def test_ten_thousand_lines_parse_quickly(count: int) -> None:
    items = [parse_line(json.dumps({"id": i, "text": f"line {i}"}), i, "x")
             for i in range(count)]
    assert len(items) == count


def test_killed_run_leaves_no_partial_file(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    source = _write(tmp_path / "in.jsonl",
                    [json.dumps({"id": i, "text": f"I feel tired today, take {i}"})
                     for i in range(5000)])
    out = tmp_path / "out.jsonl"
    code = "from heartline.cli.app import main; main()"
    process = subprocess.Popen([sys.executable, "-c", code, "analyze", "--jsonl", str(source),
                                "-o", str(out)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.jsonl.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) != 0
    assert not out.exists()
    assert not list(tmp_path.glob(".out.jsonl.*"))
