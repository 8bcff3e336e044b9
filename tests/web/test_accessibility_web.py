"""Every page, read as a screen reader would need it: labels, one title, text for pictures.

The pages are read from the app's own routes (as in the isolation test), so a
new page is checked without being listed. The checks are the mechanical part
of accessibility; they can't judge wording, but they catch the field without
a label and the chart without words that a person using a screen reader would
meet.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from test_isolation_web import walk
from web_people import Person

from heartline.listening_practice.scenarios import load_scenarios

NEEDS_NO_LABEL = {"hidden", "submit", "button", "reset", "image"}


class Page(HTMLParser):
    """What the checks need from one page: fields, labels, headings, images, the language."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.inside_label = 0
        self.h1 = 0
        self.images_without_alt: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        elif tag == "label":
            self.inside_label += 1
            if found.get("for"):
                self.labelled.add(str(found["for"]))
        elif tag == "h1":
            self.h1 += 1
        elif tag == "img" and not found.get("alt"):
            self.images_without_alt.append(str(found.get("src")))
        elif tag in ("input", "select", "textarea") and \
                found.get("type", "text") not in NEEDS_NO_LABEL:
            self.fields.append(found | {"wrapped": "yes" if self.inside_label else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.inside_label = max(0, self.inside_label - 1)

    def unlabelled(self) -> list[str]:
        return [str(f.get("name") or f.get("id")) for f in self.fields
                if not (f.get("wrapped") or f.get("aria-label") or f.get("aria-labelledby")
                        or f.get("id") in self.labelled)]


def _pages(app: FastAPI) -> list[str]:
    scenario = load_scenarios()[0].id
    paths = {path.replace("{scenario_id}", scenario) for method, path, _ in walk(app.routes)
             if method == "GET" and not path.startswith(("/api", "/static", "/docs"))
             and not path.endswith((".svg", ".zip")) and "{" not in path.replace(
                 "{scenario_id}", "")}
    assert len(paths) >= 15, sorted(paths)
    return sorted(paths)


@pytest.fixture
def scene(app: FastAPI, pair: tuple[Person, Person, str]) -> tuple[Person, Person, str]:
    """Sam, with something shared and a reply waiting, so the pages show their lists."""
    sam, alex, couple = pair
    shared = sam.api("/shares", {"text": "A long day, glad it's over.", "visibility": "shared",
                                 "relationship_id": couple}).json()["entry"]["id"]
    alex.api("/replies", {"share_id": shared, "text": "That sounds tiring. What happened?"})
    return sam, alex, shared


def check(path: str, html: str) -> None:
    page = Page()
    page.feed(html)
    if "<html" in html:  # a whole page, not a fragment HTMX swaps in
        assert page.lang == "en", path
        assert page.h1 == 1, (path, page.h1)
    assert page.unlabelled() == [], (path, page.unlabelled())
    assert page.images_without_alt == [], (path, page.images_without_alt)


def test_every_page_labels_its_fields_and_has_one_title(app: FastAPI, scene) -> None:
    sam, alex, shared = scene
    for path in _pages(app):
        response = sam.client.get(path)
        assert response.status_code == 200, path
        check(path, response.text)
    check("/reply", alex.client.get(f"/reply/{shared}").text)


def test_the_sign_in_pages_are_labelled_too(app: FastAPI) -> None:
    visitor = Person(app, "Visitor")
    for path in ("/login", "/signup"):
        check(path, visitor.client.get(path).text)
