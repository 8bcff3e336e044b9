"""Privacy and safety over HTML and JSON: what a partner and an outsider can never see."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from web_people import Person

SECRET = "my private worry about the move"
DRAFT = "half-written thought about my sister"


def _share(who: Person, text: str, visibility: str, relationship_id: str | None) -> str:
    body = {"text": text, "visibility": visibility, "relationship_id": relationship_id}
    response = who.api("/shares", body)
    assert response.status_code == 200, response.text
    return response.json()["entry"]["id"]


def test_a_shared_share_reaches_the_partner_and_comes_back_with_feedback(pair) -> None:
    sam, alex, couple = pair
    share_id = _share(sam, "I didn't get the job and I feel stupid for hoping.", "shared", couple)
    assert [e["id"] for e in alex.client.get("/api/today").json()["waiting_for_reply"]] == \
        [share_id]
    assert "didn&#39;t get the job" in alex.client.get("/today").text
    coach = alex.client.post(f"/coach/{share_id}", data={"text": "at least you have a job"},
                             headers={"X-CSRF-Token": alex.token()})
    assert coach.status_code == 200 and "minimizing" in coach.text
    reply = alex.api("/replies", {"share_id": share_id, "text": "Oh no, that must sting."})
    assert reply.status_code == 200, reply.text
    waiting = sam.client.get("/api/today").json()["waiting_for_feedback"]
    assert [e["id"] for e in waiting] == [reply.json()["id"]]
    assert sam.api("/understood", {"reply_id": reply.json()["id"], "understood": True}
                   ).status_code == 200
    assert sam.client.get("/api/today").json()["waiting_for_feedback"] == []


@pytest.mark.parametrize("visibility", ["private", "draft"])
def test_private_entries_and_drafts_never_reach_the_partner(pair, visibility: str) -> None:
    sam, alex, couple = pair
    text = SECRET if visibility == "private" else DRAFT
    entry_id = _share(sam, text, visibility, couple)
    assert text not in alex.client.get("/today").text
    assert text not in alex.client.get("/api/today").text
    assert alex.client.get(f"/api/entries/{entry_id}").status_code == 404
    assert alex.client.get(f"/reply/{entry_id}").status_code == 404
    assert alex.api("/coach", {"share_id": entry_id, "text": "hi"}).status_code == 404
    assert alex.api("/replies", {"share_id": entry_id, "text": "hi"}).status_code == 404
    assert sam.client.get(f"/api/entries/{entry_id}").json()["text"] == text


def test_an_outsider_can_never_read_or_write_anothers_relationship(app: FastAPI, pair) -> None:
    sam, _, couple = pair
    jo = Person(app, "Jo").sign_up()
    entry_id = _share(sam, "We had a lovely weekend.", "shared", couple)
    assert jo.client.get(f"/api/entries/{entry_id}").status_code == 404
    assert jo.api("/replies", {"share_id": entry_id, "text": "hi"}).status_code == 404
    assert jo.api("/shares", {"text": "sneaking in", "visibility": "shared",
                              "relationship_id": couple}).status_code == 404
    assert jo.api(f"/relationships/{couple}/leave", {}).status_code == 404
    assert "lovely weekend" not in jo.client.get("/api/today").text


def test_user_text_is_always_escaped(pair) -> None:
    sam, alex, couple = pair
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    _share(sam, payload, "shared", couple)
    page = alex.client.get("/today").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_signs_of_abuse_switch_to_resources_and_stay_private(pair) -> None:
    sam, alex, couple = pair
    response = sam.form("/share", {"text": "My husband hits me when he drinks.",
                                   "visibility": "shared", "relationship_id": couple},
                        page="/share")
    assert response.status_code == 200 and "This sounds serious" in response.text
    assert "hits me" not in alex.client.get("/api/today").text


ABUSE = "Not quite, I meant I am terrified of him, he hits me when he drinks."


def test_a_reply_showing_abuse_stays_with_its_writer_and_shows_help(pair) -> None:
    sam, alex, couple = pair
    share_id = _share(sam, "I had a long day and I'm wiped out.", "shared", couple)
    sent = alex.api("/replies", {"share_id": share_id, "text": ABUSE})
    assert sent.status_code == 200, sent.text
    assert sent.json()["kept_private"] and sent.json()["visibility"] == "private"
    assert sent.json()["help"]
    assert sam.client.get("/api/today").json()["waiting_for_feedback"] == []
    assert sam.client.get(f"/api/entries/{sent.json()['id']}").status_code == 404
    assert "terrified" not in sam.client.get("/history").text
    again = _share(sam, "Work was a lot again today.", "shared", couple)
    page = alex.form(f"/reply/{again}", {"text": ABUSE}, page=f"/reply/{again}")
    assert page.status_code == 200 and "This sounds serious" in page.text
    assert "kept private" in page.text


def test_what_i_meant_showing_abuse_never_reaches_the_listener(pair) -> None:
    sam, alex, couple = pair
    share_id = _share(sam, "I keep thinking about last weekend.", "shared", couple)
    reply_id = alex.api("/replies", {"share_id": share_id, "text": "Tell me more?"}).json()["id"]
    answer = sam.api("/understood", {"reply_id": reply_id, "understood": False, "meant": ABUSE})
    assert answer.status_code == 200 and answer.json()["kept_private"]
    assert sam.client.get("/api/today").json()["waiting_for_feedback"] == []
    assert answer.json()["id"] not in alex.client.get("/api/export").text
    assert "terrified" not in alex.client.get("/history").text
    fine = _share(sam, "Thanks for asking earlier.", "shared", couple)
    second = alex.api("/replies", {"share_id": fine, "text": "Of course."}).json()["id"]
    page = sam.form(f"/understood/{second}", {"answer": "no", "meant": ABUSE})
    assert page.status_code == 200 and "This sounds serious" in page.text
