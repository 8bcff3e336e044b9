"""The long hug, unplugged time and history over HTML and JSON, on both backends (M5.8, M5.9).

What is asserted for every route: it works for its owner, an outsider gets a
404, a partner never sees private entries or drafts, a write without the CSRF
token is refused, and whatever a person typed comes back escaped.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi import FastAPI
from web_people import PASSWORD, Person

from heartline.web import rituals_together_api

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
# A Wednesday at noon: the week's totals can't be split by a Sunday midnight mid-test.
WEDNESDAY_NOON = datetime(2026, 11, 18, 12, 0).astimezone()


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rituals_together_api, "now", lambda: WEDNESDAY_NOON)


def _history_ids(who: Person, query: str = "") -> list[str]:
    response = who.client.get(f"/api/history{query}")
    assert response.status_code == 200, response.text
    return [line["id"] for line in response.json()["lines"]]


def test_the_hug_paces_the_breath_and_logs_what_was_done(pair) -> None:
    sam, alex, couple = pair
    page = sam.client.get("/hug?minutes=1")
    assert page.status_code == 200
    assert '<script src="/static/hug.js" defer></script>' in page.text
    assert "<script>" not in page.text and ' style="' not in page.text
    assert 'data-planned="60"' in page.text and "data-csrf=" in page.text
    assert "breathe in" in page.text and 'id="hug-stop"' in page.text
    assert "Share it with my partner" in page.text
    assert "0:00 of 1:00" in page.text and sam.client.get("/hug?minutes=31").status_code == 422
    plan = sam.client.get("/api/hugs/plan?minutes=1").json()
    assert plan["planned_seconds"] == 60 and plan["steps"][0]["at"] == 0
    assert [s["phase"] for s in plan["steps"][:2]] == ["in", "out"]
    script = sam.client.get("/static/hug.js")
    assert script.status_code == 200 and "/api/hugs" in script.text and "Escape" in script.text
    shared = sam.api("/hugs", {"seconds": 90, "planned_seconds": 300, "visibility": "shared",
                               "relationship_id": couple})
    assert shared.status_code == 200, shared.text
    assert shared.json()["completed"] is False
    assert shared.json()["message"] == "Logged 1 minute 30 seconds. Shared with Alex."
    private = sam.form("/hug", {"seconds": "300", "planned_seconds": "300",
                                "visibility": "private", "relationship_id": couple},
                       page="/hug")
    assert private.status_code == 200 and "the whole way. Only you can see it." in private.text
    drafted = sam.api("/hugs", {"seconds": 60, "planned_seconds": 60, "visibility": "draft"})
    seen_by_alex = _history_ids(alex)
    assert shared.json()["entry"]["id"] in seen_by_alex
    assert drafted.json()["entry"]["id"] not in seen_by_alex
    assert len(_history_ids(sam, "?kind=hug")) == 3 and len(seen_by_alex) == 1
    assert "5 min, the whole way" not in alex.client.get("/history").text


def test_outsiders_get_404_writes_need_csrf_and_names_are_escaped(app: FastAPI, pair) -> None:
    sam, _, couple = pair
    jo = Person(app, "Jo")
    jo.form("/signup", {"name": PAYLOAD, "email": jo.email, "password": PASSWORD},
            page="/signup")
    assert sam.api("/hugs", {"seconds": 60, "planned_seconds": 60, "visibility": "shared",
                             "relationship_id": couple}).status_code == 200
    assert jo.api("/hugs", {"seconds": 60, "planned_seconds": 60, "visibility": "shared",
                            "relationship_id": couple}).status_code == 404
    assert jo.form("/hug", {"seconds": "60", "planned_seconds": "60",
                            "relationship_id": couple}, page="/hug").status_code == 404
    assert jo.api("/unplug", {"action": "start", "visibility": "shared",
                              "relationship_id": couple}).status_code == 404
    assert jo.form("/unplug/start", {"relationship_id": couple},
                   page="/unplug").status_code == 404
    assert _history_ids(jo) == [] and jo.client.get("/api/unplug").json()["running"] is False
    body = {"seconds": 60, "planned_seconds": 60}
    assert sam.client.post("/api/hugs", json=body).status_code == 403
    assert sam.client.post("/hug", data={k: str(v) for k, v in body.items()}).status_code == 403
    assert sam.client.post("/api/unplug", json={"action": "start"}).status_code == 403
    assert sam.client.post("/unplug/start", data={}).status_code == 403
    assert sam.client.post("/unplug/stop", data={}).status_code == 403
    assert len(_history_ids(sam)) == 1
    code = jo.api("/relationships", {"kind": "friends"}).json()["invite_code"]
    assert sam.api("/relationships/join", {"code": code}).status_code == 200
    for path in ("/hug", "/unplug"):
        text = sam.client.get(path).text
        assert "&lt;script&gt;alert" in text and "<script>alert" not in text


@pytest.mark.usefixtures("fixed_clock")
def test_unplugged_time_starts_stops_and_adds_up_the_week(pair) -> None:
    sam, alex, couple = pair
    started = sam.form("/unplug/start", {"visibility": "shared", "relationship_id": couple},
                       page="/unplug")
    assert started.status_code == 200 and "Screens away since" in started.text
    status = sam.client.get("/api/unplug").json()
    assert status["running"] is True and status["idea"]
    again = sam.api("/unplug", {"action": "start"})
    assert again.status_code == 400 and "already running" in again.json()["detail"]
    stopped = sam.api("/unplug", {"action": "stop", "minutes": 30}).json()
    assert stopped["running"] is False and stopped["week_total"] == 30
    assert stopped["message"] == "Welcome back. 30 minutes unplugged."
    assert [d["minutes"] for d in stopped["days"]] == [0, 0, 30, 0, 0, 0, 0]
    assert alex.client.get("/api/unplug").json()["week_total"] == 30
    assert "This week: 30 minutes" in alex.client.get("/unplug").text
    sam.api("/unplug", {"action": "start", "visibility": "private"})
    page = sam.form("/unplug/stop", {}, page="/unplug")
    assert page.status_code == 200 and "Welcome back." in page.text
    assert alex.client.get("/api/unplug").json()["week_total"] == 30
    assert sam.api("/unplug", {"action": "stop"}).status_code == 400


def test_history_shows_only_what_the_person_may_see_escaped(pair) -> None:
    sam, alex, couple = pair
    for text, visibility in ((PAYLOAD, "shared"), ("my private worry", "private"),
                             ("a half-written thought", "draft")):
        assert sam.api("/shares", {"text": text, "visibility": visibility,
                                   "relationship_id": couple}).status_code == 200
    page = alex.client.get("/history")
    assert page.status_code == 200 and "&lt;script&gt;" in page.text
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    for hidden in ("my private worry", "half-written"):
        assert hidden not in page.text and hidden not in alex.client.get("/api/history").text
    assert len(_history_ids(sam, "?kind=share&since=7d")) == 3
    assert _history_ids(alex, "?mine=true") == []
    assert "Nothing here yet" in alex.client.get("/history?mine=true").text
    assert alex.client.get("/api/history?since=someday").status_code == 400
    assert alex.client.get("/api/history?kind=nonsense").status_code == 400
