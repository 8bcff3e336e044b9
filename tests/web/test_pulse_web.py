"""The closeness pulse over HTML and JSON, on both backends (M6, M7).

What is asserted: a pulse scores exactly as the core does, the chart is a
valid SVG with one point per pulse of one's own, a partner's pulses never
enter one's trend (even shared), a private pulse never reaches the partner
anywhere, outsiders get a 404, bad answers are explained (4xx, never 5xx),
writes need the CSRF token, and a dip brings the gentle note.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fastapi import FastAPI
from web_people import Person

from heartline.practices import pulse as core

KEYS = core.content().keys
SVG_NS = "{http://www.w3.org/2000/svg}"


def _answers(*ratings: int) -> dict[str, int]:
    """Ten ratings in statement order; fewer given repeat the last one."""
    return {key: ratings[min(n, len(ratings) - 1)] for n, key in enumerate(KEYS)}


def _record(who: Person, answers: dict[str, int], visibility: str = "private",
            relationship_id: str | None = None) -> dict:
    response = who.api("/pulse", {"answers": answers, "visibility": visibility,
                                  "relationship_id": relationship_id})
    assert response.status_code == 200, response.text
    return response.json()


def _overall_points(who: Person) -> int:
    """How many dots the overall line of this person's chart has."""
    chart = who.client.get("/pulse/chart.svg")
    assert chart.status_code == 200, chart.text
    root = ET.fromstring(chart.text)
    overall = next(line for line in root.iter(f"{SVG_NS}polyline")
                   if line.get("data-series") == "Overall")
    return len(overall.get("points", "").split())


def test_a_pulse_scores_as_the_core_does_and_draws_one_point_each(pair) -> None:
    sam, _, couple = pair
    answers = _answers(5, 6, 4, 5, 6, 6, 5, 7, 6, 5)
    expected = core.score(answers, core.content().items)
    saved = _record(sam, answers, "shared", couple)
    assert saved["scores"] == dict(expected.scores) and saved["overall"] == expected.overall
    assert saved["entry"]["data"]["answers"] == answers
    assert saved["entry"]["visibility"] == "shared" and saved["view"]["dipped"] is False
    _record(sam, _answers(6))
    view = sam.client.get("/api/pulse").json()
    assert [p["overall"] for p in view["points"]] == [expected.overall, 6.0]
    assert view["latest"]["overall"] == 6.0 and len(view["statements"]) == len(KEYS)
    assert view["relationship"]["id"] == couple and view["note"] is None
    chart = sam.client.get("/pulse/chart.svg")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert chart.headers["cache-control"] == "no-store"
    assert _overall_points(sam) == 2
    assert sam.client.get("/api/pulse/chart.svg").text == chart.text


def test_the_page_asks_accessibly_and_shows_the_chart_once_there_is_one(pair) -> None:
    sam, _, couple = pair
    empty = sam.client.get("/pulse")
    assert empty.status_code == 200 and empty.text.count("<legend>") == len(KEYS) + 1
    assert 'src="/pulse/chart.svg' not in empty.text and "with your partner" in empty.text
    assert sam.client.get("/pulse/chart.svg").status_code == 404
    form = {key: "4" for key in KEYS} | {"visibility": "private", "relationship_id": couple}
    saved = sam.form("/pulse", form, page="/pulse")
    assert saved.status_code == 200 and "Overall this time: 4.0 of 7" in saved.text
    assert "Only you can see it." in saved.text
    page = sam.client.get("/pulse")
    assert f'src="/pulse/chart.svg?relationship_id={couple}"' in page.text
    assert 'alt="A line chart of your 1 closeness pulse answers' in page.text
    assert "<table>" in page.text and "latest 4.0" in page.text
    assert _overall_points(sam) == 1


def test_a_partners_pulse_never_enters_my_trend_even_when_shared(pair) -> None:
    sam, alex, couple = pair
    _record(sam, _answers(6), "shared", couple)
    alex_pulse = _record(alex, _answers(2), "shared", couple)
    assert alex_pulse["entry"]["id"] in [line["id"] for line in
                                         sam.client.get("/api/history").json()["lines"]]
    view = sam.client.get("/api/pulse").json()
    assert [p["overall"] for p in view["points"]] == [6.0] and view["dipped"] is False
    assert _overall_points(sam) == 1 and _overall_points(alex) == 1
    assert sam.client.get(f"/api/pulse?relationship_id={couple}").json()["points"] == \
        view["points"]


def test_a_private_pulse_never_reaches_the_partner(pair) -> None:
    sam, alex, couple = pair
    secret = _record(sam, _answers(3, 3, 3, 3, 3, 3, 3, 3, 3, 4), "private", couple)
    entry_id, summary = secret["entry"]["id"], "overall 3.1 of 7"
    assert summary in sam.client.get("/history").text
    assert entry_id not in alex.client.get("/api/today").text
    assert entry_id not in alex.client.get("/api/history").text
    assert summary not in alex.client.get("/history").text
    assert alex.client.get(f"/api/entries/{entry_id}").status_code == 404
    assert alex.client.get("/api/pulse").json()["points"] == []
    assert alex.client.get("/pulse/chart.svg").status_code == 404
    assert "3.1" not in alex.client.get("/pulse").text


def test_an_outsider_gets_404_for_the_relationship(app: FastAPI, pair) -> None:
    sam, _, couple = pair
    _record(sam, _answers(5), "shared", couple)
    jo = Person(app, "Jo").sign_up()
    assert jo.client.get(f"/api/pulse?relationship_id={couple}").status_code == 404
    assert jo.client.get(f"/pulse?relationship_id={couple}").status_code == 404
    assert jo.client.get(f"/pulse/chart.svg?relationship_id={couple}").status_code == 404
    assert jo.api("/pulse", {"answers": _answers(5), "visibility": "shared",
                             "relationship_id": couple}).status_code == 404
    form = {key: "5" for key in KEYS} | {"relationship_id": couple}
    assert jo.form("/pulse", form, page="/pulse").status_code == 404
    assert jo.client.get("/api/pulse").json()["points"] == []


def test_bad_answers_are_explained_and_writes_need_the_csrf_token(pair) -> None:
    sam, _, _ = pair
    missing = sam.api("/pulse", {"answers": {KEYS[0]: 5}})
    assert missing.status_code == 400 and "still missing" in missing.json()["detail"]
    unknown = sam.api("/pulse", {"answers": _answers(5) | {"closeness_9": 5}})
    assert unknown.status_code == 400 and "'closeness_9'" in unknown.json()["detail"]
    for rating in (0, 8, "many", 4.5):
        assert sam.api("/pulse", {"answers": _answers(5) | {KEYS[0]: rating}}
                       ).status_code == 422
    typed = sam.form("/pulse", {key: "5" for key in KEYS} | {KEYS[1]: "lots"}, page="/pulse")
    assert typed.status_code == 400 and "whole number from 1 to 7" in typed.text
    skipped = sam.form("/pulse", {key: "5" for key in KEYS[1:]}, page="/pulse")
    assert skipped.status_code == 400 and KEYS[0] in skipped.text
    assert sam.client.post("/api/pulse", json={"answers": _answers(5)}).status_code == 403
    assert sam.client.post("/pulse", data={key: "5" for key in KEYS}).status_code == 403
    assert sam.client.get("/api/pulse").json()["points"] == []


def test_a_dip_brings_the_gentle_note_and_where_to_find_help(pair) -> None:
    sam, _, couple = pair
    for _ in range(3):
        _record(sam, _answers(6), "private", couple)
    steady = sam.client.get("/api/pulse").json()
    assert steady["dipped"] is False and "A gentle note" not in sam.client.get("/pulse").text
    dipped = _record(sam, _answers(4), "private", couple)["view"]
    assert dipped["dipped"] is True
    assert dipped["note"]["text"] == core.content().signs.low_note
    assert dipped["note"]["directories"] and "therapy" in dipped["note"]["help_intro"]
    page = sam.client.get("/pulse").text
    assert "A gentle note" in page and "Where to find a therapist" in page
