"""Professional help content and core (M5.15): directories, regions, the handoff summary."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError
from heartline.help import professional
from heartline.help.resources import REGION_VARIABLE
from heartline.practices.answers import parse_pairs
from heartline.store import Store, people
from heartline.store.entries import entries_for

CONTENT = professional.content()
KEYS = CONTENT.section_keys
THERAPY_CLAIMS = ("this is therapy", "heartline is therapy", "as your therapist",
                  "we diagnose", "replaces therapy", "instead of therapy")


def _all_words() -> list[str]:
    return [CONTENT.intro, *CONTENT.when, CONTENT.handoff_intro,
            *(d.about for d in CONTENT.directories), *(s.prompt for s in CONTENT.sections)]


def test_at_least_three_directories_of_every_kind_all_https() -> None:
    for kind in professional.KINDS:
        assert sum(d.kind == kind for d in CONTENT.directories) >= 3, kind
    assert all(d.url.startswith("https://") and " " not in d.url for d in CONTENT.directories)
    assert len({d.url for d in CONTENT.directories}) == len(CONTENT.directories)
    assert {d.kind for d in CONTENT.directories} == set(professional.KINDS)


def test_never_claims_to_be_therapy_and_points_to_safety_first() -> None:
    text = " ".join(_all_words()).lower()
    assert not any(claim in text for claim in THERAPY_CLAIMS)
    assert "not therapy" in CONTENT.intro
    assert any("unsafe" in line for line in CONTENT.when)
    page = professional.markdown({"why_now": "x"}, author="Sam", on=date(2026, 11, 2))
    assert "it is not therapy" in page


def test_handoff_sections_are_unique_and_titled() -> None:
    assert len(KEYS) == len(set(KEYS)) >= 5
    assert all(s.title and s.prompt.endswith((".", "?")) for s in CONTENT.sections)


def test_a_region_gets_its_own_and_worldwide_directories_first(monkeypatch) -> None:
    found = professional.find("general", "gb")
    assert found.covered and found.region == "GB"
    assert {d.region for d in found.directories} == {"GB", "anywhere"}
    assert found.directories[-1].region == "anywhere"
    monkeypatch.setenv(REGION_VARIABLE, "US")
    assert {d.region for d in professional.find("community").directories} == {"US"}
    assert professional.find(None, "GB").region == "GB"       # a flag beats the variable


def test_an_unlisted_region_shows_everything_and_says_so(monkeypatch) -> None:
    monkeypatch.delenv(REGION_VARIABLE, raising=False)
    found = professional.find("low_cost", "FR")
    assert not found.covered and len(found.directories) >= 3
    everything = professional.find()
    assert everything.region is None and len(everything.directories) == len(CONTENT.directories)
    with pytest.raises(InputError, match="low_cost"):
        professional.find("cheap")


def test_answers_need_known_keys_and_one_written_section() -> None:
    assert parse_pairs(["Why-Now=  because "], KEYS) == {"why_now": "because"}
    with pytest.raises(InputError, match="KEY=TEXT"):
        parse_pairs(["feelings=sad"], KEYS)
    with pytest.raises(InputError, match="KEY=TEXT"):
        parse_pairs(["why_now"], KEYS)
    with pytest.raises(InputError, match="twice"):
        parse_pairs(["why_now=a", "why-now=b"], KEYS)
    with pytest.raises(InputError, match="nothing in the summary"):
        professional.written({"why_now": "   ", "hard": ""}, KEYS)
    assert list(professional.written({"hopes": "b", "why_now": "a"}, KEYS)) == ["why_now", "hopes"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
               max_size=60).filter(str.strip))
def test_markdown_keeps_the_persons_words_exactly(text: str) -> None:
    page = professional.markdown({"hard": text}, author="Sam", on=date(2026, 11, 2))
    assert f"## What's been hard\n\n{text.strip()}\n" in page
    assert "&amp;" not in page.replace(text, "") and "\\" not in page.replace(text, "")


def test_special_characters_are_not_escaped() -> None:
    words = "We fight about *money* & <chores>, 50% of the time_ish [really]"
    page = professional.markdown({"why_now": words, "questions": "Cost?"}, author="Sam",
                                 on=date(2026, 11, 2))
    assert words in page and "Written by Sam on 2026-11-02" in page
    assert page.index("## Why now") < page.index("## Questions I have")


def test_the_handoff_is_always_private(store: Store) -> None:
    with store.write() as session:
        sam, _ = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
        assert alex is not None
        entry = professional.record(session, sam, {"why_now": "We keep fighting"})
    with store.read() as session:
        assert entry.visibility == "private" and entry.kind == "handoff"
        assert entry.data == {"sections": {"why_now": "We keep fighting"}}
        assert entries_for(session, alex, kinds=["handoff"]) == []
