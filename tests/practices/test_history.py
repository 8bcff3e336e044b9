"""History core: --since and --kind parsing, one-line summaries, and who sees what."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.errors import InputError
from heartline.practices import history
from heartline.store import Store, people
from heartline.store.entries import add_entry
from heartline.store.values import ENTRY_KINDS, Entry

NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)


@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["d", "day", "days", "D"]))
def test_day_spans_count_back_from_now(days: int, unit: str) -> None:
    assert history.parse_since(f"{days}{unit}", NOW) == NOW - timedelta(days=days)


def test_week_and_hour_spans_and_dates() -> None:
    assert history.parse_since("2w", NOW) == NOW - timedelta(weeks=2)
    assert history.parse_since(" 12 h ", NOW) == NOW - timedelta(hours=12)
    start = history.parse_since("2026-11-01", NOW)
    assert start.tzinfo is UTC
    assert start.astimezone().replace(tzinfo=None) == datetime(2026, 11, 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 1, 1)))
def test_every_date_means_its_local_midnight(day: date) -> None:
    start = history.parse_since(day.isoformat(), NOW)
    assert start.astimezone().date() == day and start.astimezone().hour == 0


@given(st.text(max_size=20))
def test_any_text_is_a_time_or_a_clear_error(text: str) -> None:
    try:
        assert history.parse_since(text, NOW).tzinfo is UTC
    except InputError as err:
        assert "--since" in str(err)


def test_empty_or_huge_spans_are_explained() -> None:
    for text in ("0d", "999999d", "yesterdayish", "2026-13-01", "", "7 fortnights"):
        with pytest.raises(InputError, match="--since"):
            history.parse_since(text, NOW)


def test_kinds_are_checked_and_unknown_ones_listed() -> None:
    assert history.check_kinds(["checkin", "new-thing,PULSE", "checkin"]) == (
        "checkin", "new_thing", "pulse")
    with pytest.raises(InputError) as err:
        history.check_kinds(["hugs"])
    assert "'hugs'" in str(err.value) and all(kind in str(err.value) for kind in ENTRY_KINDS)


def _entry(kind: str, data: dict | None = None, text: str | None = None) -> Entry:
    return Entry("id", kind, "a", None, "private", NOW, NOW, text=text, data=data or {})


def test_each_kind_has_a_short_summary_and_odd_data_never_breaks_it() -> None:
    assert history.summary(_entry("pulse", {"overall": 4.25})) == "overall 4.2 of 7"
    assert history.summary(_entry("handoff", {"sections": {"why_now": "x", "hopes": "y"}})) \
        == "notes on: Why now, What I hope for"
    assert history.summary(_entry("hug", {"seconds": 300, "completed": True})) \
        == "5 min, the whole way"
    assert history.summary(_entry("unplug", {"minutes": 30})) == "30 minutes, screens away"
    assert history.summary(_entry("card", {"question": "What made you laugh?"})) \
        == "What made you laugh?"
    assert history.summary(_entry("checkin", {"how": "tired", "rose": "lunch", "bud": ""})) \
        == "how: tired; rose: lunch"
    assert history.summary(_entry("debrief", {"answers": {"worst": "being ignored"}})) \
        == "being ignored"
    assert len(history.summary(_entry("share", text="word " * 100))) == history.MAX_SUMMARY
    for kind in ENTRY_KINDS:
        assert history.summary(_entry(kind, {"overall": "x", "seconds": None})) == ""


def test_lines_show_only_what_the_viewer_may_see(store: Store) -> None:
    with store.write() as session:
        sam, rel = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
        assert rel is not None and alex is not None
        for visibility in ("private", "draft", "shared"):
            add_entry(session, sam, "share", visibility=visibility, relationship_id=rel.id,
                      text=f"Sam {visibility}")
        add_entry(session, alex, "appreciation", visibility="shared", relationship_id=rel.id,
                  text="Thanks for dinner")
    with store.read() as session:
        theirs = history.lines(session, alex)
        mine = history.lines(session, sam, mine=True)
        seen_by_sam = history.lines(session, sam)
    assert sorted(line.summary for line in theirs) == ["Sam shared", "Thanks for dinner"]
    assert {line.author for line in theirs} == {"Sam", "Alex"}
    assert sorted(line.summary for line in mine) == ["Sam draft", "Sam private", "Sam shared"]
    assert len(seen_by_sam) == 4 and [line.mine for line in seen_by_sam].count(False) == 1
