"""The core exchange on both backends: share, reply with analysis, felt understood (M1)."""

from __future__ import annotations

import pytest

from heartline.analysis.engine import Analyzer
from heartline.errors import InputError, NotFoundError
from heartline.practices import exchange
from heartline.store import Store, people
from heartline.store.entries import entries_for
from heartline.store.values import Entry, Person

SHARED = "I didn't get the job. I feel so stupid for hoping."
REPLY = "Oh no. After all that work, that must really sting."


@pytest.fixture
def shared(store: Store, analyzer: Analyzer) -> tuple[Person, Person, Person, Entry]:
    with store.write() as session:
        sam, couple = people.set_up(session, "Sam", partner="Alex")
        alex = people.find_person(session, "Alex")
        jo = people.add_person(session, "Jo")
        entry = exchange.share(session, sam, SHARED, analyzer.turn(SHARED),
                               relationship_id=couple.id, visibility="shared")
    return sam, alex, jo, entry


def test_a_reply_keeps_its_analysis_and_reaches_the_sharer(store: Store, analyzer: Analyzer,
                                                           shared) -> None:
    sam, alex, _, entry = shared
    with store.read() as session:
        assert exchange.waiting_for_reply(session, alex) == [entry]
        assert exchange.waiting_for_reply(session, sam) == []
    with store.write() as session:
        answer = exchange.reply(session, alex, entry.id, REPLY, analyzer.reply(SHARED, REPLY))
    assert answer.analysis["response"]["labels"]
    assert answer.analysis["context"]["disclosure"] == "emotional"
    with store.read() as session:
        assert exchange.waiting_for_reply(session, alex) == []
        assert exchange.waiting_for_feedback(session, sam) == [answer]


def test_felt_understood_goes_back_to_the_listener(store: Store, analyzer: Analyzer,
                                                   shared) -> None:
    sam, alex, _, entry = shared
    with store.write() as session:
        answer = exchange.reply(session, alex, entry.id, REPLY, analyzer.reply(SHARED, REPLY))
        with pytest.raises(InputError, match="Only the person who shared"):
            exchange.felt_understood(session, alex, answer.id, understood=True)
        with pytest.raises(InputError, match="what you meant"):
            exchange.felt_understood(session, sam, answer.id, understood=False)
        exchange.felt_understood(session, sam, answer.id, understood=False,
                                 meant="It's less the job, more feeling stuck.")
    with store.read() as session:
        seen = entries_for(session, alex, kinds=["understood"])
        assert seen[0].data == {"understood": False} and "stuck" in seen[0].text
        assert exchange.waiting_for_feedback(session, sam) == []


def test_outsiders_and_private_shares_cannot_be_replied_to(store: Store, analyzer: Analyzer,
                                                           shared) -> None:
    sam, alex, jo, entry = shared
    pair = analyzer.reply(SHARED, REPLY)
    with store.write() as session:
        secret = exchange.share(session, sam, "Only for me.", analyzer.turn("Only for me."),
                                relationship_id=None, visibility="private")
    for who, target in ((jo, entry.id), (alex, secret.id)):
        with store.write() as session, pytest.raises(NotFoundError):
            exchange.reply(session, who, target, REPLY, pair)
    with store.write() as session, pytest.raises(InputError, match="your own share"):
        exchange.reply(session, sam, entry.id, REPLY, pair)


def test_empty_words_are_refused(store: Store, analyzer: Analyzer, shared) -> None:
    sam, alex, _, entry = shared
    with store.write() as session, pytest.raises(InputError):
        exchange.share(session, sam, "   ", analyzer.turn("   "), relationship_id=None,
                       visibility="private")
    with store.write() as session, pytest.raises(InputError):
        exchange.reply(session, alex, entry.id, " ", analyzer.reply(SHARED, " "))


def test_history_says_whether_a_reply_landed(store: Store, analyzer: Analyzer, shared) -> None:
    from heartline.practices.history import summary

    sam, alex, _, entry = shared
    with store.write() as session:
        answer = exchange.reply(session, alex, entry.id, REPLY, analyzer.reply(SHARED, REPLY))
        landed = exchange.felt_understood(session, sam, answer.id, understood=True)
        missed = exchange.felt_understood(session, sam, answer.id, understood=False,
                                          meant="more the waiting")
    assert summary(landed) == "felt understood"
    assert summary(missed) == "not quite: more the waiting"
