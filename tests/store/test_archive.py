"""Export, import and delete on both backends: lossless, private, complete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartline.archive.erase import delete_everything, delete_person
from heartline.archive.export import JSON_FILE, export
from heartline.archive.restore import read, restore
from heartline.errors import InputError
from heartline.store import Store, people
from heartline.store.entries import add_entry, entries_for
from heartline.store.photos import add_photo
from heartline.store.reminders import add_reminder
from heartline.store.schema import Base


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    """Sam and Alex with shares, a reply, a private note each, a photo story, a reminder."""
    picture = tmp_path / "grandma.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with store.write() as session:
        sam = people.set_up(session, "Sam", partner="Alex")[0]
        alex = people.find_person(session, "Alex")
        couple = people.relationships_of(session, sam.id)[0]
        share = add_entry(session, sam, "share", visibility="shared", relationship_id=couple.id,
                          text="I didn't get the job.\n# not a heading",
                          analysis={"safety": "none"},
                          data={"z": 1, "a": [1, 2], "nested": {"ü": "é"}})
        add_entry(session, alex, "reply", visibility="shared", relationship_id=couple.id,
                  parent_id=share.id, text="Oh no, after all that work.")
        add_entry(session, alex, "share", visibility="private", text="Alex's secret")
        add_entry(session, sam, "checkin", visibility="draft", text="half a thought")
        story = add_entry(session, sam, "photo_story", visibility="shared",
                          relationship_id=couple.id, data={"story": "Grandma's kitchen"})
        add_photo(session, store.photos, story.id, picture)
        add_reminder(session, sam, "weekly", days="su", at="19:30", minutes=45)
    return store


def _export(store: Store, target: Path, name: str = "Sam") -> Path:
    with store.read() as session:
        person = people.find_person(session, name)
    export(store, person, target)
    return target


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_export_import_export_is_identical(filled: Store, tmp_path: Path) -> None:
    first = _export(filled, tmp_path / "first")
    fresh = Store.open(f"sqlite:///{tmp_path / 'fresh.db'}", home=tmp_path / "fresh")
    report = restore(fresh, first)
    second = _export(fresh, tmp_path / "second")
    assert report.added > 0 and report.already_there == 0
    assert _files(first) == _files(second)
    fresh.close()


def test_the_export_holds_only_what_the_person_may_see(filled: Store, tmp_path: Path) -> None:
    folder = _export(filled, tmp_path / "sam")
    texts = [e["text"] for e in json.loads((folder / JSON_FILE).read_text())["entries"]]
    assert "Alex's secret" not in texts and "half a thought" in texts
    assert "Alex's secret" not in (folder / "journal.md").read_text()
    alex = _export(filled, tmp_path / "alex", "Alex")
    alex_texts = [e["text"] for e in json.loads((alex / JSON_FILE).read_text())["entries"]]
    assert "half a thought" not in alex_texts and "Alex's secret" in alex_texts


def test_the_journal_is_readable_and_escaped(filled: Store, tmp_path: Path) -> None:
    journal = (_export(filled, tmp_path / "out") / "journal.md").read_text()
    assert "Oh no, after all that work." in journal
    assert "\\# not a heading" in journal
    assert "![photo](photos/" in journal


def test_importing_twice_changes_nothing(filled: Store, tmp_path: Path) -> None:
    folder = _export(filled, tmp_path / "out")
    report = restore(filled, folder)
    assert report.added == 0
    again = _export(filled, tmp_path / "again")
    assert _files(folder) == _files(again)


def test_a_missing_photo_stops_the_import_before_anything_is_written(filled: Store,
                                                                     tmp_path: Path) -> None:
    folder = _export(filled, tmp_path / "out")
    for photo in (folder / "photos").iterdir():
        photo.unlink()
    fresh = Store.open(f"sqlite:///{tmp_path / 'fresh.db'}", home=tmp_path / "fresh")
    with pytest.raises(InputError, match="missing"):
        restore(fresh, folder)
    with fresh.read() as session:
        assert people.all_people(session) == []
    fresh.close()


def test_a_damaged_photo_is_refused(filled: Store, tmp_path: Path) -> None:
    folder = _export(filled, tmp_path / "out")
    next((folder / "photos").iterdir()).write_bytes(b"not the same picture")
    with pytest.raises(InputError, match="damaged"):
        restore(filled, folder)


@pytest.mark.parametrize("change", [
    lambda d: d.pop("people"),
    lambda d: d["entries"][0].update(kind="nonsense"),
    lambda d: d["entries"][0].update(author_id="nobody"),
    lambda d: d["entries"][0].update(created_at="yesterday"),
    lambda d: d.update(version=99),
    lambda d: d["entries"][1].update(parent_id="missing"),
])
def test_a_malformed_export_is_refused_with_a_clear_message(filled: Store, tmp_path: Path,
                                                            change) -> None:
    folder = _export(filled, tmp_path / "out")
    document = json.loads((folder / JSON_FILE).read_text())
    change(document)
    (folder / JSON_FILE).write_text(json.dumps(document))
    with pytest.raises(InputError):
        restore(filled, folder)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=12)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_any_json_is_either_an_export_or_a_clear_error(value: object, tmp_path: Path) -> None:
    file = tmp_path / "any.json"
    file.write_text(json.dumps(value))
    with pytest.raises(InputError):
        read(file)


def test_non_json_is_a_clear_error(tmp_path: Path) -> None:
    file = tmp_path / "x.json"
    file.write_bytes(b"\xff\xfe{ not json")
    with pytest.raises(InputError):
        read(file)
    file.write_text('{"format": "heartline-export",\n "people": [')
    with pytest.raises(InputError, match=":2"):
        read(file)


def _mentions(store: Store, person_id: str) -> list[str]:
    """Every table and column that still holds this person's id."""
    found = []
    with store.read() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, sa.String) and session.scalar(
                        sa.select(sa.func.count()).select_from(table)
                        .where(column == person_id)):
                    found.append(f"{table.name}.{column.name}")
    return found


def test_deleting_a_person_is_complete_and_spares_the_partner(filled: Store) -> None:
    with filled.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
    done = delete_person(filled, sam)
    assert done.entries == 3
    assert _mentions(filled, sam.id) == []
    assert list(filled.photos.iterdir()) == []
    with filled.read() as session:
        assert [e.text for e in entries_for(session, alex)] == ["Alex's secret"]
        assert people.me(session) is None


def test_deleting_everything_empties_the_home(filled: Store) -> None:
    delete_everything(filled)
    with filled.read() as session:
        for table in Base.metadata.sorted_tables:
            assert session.scalar(sa.select(sa.func.count()).select_from(table)) == 0
    assert not filled.photos.exists()
