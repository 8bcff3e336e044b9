"""The weekly check-in as data (M5.2, with the short repair step of M5.5), under ``/api``.

Each view is built once here and served twice: as JSON by this module's
router and as HTML by ``weekly_pages`` (datasette's rule). The rules live in
``practices.weekly``, the same core the CLI's ``heartline weekly`` uses; reads
go through ``brought``/``had_conflict``, which go through ``entries_for``, so
a brought item the other person kept private never shows up here. Notes and
items are read by the engine first: a sign of danger brings help lines, and
signs of abuse keep the words private and share nothing of the check-in.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from heartline.errors import InputError
from heartline.practices import weekly
from heartline.practices.conflict import DEBRIEF_CORE, debrief_content
from heartline.practices.content import pick
from heartline.practices.safety import safe_visibility
from heartline.store import Store
from heartline.store.entries import MAX_TEXT
from heartline.store.schema import ID_LENGTH
from heartline.store.values import Person, Relationship, Visibility
from heartline.web import talk_api as talk
from heartline.web.deps import api_person, store_of
from heartline.web.rituals_daily_api import analyze
from heartline.web.rituals_together_api import relationships, seen
from heartline.web.views import (
    EntryOut,
    HelpLine,
    RelationshipOut,
    entry_out,
    help_lines,
    relationship_out,
)

router = APIRouter(tags=["weekly check-in"])
Me = Annotated[Person, Depends(api_person)]
MAX_ITEMS = 100
"""The most brought items one check-in can go through: far more than one week holds."""
ItemId = Annotated[str, Field(max_length=ID_LENGTH)]


# --- Requests ----------------------------------------------------------------

class NewItem(talk.Placed):
    """Something to tell or ask at the next check-in; private until then unless shared."""

    item: weekly.ItemKind
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class NewWeekly(talk.Placed):
    """The check-in held together: notes per step, and what happened to the brought items."""

    answers: dict[str, Annotated[str, Field(max_length=MAX_TEXT)]] = Field(
        default_factory=dict, description="Notes by step key (see GET /api/weekly); "
                                          "steps left out are skipped.")
    items: list[ItemId] | None = Field(
        default=None, max_length=MAX_ITEMS,
        description="Ids of the brought items you went through; default: all open ones.")
    share_mine: bool = Field(default=False, description="Share the things you brought with "
                                                        "the other person once it's saved.")
    conflict: bool | None = Field(
        default=None, description="Whether a moment this week needs mending. A time-out or "
                                  "debrief this week, or a repair note, opens the step anyway.")


# --- What comes back ---------------------------------------------------------

class WeeklyStepOut(BaseModel):
    key: str
    title: str
    prompt: str


class ItemOut(BaseModel):
    id: str
    item: weekly.ItemKind
    text: str
    author: str
    mine: bool
    visibility: Visibility


class WeeklyOut(BaseModel):
    """The check-in with one relationship (or alone): its steps and what each of you brought."""

    intro: str
    steps: list[WeeklyStepOut]
    tell_idea: str
    ask_idea: str
    repair_open: bool
    conflict_question: str
    repair_questions: list[str]
    mine: list[ItemOut]
    theirs: list[ItemOut]
    relationship: RelationshipOut | None
    relationships: list[RelationshipOut]


class ItemSavedOut(BaseModel):
    item: ItemOut
    help: list[HelpLine]
    kept_private: bool


class WeeklySavedOut(BaseModel):
    entry: EntryOut
    had_conflict: bool
    items_used: int
    items_shared: int
    help: list[HelpLine]
    kept_private: bool


# --- Views -------------------------------------------------------------------

def item_out(item: weekly.Item, viewer: Person, names: dict[str, str]) -> ItemOut:
    return ItemOut(id=item.id, item=item.item, text=item.text,
                   author=names.get(item.author_id, "someone"),
                   mine=item.author_id == viewer.id, visibility=item.visibility)


def weekly_view(store: Store, person: Person, relationship_id: str | None = None) -> WeeklyOut:
    """The check-in with the named relationship (default: the first, as the CLI), 404 if not yours.

    The repair step is open when the week held a time-out or debrief there.
    """
    chosen = talk.chosen_relationship(store, person, relationship_id)
    where = chosen.id if chosen else None
    with store.read() as session:
        items = weekly.brought(session, person, relationship_id=where)
        detected = weekly.had_conflict(session, person, relationship_id=where, now=talk.now())
    content, names = weekly.content(), _names(chosen, person)
    return WeeklyOut(
        intro=content.intro,
        steps=[WeeklyStepOut(key=s.key, title=s.title, prompt=s.prompt) for s in content.steps],
        tell_idea=pick(content.tell_prompts), ask_idea=pick(content.ask_prompts),
        repair_open=detected, conflict_question=content.conflict_question,
        repair_questions=[q.text for q in debrief_content().questions if q.key in DEBRIEF_CORE],
        mine=[item_out(i, person, names) for i in items.mine],
        theirs=[item_out(i, person, names) for i in items.theirs],
        relationship=relationship_out(chosen) if chosen else None,
        relationships=relationships(store, person))


def bring_item(store: Store, person: Person, body: NewItem) -> ItemSavedOut:
    """Keep a thing to tell or ask for the check-in; signs of abuse keep it private."""
    if not body.text.strip():
        raise InputError(f"Write a few words about what you'd like to {body.item}.")
    chosen = talk.chosen_relationship(store, person, body.relationship_id)
    where = chosen.id if chosen else None
    analysis = analyze(body.text)
    asked = seen(body.visibility, where)
    kept = safe_visibility(analysis, asked)
    with store.write() as session:
        entry = weekly.bring(session, person, body.item, body.text, relationship_id=where,
                             visibility=kept, analysis=analysis.to_dict())
    item = weekly.Item(entry.id, body.item, entry.text or "", person.id, entry.visibility)
    return ItemSavedOut(item=item_out(item, person, {person.id: person.name}),
                        help=help_lines(analysis, person), kept_private=kept != asked)


def save_weekly(store: Store, person: Person, body: NewWeekly) -> WeeklySavedOut:
    """Keep the check-in, mark the items gone through as used, and share yours if asked.

    Signs of abuse in the notes keep it private and share none of the items.
    """
    answers = _answers(body.answers)
    chosen = talk.chosen_relationship(store, person, body.relationship_id)
    where = chosen.id if chosen else None
    with store.read() as session:
        open_items = weekly.brought(session, person, relationship_id=where)
        detected = weekly.had_conflict(session, person, relationship_id=where, now=talk.now())
    used = _used(open_items, body.items)
    if not answers and not used:
        raise InputError("There's nothing to save yet: write a few words for at least one step.")
    repair = weekly.conflict_decision(detected=detected, said=body.conflict,
                                      repair_note=answers.get(weekly.REPAIR_STEP, ""))
    checkin = weekly.Checkin(answers, used, bool(repair))
    analysis = analyze(checkin.as_text()) if answers else None
    asked = seen(body.visibility, where)
    kept = safe_visibility(analysis, asked)
    safe_to_share = body.share_mine and where is not None and \
        safe_visibility(analysis, "shared") == "shared"
    share = tuple(i for i in open_items.mine_private() if i in used) if safe_to_share else ()
    with store.write() as session:
        entry = weekly.record(session, person, checkin, analysis.to_dict() if analysis else None,
                              relationship_id=where, visibility=kept, share_mine=share)
    return WeeklySavedOut(entry=entry_out(entry, person, {person.id: person.name}),
                          had_conflict=checkin.had_conflict, items_used=len(used),
                          items_shared=len(share), help=help_lines(analysis, person),
                          kept_private=kept != asked)


def _names(relationship: Relationship | None, person: Person) -> dict[str, str]:
    members = relationship.members if relationship else ()
    return {m.person.id: m.person.name for m in members} | {person.id: person.name}


def _answers(given: dict[str, str]) -> dict[str, str]:
    """The notes by step, stripped; an unknown step is refused, so a typo never drops a note."""
    known = talk.known_keys(given, list(weekly.content().step_keys), "step")
    return {key: text.strip() for key, text in known.items() if text.strip()}


def _used(open_items: weekly.Brought, named: list[str] | None) -> tuple[str, ...]:
    """The items gone through: every open one unless named; one not open is refused."""
    if named is None:
        return open_items.ids()
    if set(named) - set(open_items.ids()):
        raise InputError("Some of those items aren't open for this check-in any more. "
                         "Reload the page and try again.")
    return tuple(i for i in open_items.ids() if i in named)


# --- JSON routes -------------------------------------------------------------

@router.get("/weekly")
def weekly_json(request: Request, me: Me, relationship_id: Annotated[
        str | None, Query(max_length=ID_LENGTH)] = None) -> WeeklyOut:
    return weekly_view(store_of(request), me, relationship_id)


@router.post("/weekly/items")
def bring_json(request: Request, me: Me, body: NewItem) -> ItemSavedOut:
    return bring_item(store_of(request), me, body)


@router.post("/weekly")
def save_json(request: Request, me: Me, body: NewWeekly) -> WeeklySavedOut:
    return save_weekly(store_of(request), me, body)
