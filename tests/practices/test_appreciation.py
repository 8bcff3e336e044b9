"""Specific appreciation (M5.10): the content, and what counts as specific."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError
from heartline.practices import appreciation
from heartline.store import Store, people


def test_content_is_unique_and_consistent() -> None:
    chosen = appreciation.content()
    for items in (chosen.prompts, chosen.examples, chosen.vague):
        assert len(items) >= 10 and len(set(items)) == len(items)
    assert all(v == v.lower().strip() for v in chosen.vague)
    assert all(d == d.lower() and " " not in d for d in chosen.details)
    assert all(appreciation.check(e).specific for e in chosen.examples)
    assert not any(appreciation.check(v).specific for v in chosen.vague)


@pytest.mark.parametrize(("note", "specific"), [
    ("Thanks for dinner", False),
    ("Thanks for dinner last night, it was lovely", True),
    ("You’re the best, thanks for everything you do!", False),
    ("Thanks for everything you did on Saturday with the move", True),
    ("I appreciate you so much, you are wonderful", False),
    ("Thank you for picking me up at 6 from the station", True),
])
def test_specific_or_vague(note: str, specific: bool) -> None:
    assert appreciation.check(note).specific is specific


def test_vague_phrases_are_named() -> None:
    assert appreciation.check("you're the best").vague_phrases == ("you're the best",)


@given(st.text(max_size=80))
def test_any_note_gets_a_verdict(note: str) -> None:
    result = appreciation.check(note)
    assert isinstance(result.specific, bool)
    assert set(result.vague_phrases) <= set(appreciation.content().vague)


def test_record_keeps_prompt_and_verdict(store: Store) -> None:
    with store.write() as session:
        sam, _ = people.set_up(session, "Sam")
        entry = appreciation.record(session, sam, " you're amazing ", prompt="A moment",
                                    relationship_id=None, visibility="private")
        with pytest.raises(InputError, match="heartline appreciate"):
            appreciation.record(session, sam, "  ", prompt="", relationship_id=None,
                                visibility="private")
    assert entry.kind == "appreciation" and entry.text == "you're amazing"
    assert entry.data == {"prompt": "A moment", "specific": False}
