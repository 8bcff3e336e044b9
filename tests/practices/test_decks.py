"""Question decks (SYSTEM.md M5.3): the content is open and varied, and draws go light to deep."""

from __future__ import annotations

import copy
import dataclasses
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from question_text import closed_reason, is_closed, is_question_or_invitation, near_duplicates

from heartline.errors import InputError
from heartline.practices.decks import (
    DEEP,
    DEPTHS,
    LIGHT,
    PERSONAL,
    SUITS,
    Deck,
    Question,
    check_suits,
    draw,
    get_deck,
    load_decks,
    parse_decks,
)

MIN_DECKS = 11
MIN_QUESTIONS = 440
MIN_PER_DECK = 30
MIN_PER_DEPTH = 10
MAX_QUESTION_CHARS = 160
REQUIRED_DECKS = frozenset({
    "daily", "childhood", "dreams", "values", "appreciation", "fun", "intimacy", "hard",
    "friends", "parent_child", "repair",
})

ALL_QUESTIONS = [q for deck in load_decks() for q in deck.questions]


# --- the text checkers themselves, so the content tests can actually fail ---

@pytest.mark.parametrize("text", [
    "Do you like tea?",
    "Would you rather live by the sea or in the mountains?",
    "Have you ever been to Paris?",
    "Is it raining where you are?",
    "Are you okay?",
    "Can you swim?",
    "Did you sleep well?",
    "Will you come with me?",
    "Should we go now?",
    "Isn’t it lovely out?",
    "Anything new today?",
    "Ever been in love?",
    "You okay?",
    "When you were small, did you have a pet?",
    "Thinking back: was it worth it?",
    "Which do you prefer, tea or coffee?",
    "What scares you more: heights or spiders?",
    "Tea or coffee?",
])
def test_checker_catches_closed_questions(text: str) -> None:
    assert is_closed(text), text


@pytest.mark.parametrize("text", [
    "What do you like about tea?",
    "When you were small, what did you want to be?",
    "How do you take your coffee?",
    "Which colour calms you down?",
    "What story goes with this photo?",
    "Who taught you to swim, and how?",
    "Tell me about your favourite teacher.",
    "Describe the kitchen you grew up in.",
])
def test_checker_accepts_open_questions(text: str) -> None:
    assert closed_reason(text) is None


def test_invitation_check() -> None:
    assert is_question_or_invitation("What happened next?")
    assert is_question_or_invitation("Tell me about your grandmother.")
    assert is_question_or_invitation("Share a photo you love.")
    assert not is_question_or_invitation("Think about your grandmother.")


def test_near_duplicate_check() -> None:
    flagged = near_duplicates([
        "What made you laugh today?",
        "Who made you laugh today?",
        "What was the best moment of your long weekend away?",
        "What was the best moment of your long weekend?",
        "What worried you this morning?",
    ])
    assert {(a, b) for a, b, _ in flagged} == {
        ("What made you laugh today?", "Who made you laugh today?"),
        ("What was the best moment of your long weekend away?",
         "What was the best moment of your long weekend?"),
    }


# --- the content ---

def test_counts() -> None:
    decks = load_decks()
    assert len(decks) >= MIN_DECKS
    assert {deck.id for deck in decks} >= REQUIRED_DECKS
    assert len(ALL_QUESTIONS) >= MIN_QUESTIONS
    for deck in decks:
        assert len(deck.questions) >= MIN_PER_DECK, deck.id
        for depth in DEPTHS:
            assert len(deck.at_depth(depth)) >= MIN_PER_DEPTH, (deck.id, depth)


def test_every_question_is_open() -> None:
    closed = {q.text: closed_reason(q.text) for q in ALL_QUESTIONS if is_closed(q.text)}
    assert not closed


def test_every_question_asks_or_invites() -> None:
    assert not [q.text for q in ALL_QUESTIONS if not is_question_or_invitation(q.text)]


def test_no_duplicates_or_near_duplicates() -> None:
    texts = [q.text for q in ALL_QUESTIONS]
    assert len(set(texts)) == len(texts)
    assert not near_duplicates(texts)


def test_questions_are_tidy() -> None:
    untidy = [
        q.text for q in ALL_QUESTIONS
        if q.text != q.text.strip() or "  " in q.text or not q.text[0].isupper()
        or len(q.text) > MAX_QUESTION_CHARS
    ]
    assert not untidy


def test_deck_metadata() -> None:
    for deck in load_decks():
        assert deck.title and deck.description and "\n" not in deck.description
        assert deck.suits and set(deck.suits) <= SUITS
        assert all(q.deck == deck.id for q in deck.questions)
    assert "couple" not in get_deck("friends").suits
    assert "parent_child" in get_deck("parent_child").suits
    assert get_deck("intimacy").suits == ("couple",)


def test_load_decks_is_cached_and_frozen() -> None:
    assert load_decks() is load_decks()
    deck = load_decks()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        deck.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        deck.questions[0].depth = DEEP  # type: ignore[misc]


# --- looking decks up ---

@pytest.mark.parametrize("kind", sorted(SUITS))
def test_every_kind_of_relationship_has_decks_and_is_kept_from_the_others(kind: str) -> None:
    suited = [d for d in load_decks() if kind in d.suits]
    assert suited
    for deck in suited:
        check_suits(deck, kind)
    for deck in (d for d in load_decks() if kind not in d.suits):
        with pytest.raises(InputError) as caught:
            check_suits(deck, kind)
        assert deck.title in str(caught.value) and suited[0].id in str(caught.value)


def test_get_deck_returns_the_deck() -> None:
    deck = get_deck("repair")
    assert isinstance(deck, Deck)
    assert deck.id == "repair"


def test_unknown_deck_names_the_available_ones() -> None:
    with pytest.raises(InputError) as caught:
        get_deck("smalltalk")
    message = str(caught.value)
    assert "smalltalk" in message
    assert all(deck.id in message for deck in load_decks())


# --- validation of the deck file ---

def _valid() -> dict[str, Any]:
    return {"deck": [{
        "id": "tiny", "title": "Tiny", "description": "A test deck.", "suits": ["couple"],
        "questions": [{"depth": 1, "text": "What made today good?"}],
    }]}


def test_parse_accepts_a_valid_file() -> None:
    (deck,) = parse_decks(_valid())
    assert deck == Deck("tiny", "Tiny", "A test deck.", ("couple",),
                        (Question("What made today good?", LIGHT, "tiny"),))


@pytest.mark.parametrize(("path", "value", "expected"), [
    ((), {"decks": []}, "unknown keys"),
    (("deck", 0), {"colour": "red"}, "unknown keys"),
    (("deck", 0, "questions", 0), {"depht": 2}, "unknown keys"),
    (("deck", 0, "questions", 0), {"depth": 0}, "depth must be"),
    (("deck", 0, "questions", 0), {"depth": 4}, "depth must be"),
    (("deck", 0, "questions", 0), {"depth": True}, "depth must be"),
    (("deck", 0, "questions", 0), {"depth": "2"}, "depth must be"),
    (("deck", 0, "questions", 0), {"text": "   "}, "non-empty text"),
    (("deck", 0, "questions", 0), {"text": 7}, "non-empty text"),
    (("deck", 0), {"title": ""}, "non-empty text"),
    (("deck", 0), {"suits": ["strangers"]}, "unknown suits"),
    (("deck", 0), {"questions": []}, "non-empty list"),
])
def test_parse_rejects_bad_entries(path: tuple[Any, ...], value: dict[str, Any],
                                   expected: str) -> None:
    data = _valid()
    target: Any = data
    for step in path:
        target = target[step]
    target.update(value)
    with pytest.raises(InputError, match=expected) as caught:
        parse_decks(data)
    assert "decks.toml" in str(caught.value)


def test_parse_rejects_missing_text_and_duplicate_ids() -> None:
    data = _valid()
    del data["deck"][0]["questions"][0]["text"]
    with pytest.raises(InputError, match="'text' must be non-empty"):
        parse_decks(data)
    data = _valid()
    data["deck"].append(copy.deepcopy(data["deck"][0]))
    with pytest.raises(InputError, match="repeated: tiny"):
        parse_decks(data)


# --- drawing ---

def _draw_all(deck_id: str, count: int, *, depth: int | None = None,
              seed: int = 0) -> list[Question]:
    rng, seen, drawn = random.Random(seed), [], []
    for _ in range(count):
        question = draw(deck_id, depth=depth, seen=seen, rng=rng)
        seen.append(question.text)
        drawn.append(question)
    return drawn


@pytest.mark.parametrize("deck_id", sorted(REQUIRED_DECKS))
def test_draw_never_repeats_until_the_deck_is_exhausted(deck_id: str) -> None:
    deck = get_deck(deck_id)
    drawn = _draw_all(deck_id, len(deck.questions))
    assert sorted(q.text for q in drawn) == sorted(q.text for q in deck.questions)


@pytest.mark.parametrize("deck_id", sorted(REQUIRED_DECKS))
def test_draw_goes_light_to_deep(deck_id: str) -> None:
    depths = [q.depth for q in _draw_all(deck_id, len(get_deck(deck_id).questions), seed=7)]
    assert depths == sorted(depths)
    assert depths[0] == LIGHT and depths[-1] == DEEP


@pytest.mark.parametrize("depth", DEPTHS)
def test_draw_respects_depth(depth: int) -> None:
    pool = get_deck("values").at_depth(depth)
    drawn = _draw_all("values", len(pool), depth=depth)
    assert {q.text for q in drawn} == {q.text for q in pool}
    assert all(q.depth == depth for q in drawn)


def test_draw_starts_over_when_everything_was_seen() -> None:
    deck = get_deck("fun")
    everything = [q.text for q in deck.questions]
    assert draw("fun", seen=everything, rng=random.Random(1)).depth == LIGHT
    assert draw("fun", depth=PERSONAL, seen=everything).depth == PERSONAL


def test_draw_is_reproducible_with_a_seed() -> None:
    first = draw("dreams", rng=random.Random(42))
    assert draw("dreams", rng=random.Random(42)) == first
    assert draw("dreams").deck == "dreams"


@pytest.mark.parametrize("depth", [0, 4, -1])
def test_draw_rejects_unknown_depth(depth: int) -> None:
    with pytest.raises(InputError, match="depth must be"):
        draw("daily", depth=depth)


def test_draw_rejects_unknown_deck() -> None:
    with pytest.raises(InputError, match="available decks"):
        draw("nope")


@st.composite
def _draw_cases(draw_from: st.DrawFn) -> tuple[Deck, int | None, frozenset[str], int]:
    deck = draw_from(st.sampled_from(load_decks()))
    texts = [q.text for q in deck.questions]  # file order runs light to deep
    prefix = texts[: draw_from(st.integers(0, len(texts)))]
    scattered = draw_from(st.sets(st.sampled_from(texts)))
    strangers = draw_from(st.sets(st.text(max_size=20), max_size=3))
    depth = draw_from(st.none() | st.sampled_from(DEPTHS))
    seed = draw_from(st.integers(0, 2**32))
    return deck, depth, frozenset(prefix) | scattered | strangers, seed


@settings(max_examples=300, deadline=None)
@given(_draw_cases())
def test_draw_property(case: tuple[Deck, int | None, frozenset[str], int]) -> None:
    deck, depth, seen, seed = case
    question = draw(deck.id, depth=depth, seen=seen, rng=random.Random(seed))
    assert question in deck.questions
    eligible = deck.questions if depth is None else deck.at_depth(depth)
    unseen = [q for q in eligible if q.text not in seen]
    if depth is not None:
        assert question.depth == depth
    if unseen:
        assert question.text not in seen
        assert question.depth == min(q.depth for q in unseen)
    else:
        assert question.depth == (LIGHT if depth is None else depth)
