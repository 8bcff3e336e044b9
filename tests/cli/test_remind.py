"""``heartline remind`` on both backends."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar


def test_schedule_list_and_export(cli, couple, tmp_path: Path) -> None:
    assert cli("remind", "add", "weekly").exit_code == 0
    assert cli("remind", "add", "hug", "--days", "mo,we", "--at", "21:15").exit_code == 0
    listed = cli("remind", "list")
    assert "Weekly check-in" in listed.output and "MO,WE" in listed.output
    result = cli("remind", "--ics", str(tmp_path / "rituals.ics"))
    assert result.exit_code == 0, result.output
    events = Calendar.from_ical((tmp_path / "rituals.ics").read_bytes()).walk("VEVENT")
    assert len(events) == 2


def test_bad_values_are_clear_and_nothing_is_stored(cli, couple) -> None:
    for args in (["remind", "add", "naps"], ["remind", "add", "hug", "--at", "25:00"],
                 ["remind", "add", "hug", "--days", "funday"]):
        result = cli(*args)
        assert result.exit_code == 1 and "Traceback" not in result.output
    assert "No rituals scheduled" in cli("remind", "list").output


def test_remove_by_short_id_and_partner_cannot_remove_mine(cli, couple) -> None:
    from heartline.store import Store, people
    from heartline.store.reminders import reminders_of

    cli("remind", "add", "weekly")
    store = Store.open()
    with store.read() as session:
        short = reminders_of(session, people.me(session))[0].id[:8]
    store.close()
    assert short in cli("remind", "list").output
    assert cli("--as", "Alex", "remind", "remove", short).exit_code == 1
    assert cli("remind", "remove", short).exit_code == 0
    assert "No rituals scheduled" in cli("remind", "list").output
