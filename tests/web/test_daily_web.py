"""Daily rituals on the web: check-in (M5.1, M3), timing bids (M3), appreciation (M5.10).

Each page is asserted as HTML and through its JSON twin, on both backends:
what the owner gets, what the other person may and may never see, what an
outsider gets (404), that writes need the CSRF token, and that text comes back
escaped.
"""

from __future__ import annotations

from fastapi import FastAPI
from web_people import Person

PAYLOAD = '<script>alert("x")</script>'
ABUSE = "My husband hits me when he drinks."


def _post(who: Person, path: str, data: dict[str, str]):
    """A form post with the session's token, read once per person (it lasts the session)."""
    if "csrf" not in who.__dict__:
        who.__dict__["csrf"] = who.token("/bids")
    token = who.__dict__["csrf"]
    return who.client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)


def _ok(response):
    assert response.status_code == 200, response.text
    return response.json() if response.headers["content-type"].startswith("application/json") \
        else response.text


def _checkin(who: Person, couple: str | None, visibility: str, **parts: str) -> dict:
    body = {"relationship_id": couple, "visibility": visibility, **parts}
    return _ok(who.api("/checkins", body))


def test_checkins_are_saved_and_only_shared_ones_reach_the_partner(pair) -> None:
    sam, alex, couple = pair
    page = _ok(sam.client.get("/checkin"))
    assert "How are you, really?" in page and 'name="rose"' in page and "Share it with your " \
        "partner" in page
    kid = _ok(sam.client.get("/api/checkins", params={"audience": "kid"}))["prompts"]
    assert kid["audience"] == "kid" and kid["rose"] == "What was the best bit of your day?"
    saved = _ok(_post(sam, "/checkin", {"how": "Tired but proud", "rose": "Finished the deck",
                                        "thorn": "Missed the bus", "bud": "Weekend hike",
                                        "relationship_id": couple, "visibility": "shared",
                                        "prompt": "What did today ask of you?"}))
    assert "Saved. Shared." in saved and "Finished the deck" in saved
    _checkin(sam, couple, "private", how="Quietly dreading the dentist", rose="Sun")
    _checkin(sam, couple, "draft", thorn="half a thought about my sister")
    mine = _ok(sam.client.get("/api/checkins"))["checkins"]
    assert [c["visibility"] for c in mine] == ["draft", "private", "shared"]
    assert mine[2]["prompt"] == "What did today ask of you?" and mine[2]["bud"] == "Weekend hike"
    theirs = _ok(alex.client.get("/api/checkins"))["checkins"]
    assert [(c["author"], c["mine"], c["rose"]) for c in theirs] == \
        [("Sam", False, "Finished the deck")]
    partner_page = _ok(alex.client.get("/checkin"))
    assert "Missed the bus" in partner_page
    for hidden in ("dentist", "sister"):
        assert hidden not in partner_page and hidden not in str(theirs)
    assert sam.api("/checkins", {"visibility": "private"}).status_code == 400


def test_a_deflection_gets_one_gentle_offer_never_a_demand(pair) -> None:
    sam, _, couple = pair
    offer = _ok(sam.api("/checkins/deeper", {"how": "Fine."}))["nudge"]
    assert offer["question"] and offer["example_plain"] and offer["example_deeper"]
    assert _ok(sam.api("/checkins/deeper", {"how": "Fine."}))["nudge"] == offer
    real = "I felt lonely at lunch when everyone went out without me."
    assert _ok(sam.api("/checkins/deeper", {"how": real}))["nudge"] is None
    live = _ok(_post(sam, "/checkin/deeper", {"how": "fine", "deeper": "kept <b>as typed"}))
    assert "One notch deeper?" in live and 'name="deeper"' in live
    assert "kept &lt;b&gt;as typed</textarea>" in live
    assert _ok(_post(sam, "/checkin/deeper", {"how": real})).strip() == ""
    saved = _ok(_post(sam, "/checkin", {"how": "Fine.", "visibility": "private"}))
    assert "Saved. Only you can see it." in saved and "One notch deeper?" in saved
    added = _checkin(sam, couple, "private", how="Fine.", deeper="Flat, honestly.")
    assert added["nudge"] is None and added["checkin"]["deeper"] == "Flat, honestly."
    assert _checkin(sam, couple, "private", how="Nothing much.")["nudge"] is not None


def test_a_bid_is_asked_answered_and_noted(pair) -> None:
    sam, alex, couple = pair
    assert any("the holidays" in p for p in
               _ok(sam.client.get("/api/bids/phrasings", params={"topic": "the holidays"})))
    live = _ok(sam.client.get("/bids/phrasings", params={"topic": "the holidays",
                                                         "phrasing": "2"}))
    assert 'value="2" checked' in live and "the holidays" in live
    asked = _ok(_post(sam, "/bids", {"topic": "the holidays", "phrasing": "1",
                                     "relationship_id": couple}))
    assert "Is now a good time to talk about the holidays?" in asked and "Asked." in asked
    waiting = _ok(alex.client.get("/bids"))
    assert "Waiting for your answer" in waiting and "Sam asks" in waiting
    bid = _ok(alex.client.get("/api/bids"))["bids"][0]
    assert bid["waiting_on_you"] and bid["status"] == "waiting for you"
    assert alex.api(f"/bids/{bid['id']}/answer", {"answer": "later"}).status_code == 400
    later = _ok(_post(alex, f"/bids/{bid['id']}/answer",
                      {"answer": "later", "later": "in 20 minutes"}))
    assert "Waiting for your answer" not in later and "later, " in later
    seen = _ok(sam.client.get("/api/bids"))["bids"][0]
    assert seen["answer"] == "later" and seen["later_at"] and seen["yours"]
    assert "Did you get the talk you hoped for?" in _ok(sam.client.get("/bids"))
    assert alex.api(f"/bids/{bid['id']}/met", {"met": True}).status_code == 400
    assert sam.api(f"/bids/{bid['id']}/answer", {"answer": "now"}).status_code == 400
    noted = _ok(_post(sam, f"/bids/{bid['id']}/met", {"met": "yes"}))
    assert "as hoped: yes" in noted
    second = _ok(sam.api("/bids", {"text": "Got ten minutes for Sunday?"}))
    assert second["bids"][0]["question"] == "Got ten minutes for Sunday?"
    answered = _ok(alex.api(f"/bids/{second['bid_id']}/answer", {"answer": "not_today"}))
    assert answered["message"] and answered["bids"][0]["status"] == "not today"


def test_appreciation_nudges_towards_a_detail_and_keeps_private_notes_private(pair) -> None:
    sam, alex, couple = pair
    vague = _ok(sam.api("/appreciations/check", {"text": "Thanks for everything"}))
    assert not vague["specific"] and vague["example"]
    specific = "Thank you for the soup on Tuesday; it rescued a rotten day."
    assert _ok(sam.api("/appreciations/check", {"text": specific})) == \
        {"specific": True, "vague_phrases": [], "example": None}
    assert "One detail more?" in _ok(_post(sam, "/appreciate/check", {"text": "you're the best"}))
    page = _ok(sam.client.get("/appreciate"))
    assert "Think of one moment:" in page and 'value="shared" checked' in page
    saved = _ok(_post(sam, "/appreciate", {"text": "Thanks for everything",
                                           "relationship_id": couple, "visibility": "shared"}))
    assert "Saved. Shared." in saved and "One detail more?" in saved
    note = _ok(sam.api("/appreciations", {"text": specific, "relationship_id": couple}))
    assert note["appreciation"]["visibility"] == "private" and note["check"]["specific"]
    sam.api("/appreciations", {"text": "a draft about the garden", "visibility": "draft",
                               "relationship_id": couple})
    theirs = _ok(alex.client.get("/api/appreciations"))["appreciations"]
    assert [(n["author"], n["text"]) for n in theirs] == [("Sam", "Thanks for everything")]
    partner_page = _ok(alex.client.get("/appreciate"))
    assert "From Sam" in partner_page and "soup" not in partner_page \
        and "garden" not in partner_page
    assert len(_ok(sam.client.get("/api/appreciations"))["appreciations"]) == 3


def test_outsiders_get_404_and_every_write_needs_the_csrf_token(app: FastAPI, pair) -> None:
    sam, _, couple = pair
    jo = Person(app, "Jo").sign_up()
    _checkin(sam, couple, "shared", rose="our lovely weekend")
    bid_id = _ok(sam.api("/bids", {"topic": "money"}))["bid_id"]
    sam.api("/appreciations", {"text": "thanks for the lovely weekend", "visibility": "shared",
                               "relationship_id": couple})
    assert jo.api("/checkins", {"rose": "x", "visibility": "shared",
                                "relationship_id": couple}).status_code == 404
    assert _post(jo, "/checkin", {"rose": "x", "relationship_id": couple,
                                  "visibility": "shared"}).status_code == 404
    assert jo.api("/bids", {"topic": "x", "relationship_id": couple}).status_code == 404
    assert jo.api(f"/bids/{bid_id}/answer", {"answer": "now"}).status_code == 404
    assert _post(jo, f"/bids/{bid_id}/answer", {"answer": "now"}).status_code == 404
    assert jo.api(f"/bids/{bid_id}/met", {"met": True}).status_code == 404
    assert _post(jo, f"/bids/{bid_id}/met", {"met": "yes"}).status_code == 404
    assert jo.api("/appreciations", {"text": "x", "visibility": "shared",
                                     "relationship_id": couple}).status_code == 404
    for path in ("/checkin", "/bids", "/appreciate", "/api/checkins", "/api/bids",
                 "/api/appreciations"):
        seen = _ok(jo.client.get(path))
        assert "lovely weekend" not in str(seen) and "money" not in str(seen)
    assert "needs someone to ask" in _ok(jo.client.get("/bids"))
    _writes_need_the_token_and_a_sign_in(app, sam, bid_id)


def _writes_need_the_token_and_a_sign_in(app: FastAPI, sam: Person, bid_id: str) -> None:
    for path in ("/checkin", "/checkin/deeper", "/bids", f"/bids/{bid_id}/answer",
                 f"/bids/{bid_id}/met", "/appreciate", "/appreciate/check"):
        assert sam.client.post(path, data={"text": "hi", "how": "hi"}).status_code == 403
    for path in ("/checkins", "/checkins/deeper", "/bids", f"/bids/{bid_id}/answer",
                 f"/bids/{bid_id}/met", "/appreciations", "/appreciations/check"):
        assert sam.client.post(f"/api{path}", json={"text": "hi"}).status_code == 403
    signed_out = Person(app, "Nobody")
    assert signed_out.client.get("/bids", follow_redirects=False).status_code == 303
    assert signed_out.client.get("/api/bids").status_code == 401


def test_text_is_escaped_and_signs_of_abuse_stay_private(pair) -> None:
    sam, alex, couple = pair
    _checkin(sam, couple, "shared", how=PAYLOAD)
    sam.api("/bids", {"text": f"Now? {PAYLOAD}"})
    sam.api("/appreciations", {"text": PAYLOAD, "visibility": "shared",
                               "relationship_id": couple})
    for path in ("/checkin", "/bids", "/appreciate"):
        page = _ok(alex.client.get(path))
        assert "<script>alert" not in page and "&lt;script&gt;" in page
    warned = _ok(_post(sam, "/checkin", {"how": ABUSE, "relationship_id": couple,
                                         "visibility": "shared"}))
    assert "This sounds serious" in warned and "kept private" in warned
    bid = _ok(sam.api("/bids", {"text": f"Can we talk? {ABUSE}"}))
    assert bid["kept_private"] and bid["help"]
    note = _ok(sam.api("/appreciations", {"text": f"Thanks. {ABUSE}", "visibility": "shared",
                                          "relationship_id": couple}))
    assert note["kept_private"] and note["appreciation"]["visibility"] == "private"
    for path in ("/api/checkins", "/api/bids", "/api/appreciations", "/checkin", "/bids"):
        assert "hits me" not in alex.client.get(path).text
