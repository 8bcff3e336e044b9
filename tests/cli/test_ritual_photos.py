"""``heartline photos`` on both backends: stories kept whole, files checked, privacy kept."""

from __future__ import annotations

from pathlib import Path

from heartline.practices.photo_stories import load
from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.values import Entry

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 16


def _stories() -> tuple[list[Entry], list[Entry]]:
    store = Store.open()
    with store.read() as session:
        sam = people.find_person(session, "Sam")
        alex = people.find_person(session, "Alex")
        assert sam is not None and alex is not None
        found = (entries_for(session, sam, kinds=["photo_story"]),
                 entries_for(session, alex, kinds=["photo_story"]))
    store.close()
    return found


def _photo(folder: Path, name: str, content: bytes = PNG) -> str:
    path = folder / name
    path.write_bytes(content)
    return str(path)


def test_add_list_and_show_a_shared_story(cli, couple, home_env: Path, tmp_path: Path) -> None:
    beach, pier = _photo(tmp_path, "beach.png"), _photo(tmp_path, "pier.jpg", JPEG)
    added = cli("photos", "add", beach, pier, "--story", "Dad taught me to fish off the pier.",
                "--year", "1994", "-v", "shared")
    assert added.exit_code == 0, added.output
    assert "Kept 2 photos" in added.output and "shared with Alex" in added.output
    mine, theirs = _stories()
    assert theirs == mine and set(mine[0].data) == {"prompt", "story", "year", "photos"}
    assert mine[0].data["year"] == 1994 and mine[0].data["prompt"] in load("photos")["prompts"]
    files = sorted(p.name for p in (home_env / "photos").iterdir())
    assert files == sorted(f"{sha}{suffix}" for sha, suffix in
                           zip(mine[0].data["photos"], (".png", ".jpg"), strict=True))
    listed = cli("--as", "Alex", "photos", "list")
    assert "beach.png" in listed.output and "Sam" in listed.output
    shown = cli("photos", "show", mine[0].id[:8])
    assert shown.exit_code == 0 and "fish off the pier" in shown.output
    assert str((home_env / "photos" / files[0]).resolve()) in shown.output.replace("\n", "")


def test_a_missing_or_damaged_file_is_flagged_not_fatal(cli, couple, home_env: Path,
                                                        tmp_path: Path) -> None:
    result = cli("photos", "add", _photo(tmp_path, "mum.png"), "--prompt", "Who took this?",
                 input="Grandad, with his old camera.\n\n")
    assert result.exit_code == 0, result.output
    assert "Who took this?" in result.output
    mine, theirs = _stories()
    assert mine[0].data["prompt"] == "Who took this?" and mine[0].visibility == "private"
    assert theirs == []
    for stored in (home_env / "photos").iterdir():
        stored.unlink()
    listed = cli("photos", "list")
    assert listed.exit_code == 0 and "missing or damaged" in listed.output
    assert "missing or damaged" in cli("photos", "show", mine[0].id[:8]).output
    hidden = cli("--as", "Alex", "photos", "show", mine[0].id[:8])
    assert hidden.exit_code == 1 and "Grandad" not in hidden.output
    assert "No photo stories yet" in cli("--as", "Alex", "photos", "list").output


def test_bad_paths_store_nothing_at_all(cli, couple, home_env: Path, tmp_path: Path) -> None:
    good = _photo(tmp_path, "beach.png")
    not_a_photo = _photo(tmp_path, "notes.jpg", b"just some text")
    for args in ([good, str(tmp_path / "missing.png")], [good, not_a_photo],
                 [good, _photo(tmp_path, "notes.txt", b"text")], [good, "--year", "3000"]):
        result = cli("photos", "add", *args, "--story", "A story", "-v", "private")
        assert result.exit_code == 1, result.output
        assert "Error:" in result.output and "Traceback" not in result.output
    assert _stories() == ([], [])
    photos = home_env / "photos"
    assert not photos.exists() or list(photos.iterdir()) == []
