"""Listening practice on the web, HTML and JSON, on both backends (issue 5; M2, M4).

Asserted for every route: it works for the person practising, a round
survives between requests (replayed from the session), it ends in a debrief
that is recorded privately, a partner or an outsider never sees anyone
else's rounds, writes need the CSRF token, and typed text comes back escaped.
"""

from __future__ import annotations

import random

from fastapi import FastAPI
from markupsafe import escape
from web_people import Person

from heartline.listening_practice.conversation import Conversation
from heartline.listening_practice.scenarios import get_scenario

SCENARIO = "c-passed-over"
PAYLOAD = '<script>alert("x")</script>'


def _good_replies(scenario_id: str, seed: int) -> list[str]:
    """The scenario's own model replies, in the order a good listener would give them."""
    talk = Conversation(get_scenario(scenario_id), random.Random(seed))
    said = []
    while talk.ending is None:
        model = talk.scenario.model_at(talk.level)
        assert model is not None
        said.append(model)
        talk.reply(model)
    return said


def _progress(who: Person) -> dict:
    response = who.client.get("/api/practice/progress")
    assert response.status_code == 200, response.text
    return response.json()


def test_the_list_filters_suggests_and_has_a_json_twin(pair) -> None:
    sam, _, _ = pair
    page = sam.client.get("/practice?theme=grief")
    assert page.status_code == 200 and '<a href="/practice">Practice</a>' in page.text
    assert "No rounds yet" in page.text and 'for="theme"' in page.text
    listed = sam.client.get("/api/practice/scenarios?theme=grief").json()
    assert listed["scenarios"] and {s["theme"] for s in listed["scenarios"]} == {"grief"}
    assert all(escape(s["title"]) in page.text for s in listed["scenarios"])
    assert listed["progress"]["rounds"] == 0 and listed["progress"]["suggested"]
    assert sam.client.get("/api/practice/scenarios?need=nope").status_code == 400
    assert sam.client.get("/practice?need=nope").status_code == 400


def test_a_round_in_html_survives_requests_and_ends_in_a_private_debrief(pair) -> None:
    sam, alex, _ = pair
    start = sam.client.get(f"/practice/{SCENARIO}")
    assert start.status_code == 200 and escape(get_scenario(SCENARIO).opening) in start.text
    assert "openness" in start.text and " of 5" in start.text and "<meter" in start.text
    first = sam.form(f"/practice/{SCENARIO}", {"reply": PAYLOAD, "action": "reply"})
    assert first.status_code == 200, first.text
    assert PAYLOAD not in first.text and "&lt;script&gt;alert(" in first.text
    again = sam.client.get(f"/practice/{SCENARIO}")
    assert again.text.count("&lt;script&gt;") == 1 and "How it went" not in again.text
    for _ in range(8):
        level = int(again.text.split("openness ")[1].split(" of 5")[0])
        again = sam.form(f"/practice/{SCENARIO}", {
            "reply": get_scenario(SCENARIO).model_at(level) or "Tell me more.",
            "action": "reply"})
        if "How it went" in again.text:
            break
    assert "Your four skills" in again.text and "Timing" in again.text
    assert "A reply that would have helped here" in again.text and "<mark" in again.text
    assert _progress(sam)["rounds"] == 1 and _progress(alex)["rounds"] == 0
    fresh = sam.client.get(f"/practice/{SCENARIO}")
    assert "&lt;script&gt;" not in fresh.text, "a finished round is forgotten"
    chart = sam.client.get("/practice/chart.svg")
    assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg")
    assert "<svg" in chart.text and 'src="/practice/chart.svg"' in sam.client.get(
        "/practice").text
    assert alex.client.get("/practice/chart.svg").status_code == 400
    assert "<h2>Listening practice</h2>" in sam.client.get("/history").text
    assert "<h2>Listening practice</h2>" not in alex.client.get("/history").text
    assert not [line for line in alex.client.get("/api/history").json()["lines"]
                if line["kind"] == "practice"]
    assert 'src="/practice/chart.svg"' not in alex.client.get("/practice").text


def test_the_json_twin_replays_deterministically_and_records_the_end(pair) -> None:
    sam, alex, _ = pair
    opening = sam.api(f"/practice/{SCENARIO}/reply", {"replies": [], "seed": 7}).json()
    assert opening["ending"] is None and opening["debrief"] is None
    assert [line["text"] for line in opening["lines"]] == [get_scenario(SCENARIO).opening]
    assert opening["openness_words"] == f"openness {opening['level']} of 5"
    good = _good_replies(SCENARIO, 7)
    partway = [sam.api(f"/practice/{SCENARIO}/reply", {"replies": good[:1], "seed": 7}).json()
               for _ in range(2)]
    assert partway[0] == partway[1] and _progress(sam)["rounds"] == 0
    done = sam.api(f"/practice/{SCENARIO}/reply", {"replies": good, "seed": 7}).json()
    assert done["ending"] == "understood" and done["debrief"]["ending"] == "understood"
    assert [s["name"] for s in done["debrief"]["skills"]] == [
        "understanding", "caring", "drawing_out", "timing"]
    for moment in done["debrief"]["moments"]:
        assert "".join(p["text"] for p in moment["pieces"]) == moment["reply"]
        assert moment["effects"] and moment["model"]
    assert any(p["label"] for m in done["debrief"]["moments"] for p in m["pieces"])
    assert _progress(sam)["rounds"] == 1 and _progress(alex)["rounds"] == 0
    past_end = sam.api(f"/practice/{SCENARIO}/reply", {"replies": [*good, "More?"], "seed": 7})
    assert past_end.status_code == 400
    stopped = sam.api(f"/practice/{SCENARIO}/reply", {"replies": [], "seed": 1, "stop": True})
    assert stopped.json()["debrief"]["ending"] == "closed"
    assert sam.api(f"/practice/{SCENARIO}/reply",
                   {"replies": ["x" * 281], "seed": 1}).status_code == 422


def test_outsiders_unknown_scenarios_csrf_and_sign_in(app: FastAPI, pair) -> None:
    sam, _, _ = pair
    jo = Person(app, "Jo").sign_up()
    sam.api(f"/practice/{SCENARIO}/reply", {"replies": [], "seed": 2, "stop": True})
    assert _progress(sam)["rounds"] == 1 and _progress(jo)["rounds"] == 0
    assert jo.client.get("/practice/no-such-thing").status_code == 404
    assert jo.api("/practice/no-such-thing/reply", {"replies": [], "seed": 1}).status_code == 404
    assert jo.form("/practice/no-such-thing", {"reply": "hi"}).status_code == 404
    assert sam.client.post(f"/practice/{SCENARIO}", data={"reply": "hi"}).status_code == 403
    assert sam.client.post(f"/api/practice/{SCENARIO}/reply",
                           json={"replies": [], "seed": 1}).status_code == 403
    assert sam.client.post(f"/practice/{SCENARIO}/restart").status_code == 403
    assert sam.form(f"/practice/{SCENARIO}", {"reply": " "}).status_code == 400
    stopped = sam.form(f"/practice/{SCENARIO}", {"reply": "", "action": "stop"})
    assert "The talk came to a natural close." in stopped.text
    restart = sam.form(f"/practice/{SCENARIO}/restart", {})
    assert restart.status_code == 303 and restart.headers["location"] == f"/practice/{SCENARIO}"
    stranger = Person(app, "Nobody")
    assert stranger.client.get("/api/practice/progress").status_code == 401
    assert stranger.client.get("/practice", follow_redirects=False).status_code == 303


def test_the_pages_keep_to_the_content_security_policy(pair) -> None:
    sam, _, _ = pair
    done = sam.form(f"/practice/{SCENARIO}", {"reply": "Oh no, that must hurt.",
                                              "action": "stop"})
    for text in (sam.client.get("/practice").text, done.text):
        assert "<script>" not in text and ' style="' not in text and "http" not in text
    assert 'name="csrf_token"' in done.text and "Play this one again" in done.text
    assert "<h2 id=\"debrief-title\">" in done.text and "<h4>Reply 1:" in done.text
