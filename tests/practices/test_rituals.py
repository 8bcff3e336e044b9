"""The rituals' core (M5.6–M5.8, M5.11, M5.13): pacing, content, parsers and what is stored.

Unplugged time's weekly tally has its own file, test_unplug_week.py.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError, NotFoundError
from heartline.practices import hug, humor, independence, new_things, photo_stories
from heartline.practices.new_things import Budget, Company, Energy, Filters, Setting
from heartline.store import Store, people
from heartline.store.entries import entries_for

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
MIN_IDEAS = 60
MIN_PROMPTS = 30


# --- The hug's pacing ---------------------------------------------------------

@given(st.integers(min_value=1, max_value=hug.MAX_SECONDS))
def test_a_hug_alternates_in_and_out_at_the_scripts_pace(total: int) -> None:
    script = hug.script()
    steps = list(hug.schedule(total, script, rng=random.Random(1)))
    assert steps[0] == (0, "in", steps[0].cue)
    assert all(s.at < total for s in steps)
    assert [s.phase for s in steps] == ["in", "out"] * (len(steps) // 2) + ["in"] * (len(steps) % 2)
    for before, after in itertools.pairwise(steps):
        gap = script.breath_in if before.phase == "in" else script.breath_out
        assert after.at - before.at == gap


def test_cues_rotate_every_few_breaths_and_a_short_hug_is_one_breath() -> None:
    steps = list(hug.schedule(300, rng=random.Random(7)))
    breaths = [s.cue for s in steps if s.phase == "in"]
    assert len(breaths) == 30 and breaths[0] == breaths[1] != breaths[2]
    assert len(set(breaths)) == 30 // hug.BREATHS_PER_CUE
    assert [s.phase for s in hug.schedule(1)] == ["in"]


@given(st.integers(min_value=-100, max_value=100), st.none() | st.integers(-5000, 5000))
def test_hug_length_takes_minutes_or_seconds_in_range(minutes: int, seconds: int | None) -> None:
    fits = (1 <= seconds <= hug.MAX_SECONDS) if seconds is not None else \
        1 <= minutes <= hug.MAX_MINUTES
    if fits:
        assert hug.length(minutes, seconds) == (seconds if seconds is not None else minutes * 60)
    else:
        with pytest.raises(InputError):
            hug.length(minutes, seconds)


def test_a_hug_cut_short_is_logged_as_it_happened(store: Store) -> None:
    with store.write() as session:
        sam, couple = people.set_up(session, "Sam", partner="Alex")
        short = hug.record(session, sam, planned_seconds=300, seconds=75,
                           relationship_id=couple.id if couple else None, visibility="shared")
    assert dict(short.data) == {"planned_seconds": 300, "seconds": 75, "completed": False}
    assert hug.spoken(75) == "1 minute 15 seconds" and hug.spoken(300) == "5 minutes"


def test_hug_content_is_complete() -> None:
    script = hug.script()
    assert 0 < script.breath_in < script.breath_out
    assert len(set(script.cues)) == len(script.cues) >= 12 and script.closing and script.intro


# --- New things together -------------------------------------------------------

RAW_IDEAS = new_things.load("new_things")["idea"]


def test_ideas_are_many_valid_and_distinct() -> None:
    ideas = new_things.ideas()
    assert len(ideas) >= MIN_IDEAS
    assert len({i.title.casefold() for i in ideas}) == len(ideas)
    for raw in RAW_IDEAS:
        assert raw["budget"] in set(Budget) and raw["energy"] in set(Energy)
        assert raw["setting"] in set(Setting) and raw["suits"]
        assert set(raw["suits"]) <= set(Company) and raw["detail"].strip()
    for company in Company:
        assert len([i for i in ideas if company in i.suits]) >= 10


def test_filters_treat_budget_as_a_ceiling_and_either_as_any_setting() -> None:
    cheap = [i for i in new_things.ideas() if Filters(budget=Budget.low).allow(i)]
    assert cheap and {i.budget for i in cheap} == {Budget.free, Budget.low}
    indoor = [i for i in new_things.ideas() if Filters(setting=Setting.indoor).allow(i)]
    assert {i.setting for i in indoor} == {Setting.indoor, Setting.either}
    assert all(Filters(setting=Setting.either).allow(i) for i in new_things.ideas())
    kids = Filters(company=new_things.company_of("parent_child"))
    assert all(Company.parent_child in i.suits for i in new_things.ideas() if kids.allow(i))
    assert new_things.company_of(None) is None


def test_ideas_already_tried_come_last() -> None:
    filters = Filters(budget=Budget.free, energy=Energy.high)
    fitting = [i for i in new_things.ideas() if filters.allow(i)]
    tried = {i.title.casefold() for i in fitting[1:]}
    for seed in range(5):
        first = new_things.suggest(filters, tried=tried, rng=random.Random(seed))[0]
        assert first == fitting[0]


@given(st.integers(min_value=-5, max_value=200), st.sampled_from(["", "#", " # "]))
def test_done_by_number(number: int, prefix: str) -> None:
    count = len(new_things.ideas())
    if 1 <= number <= count:
        assert new_things.find_idea(f"{prefix}{number}").number == number  # type: ignore[union-attr]
    elif number >= 0:
        with pytest.raises(InputError, match="no idea number"):
            new_things.find_idea(f"{prefix}{number}")


@given(st.sampled_from(RAW_IDEAS), st.sampled_from([str.upper, str.lower, str.title]),
       st.sampled_from(["", " ", "\t"]))
def test_done_by_title_in_any_case(raw: dict, case, pad: str) -> None:
    found = new_things.find_idea(pad + case(raw["title"]) + pad)
    assert found is not None and found.title == raw["title"]


def test_an_unlisted_title_is_your_own_and_an_ambiguous_one_asks_for_a_number() -> None:
    assert new_things.find_idea("Went to the zoo at night") is None
    with pytest.raises(InputError, match="more than one"):
        new_things.find_idea("a")
    with pytest.raises(InputError):
        new_things.find_idea("  ")


# --- Photo stories ------------------------------------------------------------

def test_photo_checks_come_before_anything_is_written(tmp_path: Path) -> None:
    good = tmp_path / "beach.png"
    good.write_bytes(PNG)
    (tmp_path / "notes.jpg").write_text("not a picture")
    (tmp_path / "notes.txt").write_text("not a picture")
    assert photo_stories.check_photos([good, good]) == [good.resolve()]
    for bad in ("missing.png", "notes.jpg", "notes.txt"):
        with pytest.raises(InputError):
            photo_stories.check_photos([good, tmp_path / bad])
    with pytest.raises(InputError):
        photo_stories.check_photos([])


@given(st.integers(min_value=1000, max_value=3000))
def test_photo_years(year: int) -> None:
    if photo_stories.EARLIEST_YEAR <= year <= 2025:
        assert photo_stories.check_year(year) == year
    elif year > 2100 or year < photo_stories.EARLIEST_YEAR:
        with pytest.raises(InputError):
            photo_stories.check_year(year)


def test_a_story_keeps_its_photos_and_flags_a_damaged_file(store: Store, tmp_path: Path) -> None:
    photo = tmp_path / "beach.png"
    photo.write_bytes(PNG)
    with store.write() as session:
        sam, couple = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
        entry = photo_stories.record(session, store.photos, sam, paths=[photo],
                                     prompt="Who took this?", story="Dad, on the pier.",
                                     year=1994, relationship_id=couple.id if couple else None,
                                     visibility="private")
    assert set(entry.data) == {"prompt", "story", "year", "photos"}
    (store.photos / f"{entry.data['photos'][0]}.png").write_bytes(PNG + b"changed")
    with store.read() as session:
        story = photo_stories.find_story(session, store.photos, sam, entry.id[:8])
        assert story.damaged == {story.photos[0].id}
        assert alex is not None and photo_stories.stories(session, store.photos, alex) == []
        with pytest.raises(NotFoundError):
            photo_stories.find_story(session, store.photos, alex, entry.id[:8])


def test_a_story_without_words_stores_nothing(store: Store, tmp_path: Path) -> None:
    photo = tmp_path / "beach.png"
    photo.write_bytes(PNG)
    with pytest.raises(InputError), store.write() as session:
        sam, _ = people.set_up(session, "Sam")
        photo_stories.record(session, store.photos, sam, paths=[photo], prompt="?", story=" ",
                             year=None, relationship_id=None, visibility="private")
    with store.read() as session:
        assert people.all_people(session) == []
    assert not store.photos.exists() or list(store.photos.iterdir()) == []


# --- Humor and independence -----------------------------------------------------

def test_humor_and_photo_prompts_are_many_and_distinct() -> None:
    for prompts in (humor.prompts(), tuple(photo_stories.load("photos")["prompts"])):
        assert len(prompts) >= MIN_PROMPTS and len(set(prompts)) == len(prompts)
    with pytest.raises(InputError):
        humor.check_moment("   ")


KEYS = [q.key for q in independence.questions()]


def test_independence_questions_have_unique_keys() -> None:
    assert len(KEYS) == len(set(KEYS)) >= 5
    assert all(k.isidentifier() for k in KEYS)


def test_answers_keep_question_order_and_refuse_repeats(store: Store) -> None:
    given_answers = independence.parse_answers(["want_more=Sister time", "me_time=A run",
                                                "recharge=  "])
    assert list(given_answers) == ["me_time", "want_more"]
    with pytest.raises(InputError, match="twice"):
        independence.parse_answers(["me_time=a", "me_time=b"])
    with store.write() as session:
        sam, _ = people.set_up(session, "Sam", partner="Alex")
        entry = independence.record(session, sam, answers=given_answers, relationship_id=None)
        alex = people.find_person(session, "Alex")
        assert alex is not None and entries_for(session, alex, kinds=["independence"]) == []
    assert entry.visibility == "private" and dict(entry.data) == {"answers": given_answers}
