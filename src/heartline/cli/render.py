"""Rich views of analyses for the terminal: readable first, complete second."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from heartline.analysis.conversation import ConversationAnalysis
from heartline.analysis.results import SCORE_NAMES, ReplyAnalysis, ReplyPair, TurnAnalysis
from heartline.help.resources import resources_for

BAR_WIDTH = 20
SCORE_TITLES = {
    "understanding": "Understanding (they get it)",
    "caring": "Caring (feeling shows)",
    "exploration": "Drawing out",
    "intensity_match": "Matching intensity",
}
GOOD_LABELS = {"emotional_reaction", "reflection", "validation", "open_question", "support"}
RISKY_LABELS = {"advice", "reassurance", "minimizing", "criticism"}


def _bar(value: float) -> Text:
    filled = round(value * BAR_WIDTH)
    colour = "green" if value >= 0.6 else "yellow" if value >= 0.3 else "red"
    return Text("█" * filled, style=colour) + Text("░" * (BAR_WIDTH - filled), style="dim") + \
        Text(f" {value:.2f}")


def _label_style(label: str) -> str:
    if label in GOOD_LABELS:
        return "bold green"
    return "bold red" if label in RISKY_LABELS else "bold cyan"


def turn_view(turn: TurnAnalysis) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    feelings = ", ".join(f"{e.word} ({e.label} {e.score:.2f})" for e in turn.emotions)
    table.add_row("Feelings", feelings)
    table.add_row("Intensity", _bar(turn.intensity))
    table.add_row("Disclosure", turn.disclosure)
    table.add_row("Deflection", "yes: the polite script" if turn.deflection else "no")
    table.add_row("I feel… statement", "yes" if turn.i_feel else "no")
    table.add_row("Bid for connection", "yes" if turn.bid else "no")
    table.add_row("Safety", turn.safety)
    parts: list[RenderableType] = [Text(turn.text, style="italic"), table]
    if turn.safety != "none":
        parts.append(safety_view(turn))
    return Panel(Group(*parts), title="What they shared", border_style="blue")


def safety_view(turn: TurnAnalysis) -> RenderableType:
    lines = [Text("This sounds serious. Coaching can wait; your safety can't.", style="bold")]
    for item in resources_for(turn.safety):
        lines.append(Text(f"• {item.name}: {item.contact}  ({item.region})"))
    return Panel(Group(*lines), title="Help, right now", border_style="red")


def highlighted(reply: ReplyAnalysis) -> Text:
    text = Text(reply.text)
    for span in reply.spans:
        text.stylize("underline " + _label_style(span.label), span.start, span.end)
    return text


def reply_view(pair: ReplyPair) -> RenderableType:
    reply = pair.response
    parts: list[RenderableType] = [highlighted(reply), Text()]
    labels = Table("Label", "p", "Phrase", "Why", box=None, padding=(0, 1))
    for span in reply.spans:
        labels.add_row(Text(span.label, style=_label_style(span.label)),
                       f"{reply.score_of(span.label):.2f}",
                       repr(reply.text[span.start:span.end]), span.why)
    parts.append(labels if reply.spans else Text("No listening moves found.", style="dim"))
    scores = Table.grid(padding=(0, 2))
    for name in SCORE_NAMES:
        scores.add_row(SCORE_TITLES[name], _bar(getattr(reply.scores, name)))
    parts += [Text(), scores, Text()]
    for flag in reply.flags:
        parts.append(Text("⚑ " + flag.name.replace("_", " ") + ": ", style="bold yellow")
                     + Text(flag.why))
    parts += [Text(), Text("Try: ", style="bold green") + Text(reply.suggestion)]
    return Group(turn_view(pair.context), Panel(Group(*parts), title="Your reply",
                                                border_style="magenta"))


def conversation_view(analysis: ConversationAnalysis, source: str) -> RenderableType:
    summary = analysis.summary
    counts = summary.bid_counts
    head = Table.grid(padding=(0, 2))
    head.add_row("Turns", str(len(analysis.turns)))
    head.add_row("Replies that showed understanding", f"{summary.understanding_share:.0%}")
    head.add_row("Advice before understanding",
                 f"{summary.advice_before_understanding} of {summary.advice_given} "
                 "replies with advice")
    head.add_row("Bids", f"{len(summary.bids)}: {counts['toward']} toward, "
                 f"{counts['away']} away, {counts['against']} against, "
                 f"{counts['unanswered']} unanswered")
    people = Table("Speaker", "Turns", "Opened up", "Deflected", "Bids", "Understanding",
                   "Caring", "Drawing out", "Advice too early", title="Each person")
    for s in summary.speakers:
        people.add_row(s.speaker, str(s.turns), str(s.emotional_disclosures),
                       str(s.deflections), str(s.bids_made), f"{s.mean_understanding:.2f}",
                       f"{s.mean_caring:.2f}", f"{s.mean_exploration:.2f}",
                       str(s.advice_before_understanding))
    moments = _moments(analysis)
    return Group(Panel(head, title=f"Conversation: {source}", border_style="blue"), people,
                 moments)


def _moments(analysis: ConversationAnalysis) -> RenderableType:
    table = Table("#", "Speaker", "Said", "Reply moves", "Flags", title="Turn by turn",
                  show_lines=False)
    for i, turn in enumerate(analysis.turns, start=1):
        moves = ", ".join(turn.reply.labels) if turn.reply else ""
        flags = ", ".join(turn.reply.flag_names) if turn.reply else ""
        if turn.turn.safety != "none":
            flags = (flags + ", " if flags else "") + f"safety: {turn.turn.safety}"
        said = turn.text if len(turn.text) <= 80 else turn.text[:77] + "…"
        table.add_row(str(i), turn.speaker, said, moves, flags)
    return table
