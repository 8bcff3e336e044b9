"""One full listening-practice round in Chromium, and its debrief (issue 5)."""

from __future__ import annotations

import pytest
from browser_steps import sign_up
from playwright.sync_api import Browser


def test_a_practice_round_and_its_debrief(browser: Browser, server: str,
                                          request: pytest.FixtureRequest) -> None:
    page = browser.new_context().new_page()
    request.node.open_pages = {"sam": page}
    sign_up(page, server, "Sam")
    page.goto(f"{server}/practice")
    page.goto(f"{server}/practice/c-passed-over")
    for said in ("You should ask your boss for feedback tomorrow.",
                 "Just apply somewhere else then, honestly."):
        if page.get_by_role("heading", name="How it went").count():
            break
        page.get_by_label("Your reply to Maya").fill(said)
        page.get_by_role("button", name="Reply", exact=True).click()
    page.get_by_role("heading", name="How it went").wait_for()
    assert page.get_by_text("They shut down.").count() >= 1
    assert page.get_by_role("heading", name="Your four skills").is_visible()
    assert page.get_by_text("A reply that would have helped").count() >= 1 or \
        page.get_by_text("would have helped").count() >= 1
