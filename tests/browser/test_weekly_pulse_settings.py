"""Two partners, two browser contexts: the weekly check-in, the closeness pulse and its
chart, and the "Where you are" setting choosing which help lines show, clicked through
as a person would, found by role and label."""

from __future__ import annotations

import re

import pytest
from browser_steps import sign_up
from playwright.sync_api import Browser, Page, expect

TELL = "I finally booked the dentist I'd been putting off for months."
ASK = "What would make Sunday feel restful for you?"
CRISIS = "I want to end my life, nothing helps anymore."
PULSE = (5, 6, 4, 7, 5, 6, 3, 5, 6, 7)
"""Sam's ratings for the ten statements, in page order: 54 in all, 5.4 overall."""


def sam_and_alex(browser: Browser, server: str,
                 request: pytest.FixtureRequest) -> tuple[Page, Page]:
    """Sam and Alex, each on their own device, paired as a couple with Sam's invite code."""
    sam, alex = browser.new_context().new_page(), browser.new_context().new_page()
    request.node.open_pages = {"sam": sam, "alex": alex}
    sign_up(sam, server, "Sam")
    sam.get_by_label("Who with?").select_option(label="My partner")
    sam.get_by_role("button", name="Get an invite code").click()
    invite = sam.get_by_text(re.compile(r"invite code \S+")).inner_text()
    code = re.search(r"invite code (\S+)", invite).group(1)

    sign_up(alex, server, "Alex")
    alex.get_by_label("Invite code").fill(code)
    alex.get_by_role("button", name="Join").click()
    alex.wait_for_url(f"{server}/today")
    return sam, alex


def bring(page: Page, kind: str, text: str, who_sees: str) -> None:
    """Jot down something to tell or ask at the next weekly check-in."""
    section = page.get_by_role("region", name="Bring something for the check-in")
    section.get_by_role("group", name="It's something").get_by_label(kind).check()
    section.get_by_label("In a few words").fill(text)
    section.get_by_role("group", name="Who sees it").get_by_label(who_sees).check()
    section.get_by_role("button", name="Add it").click()
    expect(page.get_by_role("status")).to_contain_text("Added to your list")


def test_weekly_checkin_shares_only_what_was_shared(browser: Browser, server: str,
                                                    request: pytest.FixtureRequest) -> None:
    sam, alex = sam_and_alex(browser, server, request)

    sam.goto(f"{server}/weekly")
    bring(sam, "to tell", TELL, "Share it with my partner")
    bring(sam, "to ask", ASK, "Only me")

    alex.goto(f"{server}/weekly")
    expect(alex.get_by_role("heading", name="Weekly check-in", level=1)).to_be_visible()
    expect(alex.get_by_role("checkbox", name=re.compile(re.escape(TELL)))).to_be_visible()
    expect(alex.get_by_text(ASK)).to_have_count(0)

    sam.goto(f"{server}/weekly")
    together = sam.get_by_role("region", name="Sit down together")
    expect(together.get_by_role("checkbox", name=re.compile(re.escape(TELL)))).to_be_checked()
    expect(together.get_by_role("checkbox", name=re.compile(re.escape(ASK)))).to_be_checked()
    notes = {"Start with thanks": "Alex sorted the landlord call; it took a weight off.",
             "Things to tell": "The dentist, at last.",
             "Something to look forward to": "A long walk by the river on Saturday."}
    for step, note in notes.items():
        together.get_by_label(f"Your notes on “{step}” (optional)").fill(note)
    together.get_by_role("button", name="Save this week's check-in").click()

    saved = sam.get_by_role("status").filter(has_text="This week's check-in is saved")
    expect(saved).to_be_visible()
    expect(saved).to_contain_text("2 brought things ticked off")

    sam.goto(f"{server}/weekly")
    expect(sam.get_by_role("heading", name="Sit down together")).to_be_visible()
    expect(sam.get_by_text(TELL)).to_have_count(0)
    expect(sam.get_by_text(ASK)).to_have_count(0)
    alex.goto(f"{server}/weekly")
    expect(alex.get_by_role("heading", name="Sit down together")).to_be_visible()
    expect(alex.get_by_text(TELL)).to_have_count(0)


def test_pulse_answers_draw_a_chart_only_for_whoever_answered(
        browser: Browser, server: str, request: pytest.FixtureRequest) -> None:
    sam, alex = sam_and_alex(browser, server, request)

    sam.goto(f"{server}/pulse")
    form = sam.get_by_role("form", name="This week")
    statements = form.get_by_role("group", name=re.compile(r"^\d+\. "))
    expect(statements).to_have_count(len(PULSE))
    for index, score in enumerate(PULSE):
        statements.nth(index).get_by_role("radio", name=re.compile(rf"^{score}\b")).check()
    # Shared with Alex, so that Alex's page showing none of it says something.
    form.get_by_role("group", name="Who sees it").get_by_label("Share it with my partner").check()
    form.get_by_role("button", name="Save my pulse").click()

    expect(sam.get_by_role("status")).to_contain_text("Overall this time: 5.4 of 7")
    chart = sam.get_by_role("img", name=re.compile("line chart of your 1 closeness pulse"))
    expect(chart).to_be_visible()
    expect(chart).to_have_class("chart")
    width = chart.evaluate("async img => { await img.decode(); return img.naturalWidth; }")
    assert width > 0

    sam.get_by_text("The numbers behind the chart").click()
    table = sam.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Overall")).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table.get_by_role("cell", name="5.4")).to_have_count(1)

    alex.goto(f"{server}/pulse")
    expect(alex.get_by_role("heading", name="Your pulse over time")).to_be_visible()
    expect(alex.get_by_text("Nothing here yet.")).to_be_visible()
    expect(alex.get_by_role("img")).to_have_count(0)
    expect(alex.get_by_role("table")).to_have_count(0)


def test_region_setting_picks_the_help_lines(browser: Browser, server: str,
                                             request: pytest.FixtureRequest) -> None:
    sam, _alex = sam_and_alex(browser, server, request)

    sam.goto(f"{server}/settings")
    where = sam.get_by_role("region", name="Where you are")
    where.get_by_label("Country or region").select_option(label="United Kingdom")
    where.get_by_role("button", name="Save").click()
    expect(sam.get_by_role("status")).to_have_text(
        "Saved. You'll see help lines for United Kingdom.")

    sam.goto(f"{server}/share")
    sam.get_by_label("In your own words").fill(CRISIS)
    sam.get_by_role("button", name="Save").click()
    help_card = sam.get_by_role("alert")
    expect(help_card).to_contain_text("This sounds serious")
    expect(help_card).to_contain_text("999")
    expect(help_card).not_to_contain_text("911")
