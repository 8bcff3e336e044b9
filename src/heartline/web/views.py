"""The data behind each page, built once and served as HTML and as JSON (datasette's rule).

Everything a person sees goes through ``entries_for``/``get_entry``, so the
privacy rule of the store holds on every page and every API route alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from heartline.analysis.results import TurnAnalysis
from heartline.errors import InputError, NotFoundError
from heartline.help.resources import resources_for
from heartline.practices import exchange
from heartline.practices.reconnect import deeper_offer, needs_deeper
from heartline.practices.safety import needs_help, safe_visibility
from heartline.practices.today import plan
from heartline.store import Store, people
from heartline.store.entries import get_entry
from heartline.store.values import Entry, Person, Relationship, Visibility
from heartline.web.render import other_word


class MemberOut(BaseModel):
    id: str
    name: str


class RelationshipOut(BaseModel):
    id: str
    kind: str
    other_word: str
    invite_code: str
    members: list[MemberOut]


class EntryOut(BaseModel):
    id: str
    kind: str
    author: str
    mine: bool
    visibility: str
    text: str | None
    created_at: datetime
    data: dict[str, Any]


class SuggestionOut(BaseModel):
    title: str
    why: str


class TodayOut(BaseModel):
    name: str
    solo: bool
    suggestions: list[SuggestionOut]
    waiting_for_reply: list[EntryOut]
    waiting_for_feedback: list[EntryOut]
    relationships: list[RelationshipOut]


class HelpLine(BaseModel):
    name: str
    contact: str
    region: str


class ShareOut(BaseModel):
    entry: EntryOut
    help: list[HelpLine]
    kept_private: bool
    nudge: str | None


class SentOut(EntryOut):
    """A reply or an answer as saved; help lines when its own words showed danger."""

    help: list[HelpLine] = Field(default_factory=list)
    kept_private: bool = Field(default=False, description="Signs of abuse kept it with you.")


def help_lines(analysis: TurnAnalysis | None, person: Person) -> list[HelpLine]:
    """Crisis lines for where the person is, when the words show danger (before any coaching)."""
    if not needs_help(analysis):
        return []
    assert analysis is not None
    return [HelpLine(name=r.name, contact=r.contact, region=r.region)
            for r in resources_for(analysis.safety, person.region)]


def relationship_out(relationship: Relationship) -> RelationshipOut:
    return RelationshipOut(id=relationship.id, kind=relationship.kind,
                           other_word=other_word(relationship.kind),
                           invite_code=relationship.invite_code,
                           members=[MemberOut(id=m.person.id, name=m.person.name)
                                    for m in relationship.members])


def pick_relationship(mine: list[Relationship], relationship_id: str | None
                      ) -> Relationship | None:
    """The named relationship if it is one of ``mine`` (else 404), or the first, as the CLI."""
    if not relationship_id:
        return mine[0] if mine else None
    found = next((r for r in mine if r.id == relationship_id), None)
    if found is None:
        raise NotFoundError("You are not a member of that relationship.")
    return found


def entry_out(entry: Entry, viewer: Person, names: dict[str, str]) -> EntryOut:
    return EntryOut(id=entry.id, kind=entry.kind, author=names.get(entry.author_id, "someone"),
                    mine=entry.author_id == viewer.id, visibility=entry.visibility,
                    text=entry.text, created_at=entry.created_at, data=dict(entry.data))


def today(store: Store, person: Person) -> TodayOut:
    with store.read() as session:
        mine = people.relationships_of(session, person.id)
        names = _names(mine, person)
        result = plan(session, person, now=datetime.now().astimezone())
        waiting = exchange.waiting_for_reply(session, person)
        feedback = exchange.waiting_for_feedback(session, person)
    return TodayOut(name=person.name, solo=result.solo,
                    suggestions=[SuggestionOut(title=s.title, why=s.why)
                                 for s in result.suggestions],
                    waiting_for_reply=[entry_out(e, person, names) for e in waiting],
                    waiting_for_feedback=[entry_out(e, person, names) for e in feedback],
                    relationships=[relationship_out(r) for r in mine])


def share(store: Store, person: Person, text: str, *, relationship_id: str | None,
          visibility: Visibility) -> ShareOut:
    from heartline import analyze_turn

    if not text.strip():
        raise InputError("There's nothing to share yet: write a few words first.")
    analysis = analyze_turn(text)
    chosen = safe_visibility(analysis, visibility)
    with store.write() as session:
        entry = exchange.share(session, person, text, analysis,
                               relationship_id=relationship_id, visibility=chosen)
    lines = help_lines(analysis, person)
    nudge = deeper_offer()[0] if not lines and needs_deeper(analysis) else None
    return ShareOut(entry=entry_out(entry, person, {person.id: person.name}), help=lines,
                    kept_private=chosen != visibility, nudge=nudge)


def visible_entry(store: Store, person: Person, entry_id: str) -> EntryOut:
    with store.read() as session:
        entry = get_entry(session, entry_id, person)
        author = people.get_person(session, entry.author_id)
    return entry_out(entry, person, {author.id: author.name})


def coach(store: Store, person: Person, share_id: str, text: str) -> dict[str, Any]:
    """The listening coach's reading of a draft reply to a share this person can see."""
    from heartline.analysis.engine import Analyzer

    shared = visible_entry(store, person, share_id)
    if shared.kind != "share" or shared.mine:
        raise NotFoundError("No share from someone else with that id.")
    result = Analyzer.default().reply(shared.text or "", text).to_dict()
    for span in result["response"]["spans"]:
        span["phrase"] = text[span["start"]:span["end"]]
    return result


def send_reply(store: Store, person: Person, share_id: str, text: str) -> SentOut:
    """The reply goes to the sharer, unless its own words show signs of abuse."""
    from heartline import analyze_turn
    from heartline.analysis.engine import Analyzer

    shared = visible_entry(store, person, share_id)
    pair = Analyzer.default().reply(shared.text or "", text)
    analysis = analyze_turn(text)
    seen = safe_visibility(analysis, "shared")
    with store.write() as session:
        sent = exchange.reply(session, person, share_id, text, pair, visibility=seen)
    return _sent(sent, person, analysis)


def answer(store: Store, person: Person, reply_id: str, *, understood: bool,
           meant: str) -> SentOut:
    """"I felt understood" or what was meant; what was meant is checked like a share."""
    from heartline import analyze_turn

    analysis = analyze_turn(meant) if meant.strip() else None
    seen = safe_visibility(analysis, "shared")
    with store.write() as session:
        sent = exchange.felt_understood(session, person, reply_id, understood=understood,
                                        meant=meant, visibility=seen)
    return _sent(sent, person, analysis)


def _sent(entry: Entry, person: Person, analysis: TurnAnalysis | None) -> SentOut:
    shown = entry_out(entry, person, {person.id: person.name})
    return SentOut(**shown.model_dump(), help=help_lines(analysis, person),
                   kept_private=entry.visibility != "shared")


def _names(relationships: list[Relationship], person: Person) -> dict[str, str]:
    names = {person.id: person.name}
    for relationship in relationships:
        names |= {m.person.id: m.person.name for m in relationship.members}
    return names
