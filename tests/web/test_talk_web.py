"""Question decks and conflict repair over HTML and JSON (M5.3, M5.5), on both backends.

What matters: a pair's draws are shared so neither is asked the same question
again soon; a break names when you'll be back; debriefs and apologies stay
private or drafts unless chosen; an outsider gets nothing; text is escaped.
"""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from web_people import Person

PAYLOAD = '<script>alert("x")</script>'
POSTS = [("/cards/draw", {"deck": "daily"}), ("/repair/timeout", {"when": "20m"}),
         ("/repair/debrief", {"worst": "hi"}), ("/repair/apology", {"my_part": "I shouted"})]


def test_a_pair_shares_its_draw_history_so_questions_do_not_repeat(pair) -> None:
    sam, alex, couple = pair
    deep = next(d for d in sam.client.get("/api/decks").json()["decks"]
                if d["id"] == "daily")["by_depth"]["deep"]
    drawn = []
    for turn in range(deep):
        who = (sam, alex)[turn % 2]
        card = who.api("/cards/draw", {"deck": "daily", "depth": 3, "relationship_id": couple})
        assert card.status_code == 200, card.text
        assert card.json()["depth_name"] == "deep" and card.json()["shared"]
        drawn.append(card.json()["question"])
    assert len(set(drawn)) == deep
    recent = {q["question"] for q in alex.client.get("/api/decks").json()["recent"]}
    assert set(drawn[-5:]) <= recent


def test_the_cards_page_lists_decks_draws_and_explains_mistakes(pair) -> None:
    sam, _, _ = pair
    decks = sam.client.get("/api/decks").json()
    daily = next(d for d in decks["decks"] if d["id"] == "daily")
    assert daily["questions"] == sum(daily["by_depth"].values())
    assert decks["depths"] == {"1": "light", "2": "personal", "3": "deep"}
    listed = sam.client.get("/cards").text
    assert daily["title"] in listed and 'href="/cards">Questions</a>' in listed
    page = sam.form("/cards/draw", {"deck": "childhood", "depth": "1"}, page="/cards")
    assert page.status_code == 200 and "· light</h2>" in page.text and "<blockquote>" in page.text
    assert sam.form("/cards/draw", {"deck": "nope"}, page="/cards").status_code == 400
    wrong = sam.api("/cards/draw", {"deck": "nope"})
    assert wrong.status_code == 400 and "daily" in wrong.json()["detail"]
    assert sam.api("/cards/draw", {"deck": "daily", "depth": 4}).status_code == 422


def test_a_deck_must_suit_the_relationship_it_is_drawn_for(app: FastAPI, pair) -> None:
    sam, _, _ = pair
    kid = Person(app, "Kit").sign_up()
    code = sam.api("/relationships", {"kind": "parent_child"}).json()["invite_code"]
    family = kid.api("/relationships/join", {"code": code}).json()["id"]
    closeness = sam.api("/cards/draw", {"deck": "intimacy", "relationship_id": family})
    assert closeness.status_code == 400 and "parent_child" in closeness.json()["detail"]
    assert sam.api("/cards/draw", {"deck": "parent_child", "relationship_id": family}
                   ).status_code == 200
    listed = sam.client.get("/cards").text
    assert "For couples." in listed and "For a parent and child, family." in listed


def test_a_shared_timeout_tells_the_partner_when_you_will_be_back(pair) -> None:
    sam, alex, couple = pair
    taken = sam.api("/repair/timeout", {"back_in": "5m", "relationship_id": couple}).json()
    assert taken["minutes"] == 5 and taken["short_note"] and taken["calming"]
    assert taken["entry"]["visibility"] == "shared" and taken["back_at"] in taken["say"]
    at = sam.api("/repair/timeout", {"back_at": "19:30"}).json()
    assert at["back_at"].startswith("19:30")
    assert taken["say"] in alex.client.get("/api/repair").json()["recent"][1]["text"]
    page = sam.form("/repair/timeout", {"when": "7:30pm", "visibility": "private"},
                    page="/repair")
    assert page.status_code == 200 and "19:30" in page.text
    both = sam.api("/repair/timeout", {"back_in": "20m", "back_at": "19:30"})
    assert both.status_code == 400
    assert sam.form("/repair/timeout", {"when": "soonish"}, page="/repair").status_code == 400


def test_the_repair_page_and_its_twin_offer_the_three_parts(pair) -> None:
    sam, _, _ = pair
    view = sam.client.get("/api/repair").json()
    assert [q["key"] for q in view["questions"]][:3] == ["worst", "differently", "heard"]
    assert [s["key"] for s in view["steps"]] == ["what_happened", "my_part", "impact",
                                                 "next_time"]
    page = sam.client.get("/repair").text
    assert view["questions"][0]["text"].replace("'", "&#39;") in page
    assert 'for="debrief-worst"' in page and 'href="/repair">Repair</a>' in page


def test_the_apology_builder_composes_in_order_and_notes_pitfalls(pair) -> None:
    sam, alex, _ = pair
    parts = {"next_time": "I'll ask for a break first", "my_part": "I'm sorry if I was loud, "
             "but you made me", "what_happened": "We argued about the trip"}
    made = sam.api("/repair/apology", {"parts": parts}).json()
    assert made["text"].startswith("We argued about the trip. I'm sorry if")
    assert {"sorry if", "but", "you made me"} <= {p["phrase"] for p in made["pitfalls"]}
    assert made["entry"]["visibility"] == "draft"
    assert sam.api("/repair/apology", {"parts": {"oops": "x"}}).status_code == 400
    assert sam.api("/repair/apology", {"parts": {"my_part": " "}}).status_code == 400
    page = sam.form("/repair/apology", {"my_part": "I raised my voice, but"}, page="/repair")
    assert page.status_code == 200 and "Worth a second look" in page.text
    assert "I raised my voice" not in alex.client.get("/api/repair").text


@pytest.mark.parametrize("visibility", ["private", "draft"])
def test_private_and_draft_repair_never_reach_the_partner(pair, visibility: str) -> None:
    sam, alex, couple = pair
    where = {"visibility": visibility, "relationship_id": couple}
    debrief = sam.api("/repair/debrief", {"answers": {"worst": "when you sighed"}, **where})
    apology = sam.api("/repair/apology", {"parts": {"my_part": "I sulked all evening"}, **where})
    for saved in (debrief, apology):
        assert saved.status_code == 200, saved.text
        assert saved.json()["entry"]["visibility"] == visibility
        assert alex.client.get(f"/api/entries/{saved.json()['entry']['id']}").status_code == 404
    for seen in (alex.client.get("/repair").text, alex.client.get("/api/repair").text):
        assert "when you sighed" not in seen and "sulked" not in seen
    assert "when you sighed" in sam.client.get("/repair").text


def test_a_shared_debrief_reaches_the_partner_and_text_is_escaped(pair) -> None:
    sam, alex, couple = pair
    sent = sam.form("/repair/debrief", {"heard": PAYLOAD, "visibility": "shared",
                                        "relationship_id": couple}, page="/repair")
    assert sent.status_code == 200 and "Saved your debrief" in sent.text
    sam.api("/repair/apology", {"parts": {"my_part": PAYLOAD}, "visibility": "shared"})
    page = alex.client.get("/repair").text
    assert "<script>alert" not in page and page.count("&lt;script&gt;") == 2
    assert alex.client.get("/api/repair").json()["recent"][1]["data"]["answers"] == \
        {"heard": PAYLOAD}


def test_danger_in_a_debrief_switches_to_resources_and_stays_private(pair) -> None:
    sam, alex, couple = pair
    answers = {"worst": "My husband hits me when he drinks."}
    saved = sam.api("/repair/debrief", {"answers": answers, "visibility": "shared",
                                        "relationship_id": couple}).json()
    assert saved["help"] and saved["kept_private"] and saved["entry"]["visibility"] == "private"
    page = sam.form("/repair/debrief", {"worst": answers["worst"], "visibility": "shared"},
                    page="/repair")
    assert "This sounds serious" in page.text
    assert "hits me" not in alex.client.get("/api/repair").text


def test_an_outsider_gets_nothing_and_cannot_write_into_the_pair(app: FastAPI, pair) -> None:
    sam, _, couple = pair
    jo = Person(app, "Jo").sign_up()
    sam.api("/cards/draw", {"deck": "daily", "relationship_id": couple})
    sam.api("/repair/timeout", {"back_in": "20m", "relationship_id": couple})
    assert jo.client.get("/api/decks").json()["recent"] == []
    assert jo.client.get("/api/repair").json()["recent"] == []
    inside = {"relationship_id": couple}
    assert jo.api("/cards/draw", {"deck": "daily", **inside}).status_code == 404
    assert jo.api("/repair/timeout", inside).status_code == 404
    assert jo.api("/repair/debrief", {"answers": {"worst": "x"}, **inside}).status_code == 404
    assert jo.api("/repair/apology", {"parts": {"my_part": "x"}, **inside}).status_code == 404
    assert jo.form("/repair/timeout", {"when": "20m", **inside}, page="/repair"
                   ).status_code == 404


def test_every_post_needs_the_csrf_token_and_a_sign_in(app: FastAPI, pair) -> None:
    sam, _, _ = pair
    for path, data in POSTS:
        assert sam.client.post(path, data=data).status_code == 403, path
        assert sam.client.post(f"/api{path}", json=data).status_code == 403, path
    stranger = Person(app, "Nobody")
    assert stranger.client.get("/repair", follow_redirects=False).status_code == 303
    assert stranger.client.get("/cards", follow_redirects=False).status_code == 303
    assert stranger.client.get("/api/decks").status_code == 401
