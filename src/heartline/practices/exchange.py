"""The core exchange (M1): one person shares, the other replies, the sharer says if it landed.

A share keeps the engine's reading of it; a reply keeps the listening
coach's analysis of it in the context of the share; the sharer then answers
"I felt understood" or "not quite, here's what I meant", and that answer
goes back to the listener. Replies and answers live inside the share's
relationship and are seen by exactly the people who could see the share,
unless their own words show signs of abuse: then, like a share, they stay
private to whoever wrote them (``safety.safe_visibility``), because the other
person may be the one they are afraid of.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from heartline.analysis.results import ReplyPair, TurnAnalysis
from heartline.errors import InputError
from heartline.store.entries import add_entry, entries_for, get_entry
from heartline.store.values import Entry, Person, Visibility


def share(session: Session, person: Person, text: str, analysis: TurnAnalysis, *,
          relationship_id: str | None, visibility: Visibility) -> Entry:
    if not text.strip():
        raise InputError("There's nothing to share yet: write a few words first.")
    return add_entry(session, person, "share", visibility=visibility,
                     relationship_id=relationship_id, text=text.strip(),
                     analysis=analysis.to_dict())


def waiting_for_reply(session: Session, person: Person) -> list[Entry]:
    """Shares others shared with this person that they have not replied to, oldest first."""
    mine = {e.parent_id for e in entries_for(session, person, kinds=["reply"], author=person)}
    return [e for e in entries_for(session, person, kinds=["share"], newest_first=False)
            if e.author_id != person.id and e.visibility == "shared" and e.id not in mine]


def reply(session: Session, person: Person, share_id: str, text: str, pair: ReplyPair, *,
          visibility: Visibility = "shared") -> Entry:
    """A reply, shared with the share's relationship, with the coach's analysis."""
    shared = get_entry(session, share_id, person)
    if shared.kind != "share":
        raise InputError("Replies go to a share; that entry is something else.")
    if shared.author_id == person.id:
        raise InputError("That's your own share; replies come from the other person.")
    if not text.strip():
        raise InputError("The reply is empty: write what you'd say to them.")
    return add_entry(session, person, "reply", visibility=visibility,
                     relationship_id=shared.relationship_id, parent_id=shared.id,
                     text=text.strip(), analysis=pair.to_dict())


def waiting_for_feedback(session: Session, person: Person) -> list[Entry]:
    """Replies to this person's shares that they have not yet said how they landed."""
    answered = {e.parent_id for e in entries_for(session, person, kinds=["understood"],
                                                  author=person)}
    mine = {e.id for e in entries_for(session, person, kinds=["share"], author=person)}
    return [e for e in entries_for(session, person, kinds=["reply"], newest_first=False)
            if e.parent_id in mine and e.id not in answered]


def felt_understood(session: Session, person: Person, reply_id: str, *, understood: bool,
                    meant: str = "", visibility: Visibility = "shared") -> Entry:
    """The sharer's answer to a reply: it landed, or what they really meant."""
    answered = get_entry(session, reply_id, person)
    share_entry = get_entry(session, answered.parent_id or "", person) \
        if answered.kind == "reply" else None
    if share_entry is None or share_entry.author_id != person.id:
        raise InputError("Only the person who shared can say whether a reply made them "
                         "feel understood.")
    if not understood and not meant.strip():
        raise InputError("Say a little about what you meant, so they can try again.")
    return add_entry(session, person, "understood", visibility=visibility,
                     relationship_id=answered.relationship_id, parent_id=answered.id,
                     text=meant.strip() or None, data={"understood": understood})
