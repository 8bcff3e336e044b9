"""Listener-reply analysis with the real model: a golden case for every label and flag."""

from __future__ import annotations

import pytest

from heartline.analysis.engine import Analyzer
from heartline.analysis.results import REPLY_LABELS

LABEL_CASES = [
    ("I got the job!!", "Oh my gosh, congratulations!! I'm so happy for you!",
     "emotional_reaction"),
    ("My boss took credit for my work in the meeting.",
     "Sounds like you felt completely invisible in there.", "reflection"),
    ("I cried at the vet today when they said she's old now.",
     "Of course you did. That makes total sense.", "validation"),
    ("Work was a lot today.", "What was the hardest part of it?", "open_question"),
    ("My sister said something really mean at dinner.", "Did you say anything back?",
     "closed_question"),
    ("My manager keeps piling more on me.", "You should talk to HR about it.", "advice"),
    ("I'm nervous about the interview tomorrow.", "Don't worry, it'll be fine!", "reassurance"),
    ("Today was awful.", "I'm here for you, always. Want a hug?", "support"),
    ("They denied my insurance claim.",
     "Most insurers let you appeal within 30 days of the decision.", "information"),
    ("My grandma died on Sunday.",
     "When my dad died I couldn't eat for weeks.", "self_disclosure"),
    ("I got laid off today.", "At least you still have your savings.", "minimizing"),
    ("I missed the train again and was late.", "Well what did you expect? You always do this.",
     "criticism"),
]


@pytest.mark.parametrize(("context", "reply", "label"), LABEL_CASES,
                         ids=[c[2] for c in LABEL_CASES])
def test_every_label_is_found_with_a_span(analyzer: Analyzer, context: str, reply: str,
                                          label: str) -> None:
    response = analyzer.reply(context, reply).response
    assert label in response.labels
    spans = [s for s in response.spans if s.label == label]
    assert spans, "every predicted label must point at the words that show it"
    for span in spans:
        assert 0 <= span.start < span.end <= len(reply)
        assert span.why


def test_label_scores_cover_all_twelve_labels(analyzer: Analyzer) -> None:
    response = analyzer.reply("I had a rough day.", "Oh no, what happened?").response
    assert [name for name, _ in response.label_scores] == list(REPLY_LABELS)
    assert all(0.0 <= p <= 1.0 for _, p in response.label_scores)
    assert set(response.labels) <= set(REPLY_LABELS)


def test_a_good_reply_scores_higher_than_a_poor_one(analyzer: Analyzer) -> None:
    context = "My mom's surgery got moved up to tomorrow and I'm terrified."
    good = analyzer.reply(context, "Oh no, tomorrow? That's so fast, no wonder you're "
                                   "terrified. What's scaring you most?").response
    poor = analyzer.reply(context, "Relax, surgeons do this every day.").response
    assert good.scores.understanding > poor.scores.understanding + 0.3
    assert good.scores.caring > poor.scores.caring + 0.3
    assert good.scores.exploration > poor.scores.exploration + 0.3
    assert not good.flags


FLAG_CASES = [
    ("I had an awful day at work.", "You should just quit and find something better.",
     "advice_before_understanding"),
    ("I'm scared about my biopsy tomorrow.", "Don't worry, I'm sure it's nothing.",
     "reassurance_before_understanding"),
    ("I didn't get into the programme.",
     "I didn't get in my first time either. I applied three times, and my mum kept saying I "
     "should give up, and I was working two jobs, and I remember I was so tired all the time.",
     "self_focus"),
    ("guess what happened at work today!!", "anyway, what's for dinner?", "turning_away"),
    ("I PASSED THE BAR EXAM!!! I can't believe it!!", "nice.", "intensity_mismatch"),
    ("You were on your phone the whole dinner.",
     "That's not what happened, I was only checking one thing.", "defensiveness"),
]


@pytest.mark.parametrize(("context", "reply", "flag"), FLAG_CASES, ids=[c[2] for c in FLAG_CASES])
def test_every_flag_fires_with_a_reason(analyzer: Analyzer, context: str, reply: str,
                                        flag: str) -> None:
    response = analyzer.reply(context, reply).response
    assert flag in response.flag_names
    assert all(f.why for f in response.flags)


def test_advice_after_understanding_in_the_same_reply_when_asked(analyzer: Analyzer) -> None:
    context = "My landlord won't fix the heating. What should I do?"
    reply = ("That sounds miserable, no wonder you're fed up. "
             "You could try writing to the council about it.")
    response = analyzer.reply(context, reply).response
    assert "advice" in response.labels
    assert "advice_before_understanding" not in response.flag_names


def test_suggestion_reflects_their_words_and_gives_no_advice(analyzer: Analyzer) -> None:
    context = "My boss yelled at me in front of everyone today."
    response = analyzer.reply(context, "You should report him.").response
    assert "your boss yelled at you" in response.suggestion.lower()
    check = analyzer.reply(context, response.suggestion).response
    assert "advice" not in check.labels
    assert "open_question" in check.labels


def test_suggestions_vary_and_are_not_one_template(analyzer: Analyzer) -> None:
    contexts = [
        "I got the promotion!", "My cat is sick.", "I failed my driving test again.",
        "We're having a baby!", "My best friend moved away.", "I finished my first marathon!",
        "My dad forgot my birthday.", "The interview went badly.",
    ]
    suggestions = [analyzer.reply(c, "ok").response.suggestion for c in contexts]
    assert len(set(suggestions)) == len(contexts)
    openings = {s.split()[0] for s in suggestions}
    assert len(openings) >= 3


def test_safety_context_gets_a_safety_suggestion(analyzer: Analyzer) -> None:
    pair = analyzer.reply("I don't want to be alive anymore.", "lol same")
    assert pair.context.safety == "self_harm"
    assert "safe" in pair.response.suggestion.lower()


def test_json_contract_keys(analyzer: Analyzer) -> None:
    data = analyzer.reply("I got the job!", "Congrats!! How do you feel?").to_dict()
    assert set(data) == {"context", "response"}
    assert {"labels", "label_scores", "scores", "flags", "spans", "suggestion",
            "model"} <= set(data["response"])
    assert set(data["response"]["scores"]) == {"understanding", "caring", "exploration",
                                               "intensity_match"}
