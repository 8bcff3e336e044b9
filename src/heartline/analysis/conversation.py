"""Whole conversations: every turn, every reply, and how the talk went.

Consecutive messages from one speaker form one turn (chats split a thought
over several bubbles). A turn is also analysed as a reply to the other
person's turn just before it, unless that turn was only a question:
answering "what happened?" is sharing, not listening. Replies
are judged with the exchange state so far: once the listener has shown
understanding and the sharer has said so, advice is no longer "too early"
(SYSTEM.md M2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import fmean
from typing import Any

from heartline.analysis.flags import ExchangeState
from heartline.analysis.reply import ReplyInput
from heartline.analysis.results import BidResponse, ReplyAnalysis, TurnAnalysis
from heartline.analysis.turn import turn_cue_labels

UNDERSTOOD_MIN = 0.5
AGAINST_LABELS = ("criticism", "minimizing")
ENGAGED_MIN = 0.3
NEW_TALK_AFTER = timedelta(hours=6)


@dataclass(frozen=True)
class Turn:
    """One speaker's turn, as given to ``analyze_conversation``."""

    speaker: str
    text: str
    timestamp: datetime | None = None


@dataclass(frozen=True)
class AnalysedTurn:
    speaker: str
    text: str
    turn: TurnAnalysis
    reply: ReplyAnalysis | None

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "text": self.text, "turn": self.turn.to_dict(),
                "reply": self.reply.to_dict() if self.reply else None}


@dataclass(frozen=True)
class BidOutcome:
    """A bid, who made it, and how the other person met it."""

    index: int
    speaker: str
    response: BidResponse


@dataclass(frozen=True)
class SpeakerSummary:
    speaker: str
    turns: int
    replies: int
    emotional_disclosures: int
    deflections: int
    bids_made: int
    bids_met_toward: int
    understanding_share: float
    mean_understanding: float
    mean_caring: float
    mean_exploration: float
    advice_before_understanding: int


@dataclass(frozen=True)
class ConversationSummary:
    bids: tuple[BidOutcome, ...]
    replies: int
    advice_given: int
    advice_before_understanding: int
    understanding_share: float
    speakers: tuple[SpeakerSummary, ...]

    @property
    def bid_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("toward", "away", "against", "unanswered"), 0)
        for bid in self.bids:
            counts[bid.response] += 1
        return counts

    @property
    def advice_before_understanding_rate(self) -> float:
        return self.advice_before_understanding / self.advice_given if self.advice_given else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "bids": [{"index": b.index, "speaker": b.speaker, "response": b.response}
                     for b in self.bids],
            "bid_counts": self.bid_counts,
            "replies": self.replies,
            "advice_given": self.advice_given,
            "advice_before_understanding": self.advice_before_understanding,
            "advice_before_understanding_rate": round(self.advice_before_understanding_rate, 4),
            "understanding_share": round(self.understanding_share, 4),
            "speakers": [_speaker_dict(s) for s in self.speakers],
        }


def _speaker_dict(s: SpeakerSummary) -> dict[str, Any]:
    out = dict(s.__dict__)
    for key in ("understanding_share", "mean_understanding", "mean_caring", "mean_exploration"):
        out[key] = round(out[key], 4)
    return out


@dataclass(frozen=True)
class ConversationAnalysis:
    turns: tuple[AnalysedTurn, ...]
    summary: ConversationSummary

    def to_dict(self) -> dict[str, Any]:
        return {"turns": [t.to_dict() for t in self.turns], "summary": self.summary.to_dict()}


def merge_runs(turns: Sequence[Turn]) -> list[Turn]:
    """Join consecutive messages from the same speaker into one turn."""
    merged: list[Turn] = []
    for turn in turns:
        if merged and merged[-1].speaker == turn.speaker:
            last = merged[-1]
            merged[-1] = Turn(last.speaker, f"{last.text}\n{turn.text}", last.timestamp)
        else:
            merged.append(turn)
    return merged


def _invites_reply(turn: TurnAnalysis) -> bool:
    """Anything but a plain question invites a reply; a question invites an answer."""
    asks = turn.text.rstrip().endswith("?")
    return turn.disclosure != "none" or turn.bid or turn.deflection or not asks


def _affirms(text: str) -> bool:
    return "affirm" in turn_cue_labels(text)


def _new_talk(previous: Turn | None, current: Turn) -> bool:
    if previous is None or previous.timestamp is None or current.timestamp is None:
        return False
    return current.timestamp - previous.timestamp > NEW_TALK_AFTER


def analyse(analyzer: Any, turns: Sequence[Turn]) -> ConversationAnalysis:
    """Analyse a conversation with an ``Analyzer`` (see ``engine.py``)."""
    merged = merge_runs(turns)
    texts = [t.text for t in merged]
    analyses = analyzer.turns(texts)
    vectors = analyzer.vectors(texts)
    understood: dict[tuple[str, str], bool] = {}
    out: list[AnalysedTurn] = []
    for i, (turn, analysis) in enumerate(zip(merged, analyses, strict=True)):
        if i and _new_talk(merged[i - 1], turn):
            understood.clear()
        reply = None
        if i and merged[i - 1].speaker != turn.speaker and _invites_reply(analyses[i - 1]):
            sharer = merged[i - 1].speaker
            _note_affirmation(out, understood, sharer, analysis)
            state = ExchangeState(understood.get((turn.speaker, sharer), False))
            item = ReplyInput(analyses[i - 1], vectors[i - 1], turn.text, vectors[i])
            reply = analyzer.reply_with(item, state)
        out.append(AnalysedTurn(turn.speaker, turn.text, analysis, reply))
    return ConversationAnalysis(tuple(out), summarise(out))


def _note_affirmation(out: list[AnalysedTurn], understood: dict[tuple[str, str], bool],
                      sharer: str, analysis: TurnAnalysis) -> None:
    """If the sharer's last turn confirmed the reply before it, they felt understood."""
    if len(out) < 2:
        return
    sharer_turn, listener_turn = out[-1], out[-2]
    if (sharer_turn.speaker == sharer and listener_turn.reply is not None
            and listener_turn.reply.scores.understanding >= UNDERSTOOD_MIN
            and _affirms(sharer_turn.text)):
        understood[(listener_turn.speaker, sharer)] = True


def bid_response(reply: ReplyAnalysis | None) -> BidResponse:
    """Toward, away or against (Gottman's terms for meeting a bid)."""
    if reply is None:
        return "unanswered"
    if any(label in reply.labels for label in AGAINST_LABELS) or \
            "defensiveness" in reply.flag_names:
        return "against"
    engaged = max(reply.scores.understanding, reply.scores.caring, reply.scores.exploration)
    if "turning_away" in reply.flag_names or engaged < ENGAGED_MIN:
        return "away"
    return "toward"


def summarise(turns: Sequence[AnalysedTurn]) -> ConversationSummary:
    bids = tuple(
        BidOutcome(i, t.speaker, bid_response(turns[i + 1].reply if i + 1 < len(turns) else None))
        for i, t in enumerate(turns) if t.turn.bid)
    replies = [t.reply for t in turns if t.reply is not None]
    speakers = tuple(_speaker_summary(name, turns, bids)
                     for name in dict.fromkeys(t.speaker for t in turns))
    return ConversationSummary(
        bids=bids, replies=len(replies),
        advice_given=sum("advice" in r.labels for r in replies),
        advice_before_understanding=sum("advice_before_understanding" in r.flag_names
                                        for r in replies),
        understanding_share=_share(replies), speakers=speakers,
    )


def _share(replies: Sequence[ReplyAnalysis]) -> float:
    if not replies:
        return 0.0
    return sum(r.scores.understanding >= UNDERSTOOD_MIN for r in replies) / len(replies)


def _mean(values: list[float]) -> float:
    return fmean(values) if values else 0.0


def _speaker_summary(name: str, turns: Sequence[AnalysedTurn],
                     bids: tuple[BidOutcome, ...]) -> SpeakerSummary:
    own = [t for t in turns if t.speaker == name]
    replies = [t.reply for t in own if t.reply is not None]
    return SpeakerSummary(
        speaker=name, turns=len(own), replies=len(replies),
        emotional_disclosures=sum(t.turn.disclosure == "emotional" for t in own),
        deflections=sum(t.turn.deflection for t in own),
        bids_made=sum(b.speaker == name for b in bids),
        bids_met_toward=sum(b.speaker != name and b.response == "toward" for b in bids),
        understanding_share=_share(replies),
        mean_understanding=_mean([r.scores.understanding for r in replies]),
        mean_caring=_mean([r.scores.caring for r in replies]),
        mean_exploration=_mean([r.scores.exploration for r in replies]),
        advice_before_understanding=sum("advice_before_understanding" in r.flag_names
                                        for r in replies),
    )
