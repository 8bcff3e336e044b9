"""Real-browser tests: Debian's Chromium driven by Playwright against a real server.

The browser is never downloaded: Playwright launches /usr/bin/chromium
(``.ci/run`` installs it with apt). Without it the tests are skipped locally
and fail in CI. When a test fails, each open page is saved as a screenshot in
``test-artifacts/`` (or ``HEARTLINE_TEST_ARTIFACTS``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium (/usr/bin/chromium) is required in CI")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``heartline serve`` in a fresh home, on a free port; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "HEARTLINE_HOME": str(tmp_path / "home")}
    env.pop("HEARTLINE_DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "heartline.cli", "serve", "--no-browser",
                                "--port", str(port)], env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/login")
            break
        except httpx.ConnectError:
            time.sleep(0.2)
    yield url
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    pages = getattr(item, "open_pages", {})
    if report.when == "call" and report.failed and pages:
        folder = Path(os.environ.get("HEARTLINE_TEST_ARTIFACTS", "test-artifacts"))
        folder.mkdir(parents=True, exist_ok=True)
        for name, page in pages.items():
            page.screenshot(path=str(folder / f"{item.name}-{name}.png"), full_page=True)
