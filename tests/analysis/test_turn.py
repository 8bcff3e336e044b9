"""Sharer-turn analysis with the real model (SYSTEM.md M3 and "never do")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartline.analysis.emotions import EMOTIONS
from heartline.analysis.engine import Analyzer
from heartline.analysis.safety import check_safety, safety_hits
from heartline.analysis.stated_feelings import stated_feelings
from heartline.errors import ModelNotFoundError
from heartline.models.encoder import Encoder


@pytest.mark.parametrize("text", ["fine", "good, you?", "nothing much", "same old",
                                  "Fine thanks, you?", "meh. busy"])
def test_polite_script_is_a_deflection(analyzer: Analyzer, text: str) -> None:
    turn = analyzer.turn(text)
    assert turn.deflection
    assert turn.disclosure == "none"


@pytest.mark.parametrize(("text", "disclosure"), [
    ("I've been so anxious about the review that I can't sleep.", "emotional"),
    ("Honestly I just feel invisible at home lately.", "emotional"),
    ("We had the review today and my manager moved the deadline to Friday.", "factual"),
    ("Picked up the car from the garage and did the shopping.", "factual"),
])
def test_disclosure_levels(analyzer: Analyzer, text: str, disclosure: str) -> None:
    assert analyzer.turn(text).disclosure == disclosure


def test_real_sharing_is_not_a_deflection(analyzer: Analyzer) -> None:
    assert not analyzer.turn("I'm fine with the plan but I'm scared about the move").deflection


@pytest.mark.parametrize(("text", "expected"), [
    ("I feel left out when you make plans without asking me.", True),
    ("I felt so proud because she finally read the whole book herself.", True),
    ("I'm sad.", False),
    ("The meeting ran late again.", False),
])
def test_i_feel_statements(analyzer: Analyzer, text: str, expected: bool) -> None:
    assert analyzer.turn(text).i_feel is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Is now a good time to talk about something that's been on my mind?", True),
    ("guess what happened at work today!!", True),
    ("I miss you. Can we get a coffee this weekend?", True),
    ("The bins go out on Tuesday.", False),
])
def test_bids(analyzer: Analyzer, text: str, expected: bool) -> None:
    assert analyzer.turn(text).bid is expected


@pytest.mark.parametrize(("text", "safety"), [
    ("I could kill him for eating my fries", "none"),
    ("this commute is killing me", "none"),
    ("I'm dying of laughter at this video", "none"),
    ("I'd rather die than sing karaoke", "none"),
    ("I don't want to be alive anymore.", "self_harm"),
    ("I've been thinking about ending my life.", "self_harm"),
    ("He hit me again last night and I'm scared to go home.", "abuse"),
    ("She checks my phone every night and won't let me see my friends.", "abuse"),
    ("My friend took a bunch of pills and won't wake up", "crisis"),
])
def test_safety_is_accurate_and_ignores_hyperbole(analyzer: Analyzer, text: str,
                                                  safety: str) -> None:
    assert analyzer.turn(text).safety == safety


@pytest.mark.parametrize(("text", "safety"), [
    ("It hurts me when you don't listen.", "none"),
    ("You hurt me when you forgot my birthday.", "none"),
    ("He hurt my feelings.", "none"),
    ("She hurt me so much when she left.", "none"),
    ("You hit me with a great idea there!", "none"),
    ("You beat me at chess again.", "none"),
    ("He pushed me to apply for the job.", "none"),
    ("I'm scared of you leaving me.", "none"),
    ("My dad hurts me when he drinks.", "abuse"),
    ("You hit me last night.", "abuse"),
    ("You pushed me into the wall.", "abuse"),
    ("I'm scared of you.", "abuse"),
    ("You said you'd kill me if I left.", "abuse"),
    ("he keeps trying to hurt me", "abuse"),
])
def test_hurt_feelings_are_not_abuse_and_harm_said_to_the_one_who_did_it_is(
        analyzer: Analyzer, text: str, safety: str) -> None:
    """Replies and "what I meant" are written to the other person: "you" can be them."""
    assert analyzer.turn(text).safety == safety


@pytest.mark.parametrize(("text", "safety"), [
    ("my mum's boyfriend hits me when she's at work", "abuse"),
    ("When he's angry he puts his hands round my neck.", "abuse"),
    ("she choked me until I passed out", "abuse"),
    ("my sister's boyfriend hits the gym every morning", "none"),
    ("this tie is choking me lol", "none"),
    ("my dad hit the roof when he saw my grades", "none"),
    ("the bad thoughts are back. the not wanting to exist ones", "self_harm"),
    ("I keep wanting to disappear for good", "self_harm"),
])
def test_harm_said_without_the_usual_words_is_caught_and_look_alikes_are_not(
        analyzer: Analyzer, text: str, safety: str) -> None:
    """Someone else's partner, hands on a throat, "not wanting to exist": cues, not luck.

    Idioms with a violent verb ("hit the roof") are guarded, so the head
    alone cannot raise the alarm on them.
    """
    assert analyzer.turn(text).safety == safety


def test_beside_a_figure_of_speech_only_a_cue_raises_the_alarm() -> None:
    sure = {"self_harm": 0.0, "abuse": 1.0, "crisis": 0.0}
    cutoffs = dict.fromkeys(sure, 0.5)
    assert check_safety([], False, sure, cutoffs).label == "abuse"
    assert check_safety([], True, sure, cutoffs).label == "none"
    hits, guarded = safety_hits("My coach pushed me to enter. Then he hit me after the race.")
    assert guarded
    assert check_safety(hits, guarded, sure, cutoffs).label == "abuse"


def test_emotions_use_goemotions_names_with_feeling_words(analyzer: Analyzer) -> None:
    turn = analyzer.turn("I'm so angry that he lied to me again")
    assert {e.label for e in turn.emotions} <= set(EMOTIONS)
    assert turn.top_emotion.label in {"anger", "annoyance", "disappointment"}
    assert turn.top_emotion.word
    assert [e.score for e in turn.emotions] == sorted((e.score for e in turn.emotions),
                                                      reverse=True)


@pytest.mark.parametrize(("text", "named"), [
    ("I'm furious with him.", "anger"),
    ("i am sooo mad at my sister", "anger"),
    ("it makes me really anxious when the phone rings", "nervousness"),
    ("I felt completely let down by the whole team", "disappointment"),
    ("honestly i'm so proud of myself", "pride"),
])
def test_a_feeling_they_name_is_always_among_the_emotions(
        analyzer: Analyzer, text: str, named: str) -> None:
    turn = analyzer.turn(text)
    assert named in {e.label for e in turn.emotions}
    assert "neutral" not in {e.label for e in turn.emotions}


@pytest.mark.parametrize(("text", "not_named"), [
    ("I'm not angry, just tired.", "anger"),
    ("He was furious with the referee.", "anger"),
    ("I'm afraid I can't make Thursday.", "fear"),
    ("Happy to help with the move on Saturday.", "joy"),
    ("You hurt my feelings.", "sadness"),
])
def test_only_the_speakers_own_feeling_counts_as_named(text: str, not_named: str) -> None:
    assert not_named not in stated_feelings(text)


@given(st.text(max_size=300))
def test_named_feelings_are_goemotions_labels_for_any_text(text: str) -> None:
    assert stated_feelings(text) <= set(EMOTIONS) - {"neutral"}


def test_neutral_when_nothing_is_felt(analyzer: Analyzer) -> None:
    assert analyzer.turn("The train leaves at 9:40 from platform 2.").top_emotion.label == \
        "neutral"


def test_intensity_follows_how_strongly_it_is_felt(analyzer: Analyzer) -> None:
    loud = analyzer.turn("I PASSED THE BAR EXAM!!! I can't believe it!!")
    calm = analyzer.turn("I passed the exam.")
    assert loud.intensity > calm.intensity + 0.2
    understated = analyzer.turn("meh, the biopsy results came back")
    trivial = analyzer.turn("meh, the bus was late")
    assert understated.intensity > trivial.intensity
    assert all(0.0 <= t.intensity <= 1.0 for t in (loud, calm, understated, trivial))


def test_results_are_values_that_name_their_models(analyzer: Analyzer) -> None:
    a = analyzer.turn("I got the job!")
    b = analyzer.turn("I got the job!")
    assert a == b
    data = a.to_dict()
    assert set(data) == {"emotions", "intensity", "disclosure", "deflection", "i_feel",
                         "bid", "safety", "model"}
    runtime = "" if analyzer._encoder.runtime == "numpy" else "@int8"
    assert data["model"]["encoder"] == "minilm.numpy.v1+top6.heartline.v1" + runtime
    assert "emotion.minilm.v2" in data["model"]["heads"]


def test_heads_refuse_vectors_from_another_encoder() -> None:
    with pytest.raises(ModelNotFoundError, match="retrain the heads"):
        Analyzer(Encoder(tuned=False)).turn("I got the job!")
