"""The closeness pulse core (M6): content, parsing, scoring, trend, sparkline and chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError
from heartline.practices import pulse
from heartline.practices.charts import SPARKS, Series, line_chart, sparkline
from heartline.store import Store, people

SVG = "{http://www.w3.org/2000/svg}"
CONTENT = pulse.content()
KEYS = CONTENT.keys
scores = st.integers(min_value=pulse.SCALE_MIN, max_value=pulse.SCALE_MAX)
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


# --- Content ---------------------------------------------------------------------------------


def test_ten_items_two_per_dimension_with_unique_keys() -> None:
    assert len(CONTENT.items) == 10 and len(set(KEYS)) == 10
    for dimension in pulse.DIMENSIONS:
        assert sum(i.dimension == dimension for i in CONTENT.items) == 2
    assert len({i.text for i in CONTENT.items}) == 10


def test_the_disclaimer_says_it_is_not_a_clinical_scale_and_nothing_alarms() -> None:
    assert "isn't a validated clinical scale" in CONTENT.disclaimer
    assert "diagnosis" in CONTENT.disclaimer
    assert len(CONTENT.signs.missing) >= 8 and len(CONTENT.signs.present) >= 4
    note = CONTENT.signs.low_note.lower()
    assert "therapist" in note and "!" not in note
    assert not any(word in note for word in ("warning", "danger", "alarm", "failing"))


# --- Parsing and scoring -------------------------------------------------------------------


@given(scores)
def test_every_score_in_range_is_read(value: int) -> None:
    assert pulse.parse_score(f" {value} ") == value


@given(st.integers().filter(lambda n: not 1 <= n <= 7))
def test_scores_out_of_range_are_refused(value: int) -> None:
    with pytest.raises(InputError, match="1 to 7"):
        pulse.parse_score(str(value))


@given(st.text(max_size=12))
def test_any_text_is_a_score_or_a_clear_error(text: str) -> None:
    try:
        assert 1 <= pulse.parse_score(text) <= 7
    except InputError as err:
        assert "whole number" in str(err)


@given(st.lists(scores, min_size=10, max_size=10))
def test_a_list_of_ten_maps_to_the_items_in_order(values: list[int]) -> None:
    listed = ",".join(map(str, values))
    assert pulse.parse_list(listed, KEYS) == dict(zip(KEYS, values, strict=True))
    assert pulse.scripted([], listed, KEYS) == dict(zip(KEYS, values, strict=True))


@given(st.lists(scores, max_size=20).filter(lambda v: len(v) != 10))
def test_a_list_of_the_wrong_length_is_explained(values: list[int]) -> None:
    with pytest.raises(InputError, match="needs 10 numbers"):
        pulse.parse_list(",".join(map(str, values)), KEYS)


def test_pairs_need_known_keys_and_all_ten() -> None:
    with pytest.raises(InputError, match="KEY=N"):
        pulse.parse_pairs(["closeness=5"], KEYS)
    with pytest.raises(InputError, match="KEY=N"):
        pulse.parse_pairs(["trust_1 5"], KEYS)
    with pytest.raises(InputError, match="still missing: disclosure_2"):
        pulse.scripted(["disclosure_1=5"], None, KEYS)
    with pytest.raises(InputError, match="not both"):
        pulse.scripted(["disclosure_1=5"], "5,5,5,5,5,5,5,5,5,5", KEYS)
    assert pulse.scripted([], None, KEYS) is None
    assert pulse.scripted([f"{k.upper()}=4" for k in KEYS], None, KEYS) == dict.fromkeys(KEYS, 4)


def test_scores_are_dimension_means_and_the_overall_mean() -> None:
    answers = dict(zip(KEYS, [7, 6, 5, 4, 3, 2, 1, 1, 6, 7], strict=True))
    result = pulse.score(answers, CONTENT.items)
    assert result.scores == {"disclosure": 6.5, "understood": 4.5, "validation": 2.5,
                             "caring": 1.0, "trust": 6.5}
    assert result.overall == 4.2
    assert result.as_data() == {"answers": answers, "scores": dict(result.scores),
                                "overall": 4.2}


# --- Trend ---------------------------------------------------------------------------------


def test_dips_are_noticed_gently_but_not_every_wobble() -> None:
    assert not pulse.dipped([])
    assert not pulse.dipped([5.0])
    assert pulse.dipped([3.4])
    assert pulse.dipped([6.0, 6.0, 6.0, 5.0])          # one point below the last three
    assert not pulse.dipped([6.0, 6.0, 6.0, 5.1])
    assert not pulse.dipped([2.0, 6.0, 6.0, 6.0, 5.5])  # only the last three count
    assert pulse.dipped([5.1, 5.1, 5.1, 4.1])            # exactly one point, despite floats


@given(st.lists(finite, max_size=40))
def test_a_sparkline_has_one_character_per_value(values: list[float]) -> None:
    line = sparkline(values)
    assert len(line) == len(values) and set(line) <= set(SPARKS)


@given(finite, st.integers(min_value=1, max_value=30))
def test_a_constant_series_is_one_repeated_middle_character(value: float, count: int) -> None:
    assert sparkline([value] * count) == "▄" * count


@given(st.lists(finite, min_size=2, max_size=40).filter(lambda v: max(v) - min(v) > 1e-3))
def test_the_minimum_and_maximum_map_to_the_ends(values: list[float]) -> None:
    line = sparkline(values)
    assert line[values.index(min(values))] == "▁"
    assert line[values.index(max(values))] == "█"


def test_a_fixed_scale_keeps_levels_comparable_and_clamps() -> None:
    assert sparkline([1, 4, 7], low=1, high=7) == "▁▅█"
    assert sparkline([6, 6], low=1, high=7) == "▇▇"
    assert sparkline([0, 9], low=1, high=7) == "▁█"
    assert sparkline([]) == ""


def _points(overalls: list[float]) -> tuple[pulse.Point, ...]:
    start = datetime(2026, 11, 1, 12, tzinfo=UTC)
    return tuple(pulse.Point(start + timedelta(days=7 * i),
                             {d: value for d in pulse.DIMENSIONS}, value)
                 for i, value in enumerate(overalls))


def test_the_chart_is_valid_svg_with_one_line_per_dimension_and_overall() -> None:
    trend = _points([1.0, 4.0, 7.0])
    root = ET.fromstring(pulse.chart(trend))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "Closeness pulse over time"
    assert "3 closeness pulse answers" in (root.findtext(f"{SVG}desc") or "")
    lines = root.findall(f".//{SVG}polyline")
    assert [p.get("data-series") for p in lines] == [
        "Sharing", "Understood", "Accepted", "Cared for", "Trust", "Overall"]
    coords = [tuple(map(float, xy.split(","))) for xy in (lines[-1].get("points") or "").split()]
    assert len(coords) == 3
    xs, ys = [x for x, _ in coords], [y for _, y in coords]
    assert xs == sorted(xs) and ys[0] > ys[1] > ys[2]       # 1 at the bottom, 7 at the top
    assert ys[1] == pytest.approx((ys[0] + ys[2]) / 2)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"1", "7", "Score (1–7)", "Date", "Overall", "2026-11-01", "2026-11-15"} <= set(texts)


def test_a_single_answer_still_charts_and_nothing_is_an_error() -> None:
    root = ET.fromstring(pulse.chart(_points([5.0])))
    assert len(root.findall(f".//{SVG}circle")) == 6
    with pytest.raises(InputError, match="heartline pulse"):
        pulse.chart(())


@given(st.text(min_size=1, max_size=30))
def test_every_label_is_escaped(label: str) -> None:
    clean = "".join(c for c in label if c.isprintable() and c not in "\r\x85\u2028\u2029")
    svg = line_chart([Series(clean or "x", (1.0, 2.0))], [clean, "b"], title=clean,
                     desc=clean, low=1, high=7, y_title=clean)
    root = ET.fromstring(svg)
    assert root.findtext(f"{SVG}title") == clean
    assert root.find(f".//{SVG}polyline").get("data-series") == (clean or "x")  # type: ignore[union-attr]


def test_pulses_are_private_and_each_persons_own(store: Store) -> None:
    answers = dict.fromkeys(KEYS, 6)
    with store.write() as session:
        sam, rel = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
        assert rel is not None and alex is not None
        entry = pulse.record(session, sam, pulse.score(answers, CONTENT.items),
                             relationship_id=rel.id)
        pulse.record(session, alex, pulse.score(dict.fromkeys(KEYS, 2), CONTENT.items),
                     relationship_id=rel.id, visibility="shared")
    with store.read() as session:
        assert entry.visibility == "private" and entry.kind == "pulse"
        assert [p.overall for p in pulse.my_points(session, sam, relationship_id=rel.id)] == [6.0]
        assert [p.overall for p in pulse.my_points(session, alex, relationship_id=None)] == [2.0]
