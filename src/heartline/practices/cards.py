"""Drawing deck questions with memory: what two people already asked isn't asked again soon.

Each drawn question is kept as a ``card`` entry, shared within the
relationship (a question is not a confidence), so either person's draw skips
what the pair has already talked about until a deck runs out.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from heartline.practices.decks import Question, check_suits, draw, get_deck
from heartline.store.entries import add_entry, entries_for
from heartline.store.values import Person, Relationship


def seen_questions(session: Session, person: Person) -> set[str]:
    """Every question this person, or someone who shared a draw with them, has drawn."""
    return {str(e.data.get("question")) for e in entries_for(session, person, kinds=["card"])}


def draw_and_keep(session: Session, person: Person, relationship: Relationship | None,
                  deck_id: str, *, depth: int | None = None) -> Question:
    """Draw for the pair (shared with them) or for yourself; the deck must suit the pair."""
    if relationship is not None:
        check_suits(get_deck(deck_id), relationship.kind)
    question = draw(deck_id, depth=depth, seen=seen_questions(session, person))
    add_entry(session, person, "card", visibility="shared" if relationship else "private",
              relationship_id=relationship.id if relationship else None,
              data={"deck": question.deck, "depth": question.depth, "question": question.text})
    return question
