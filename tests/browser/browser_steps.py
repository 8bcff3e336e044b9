"""Steps a person takes in the browser, shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page

PASSWORD = "a long enough passphrase"


def sign_up(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/signup")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(f"{name.lower()}@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Make my account").click()
    page.wait_for_url(f"{url}/together")
