"""The scenario library: who shares what, what they need, and what they say at each level.

Each scenario is one TOML file in ``scenarios/`` (package data), written by
us. A sharer's openness runs from 0 (shut down) to 5 (feels understood); for
every level in between the file holds several lines, so replays differ, and
a model reply for that moment, which the debrief shows. Files are checked
strictly on load: a typo in a key or a missing level is our bug, and it is
reported with the file's name rather than surfacing mid-conversation.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from heartline.analysis.emotions import EMOTIONS
from heartline.errors import InputError, NotFoundError

RELATIONSHIPS = ("couple", "friends", "siblings", "parent_teen", "adult_child_parent")
THEMES = ("good_news", "bad_news", "grief", "work_stress", "health_fear", "money_worry",
          "hurt_by_listener", "loneliness", "pride", "embarrassment")
NEEDS = ("heard", "celebrated", "vent", "advice_after_understanding")
SHUT_DOWN, UNDERSTOOD = 0, 5
TALKING_LEVELS = (1, 2, 3, 4)
MIN_VARIANTS = 2
_KEYS = frozenset({"id", "title", "relationship", "theme", "sharer", "setting", "emotion",
                   "intensity", "understated", "need", "opening", "start", "level", "advice"})


@dataclass(frozen=True)
class Level:
    lines: tuple[str, ...]
    model: str | None


@dataclass(frozen=True)
class Advice:
    ask: tuple[str, ...]
    welcome: tuple[str, ...]
    model: str


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    relationship: str
    theme: str
    sharer: str
    setting: str
    emotion: str
    intensity: float
    understated: bool
    need: str
    opening: str
    start: int
    levels: Mapping[int, Level]
    advice: Advice | None

    def lines_at(self, level: int) -> tuple[str, ...]:
        return self.levels[level].lines

    def model_at(self, level: int) -> str | None:
        return self.levels[level].model


@cache
def load_scenarios() -> tuple[Scenario, ...]:
    """Every bundled scenario, sorted by id; read and checked once per process."""
    folder = resources.files("heartline.listening_practice") / "scenarios"
    found = []
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if item.name.endswith(".toml"):
            try:
                data = tomllib.loads(item.read_text("utf-8"))
            except tomllib.TOMLDecodeError as err:
                raise InputError(f"not valid TOML: {err}", source=item.name) from err
            found.append(parse(data, source=item.name))
    return tuple(found)


def get_scenario(scenario_id: str) -> Scenario:
    for scenario in load_scenarios():
        if scenario.id == scenario_id:
            return scenario
    raise NotFoundError(f"No scenario called {scenario_id!r}. See them all with: "
                        "heartline practice list")


def parse(data: Mapping[str, Any], *, source: str) -> Scenario:
    unknown = set(data) - _KEYS
    if unknown:
        raise InputError(f"unknown keys {sorted(unknown)}", source=source)
    scenario = Scenario(
        id=_text(data, "id", source), title=_text(data, "title", source),
        relationship=_choice(data, "relationship", RELATIONSHIPS, source),
        theme=_choice(data, "theme", THEMES, source), sharer=_text(data, "sharer", source),
        setting=_text(data, "setting", source),
        emotion=_choice(data, "emotion", tuple(EMOTIONS), source),
        intensity=_number(data, "intensity", source),
        understated=_flag(data, "understated", source),
        need=_choice(data, "need", NEEDS, source), opening=_text(data, "opening", source),
        start=_start(data, source), levels=_levels(data.get("level"), source),
        advice=_advice(data.get("advice"), source))
    if (scenario.advice is None) == (scenario.need == "advice_after_understanding"):
        raise InputError("an [advice] table goes with need = advice_after_understanding, "
                         "and only with it", source=source)
    return scenario


def _levels(raw: object, source: str) -> dict[int, Level]:
    if not isinstance(raw, Mapping):
        raise InputError("missing the [level.N] tables", source=source)
    levels = {}
    for level in (SHUT_DOWN, *TALKING_LEVELS, UNDERSTOOD):
        table = raw.get(str(level))
        if not isinstance(table, Mapping):
            raise InputError(f"missing [level.{level}]", source=source)
        model = table.get("model")
        talking = level in TALKING_LEVELS
        if talking != isinstance(model, str) or (talking and not model.strip()):
            raise InputError(f"[level.{level}] needs a model reply exactly when the sharer is "
                             "still talking (levels 1-4)", source=source)
        levels[level] = Level(_lines(table.get("lines"), f"level.{level}", source), model)
    return levels


def _advice(raw: object, source: str) -> Advice | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise InputError("[advice] must be a table", source=source)
    return Advice(_lines(raw.get("ask"), "advice.ask", source),
                  _lines(raw.get("welcome"), "advice.welcome", source),
                  _text(raw, "model", source))


def _lines(raw: object, where: str, source: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) < MIN_VARIANTS or \
            not all(isinstance(x, str) and x.strip() for x in raw):
        raise InputError(f"{where}.lines needs at least {MIN_VARIANTS} non-empty lines",
                         source=source)
    return tuple(raw)


def _text(data: Mapping[str, Any], key: str, source: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{key!r} must be non-empty text", source=source)
    return value.strip()


def _choice(data: Mapping[str, Any], key: str, allowed: tuple[str, ...], source: str) -> str:
    value = _text(data, key, source)
    if value not in allowed:
        raise InputError(f"{key} {value!r} is not one of {', '.join(allowed)}", source=source)
    return value


def _number(data: Mapping[str, Any], key: str, source: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise InputError(f"{key} must be a number above 0 and at most 1", source=source)
    return float(value)


def _flag(data: Mapping[str, Any], key: str, source: str) -> bool:
    value = data.get(key)
    if not isinstance(value, bool):
        raise InputError(f"{key} must be true or false", source=source)
    return value


def _start(data: Mapping[str, Any], source: str) -> int:
    value = data.get("start")
    if type(value) is not int or value not in TALKING_LEVELS:
        raise InputError("start must be a talking level, 1 to 4", source=source)
    return value


def filtered(*, relationship: str | None = None, theme: str | None = None,
             need: str | None = None) -> list[Scenario]:
    """Scenarios matching every filter given; an unknown value names the choices."""
    for value, allowed, name in ((relationship, RELATIONSHIPS, "relationship"),
                                 (theme, THEMES, "theme"), (need, NEEDS, "need")):
        if value is not None and value not in allowed:
            raise InputError(f"Unknown {name} {value!r}: choose one of {', '.join(allowed)}.")
    return [s for s in load_scenarios()
            if relationship in (None, s.relationship) and theme in (None, s.theme)
            and need in (None, s.need)]
