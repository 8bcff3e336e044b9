"""The listening practice pages: pick a scenario, play it, read the debrief (HTML twins).

Thin adapters over ``practice_api``'s views. A round in progress lives in the
person's session as the scenario, the seed and the replies so far; each
request replays it through a fresh ``Conversation`` (the same lines come
back), so nothing half-done is ever stored. When the round ends it is recorded
privately and the session forgets it.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from heartline.errors import InputError
from heartline.listening_practice.conversation import MAX_REPLIES
from heartline.listening_practice.scenarios import get_scenario
from heartline.store.values import Person
from heartline.web import practice_api as practice
from heartline.web.deps import page_person, store_of
from heartline.web.render import page, svg_response

router = APIRouter(include_in_schema=False)
Me = Annotated[Person, Depends(page_person)]
ROUND_KEY = "practice_round"
ROUND_BUDGET = 2400  # characters of replies (as JSON) the session cookie can carry


@router.get("/practice")
def practice_list(request: Request, me: Me, relationship: str = "", theme: str = "",
                  need: str = "") -> Response:
    view = practice.scenario_list(store_of(request), me, relationship=relationship or None,
                                  theme=theme or None, need=need or None)
    return page(request, "practice.html", person=me, view=view)


@router.get("/practice/chart.svg")
def practice_chart(request: Request, me: Me) -> Response:
    return svg_response(practice.chart(store_of(request), me))


@router.get("/practice/{scenario_id}")
def practice_play(request: Request, me: Me, scenario_id: str) -> Response:
    play = _current(request, scenario_id)
    view = practice.play_round(store_of(request), me, scenario_id, play)
    return page(request, "practice_play.html", person=me, view=view)


@router.post("/practice/{scenario_id}")
def practice_reply(request: Request, me: Me, scenario_id: str,
                   reply: Annotated[str, Form()] = "",
                   action: Annotated[Literal["reply", "stop"], Form()] = "reply") -> Response:
    """One more reply (or the end of the round); a finished round is recorded and forgotten."""
    play = _current(request, scenario_id)
    replies = [*play.replies, _checked(reply, play.replies)] if reply.strip() else play.replies
    if action == "reply" and not reply.strip():
        raise InputError("Write a reply first, or end the round here.")
    play = practice.PlayIn(replies=replies, seed=play.seed, stop=action == "stop")
    view = practice.play_round(store_of(request), me, scenario_id, play)
    if view.ending is None:
        _remember(request, scenario_id, play)
    else:
        request.session.pop(ROUND_KEY, None)
    return page(request, "practice_play.html", person=me, view=view)


@router.post("/practice/{scenario_id}/restart")
def practice_restart(request: Request, me: Me, scenario_id: str) -> Response:
    get_scenario(scenario_id)
    request.session.pop(ROUND_KEY, None)
    return RedirectResponse(f"/practice/{scenario_id}", status_code=303)


def _current(request: Request, scenario_id: str) -> practice.PlayIn:
    """The round in this session if it is this scenario's, else a fresh one."""
    get_scenario(scenario_id)
    saved: Any = request.session.get(ROUND_KEY)
    if isinstance(saved, dict) and saved.get("scenario") == scenario_id:
        try:
            return practice.PlayIn(replies=saved.get("replies", []), seed=saved.get("seed"))
        except ValueError:  # a round from an older version: start over
            pass
    play = practice.PlayIn(replies=[], seed=practice.new_seed())
    _remember(request, scenario_id, play)
    return play


def _remember(request: Request, scenario_id: str, play: practice.PlayIn) -> None:
    request.session[ROUND_KEY] = {"scenario": scenario_id, "seed": play.seed,
                                  "replies": list(play.replies)}


def _checked(reply: str, replies: list[str]) -> str:
    """A reply the round can carry: short enough, and not past the last one."""
    text = reply.strip()
    if len(text) > practice.MAX_REPLY_CHARS:
        raise InputError(f"Keep each reply under {practice.MAX_REPLY_CHARS} characters: "
                         "short replies land better anyway.")
    if len(replies) >= MAX_REPLIES or len(json.dumps([*replies, text])) > ROUND_BUDGET:
        raise InputError("This round is as long as it can get. End it here to see the debrief.")
    return text
