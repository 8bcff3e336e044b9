"""``KEY=TEXT`` answers as scripts give them: one parser for every practice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError
from heartline.practices.answers import MAX_ANSWER, parse_pairs

KEYS = ("worst", "heard", "next_time")


@given(st.sampled_from(["worst", "Heard", "next-time", " next_time "]), st.text(max_size=60))
def test_text_is_everything_after_the_first_equals(key: str, text: str) -> None:
    expected = key.strip().lower().replace("-", "_")
    assert parse_pairs([f"{key}={text}"], KEYS) == {expected: text.strip()}


@given(st.text(max_size=30))
def test_any_pair_parses_or_names_the_keys(pair: str) -> None:
    try:
        assert set(parse_pairs([pair], KEYS)) <= set(KEYS)
    except InputError as err:
        assert "worst, heard, next_time" in str(err)


def test_the_same_key_twice_and_overlong_text_are_refused() -> None:
    with pytest.raises(InputError, match="twice"):
        parse_pairs(["worst=a", "WORST=b"], KEYS)
    with pytest.raises(InputError, match="under"):
        parse_pairs(["worst=" + "x" * (MAX_ANSWER + 1)], KEYS)


def test_errors_name_the_flag_and_the_kind_of_value() -> None:
    with pytest.raises(InputError, match="--score takes KEY=N"):
        parse_pairs(["nope=5"], KEYS, flag="--score", value="N")
