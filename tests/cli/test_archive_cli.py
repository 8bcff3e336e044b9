"""``heartline export``, ``import`` and ``delete`` through the CLI, on both backends."""

from __future__ import annotations

from pathlib import Path

from heartline.store import Store, people
from heartline.store.entries import entries_for


def _people() -> list[str]:
    store = Store.open()
    with store.read() as session:
        names = [p.name for p in people.all_people(session)]
    store.close()
    return names


def test_export_then_import_into_a_new_home(cli, couple, tmp_path: Path, monkeypatch) -> None:
    assert cli("checkin", "--how", "Proud and tired", "--rose", "", "--thorn", "", "--bud", "",
               "-v", "shared").exit_code == 0
    result = cli("export", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "journal.md").is_file()
    again = cli("export", str(tmp_path / "out"))
    assert again.exit_code == 1 and "already exists" in " ".join(again.output.split())
    monkeypatch.setenv("HEARTLINE_HOME", str(tmp_path / "other-home"))
    monkeypatch.setenv("HEARTLINE_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    result = cli("import", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    store = Store.open()
    with store.read() as session:
        sam = people.me(session)
        assert sam is not None and sam.name == "Sam"
        assert [e.text for e in entries_for(session, sam)] == ["Proud and tired"]
    store.close()


def test_import_of_a_bad_file_is_a_clear_error(cli, couple, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ nope")
    result = cli("import", str(bad))
    assert result.exit_code == 1 and "not valid JSON" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_delete_asks_and_a_wrong_answer_keeps_everything(cli, couple) -> None:
    result = cli("delete", input="Alex\n")
    assert result.exit_code == 1 and "Nothing was deleted" in result.output
    assert _people() == ["Sam", "Alex"]
    result = cli("delete", input="sam\n")
    assert result.exit_code == 0, result.output
    assert _people() == ["Alex"]


def test_delete_everything_needs_the_word(cli, couple) -> None:
    assert cli("delete", "--everything", input="yes\n").exit_code == 1
    assert _people() == ["Sam", "Alex"]
    assert cli("delete", "--everything", input="everything\n").exit_code == 0
    assert _people() == []
