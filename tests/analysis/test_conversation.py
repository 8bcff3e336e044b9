"""Conversation analysis: exchange state, bids, and the summary figures."""

from __future__ import annotations

from heartline import analyze_conversation
from heartline.analysis.conversation import Turn, merge_runs


def test_advice_is_fine_once_the_sharer_says_they_feel_understood() -> None:
    analysis = analyze_conversation([
        ("Sam", "My manager criticised my report in front of the whole team."),
        ("Alex", "Oh no, in front of everyone? That sounds humiliating."),
        ("Sam", "Yes, exactly. I wanted the floor to swallow me."),
        ("Alex", "You could ask her for feedback in private next time."),
    ])
    last = analysis.turns[-1].reply
    assert last is not None and "advice" in last.labels
    assert "advice_before_understanding" not in last.flag_names


def test_advice_first_is_flagged_and_counted() -> None:
    analysis = analyze_conversation([
        ("Sam", "My manager criticised my report in front of the whole team."),
        ("Alex", "You should ask her for feedback in private next time."),
    ])
    reply = analysis.turns[1].reply
    assert reply is not None and "advice_before_understanding" in reply.flag_names
    assert analysis.summary.advice_before_understanding == 1
    assert analysis.summary.advice_given == 1


def test_bids_are_met_toward_away_or_against() -> None:
    analysis = analyze_conversation([
        ("Ana", "guess what happened at work today!!"),
        ("Ben", "What?? Tell me everything!"),
        ("Ana", "Can I show you the photos from the trip?"),
        ("Ben", "anyway, did you pay the electric bill?"),
        ("Ana", "Do you have a minute to talk about the weekend?"),
        ("Ben", "Seriously? You always want to talk at the worst time."),
        ("Ana", "Look at this sunset!"),
    ])
    met = {b.index: b.response for b in analysis.summary.bids if b.speaker == "Ana"}
    assert met == {0: "toward", 2: "away", 4: "against", 6: "unanswered"}
    counts = analysis.summary.bid_counts
    assert sum(counts.values()) == len(analysis.summary.bids)


def test_summary_has_figures_for_each_speaker() -> None:
    analysis = analyze_conversation([
        ("Ana", "I feel so alone when you work late every night."),
        ("Ben", "That sounds really lonely. I'm sorry. What's the hardest part?"),
        ("Ana", "fine"),
    ])
    speakers = {s.speaker: s for s in analysis.summary.speakers}
    assert set(speakers) == {"Ana", "Ben"}
    assert speakers["Ana"].emotional_disclosures == 1
    assert speakers["Ana"].deflections == 1
    assert speakers["Ben"].replies == 1
    assert speakers["Ben"].mean_understanding > 0.5
    assert 0.0 <= analysis.summary.understanding_share <= 1.0


def test_consecutive_messages_join_into_one_turn() -> None:
    merged = merge_runs([Turn("A", "hey"), Turn("A", "you there?"), Turn("B", "yes")])
    assert [t.text for t in merged] == ["hey\nyou there?", "yes"]
    analysis = analyze_conversation([("A", "hey"), ("A", "you there?"), ("B", "yes")])
    assert len(analysis.turns) == 2
    assert analysis.turns[0].reply is None and analysis.turns[1].reply is not None


def test_answering_a_question_is_sharing_not_a_reply() -> None:
    analysis = analyze_conversation([
        ("Ana", "I had the worst day."),
        ("Ben", "Oh no, what happened?"),
        ("Ana", "My manager yelled at me in front of everyone."),
    ])
    assert analysis.turns[1].reply is not None
    assert analysis.turns[2].reply is None
