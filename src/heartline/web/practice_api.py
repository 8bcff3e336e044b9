"""Listening practice on the web: models, the views shared by HTML and JSON, and JSON routes.

A round is replayed, never stored half-way: the replies so far and a seed go
through a fresh ``Conversation`` with ``random.Random(seed)`` each time, so the
sharer says exactly the same lines again (deterministic, no new storage). The
HTML pages keep that pair in the person's session; the JSON twin takes it in
the body, so it is stateless. Only a finished round is written, through
``progress.record``, as a private entry of the person practising: a partner
never sees practice (SYSTEM.md M2, M4).
"""

from __future__ import annotations

import random
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from heartline.errors import InputError
from heartline.listening_practice import progress
from heartline.listening_practice.conversation import MAX_REPLIES, Conversation, Moment
from heartline.listening_practice.debrief import ENDING_WORDS, SKILL_TITLES, SKILLS, debrief
from heartline.listening_practice.openness import HIGHEST
from heartline.listening_practice.scenarios import (
    NEEDS,
    RELATIONSHIPS,
    THEMES,
    Scenario,
    filtered,
    get_scenario,
)
from heartline.listening_practice.trends import skills_chart
from heartline.practices.charts import sparkline
from heartline.store import Store
from heartline.store.values import Person
from heartline.web import views
from heartline.web.deps import api_person, store_of

router = APIRouter(tags=["practice"])
Me = Annotated[Person, Depends(api_person)]
MAX_REPLY_CHARS = 280  # the round lives in a signed cookie: replies must stay small
MAX_SEED = 2**31 - 1


class ScenarioOut(BaseModel):
    id: str
    title: str
    relationship: str
    theme: str
    need: str
    sharer: str
    setting: str
    understated: bool


class SkillTrendOut(BaseModel):
    name: str
    title: str
    latest: float
    values: list[float]
    sparkline: str


class ProgressOut(BaseModel):
    """Only the person's own rounds: practice is private, a safe place to get it wrong."""

    rounds: int
    skills: list[SkillTrendOut]
    focus: str | None
    focus_title: str | None
    suggested: list[ScenarioOut]


class ScenarioListOut(BaseModel):
    scenarios: list[ScenarioOut]
    relationship: str | None
    theme: str | None
    need: str | None
    relationships: list[str]
    themes: list[str]
    needs: list[str]
    progress: ProgressOut


class PlayIn(BaseModel):
    replies: list[Annotated[str, Field(min_length=1, max_length=MAX_REPLY_CHARS)]] = Field(
        default_factory=list, max_length=MAX_REPLIES,
        description="Your replies so far, in order; the round is replayed from them.")
    seed: int = Field(ge=0, le=MAX_SEED, description="Fixes the sharer's line choices.")
    stop: bool = Field(default=False, description="End the round here (you stopped replying).")


class LineOut(BaseModel):
    who: str
    mine: bool
    text: str
    why: str | None = None


class PieceOut(BaseModel):
    """A stretch of a reply; ``label`` is set where it shows a listening move."""

    text: str
    label: str | None
    why: str | None


class EffectOut(BaseModel):
    amount: float
    why: str


class MomentOut(BaseModel):
    number: int
    said: str
    reply: str
    pieces: list[PieceOut]
    labels: list[str]
    flags: list[str]
    before: float
    after: float
    effects: list[EffectOut]
    answer: str
    model: str | None


class SkillOut(BaseModel):
    name: str
    title: str
    score: float


class DebriefOut(BaseModel):
    ending: str
    ending_words: str
    needed: str
    skills: list[SkillOut]
    moments: list[MomentOut]


class PlayOut(BaseModel):
    scenario: ScenarioOut
    seed: int
    replies: list[str]
    lines: list[LineOut]
    openness: float
    level: int
    openness_words: str
    ending: str | None
    debrief: DebriefOut | None
    help: list[views.HelpLine]


# --- Views --------------------------------------------------------------------------------

def scenario_out(s: Scenario) -> ScenarioOut:
    return ScenarioOut(id=s.id, title=s.title, relationship=s.relationship, theme=s.theme,
                       need=s.need, sharer=s.sharer, setting=s.setting,
                       understated=s.understated)


def my_progress(store: Store, person: Person) -> ProgressOut:
    with store.read() as session:
        history = progress.rounds(session, person)
    skill, picks = progress.suggestions(history)
    trends = []
    for name in SKILLS:
        values = [r.skills[name] for r in history]
        trends.append(SkillTrendOut(name=name, title=SKILL_TITLES[name],
                                    latest=values[-1] if values else 0.0, values=values,
                                    sparkline=sparkline(values, low=0, high=1)))
    return ProgressOut(rounds=len(history), skills=trends if history else [], focus=skill,
                       focus_title=SKILL_TITLES[skill] if skill else None,
                       suggested=[scenario_out(s) for s in picks])


def scenario_list(store: Store, person: Person, *, relationship: str | None = None,
                  theme: str | None = None, need: str | None = None) -> ScenarioListOut:
    found = filtered(relationship=relationship, theme=theme, need=need)
    return ScenarioListOut(scenarios=[scenario_out(s) for s in found],
                           relationship=relationship, theme=theme, need=need,
                           relationships=list(RELATIONSHIPS), themes=list(THEMES),
                           needs=list(NEEDS), progress=my_progress(store, person))


def chart(store: Store, person: Person) -> str:
    with store.read() as session:
        return skills_chart(progress.rounds(session, person))


def new_seed() -> int:
    return random.SystemRandom().randrange(MAX_SEED)


def replay(scenario_id: str, play: PlayIn) -> Conversation:
    """The same round again: same seed, same replies, so the same lines from the sharer."""
    talk = Conversation(get_scenario(scenario_id), random.Random(play.seed))
    for n, said in enumerate(play.replies, 1):
        if talk.ending is not None:
            raise InputError(f"This round already ended after reply {n - 1}. "
                             "Start a new one to keep practising.")
        talk.reply(said)
    if play.stop:
        talk.close()
    return talk


def play_round(store: Store, person: Person, scenario_id: str, play: PlayIn) -> PlayOut:
    """Replay the round; once it has ended, record it (privately) and return the debrief."""
    talk = replay(scenario_id, play)
    result = None
    if talk.ending is not None:
        result = debrief(talk)
        with store.write() as session:
            progress.record(session, person, result)
    help_lines = _help(play.replies[-1], person) if play.replies else []
    return PlayOut(scenario=scenario_out(talk.scenario), seed=play.seed,
                   replies=list(play.replies), lines=_lines(talk),
                   openness=round(talk.openness, 2), level=talk.level,
                   openness_words=f"openness {talk.level} of {int(HIGHEST)}",
                   ending=talk.ending, help=help_lines,
                   debrief=_debrief(talk) if result else None)


def _help(said: str, person: Person) -> list[views.HelpLine]:
    """Crisis lines when a reply's words show danger: practice or not, safety comes first."""
    from heartline import analyze_turn

    return views.help_lines(analyze_turn(said), person)


def _lines(talk: Conversation) -> list[LineOut]:
    sharer = talk.scenario.sharer
    lines = [LineOut(who=sharer, mine=False, text=talk.scenario.opening)]
    for moment in talk.moments:
        lines.append(LineOut(who="You", mine=True, text=moment.reply))
        lines.append(LineOut(who=sharer, mine=False, text=moment.answer, why=_why(moment)))
    return lines


def _why(moment: Moment) -> str | None:
    """The strongest reason openness moved, as the CLI shows it after each reply."""
    if not moment.change or not moment.effects:
        return None
    strongest = max(moment.effects, key=lambda e: abs(e.amount))
    return ("They opened up: " if moment.change > 0 else "They pulled back: ") + strongest.why


def _debrief(talk: Conversation) -> DebriefOut:
    result = debrief(talk)
    s = talk.scenario
    needed = (f"{s.sharer} needed advice, but only after feeling understood."
              if s.need == "advice_after_understanding"
              else f"{s.sharer} needed to be {s.need}.")
    return DebriefOut(ending=result.ending, ending_words=ENDING_WORDS[result.ending],
                      needed=needed,
                      skills=[SkillOut(name=k, title=SKILL_TITLES[k], score=result.skills[k])
                              for k in SKILLS],
                      moments=[_moment(n, m) for n, m in enumerate(result.moments, 1)])


def _moment(number: int, moment: Moment) -> MomentOut:
    reply = moment.analysis.response
    flags = {f.name: f.why for f in reply.flags}
    return MomentOut(number=number, said=moment.said, reply=moment.reply,
                     pieces=_pieces(moment), labels=list(reply.labels),
                     flags=list(flags.values()), before=round(moment.before, 2),
                     after=round(moment.after, 2),
                     effects=[EffectOut(amount=e.amount, why=e.why) for e in moment.effects],
                     answer=moment.answer, model=moment.model)


def _pieces(moment: Moment) -> list[PieceOut]:
    """The reply cut into plain and highlighted stretches (overlapping spans: first wins)."""
    reply = moment.analysis.response
    text, at, pieces = reply.text, 0, []
    for span in sorted(reply.spans, key=lambda s: s.start):
        if span.start < at:
            continue
        if span.start > at:
            pieces.append(PieceOut(text=text[at:span.start], label=None, why=None))
        pieces.append(PieceOut(text=text[span.start:span.end], label=span.label, why=span.why))
        at = span.end
    if at < len(text):
        pieces.append(PieceOut(text=text[at:], label=None, why=None))
    return pieces


# --- JSON routes --------------------------------------------------------------------------

@router.get("/practice/scenarios")
def scenarios_json(request: Request, me: Me, relationship: str | None = None,
                   theme: str | None = None, need: str | None = None) -> ScenarioListOut:
    return scenario_list(store_of(request), me, relationship=relationship or None,
                         theme=theme or None, need=need or None)


@router.get("/practice/progress")
def progress_json(request: Request, me: Me) -> ProgressOut:
    return my_progress(store_of(request), me)


@router.post("/practice/{scenario_id}/reply")
def reply_json(request: Request, me: Me, scenario_id: str, body: PlayIn) -> PlayOut:
    return play_round(store_of(request), me, scenario_id, body)
