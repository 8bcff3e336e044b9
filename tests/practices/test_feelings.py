"""The feelings wheel, the GoEmotions bridge, and the I-feel builder (M3)."""

from __future__ import annotations

import re

import pytest

from heartline.analysis.emotions import EMOTIONS
from heartline.errors import NotFoundError
from heartline.practices import feelings
from heartline.practices.content import load

SINGLE_WORD = re.compile(r"[a-z]+(-[a-z]+)?")
MAX_MEANING = 100
MAX_PROMPT = 110


# --- Content invariants ----------------------------------------------------------------------


def _all_words_in_file() -> list[str]:
    found = []
    for core in load("feelings")["core"]:
        found.append(core["word"])
        for branch in core["branch"]:
            found.append(branch["word"])
            found += [n["word"] for n in branch["nuanced"]]
    return [w.casefold() for w in found]


def test_the_wheel_has_at_least_120_distinct_words_and_none_twice() -> None:
    in_file = _all_words_in_file()
    assert len(in_file) == len(set(in_file)) >= 120
    assert set(feelings.words()) == set(in_file)


def test_the_wheel_has_the_documented_shape() -> None:
    wheel = feelings.wheel()
    assert len(wheel.cores) == 8
    for core in wheel.cores:
        assert 3 <= len(core.branches) <= 5, core.word
        assert all(3 <= len(b.nuanced) <= 5 for b in core.branches), core.word


def test_every_word_is_one_plain_word_with_a_short_meaning() -> None:
    for placement in feelings.wheel().placements().values():
        assert SINGLE_WORD.fullmatch(placement.word), placement.word
        assert 0 < len(placement.meaning) <= MAX_MEANING, placement.word


def test_every_goemotions_label_maps_to_a_wheel_word() -> None:
    bridge = feelings.wheel().goemotions
    assert set(bridge) == set(EMOTIONS)
    for label in EMOTIONS:
        assert feelings.word_for_emotion(label).word == bridge[label]


def test_notice_prompts_are_short_open_and_distinct() -> None:
    prompts = feelings.notice_prompts()
    assert len(prompts) >= 20 and len(set(prompts)) == len(prompts)
    yes_no = ("are you", "do you", "is it", "did you", "have you")
    for prompt in prompts:
        assert len(prompt) <= MAX_PROMPT, prompt
        assert not prompt.casefold().startswith(yes_no), prompt


def test_builder_examples_use_wheel_words_and_pass_the_judgment_check() -> None:
    examples = feelings.builder_examples()
    assert len(examples) >= 10 and feelings.builder_tips()
    for example in examples:
        feelings.lookup(example.feeling)
        assert feelings.judgment_note(example.feeling) is None, example.feeling
        assert example.sentence.startswith(f"I feel {example.feeling} when ")


def test_judgment_words_are_off_the_wheel_and_point_back_to_it() -> None:
    words = feelings.judgment_words()
    assert len(words) >= 15
    on_wheel = set(feelings.words())
    for word, underneath in words.items():
        assert word not in on_wheel, word
        assert len(underneath) == 2 and set(underneath) <= on_wheel, word


# --- Lookup ----------------------------------------------------------------------------------


def test_lookup_gives_the_path_from_the_centre() -> None:
    assert feelings.lookup("Isolated").path == ("sad", "lonely", "isolated")
    assert feelings.lookup("lonely").path == ("sad", "lonely")
    core = feelings.lookup(" sad ")
    assert core.path == ("sad",) and core.branch is None and core.core == "sad"
    assert feelings.core_of("isolated").word == "sad"


def test_an_unknown_word_suggests_close_ones() -> None:
    with pytest.raises(NotFoundError, match="Did you mean lonely"):
        feelings.lookup("lonley")
    with pytest.raises(NotFoundError, match="heartline feelings wheel"):
        feelings.lookup("zzzzzz")
    with pytest.raises(NotFoundError):
        feelings.word_for_emotion("boredom")


# --- I feel … when … because … ---------------------------------------------------------------


@pytest.mark.parametrize("feeling", [
    "ignored by you", "that you don't care", "like you never listen", "you don't care",
    "manipulated", "taken for granted", "let down by them", "as if I don't matter"])
def test_judgments_get_a_gentle_note(feeling: str) -> None:
    note = feelings.judgment_note(feeling)
    assert note is not None and "should" not in note.casefold()


@pytest.mark.parametrize("feeling", ["lonely", "proud of you", "hurt and tired", "ignored"])
def test_feelings_pass(feeling: str) -> None:
    assert feelings.judgment_note(feeling) is None


def test_a_blame_phrase_with_a_wheel_word_offers_the_plain_version() -> None:
    assert 'Simply "I feel ignored"' in (feelings.judgment_note("ignored by you") or "")
    assert "unseen or overlooked" in (feelings.judgment_note("taken for granted") or "")


def test_statement_drops_repeated_lead_ins_and_end_punctuation() -> None:
    said = feelings.statement("I feel lonely", "when we eat apart.", "Because I miss you!")
    assert said.sentence == "I feel lonely when we eat apart because I miss you."
    assert feelings.statement("grateful").sentence == "I feel grateful."


def test_statement_needs_a_short_feeling() -> None:
    with pytest.raises(Exception, match="Start with a feeling"):
        feelings.statement("  ")
    with pytest.raises(Exception, match="Keep the feeling short"):
        feelings.statement("x" * (feelings.MAX_FEELING + 1))
