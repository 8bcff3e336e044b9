"""Question decks and conflict repair as data: their models, views and JSON routes.

Each view is built once here and served twice: as JSON under ``/api`` by this
module's router and as HTML by ``talk_pages`` (datasette's rule). The rules
live in the core practices the CLI uses (``practices.decks``,
``practices.cards``, ``practices.conflict``); this module only adapts them.
Every read goes through ``entries_for``, so a partner's private entries and
drafts never show up here, and free text is read by the engine first, so a
sign of danger switches to resources and keeps the words private (M5.5, M5.15).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, model_validator

from heartline.errors import InputError
from heartline.practices import conflict
from heartline.practices.cards import draw_and_keep
from heartline.practices.decks import DEPTH_NAMES, DEPTHS, SUITS_WORDS, get_deck, load_decks
from heartline.practices.safety import safe_visibility
from heartline.store import Store, people
from heartline.store.entries import MAX_TEXT, entries_for
from heartline.store.values import Person, Relationship, Visibility
from heartline.web import views
from heartline.web.deps import api_person, store_of
from heartline.web.rituals_daily_api import analyze

router = APIRouter(tags=["talk"])
Me = Annotated[Person, Depends(api_person)]
RECENT = 10
"""How many recent questions or repair entries a page lists: enough to look back a little."""
REPAIR_KINDS = ("timeout", "debrief", "apology")
MAX_WHEN = 40


# --- Requests ----------------------------------------------------------------

class Placed(BaseModel):
    """Which relationship (default: your first one) and who sees it."""

    relationship_id: str | None = None
    visibility: Visibility = "private"


class DrawCard(BaseModel):
    deck: str = Field(min_length=1, max_length=100)
    depth: int | None = Field(default=None, ge=1, le=3,
                              description="1 light, 2 personal, 3 deep; none: start light.")
    relationship_id: str | None = Field(default=None, description="Default: your first one.")


class NewTimeout(Placed):
    back_in: str | None = Field(default=None, max_length=MAX_WHEN,
                                description="How long: 20m, 45 minutes, 1h30.")
    back_at: str | None = Field(default=None, max_length=MAX_WHEN,
                                description="When: 19:30 or 7:30pm.")
    visibility: Visibility = "shared"

    @model_validator(mode="after")
    def _default_length(self) -> NewTimeout:
        """Neither given: the suggested break, as the CLI offers by default."""
        if self.back_in is None and self.back_at is None:
            self.back_in = f"{conflict.SUGGESTED_MINUTES}m"
        return self


class NewDebrief(Placed):
    answers: dict[str, Annotated[str, Field(max_length=MAX_TEXT)]] = Field(
        description="Keys: worst, differently, heard, needed, next_time.")


class NewApology(Placed):
    parts: dict[str, Annotated[str, Field(max_length=MAX_TEXT)]] = Field(
        description="Keys: what_happened, my_part, impact, next_time.")
    visibility: Visibility = "draft"


# --- Answers -----------------------------------------------------------------

class DeckOut(BaseModel):
    id: str
    title: str
    description: str
    suits: list[str]
    written_for: str = Field(description="Who the deck suits, in words; others can't draw it.")
    questions: int
    by_depth: dict[str, int]


class DrawnOut(BaseModel):
    question: str
    deck: str
    depth: str
    author: str
    mine: bool
    created_at: datetime


class DecksOut(BaseModel):
    decks: list[DeckOut]
    depths: dict[int, str]
    recent: list[DrawnOut]
    relationships: list[views.RelationshipOut]


class CardOut(BaseModel):
    deck: str
    deck_title: str
    depth: int
    depth_name: str
    question: str
    shared: bool


class QuestionOut(BaseModel):
    key: str
    text: str


class StepOut(BaseModel):
    key: str
    prompt: str
    example: str


class PitfallOut(BaseModel):
    phrase: str
    why: str


class RepairOut(BaseModel):
    timeout_intro: str
    suggested_minutes: int
    debrief_intro: str
    questions: list[QuestionOut]
    apology_intro: str
    steps: list[StepOut]
    pitfalls: list[PitfallOut]
    recent: list[views.EntryOut]
    relationships: list[views.RelationshipOut]


class TimeoutOut(BaseModel):
    entry: views.EntryOut
    back_at: str
    minutes: int
    say: str
    short_note: str | None
    calming: list[str]


class DebriefOut(BaseModel):
    entry: views.EntryOut
    help: list[views.HelpLine]
    kept_private: bool


class ApologyOut(BaseModel):
    entry: views.EntryOut
    text: str
    pitfalls: list[PitfallOut]
    help: list[views.HelpLine]
    kept_private: bool


# --- Shared pieces -----------------------------------------------------------

def now() -> datetime:
    return datetime.now().astimezone()


def chosen_relationship(store: Store, person: Person,
                        relationship_id: str | None) -> Relationship | None:
    with store.read() as session:
        return views.pick_relationship(people.relationships_of(session, person.id),
                                       relationship_id)


def _placed(store: Store, person: Person, body: Placed) -> tuple[str | None, Visibility]:
    """Where it goes; shared needs someone to share with, else it stays private."""
    relationship = chosen_relationship(store, person, body.relationship_id)
    where = relationship.id if relationship else None
    seen: Visibility = "private" if body.visibility == "shared" and where is None \
        else body.visibility
    return where, seen


def _names(mine: list[Relationship], person: Person) -> dict[str, str]:
    return {m.person.id: m.person.name for r in mine for m in r.members} | \
        {person.id: person.name}


def known_keys(given: dict[str, str], keys: list[str], what: str) -> dict[str, str]:
    """Unknown keys are refused, naming the right ones, so a typo never drops an answer."""
    unknown = sorted(set(given) - set(keys))
    if unknown:
        raise InputError(f"Unknown {what} {', '.join(unknown)}; use {', '.join(keys)}.")
    return {key: given[key] for key in keys if key in given}


# --- Question decks (M5.3) -----------------------------------------------------

def deck_out(deck_id: str) -> DeckOut:
    deck = get_deck(deck_id)
    return DeckOut(id=deck.id, title=deck.title, description=deck.description,
                   suits=list(deck.suits), questions=len(deck.questions),
                   written_for=", ".join(SUITS_WORDS.get(s, s) for s in deck.suits),
                   by_depth={DEPTH_NAMES[d]: len(deck.at_depth(d)) for d in DEPTHS})


def decks(store: Store, person: Person) -> DecksOut:
    """The decks, and the questions this person and the people they draw with asked lately."""
    with store.read() as session:
        mine = people.relationships_of(session, person.id)
        drawn = entries_for(session, person, kinds=["card"], limit=RECENT)
    names = _names(mine, person)
    recent = [DrawnOut(question=str(e.data.get("question", "")), deck=str(e.data.get("deck", "")),
                       depth=DEPTH_NAMES.get(int(e.data.get("depth", 1)), "light"),
                       author=names.get(e.author_id, "someone"), mine=e.author_id == person.id,
                       created_at=e.created_at) for e in drawn]
    return DecksOut(decks=[deck_out(d.id) for d in load_decks()], depths=dict(DEPTH_NAMES),
                    recent=recent, relationships=[views.relationship_out(r) for r in mine])


def draw_card(store: Store, person: Person, body: DrawCard) -> CardOut:
    """Draw and keep a question, so neither of the pair is asked it again soon."""
    deck = get_deck(body.deck)
    relationship = chosen_relationship(store, person, body.relationship_id)
    with store.write() as session:
        question = draw_and_keep(session, person, relationship, deck.id, depth=body.depth)
    return CardOut(deck=deck.id, deck_title=deck.title, depth=question.depth,
                   depth_name=DEPTH_NAMES[question.depth], question=question.text,
                   shared=relationship is not None)


# --- Conflict repair (M5.5) ----------------------------------------------------

def repair(store: Store, person: Person) -> RepairOut:
    """The three parts of repair, and the repair entries this person may see."""
    with store.read() as session:
        mine = people.relationships_of(session, person.id)
        found = entries_for(session, person, kinds=list(REPAIR_KINDS), limit=RECENT)
    names = _names(mine, person)
    debrief, apology = conflict.debrief_content(), conflict.apology_content()
    return RepairOut(
        timeout_intro=conflict.timeout_content().intro,
        suggested_minutes=conflict.SUGGESTED_MINUTES, debrief_intro=debrief.intro,
        questions=[QuestionOut(key=q.key, text=q.text) for q in debrief.questions],
        apology_intro=apology.intro,
        steps=[StepOut(key=s.key, prompt=s.prompt, example=s.example) for s in apology.steps],
        pitfalls=[PitfallOut(phrase=p.phrase, why=p.why) for p in apology.pitfalls],
        recent=[views.entry_out(e, person, names) for e in found],
        relationships=[views.relationship_out(r) for r in mine])


def take_timeout(store: Store, person: Person, body: NewTimeout) -> TimeoutOut:
    """A break with an agreed return, shared by default so the other knows you'll be back."""
    moment = now()
    pause = conflict.plan_break(back_in=body.back_in or None, back_at=body.back_at or None,
                                now=moment)
    when = conflict.clock_text(pause.return_at, moment)
    line = conflict.return_line(when)
    where, seen = _placed(store, person, body)
    with store.write() as session:
        entry = conflict.record_timeout(session, person, pause, text=line,
                                        relationship_id=where, visibility=seen)
    short = None if pause.minutes >= conflict.SUGGESTED_MINUTES else (
        f"A short break is fine. If it's still hot when you come back, "
        f"{conflict.SUGGESTED_MINUTES} minutes or more usually lets a racing heart settle.")
    return TimeoutOut(entry=views.entry_out(entry, person, {person.id: person.name}),
                      back_at=when, minutes=pause.minutes, say=line, short_note=short,
                      calming=list(conflict.calming()))


def save_debrief(store: Store, person: Person, body: NewDebrief) -> DebriefOut:
    """Keep the debrief answers; danger in them switches to resources and keeps them private."""
    keys = [q.key for q in conflict.debrief_content().questions]
    kept = conflict.answered(known_keys(body.answers, keys, "questions"))
    analysis = analyze(conflict.combined(kept))
    where, asked = _placed(store, person, body)
    seen = safe_visibility(analysis, asked)
    with store.write() as session:
        entry = conflict.record_debrief(session, person, kept, analysis.to_dict(),
                                        relationship_id=where, visibility=seen)
    return DebriefOut(entry=views.entry_out(entry, person, {person.id: person.name}),
                      help=views.help_lines(analysis, person), kept_private=seen != asked)


def save_apology(store: Store, person: Person, body: NewApology) -> ApologyOut:
    """Compose the apology in step order, note its pitfalls, keep it (a draft by default)."""
    keys = list(conflict.APOLOGY_ORDER)
    kept = conflict.apology_parts(known_keys(body.parts, keys, "steps"))
    text = conflict.compose(kept)
    analysis = analyze(text)
    where, asked = _placed(store, person, body)
    seen = safe_visibility(analysis, asked)
    with store.write() as session:
        entry = conflict.record_apology(session, person, kept, analysis.to_dict(),
                                        relationship_id=where, visibility=seen)
    return ApologyOut(entry=views.entry_out(entry, person, {person.id: person.name}),
                      text=text, pitfalls=[PitfallOut(phrase=p.phrase, why=p.why)
                                           for p in conflict.find_pitfalls(text)],
                      help=views.help_lines(analysis, person), kept_private=seen != asked)


# --- JSON routes ---------------------------------------------------------------

@router.get("/decks")
def decks_json(request: Request, me: Me) -> DecksOut:
    return decks(store_of(request), me)


@router.post("/cards/draw")
def draw_json(request: Request, me: Me, body: DrawCard) -> CardOut:
    return draw_card(store_of(request), me, body)


@router.get("/repair")
def repair_json(request: Request, me: Me) -> RepairOut:
    return repair(store_of(request), me)


@router.post("/repair/timeout")
def timeout_json(request: Request, me: Me, body: NewTimeout) -> TimeoutOut:
    return take_timeout(store_of(request), me, body)


@router.post("/repair/debrief")
def debrief_json(request: Request, me: Me, body: NewDebrief) -> DebriefOut:
    return save_debrief(store_of(request), me, body)


@router.post("/repair/apology")
def apology_json(request: Request, me: Me, body: NewApology) -> ApologyOut:
    return save_apology(store_of(request), me, body)
