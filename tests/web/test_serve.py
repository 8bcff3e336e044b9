"""``heartline serve`` as a real process: it answers on its port and stops cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    env = {**os.environ, "HEARTLINE_HOME": str(tmp_path / "home")}
    env.pop("HEARTLINE_DATABASE_URL", None)
    command = [sys.executable, "-m", "heartline.cli", "serve", "--no-browser",
               "--port", str(port), *args]
    return subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True), port


def _wait_for(port: int) -> httpx.Response:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/login")
        except httpx.ConnectError:
            time.sleep(0.2)
    pytest.fail("heartline serve did not start")


def test_serve_answers_locally_and_stops_on_sigterm(tmp_path: Path) -> None:
    server, port = _serve(tmp_path)
    try:
        response = _wait_for(port)
        assert response.status_code == 200 and "Sign in" in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=20)
    assert "Traceback" not in err
    assert (tmp_path / "home" / "heartline.db").is_file()


def test_a_non_loopback_host_is_warned_about(tmp_path: Path) -> None:
    server, port = _serve(tmp_path, "--host", "0.0.0.0")
    try:
        _wait_for(port)
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=20)
    assert "Warning" in err and "TLS" in err


def test_serve_gives_each_encoding_one_blas_thread_unless_told_otherwise(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from heartline.cli.serve import BLAS_VARIABLES, _one_blas_thread_per_request

    for name in BLAS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "4")
    _one_blas_thread_per_request()
    assert [os.environ[name] for name in BLAS_VARIABLES] == ["1", "1", "4"]
