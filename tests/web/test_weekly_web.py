"""The weekly check-in over HTML and JSON (M5.2, with the repair step of M5.5), on both backends.

What matters: brought items stay private until the check-in unless shared;
the check-in is kept with its notes and ticks off what it went through; the
author may share their items afterwards; a hard week opens the repair step;
an outsider gets nothing; text is escaped; danger brings help and stays private.
"""

from __future__ import annotations

from fastapi import FastAPI
from web_people import Person

PAYLOAD = '<script>alert("x")</script>'
ABUSE = "My husband hits me when he drinks."
POSTS = [("/weekly/items", {"item": "tell", "text": "the trip"}),
         ("/weekly", {"answers": {"tell": "hi"}})]


def _bring(who: Person, item: str, text: str, couple: str, visibility: str = "private") -> str:
    saved = who.api("/weekly/items", {"item": item, "text": text, "relationship_id": couple,
                                      "visibility": visibility})
    assert saved.status_code == 200, saved.text
    return saved.json()["item"]["id"]


def _weekly(who: Person, couple: str) -> dict:
    view = who.client.get(f"/api/weekly?relationship_id={couple}")
    assert view.status_code == 200, view.text
    return view.json()


def test_a_private_item_stays_with_its_author_and_a_shared_one_reaches_the_partner(
        pair) -> None:
    sam, alex, couple = pair
    hidden = _bring(sam, "tell", "the call with my brother", couple)
    shown = _bring(sam, "ask", "How did the dentist go?", couple, "shared")
    mine = _weekly(sam, couple)["mine"]
    assert [(i["id"], i["visibility"]) for i in mine] == [(hidden, "private"), (shown, "shared")]
    theirs = _weekly(alex, couple)["theirs"]
    assert [(i["id"], i["author"], i["mine"]) for i in theirs] == [(shown, "Sam", False)]
    for seen in (alex.client.get("/weekly").text, alex.client.get("/api/weekly").text):
        assert "my brother" not in seen and "the dentist" in seen
    page = sam.form("/weekly/items", {"item": "ask", "text": "Your plans for Sunday?",
                                      "relationship_id": couple}, page="/weekly")
    assert page.status_code == 200 and "Added to your list" in page.text
    assert "my brother" in page.text and "Sunday" not in alex.client.get("/weekly").text


def test_the_check_in_is_kept_and_ticks_off_what_it_went_through(pair) -> None:
    sam, alex, couple = pair
    first = _bring(sam, "tell", "the new job offer", couple)
    later = _bring(sam, "ask", "Are you still up for the hike?", couple)
    theirs = _bring(alex, "ask", "What would help next week?", couple, "shared")
    view = _weekly(sam, couple)
    assert [s["key"] for s in view["steps"]] == ["appreciate", "tell", "ask", "week_ahead",
                                                 "repair", "look_forward"]
    assert not view["repair_open"] and view["relationship"]["other_word"] == "partner"
    saved = sam.api("/weekly", {"answers": {"appreciate": "Thanks for the soup", "tell": " "},
                                "items": [first, theirs], "relationship_id": couple})
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["items_used"] == 2 and body["items_shared"] == 0 and not body["had_conflict"]
    assert body["entry"]["visibility"] == "private" and body["entry"]["kind"] == "weekly"
    assert body["entry"]["data"]["answers"] == {"appreciate": "Thanks for the soup"}
    assert [i["id"] for i in _weekly(sam, couple)["mine"]] == [later]
    assert _weekly(alex, couple)["theirs"] == [] and _weekly(alex, couple)["mine"] == []
    form = {"step": ["appreciate", "tell"], "note": ["You listened", ""], "items": [later],
            "relationship_id": couple, "visibility": "shared"}
    page = sam.form("/weekly", form, page="/weekly")
    assert page.status_code == 200 and "saved" in page.text and "1 brought thing" in page.text
    assert _weekly(sam, couple)["mine"] == []


def test_share_mine_shares_the_authors_items_once_the_check_in_is_saved(pair) -> None:
    sam, alex, couple = pair
    item = _bring(sam, "tell", "the letter from the bank", couple)
    saved = sam.api("/weekly", {"answers": {"tell": "We talked money"}, "share_mine": True,
                                "relationship_id": couple, "visibility": "shared"}).json()
    assert saved["items_shared"] == 1 and saved["entry"]["visibility"] == "shared"
    shared = alex.client.get(f"/api/entries/{item}")
    assert shared.status_code == 200 and shared.json()["text"] == "the letter from the bank"
    record = alex.client.get(f"/api/entries/{saved['entry']['id']}").json()
    assert record["data"]["answers"] == {"tell": "We talked money"}


def test_a_time_out_this_week_opens_the_repair_step(pair) -> None:
    sam, alex, couple = pair
    page = alex.client.get("/weekly").text
    assert "still feels a bit unfinished" in page and 'name="conflict"' in page
    taken = sam.api("/repair/timeout", {"back_in": "20m", "relationship_id": couple})
    assert taken.status_code == 200, taken.text
    assert _weekly(alex, couple)["repair_open"] and _weekly(sam, couple)["repair_questions"]
    page = alex.client.get("/weekly").text
    assert "This week had a time-out" in page and 'name="conflict"' not in page
    saved = alex.api("/weekly", {"answers": {"week_ahead": "Busy Tuesday"},
                                 "relationship_id": couple, "conflict": False}).json()
    assert saved["had_conflict"] is True
    said = sam.api("/weekly", {"answers": {"repair": "We talked about the dishes"}}).json()
    assert said["had_conflict"] is True and said["entry"]["data"]["had_conflict"] is True


def test_an_outsider_gets_404_for_the_pairs_check_in(app: FastAPI, pair) -> None:
    sam, _, couple = pair
    _bring(sam, "ask", "How was the weekend?", couple, "shared")
    jo = Person(app, "Jo").sign_up()
    inside = {"relationship_id": couple}
    assert jo.client.get(f"/api/weekly?relationship_id={couple}").status_code == 404
    assert jo.client.get(f"/weekly?relationship_id={couple}").status_code == 404
    assert jo.api("/weekly/items", {"item": "tell", "text": "x", **inside}).status_code == 404
    assert jo.api("/weekly", {"answers": {"tell": "x"}, **inside}).status_code == 404
    assert jo.form("/weekly", {"step": "tell", "note": "x", **inside},
                   page="/weekly").status_code == 404
    assert jo.client.get("/api/weekly").json()["theirs"] == []


def test_text_is_escaped_on_the_page(pair) -> None:
    sam, alex, couple = pair
    _bring(sam, "tell", PAYLOAD, couple, "shared")
    for who in (sam, alex):
        page = who.client.get("/weekly").text
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert _weekly(alex, couple)["theirs"][0]["text"] == PAYLOAD


def test_every_post_needs_the_csrf_token_and_a_sign_in(app: FastAPI, pair) -> None:
    sam, _, _ = pair
    for path, data in POSTS:
        assert sam.client.post(path, data={"step": "tell", "note": "hi"}).status_code == 403
        assert sam.client.post(f"/api{path}", json=data).status_code == 403, path
    stranger = Person(app, "Nobody")
    assert stranger.client.get("/weekly", follow_redirects=False).status_code == 303
    assert stranger.client.get("/api/weekly").status_code == 401


def test_danger_in_the_notes_brings_help_and_stays_private(pair) -> None:
    sam, alex, couple = pair
    item = _bring(sam, "tell", "the weekend at my parents", couple)
    saved = sam.api("/weekly", {"answers": {"tell": ABUSE}, "share_mine": True,
                                "visibility": "shared", "relationship_id": couple}).json()
    assert saved["help"] and saved["kept_private"] and saved["items_shared"] == 0
    assert saved["entry"]["visibility"] == "private"
    assert alex.client.get(f"/api/entries/{item}").status_code == 404
    page = sam.form("/weekly", {"step": "tell", "note": ABUSE, "visibility": "shared",
                                "relationship_id": couple}, page="/weekly")
    assert page.status_code == 200 and "This sounds serious" in page.text
    brought = sam.api("/weekly/items", {"item": "tell", "text": ABUSE, "visibility": "shared",
                                        "relationship_id": couple}).json()
    assert brought["help"] and brought["item"]["visibility"] == "private"
    for seen in (alex.client.get("/weekly").text, alex.client.get("/api/history").text):
        assert "hits me" not in seen


def test_mistakes_are_explained_not_crashed_on(pair) -> None:
    sam, alex, couple = pair
    theirs = _bring(alex, "tell", "a private thought", couple)
    too_long = "x" * 20_001
    for body, status in [({"item": "tell", "text": ""}, 422), ({"item": "tell", "text": " "}, 400),
                         ({"item": "sing", "text": "la"}, 422),
                         ({"item": "ask", "text": too_long}, 422)]:
        assert sam.api("/weekly/items", body).status_code == status, body
    for body, status in [({"answers": {}}, 400), ({"answers": {"tell": "  "}}, 400),
                         ({"answers": {"gossip": "x"}}, 400),
                         ({"answers": {"tell": too_long}}, 422),
                         ({"answers": {"tell": "x"}, "items": [theirs]}, 400),
                         ({"answers": {"tell": "x"}, "items": ["x" * 33]}, 422)]:
        assert sam.api("/weekly", {**body, "relationship_id": couple}).status_code == status
    unknown = sam.api("/weekly", {"answers": {"gossip": "x"}}).json()["detail"]
    assert "week_ahead" in unknown
    for form, status in [({"step": "gossip", "note": "x"}, 400),
                         ({"step": ["tell", "ask"], "note": "x"}, 400),
                         ({"step": "tell", "note": too_long}, 422),
                         ({"item": "tell", "text": ""}, 422)]:
        path = "/weekly/items" if "item" in form else "/weekly"
        assert sam.form(path, form, page="/weekly").status_code == status, form
    assert sam.client.get("/weekly?relationship_id=" + "x" * 40).status_code == 422
