"""Daily rituals as data: the check-in, timing bids and appreciation notes, under ``/api``.

Each page's data is one pydantic model built by one view function here; the
HTML router (``rituals_daily``) renders the very same models, so a page and
its JSON twin can't drift apart (datasette's rule). The rules of each practice
live in ``heartline.practices`` and are only called from here, and every read
goes through ``entries_for``, which holds the privacy rule: drafts and private
entries never reach the other person.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from heartline.analysis.results import TurnAnalysis
from heartline.errors import InputError
from heartline.practices import appreciation, bids, reconnect
from heartline.practices.content import pick
from heartline.practices.safety import needs_help, safe_visibility
from heartline.store import Store, people
from heartline.store.entries import MAX_TEXT, entries_for
from heartline.store.values import Entry, Person, Relationship, Visibility
from heartline.web.deps import api_person, store_of
from heartline.web.views import HelpLine, RelationshipOut, help_lines, relationship_out

router = APIRouter(tags=["daily rituals"])
Me = Annotated[Person, Depends(api_person)]
MOST_LISTED = 30
"""How many recent check-ins or notes a page lists: enough to look back over a month."""
MAX_PROMPT = 500
Audience = Literal["adult", "kid"]
LATER_FORMAT = "%a %H:%M"


# --- Requests ----------------------------------------------------------------

class Placed(BaseModel):
    """Where an entry goes: which relationship, and who sees it (private unless chosen)."""

    relationship_id: str | None = None
    visibility: Visibility = "private"


class NewCheckin(Placed):
    audience: Audience = "adult"
    prompt: str = Field(default="", max_length=MAX_PROMPT,
                        description="The 'how am I really?' question that was answered.")
    how: str = Field(default="", max_length=MAX_TEXT)
    deeper: str = Field(default="", max_length=MAX_TEXT,
                        description="A little more, after the one-notch-deeper nudge.")
    rose: str = Field(default="", max_length=MAX_TEXT)
    thorn: str = Field(default="", max_length=MAX_TEXT)
    bud: str = Field(default="", max_length=MAX_TEXT)


class HowAnswer(BaseModel):
    how: str = Field(default="", max_length=MAX_TEXT)
    audience: Audience = "adult"


class NewBid(BaseModel):
    topic: str = Field(default="", max_length=bids.MAX_TOPIC)
    phrasing: int = Field(default=1, ge=1, description="Which of our phrasings, 1 the plainest.")
    text: str = Field(default="", max_length=MAX_TEXT, description="Your own words instead.")
    relationship_id: str | None = Field(default=None, description="Default: your first one.")


class BidAnswer(BaseModel):
    answer: bids.Answer
    later: str = Field(default="", max_length=100,
                       description='With "later": "19:30", "in 20 minutes", "tomorrow 9:00".')


class BidMet(BaseModel):
    met: bool


class NewAppreciation(Placed):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    prompt: str = Field(default="", max_length=MAX_PROMPT)


class NoteText(BaseModel):
    text: str = Field(default="", max_length=MAX_TEXT)


# --- What comes back ---------------------------------------------------------

class Written(BaseModel):
    """What every listed entry says about itself."""

    id: str
    author: str
    mine: bool
    visibility: str
    created_at: datetime


class NudgeOut(BaseModel):
    """One notch deeper: a gentle question with an exit, and a day told a bit more openly."""

    question: str
    example_plain: str
    example_deeper: str


class DeeperOut(BaseModel):
    nudge: NudgeOut | None


class CheckinPromptsOut(BaseModel):
    audience: Audience
    how_am_i: str
    rose: str
    thorn: str
    bud: str


class CheckinOut(Written):
    audience: str
    prompt: str
    how: str
    deeper: str
    rose: str
    thorn: str
    bud: str


class CheckinsOut(BaseModel):
    prompts: CheckinPromptsOut
    relationships: list[RelationshipOut]
    checkins: list[CheckinOut]


class CheckinSavedOut(BaseModel):
    checkin: CheckinOut
    help: list[HelpLine]
    kept_private: bool
    nudge: NudgeOut | None


class BidOut(BaseModel):
    id: str
    asked_at: datetime
    asker: str
    question: str
    answer: str | None
    later_at: datetime | None
    met: bool | None
    yours: bool
    waiting_on_you: bool
    status: str


class BidsOut(BaseModel):
    """The bids page; after an action, also what just happened to which bid."""

    phrasings: list[str]
    relationships: list[RelationshipOut]
    bids: list[BidOut]
    bid_id: str | None = None
    message: str | None = None
    help: list[HelpLine] = Field(default_factory=list)
    kept_private: bool = False


class SpecificOut(BaseModel):
    """How specific a thank-you reads; an example to lean on when it stays general."""

    specific: bool
    vague_phrases: list[str]
    example: str | None


class AppreciationOut(Written):
    text: str
    prompt: str
    specific: bool


class AppreciationsOut(BaseModel):
    prompt: str
    relationships: list[RelationshipOut]
    appreciations: list[AppreciationOut]


class AppreciationSavedOut(BaseModel):
    appreciation: AppreciationOut
    help: list[HelpLine]
    kept_private: bool
    check: SpecificOut


# --- Shared pieces -----------------------------------------------------------

def analyze(text: str) -> TurnAnalysis:
    from heartline import analyze_turn

    return analyze_turn(text)


def wanted(placed: Placed) -> Visibility:
    """Shared needs someone to share with; without a relationship it stays private."""
    return "private" if placed.visibility == "shared" and not placed.relationship_id \
        else placed.visibility


def _around(store: Store, person: Person, kind: str
            ) -> tuple[list[Relationship], list[Entry], dict[str, str]]:
    """The person's relationships, the entries of ``kind`` they may see, and who wrote them."""
    with store.read() as session:
        mine = people.relationships_of(session, person.id)
        found = entries_for(session, person, kinds=[kind], limit=MOST_LISTED)
    names = {m.person.id: m.person.name for r in mine for m in r.members}
    return mine, found, names | {person.id: person.name}


def _written(entry: Entry, viewer: Person, names: dict[str, str]) -> dict[str, object]:
    return {"id": entry.id, "author": names.get(entry.author_id, "someone"),
            "mine": entry.author_id == viewer.id, "visibility": entry.visibility,
            "created_at": entry.created_at}


# --- Check-in ----------------------------------------------------------------

def checkin_out(entry: Entry, viewer: Person, names: dict[str, str]) -> CheckinOut:
    parts = {k: str(entry.data.get(k) or "") for k in
             ("audience", "prompt", "how", "deeper", "rose", "thorn", "bud")}
    return CheckinOut(**_written(entry, viewer, names), **parts)


def checkins(store: Store, person: Person, audience: Audience = "adult") -> CheckinsOut:
    """The check-in page: today's questions, and the check-ins this person may see."""
    chosen = reconnect.prompts(audience)
    mine, found, names = _around(store, person, "checkin")
    return CheckinsOut(
        prompts=CheckinPromptsOut(audience=audience, how_am_i=pick(chosen.how_am_i),
                                  rose=chosen.rose, thorn=chosen.thorn, bud=chosen.bud),
        relationships=[relationship_out(r) for r in mine],
        checkins=[checkin_out(e, person, names) for e in found])


def deeper_nudge(how: str, audience: Audience,
                 analysis: TurnAnalysis | None = None) -> NudgeOut | None:
    """The gentle offer for a polite-script answer; none when it says something, or is unsafe.

    The offer is picked by the answer's words, so it holds still while a person types.
    """
    if not how.strip():
        return None
    read = analysis or analyze(how)
    if needs_help(read) or not reconnect.needs_deeper(read):
        return None
    question, example = reconnect.deeper_offer(audience, random.Random(how.strip().casefold()))
    return NudgeOut(question=question, example_plain=example.plain,
                    example_deeper=example.deeper)


def save_checkin(store: Store, person: Person, body: NewCheckin) -> CheckinSavedOut:
    """Store a check-in; danger switches to resources, a deflection gets one gentle offer."""
    checkin = reconnect.Checkin(body.audience, body.prompt.strip(), body.how.strip(),
                                body.deeper.strip(), body.rose.strip(), body.thorn.strip(),
                                body.bud.strip())
    if not checkin.as_text():
        raise InputError("There's nothing to save yet: answer at least one of the questions.")
    analysis = analyze(checkin.as_text())
    asked = wanted(body)
    chosen = safe_visibility(analysis, asked)
    with store.write() as session:
        entry = reconnect.record(session, person, checkin, analysis, visibility=chosen,
                                 relationship_id=body.relationship_id or None)
    nudge = None if needs_help(analysis) or checkin.deeper else \
        deeper_nudge(checkin.how, body.audience)
    return CheckinSavedOut(checkin=checkin_out(entry, person, {person.id: person.name}),
                           help=help_lines(analysis, person), kept_private=chosen != asked,
                           nudge=nudge)


# --- Timing bids -------------------------------------------------------------

def phrasings(topic: str = "") -> list[str]:
    """Every phrasing of the question, with the topic in it."""
    return [bids.compose(topic, phrasing=i) for i in range(len(bids.phrasings()))]


def bid_status(line: bids.BidLine) -> str:
    """Where a bid stands, in words; a later time in this server's local time."""
    if line.answer is None:
        return "waiting for you" if line.waiting_on_you else "waiting for an answer"
    if line.answer == "later" and line.later_at is not None:
        return f"later, {line.later_at.astimezone():{LATER_FORMAT}}"
    return {"now": "now works", "not_today": "not today"}.get(line.answer, line.answer)


def bids_page(store: Store, person: Person, *, topic: str = "") -> BidsOut:
    """Open and recent bids this person may see, and the phrasings to ask one."""
    with store.read() as session:
        mine = people.relationships_of(session, person.id)
        lines = bids.overview(session, person, now=datetime.now().astimezone())
    listed = [BidOut(id=b.id, asked_at=b.asked_at, asker=b.asker, question=b.question,
                     answer=b.answer, later_at=b.later_at, met=b.met, yours=b.yours,
                     waiting_on_you=b.waiting_on_you, status=bid_status(b)) for b in lines]
    return BidsOut(phrasings=phrasings(topic), relationships=[relationship_out(r) for r in mine],
                   bids=listed)


def ask_bid(store: Store, person: Person, body: NewBid) -> BidsOut:
    """Ask "is now a good time…?"; signs of abuse keep it private and bring resources."""
    question = body.text.strip() or bids.compose(body.topic, phrasing=body.phrasing - 1)
    analysis = analyze(question)
    with store.write() as session:
        where = body.relationship_id or _first_relationship(session, person)
        bid = bids.ask(session, person, question, topic=body.topic, analysis=analysis,
                       relationship_id=where, visibility=safe_visibility(analysis, "shared"))
    kept = bid.visibility != "shared"
    message = "Kept private, only for you." if kept else \
        "Asked. They'll see it on their Bids page and can answer now, later or not today."
    return bids_page(store, person).model_copy(update={
        "bid_id": bid.id, "message": message, "help": help_lines(analysis, person),
        "kept_private": kept})


def answer_bid(store: Store, person: Person, bid_id: str, body: BidAnswer) -> BidsOut:
    """The other person's answer: now, later at a time, or not today. All are fine answers."""
    later_at = bids.parse_later(body.later, datetime.now().astimezone()) \
        if body.answer == "later" and body.later.strip() else None
    with store.write() as session:
        bid = bids.answer(session, person, bid_id, body.answer, later_at)
        asker = people.get_person(session, bid.author_id).name
    return bids_page(store, person).model_copy(update={
        "bid_id": bid.id, "message": bids.answer_line(body.answer, asker)})


def mark_bid(store: Store, person: Person, bid_id: str, met: bool) -> BidsOut:
    """The asker notes whether they got the talk they hoped for."""
    with store.write() as session:
        bid = bids.mark_met(session, person, bid_id, met)
    return bids_page(store, person).model_copy(update={
        "bid_id": bid.id, "message": bids.met_line(met)})


def _first_relationship(session: Session, person: Person) -> str | None:
    """The default, as on the command line: the person's first relationship."""
    mine = people.relationships_of(session, person.id)
    return mine[0].id if mine else None


# --- Appreciation notes ------------------------------------------------------

def specificity(note: str) -> SpecificOut:
    """How specific a note reads; the example is picked by the note, so it holds still."""
    found = appreciation.check(note)
    example = None if found.specific else \
        appreciation.example(random.Random(note.strip().casefold()))
    return SpecificOut(specific=found.specific, vague_phrases=list(found.vague_phrases),
                       example=example)


def appreciation_out(entry: Entry, viewer: Person, names: dict[str, str]) -> AppreciationOut:
    return AppreciationOut(**_written(entry, viewer, names), text=entry.text or "",
                           prompt=str(entry.data.get("prompt") or ""),
                           specific=bool(entry.data.get("specific")))


def appreciations(store: Store, person: Person) -> AppreciationsOut:
    """The notes page: one moment to think of, and the notes this person may see."""
    mine, found, names = _around(store, person, "appreciation")
    return AppreciationsOut(prompt=appreciation.prompt(),
                            relationships=[relationship_out(r) for r in mine],
                            appreciations=[appreciation_out(e, person, names) for e in found])


def save_appreciation(store: Store, person: Person, body: NewAppreciation
                      ) -> AppreciationSavedOut:
    """Save a note whatever its detail (thanks is never refused), with the nudge if general."""
    note = appreciation.cleaned(body.text)
    analysis = analyze(note)
    asked = wanted(body)
    chosen = safe_visibility(analysis, asked)
    with store.write() as session:
        entry = appreciation.record(session, person, note, prompt=body.prompt.strip(),
                                    relationship_id=body.relationship_id or None,
                                    visibility=chosen, analysis=analysis.to_dict())
    return AppreciationSavedOut(
        appreciation=appreciation_out(entry, person, {person.id: person.name}),
        help=help_lines(analysis, person), kept_private=chosen != asked, check=specificity(note))


# --- Routes ------------------------------------------------------------------

@router.get("/checkins")
def list_checkins(request: Request, me: Me, audience: Audience = "adult") -> CheckinsOut:
    return checkins(store_of(request), me, audience)


@router.post("/checkins")
def add_checkin(request: Request, me: Me, body: NewCheckin) -> CheckinSavedOut:
    return save_checkin(store_of(request), me, body)


@router.post("/checkins/deeper")
def checkin_deeper(me: Me, body: HowAnswer) -> DeeperOut:
    return DeeperOut(nudge=deeper_nudge(body.how, body.audience))


@router.get("/bids")
def list_bids(request: Request, me: Me) -> BidsOut:
    return bids_page(store_of(request), me)


@router.get("/bids/phrasings")
def bid_phrasings(me: Me, topic: Annotated[str, Query(max_length=bids.MAX_TOPIC)] = ""
                  ) -> list[str]:
    return phrasings(topic)


@router.post("/bids")
def add_bid(request: Request, me: Me, body: NewBid) -> BidsOut:
    return ask_bid(store_of(request), me, body)


@router.post("/bids/{bid_id}/answer")
def bid_answer(request: Request, me: Me, bid_id: str, body: BidAnswer) -> BidsOut:
    return answer_bid(store_of(request), me, bid_id, body)


@router.post("/bids/{bid_id}/met")
def bid_met(request: Request, me: Me, bid_id: str, body: BidMet) -> BidsOut:
    return mark_bid(store_of(request), me, bid_id, body.met)


@router.get("/appreciations")
def list_appreciations(request: Request, me: Me) -> AppreciationsOut:
    return appreciations(store_of(request), me)


@router.post("/appreciations")
def add_appreciation(request: Request, me: Me, body: NewAppreciation) -> AppreciationSavedOut:
    return save_appreciation(store_of(request), me, body)


@router.post("/appreciations/check")
def check_appreciation(me: Me, body: NoteText) -> SpecificOut:
    return specificity(body.text)
