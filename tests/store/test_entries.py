"""Who sees what: the visibility rule, on SQLite and PostgreSQL (M7 'never do')."""

from __future__ import annotations

import pytest

from heartline.errors import InputError, NotFoundError
from heartline.store import Store, people
from heartline.store.entries import add_entry, entries_for, get_entry, update_entry
from heartline.store.values import VISIBILITIES, Person, Relationship


@pytest.fixture
def trio(store: Store) -> tuple[Person, Person, Person, Relationship]:
    with store.write() as session:
        sam, alex, jo = (people.add_person(session, n) for n in ("Sam", "Alex", "Jo"))
        couple = people.add_relationship(session, "couple", [sam, alex])
        people.add_relationship(session, "friends", [sam, jo])
    return sam, alex, jo, couple


def test_only_shared_entries_reach_the_partner(store: Store, trio) -> None:
    sam, alex, jo, couple = trio
    with store.write() as session:
        for visibility in VISIBILITIES:
            add_entry(session, sam, "share", visibility=visibility, relationship_id=couple.id,
                      text=visibility)
    with store.read() as session:
        assert sorted(e.text for e in entries_for(session, sam)) == sorted(VISIBILITIES)
        assert [e.text for e in entries_for(session, alex)] == ["shared"]
        assert entries_for(session, jo) == []


def test_a_private_entry_cannot_be_fetched_or_changed_by_the_partner(store: Store, trio) -> None:
    sam, alex, _, couple = trio
    with store.write() as session:
        secret = add_entry(session, sam, "share", relationship_id=couple.id, text="secret")
    with store.read() as session, pytest.raises(NotFoundError):
        get_entry(session, secret.id, alex)
    with store.write() as session, pytest.raises(NotFoundError):
        update_entry(session, secret.id, alex, data={"x": 1})


def test_only_the_author_changes_words_or_visibility(store: Store, trio) -> None:
    sam, alex, _, couple = trio
    with store.write() as session:
        shared = add_entry(session, sam, "bid", visibility="shared", relationship_id=couple.id,
                           text="Is now a good time?", data={"answer": None})
    with store.write() as session:
        answered = update_entry(session, shared.id, alex, data={"answer": "now"})
    assert answered.data == {"answer": "now"} and answered.text == "Is now a good time?"
    with store.write() as session, pytest.raises(InputError):
        update_entry(session, shared.id, alex, visibility="private")


def test_writing_into_someone_elses_relationship_is_refused(store: Store, trio) -> None:
    _, alex, jo, couple = trio
    with store.write() as session, pytest.raises(NotFoundError):
        add_entry(session, jo, "share", visibility="shared", relationship_id=couple.id)
    with store.read() as session:
        assert entries_for(session, alex) == []


def test_a_failed_write_leaves_nothing_behind(store: Store, trio) -> None:
    sam, *_ = trio
    with pytest.raises(InputError), store.write() as session:
        add_entry(session, sam, "share", text="first")
        add_entry(session, sam, "nonsense-kind", text="second")
    with store.read() as session:
        assert entries_for(session, sam) == []


def test_times_come_back_as_aware_utc(store: Store, trio) -> None:
    sam, *_ = trio
    with store.write() as session:
        written = add_entry(session, sam, "hug", data={"seconds": 300})
    with store.read() as session:
        read = get_entry(session, written.id, sam)
    assert read.created_at == written.created_at
    assert read.created_at.utcoffset() is not None and read.created_at.utcoffset().seconds == 0


def test_people_and_relationships(store: Store, trio) -> None:
    sam, _, jo, couple = trio
    with store.write() as session:
        mia = people.add_person(session, "Mia")
        joined = people.join(session, couple.invite_code.lower(), mia)
        assert {p.name for p in joined.others(sam.id)} == {"Alex", "Mia"}
        assert len(people.relationships_of(session, sam.id)) == 2
        people.leave(session, couple.id, mia)
        with pytest.raises(NotFoundError):
            people.join(session, "NOSUCHCODE", mia)
    with store.read() as session:
        assert people.find_person(session, "  sam ") == sam
        assert [r.kind for r in people.relationships_of(session, jo.id)] == ["friends"]


def test_a_relationship_nobody_is_left_in_goes_with_its_entries(store: Store, trio) -> None:
    sam, alex, _, couple = trio
    with store.write() as session:
        add_entry(session, sam, "share", visibility="shared", relationship_id=couple.id)
        people.leave(session, couple.id, sam)
        people.leave(session, couple.id, alex)
    with store.read() as session:
        assert entries_for(session, sam) == []
        with pytest.raises(NotFoundError):
            people.get_relationship(session, couple.id)


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_bad_names_are_refused(store: Store, name: str) -> None:
    with store.write() as session, pytest.raises(InputError):
        people.add_person(session, name)


def test_nul_characters_never_reach_the_database(store: Store, trio) -> None:
    sam, *_ = trio
    with store.write() as session:
        entry = add_entry(session, sam, "share", text="a\x00b",
                          data={"k\x00": ["x\x00y", {"z": "\x00"}]})
        people.add_person(session, "Jo\x00ey")
    with store.read() as session:
        read = get_entry(session, entry.id, sam)
        assert read.text == "ab" and read.data == {"k": ["xy", {"z": ""}]}
        assert people.find_person(session, "Joey") is not None
