"""The scenario library: enough of it, covering who and what, and every file well formed."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from heartline.errors import InputError, NotFoundError
from heartline.listening_practice.scenarios import (
    NEEDS,
    RELATIONSHIPS,
    THEMES,
    filtered,
    get_scenario,
    load_scenarios,
    parse,
)

SCENARIOS = load_scenarios()


def test_at_least_forty_scenarios_with_unique_ids_matching_their_files() -> None:
    assert len(SCENARIOS) >= 40
    files = sorted(f.name for f in (resources.files("heartline.listening_practice")
                                    / "scenarios").iterdir() if f.name.endswith(".toml"))
    assert [f"{s.id}.toml" for s in SCENARIOS] == files


@pytest.mark.parametrize(("field", "values"), [("relationship", RELATIONSHIPS),
                                               ("theme", THEMES), ("need", NEEDS)])
def test_every_relationship_theme_and_need_is_covered(field: str, values: tuple[str, ...]) -> None:
    counts = Counter(getattr(s, field) for s in SCENARIOS)
    assert set(counts) == set(values), counts


def test_some_openings_are_understated_so_intensity_must_be_caught() -> None:
    quiet = [s for s in SCENARIOS if s.understated]
    assert len(quiet) >= 10
    assert all(s.intensity >= 0.5 for s in quiet)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_lines_vary_within_each_level(scenario) -> None:
    for level in scenario.levels.values():
        assert len(set(level.lines)) == len(level.lines) >= 2


def test_filters_and_unknown_values() -> None:
    assert all(s.relationship == "parent_teen" for s in filtered(relationship="parent_teen"))
    assert filtered(theme="grief", need="heard")
    with pytest.raises(InputError, match="choose one of"):
        filtered(theme="sadness")
    with pytest.raises(NotFoundError, match="practice list"):
        get_scenario("no-such-thing")


def test_a_broken_file_is_reported_with_its_name() -> None:
    good = dict(vars(SCENARIOS[0]))
    with pytest.raises(InputError, match=r"broken\.toml"):
        parse({"id": good["id"], "colour": "blue"}, source="broken.toml")
    with pytest.raises(InputError, match="level"):
        parse({k: v for k, v in {
            "id": "x", "title": "x", "relationship": "couple", "theme": "grief", "sharer": "A",
            "setting": "s", "emotion": "grief", "intensity": 0.5, "understated": False,
            "need": "heard", "opening": "o", "start": 2}.items()}, source="x.toml")


def test_titles_are_unique_and_no_two_openings_are_near_copies() -> None:
    import difflib
    import itertools

    assert len({s.title for s in SCENARIOS}) == len(SCENARIOS)
    for a, b in itertools.combinations(SCENARIOS, 2):
        ratio = difflib.SequenceMatcher(None, a.opening.lower(), b.opening.lower()).ratio()
        assert ratio < 0.75, (a.id, b.id)
