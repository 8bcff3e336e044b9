"""Every route, HTML and JSON, walked by a partner and an outsider (issue 4, section 4).

The routes are read from the app itself, so a page added later is covered
without anyone remembering to list it. Sam keeps a private and a draft entry
of every kind in the couple, plus one shared share. Then:

- Alex (the partner) requests every GET route: Sam's private words never appear.
- Alex sends every write route aimed at Sam's private entries: none changes.
- Jo (in no relationship with them) sends every route, aimed at the couple and
  at Sam's entries: Jo never sees the couple's words, never writes into the
  couple, never joins it, and changes nothing of theirs.
- Nobody gets a server error.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import TypeAdapter
from sqlalchemy import select
from web_people import Person

from heartline.listening_practice.scenarios import load_scenarios
from heartline.practices import pulse
from heartline.store import people
from heartline.store.entries import add_entry
from heartline.store.schema import EntryRow, MembershipRow
from heartline.store.values import ENTRY_KINDS

SECRET = "the-secret-word-ossifrage"
SHARED = "the-couples-word-gazebo"
PUBLIC = {"/", "/login", "/signup", "/logout", "/join/{code}"}
SIGNS_OUT = {("POST", "/logout"), ("POST", "/settings/delete"), ("DELETE", "/api/account")}
LEAVES = {("POST", "/together/{relationship_id}/leave"),
          ("POST", "/api/relationships/{relationship_id}/leave")}
# Writes that only read a draft back (the live nudges) and store nothing.
STORES_NOTHING = {"/checkin/deeper", "/api/checkins/deeper", "/appreciate/check",
                  "/api/appreciations/check"}
SEED = 4
FEWEST_ROUTES = 90        # a guard: if the walk finds fewer, the route reading broke
# Values that pass each form's own checks, so a request reaches the question of
# whose relationship it is (an answer of 400 for a bad value would prove nothing).
FIELD_VALUES: dict[str, Any] = {
    "kind": "couple", "deck": "daily", "when": "20m", "back_in": "20m", "back_at": None,
    "seconds": 60,
    "planned_seconds": 60, "conflict": False, "step": "tell", "note": "hello there",
    "worst": "hello there", "my_part": "hello there",
    "answers": {"worst": "hello there"}, "parts": {"my_part": "hello there"},
}
PATH_VALUES: dict[str, dict[str, Any]] = {
    "/api/pulse": {"answers": {key: 4 for key in pulse.content().keys}},
    "/pulse": {key: 4 for key in pulse.content().keys},
    "/api/weekly": {"answers": {"tell": "hello there"}},
}


def walk(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, str, APIRoute]]:
    """(method, path, route) for every route, also inside routers FastAPI includes lazily."""
    for item in routes:
        if isinstance(item, APIRoute):
            for method in sorted(item.methods - {"HEAD"}):
                yield method, prefix + item.path, item
        context = getattr(item, "include_context", None)
        if context is not None:
            yield from walk(context.included_router.routes, prefix + context.prefix)


class Targets:
    """The ids each request aims at: the couple, Sam's hidden entries, a real scenario."""

    def __init__(self, couple: str, hidden: list[str], shared: str):
        self.couple, self.hidden, self.shared = couple, hidden, shared
        self.scenario = load_scenarios()[0].id

    def paths(self, path: str, entry_ids: list[str]) -> list[str]:
        if "{" not in path:
            return [path]
        names = set(re.findall(r"{(\w+)}", path))
        if "scenario_id" in names:
            return [path.replace("{scenario_id}", self.scenario)]
        if "relationship_id" in names:
            return [path.replace("{relationship_id}", self.couple)]
        (name,) = names
        return [path.replace(f"{{{name}}}", entry_id) for entry_id in entry_ids]

    def value(self, name: str, schema: dict[str, Any]) -> Any:
        """A plausible value for one field, aimed at the couple where it names a place."""
        if name == "relationship_id":
            return self.couple
        if name.endswith("_id"):
            return self.hidden[0]
        if name == "visibility":
            return "shared"
        return FIELD_VALUES[name] if name in FIELD_VALUES else _plain(schema)

    def body(self, path: str, route: APIRoute) -> dict[str, Any]:
        """Every field of the route's body (form or JSON), filled in."""
        fields: dict[str, Any] = dict(PATH_VALUES.get(path, {}))
        for param in route.dependant.body_params:
            model = getattr(param.field_info.annotation, "model_json_schema", None)
            if model is None:
                plain = TypeAdapter(param.field_info.annotation).json_schema()
                fields.setdefault(param.name, self.value(param.name, _resolved(plain, plain)))
                continue
            schema = model()
            for name, spec in schema.get("properties", {}).items():
                fields.setdefault(name, self.value(name, _resolved(spec, schema)))
        return fields

    def names_the_couple(self, url: str, body: dict[str, Any]) -> bool:
        return body.get("relationship_id") == self.couple or any(
            entry_id in url for entry_id in (self.couple, self.shared, *self.hidden))


def _resolved(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    for option in spec.get("anyOf", []):
        if option.get("type") != "null":
            spec = option
    ref = spec.get("$ref")
    return schema.get("$defs", {})[ref.rsplit("/", 1)[-1]] if ref else spec


def _plain(spec: dict[str, Any]) -> Any:
    if "enum" in spec:
        return spec["enum"][0]
    if "const" in spec:
        return spec["const"]
    kind = spec.get("type")
    if kind in ("integer", "number"):
        return max(1, spec.get("minimum", 1))
    return {"boolean": True, "object": {}, "array": []}.get(kind, "hello there")


def send(who: Person, method: str, path: str, body: dict[str, Any]) -> Any:
    token = who.client.get("/api/session").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    if method == "GET":
        return who.client.get(path, params={"relationship_id": body.get("relationship_id")}
                              if "relationship_id" in body else None)
    if path.startswith("/api"):
        return who.client.request(method, path, json=body, headers=headers)
    form = {k: _form(v) for k, v in body.items() if v is not None}
    return who.client.request(method, path, data=form, headers=headers)


def _form(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@pytest.fixture
def scene(app: FastAPI, pair: tuple[Person, Person, str]):
    """Sam's hidden entries of every kind, one shared share, and Jo from outside."""
    sam, alex, couple = pair
    shared = sam.api("/shares", {"text": f"Lovely day: {SHARED}", "visibility": "shared",
                                 "relationship_id": couple}).json()["entry"]["id"]
    store = app.state.store
    with store.write() as session:
        me = people.get_person(session, sam.client.get("/api/session").json()["person_id"])
        hidden = [add_entry(session, me, kind, visibility=seen, relationship_id=couple,
                            text=f"{kind} {SECRET}", data={"note": SECRET}).id
                  for kind in ENTRY_KINDS for seen in ("private", "draft")]
    jo = Person(app, "Jo").sign_up()
    return sam, alex, jo, Targets(couple, hidden, shared)


def _snapshot(app: FastAPI, author_ids: set[str]) -> list[tuple[Any, ...]]:
    with app.state.store.read() as session:
        rows = session.scalars(select(EntryRow).where(EntryRow.author_id.in_(author_ids))
                               .order_by(EntryRow.id)).all()
        return [(r.id, r.text, r.visibility, r.data, r.relationship_id, r.updated_at)
                for r in rows]


def _routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    found = [r for r in walk(app.routes) if r[1] not in PUBLIC]
    assert len(found) >= FEWEST_ROUTES, f"only {len(found)} routes found"
    return found


def test_the_partner_never_reads_a_private_or_draft_entry_anywhere(app: FastAPI, scene) -> None:
    _, alex, _, aim = scene
    for method, path, route in _routes(app):
        if method != "GET":
            continue
        for url in aim.paths(path, aim.hidden[:4]):
            response = send(alex, method, url, aim.body(path, route))
            assert response.status_code < 500, (url, response.text[:300])
            assert SECRET not in response.text, url


def test_the_partner_cannot_change_a_private_entry_through_any_route(app: FastAPI,
                                                                     scene) -> None:
    sam, alex, _, aim = scene
    sam_id = sam.client.get("/api/session").json()["person_id"]
    before = _snapshot(app, {sam_id})
    for method, path, route in _routes(app):
        if method == "GET" or (method, path) in SIGNS_OUT | LEAVES:
            continue
        for url in aim.paths(path, aim.hidden[:4]):
            response = send(alex, method, url, aim.body(path, route))
            assert response.status_code < 500, (url, response.text[:300])
            assert SECRET not in response.text, url
    assert _snapshot(app, {sam_id}) == before
    assert alex.client.get("/api/session").status_code == 200


def test_an_outsider_never_reads_or_writes_the_couples_data(app: FastAPI, scene) -> None:
    sam, alex, jo, aim = scene
    ids = {who.client.get("/api/session").json()["person_id"] for who in (sam, alex)}
    before = _snapshot(app, ids)
    for method, path, route in _routes(app):
        if (method, path) in SIGNS_OUT:
            continue
        for url in aim.paths(path, [aim.shared, *aim.hidden[:3]]):
            body = aim.body(path, route)
            response = send(jo, method, url, body)
            assert SECRET not in response.text and SHARED not in response.text, url
            if method != "GET" and path not in STORES_NOTHING and aim.names_the_couple(url, body):
                assert response.status_code == 404, (method, url, response.text[:300])
            assert response.status_code < 500, (url, response.text[:300])
    assert _snapshot(app, ids) == before
    jo_id = jo.client.get("/api/session").json()["person_id"]
    with app.state.store.read() as session:
        written = session.scalars(select(EntryRow.relationship_id)
                                  .where(EntryRow.author_id == jo_id)).all()
        joined = session.scalars(select(MembershipRow.relationship_id)
                                 .where(MembershipRow.person_id == jo_id)).all()
    assert aim.couple not in written and aim.couple not in joined
    assert jo.client.get("/api/session").status_code == 200
    assert sorted(m["name"] for r in alex.client.get("/api/relationships").json()
                  for m in r["members"]) == ["Alex", "Sam"]


def test_signed_out_every_route_asks_for_sign_in(app: FastAPI, scene) -> None:
    _, _, _, aim = scene
    stranger = Person(app, "Nobody")
    for method, path, route in _routes(app):
        for url in aim.paths(path, aim.hidden[:1]):
            body = aim.body(path, route)
            response = (stranger.client.get(url, follow_redirects=False) if method == "GET"
                        else stranger.client.request(method, url, json=body))
            assert response.status_code in (303, 401, 403), (method, url, response.status_code)
            assert SECRET not in response.text and SHARED not in response.text


class _Dice(random.Random):
    """``random.Random()`` that always starts from the same seed, for two comparable sweeps."""

    def __init__(self, seed: Any = None) -> None:
        super().__init__(SEED if seed is None else seed)


def _everything_fetchable(app: FastAPI, who: Person, aim: Targets) -> dict[str, str]:
    random.seed(SEED)
    return {url: send(who, "GET", url, aim.body(path, route)).text
            for method, path, route in _routes(app) if method == "GET" and
            not path.endswith(".zip")  # its JSON is /api/export; the zip stamps the time
            for url in aim.paths(path, aim.hidden[:1])}


def test_signs_of_abuse_change_nothing_the_partner_can_fetch(
        app: FastAPI, scene, monkeypatch: pytest.MonkeyPatch) -> None:
    sam, alex, _, aim = scene
    monkeypatch.setattr(random, "Random", _Dice)
    before = _everything_fetchable(app, alex, aim)
    assert _everything_fetchable(app, alex, aim) == before
    told = sam.api("/shares", {"text": "I am terrified of him, he hits me when he drinks.",
                               "visibility": "shared", "relationship_id": aim.couple}).json()
    assert told["kept_private"] and told["help"]
    after = _everything_fetchable(app, alex, aim)
    assert [url for url in before if before[url] != after[url]] == []
