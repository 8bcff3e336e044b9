"""``heartline weekly``: bring things to tell and ask, then the guided weekly check-in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Confirm

from heartline.cli.common import (
    Seen,
    VisibilityOption,
    WithOption,
    ask,
    check_safety,
    choose_visibility,
    saved,
)
from heartline.cli.context import practice_context

if TYPE_CHECKING:
    from heartline.practices.weekly import Brought, Content, ItemKind, Step
    from heartline.store import Store
    from heartline.store.values import Person, Relationship

HELP = """Your weekly check-in: thanks, things to tell, questions to ask, the week ahead.

During the week, bring a few things to tell and questions to ask. They stay
private (only you) until the check-in, unless you add --visibility shared so
the other person sees them ahead. Then sit down together, phones away, and
run the guided flow; if the week had a time-out or a hard moment, it opens a
short repair step. A missed week is never counted: just start again.

  heartline weekly --bring-tell "The call with my brother" --bring-ask "How did the dentist go?"
  heartline weekly
  heartline weekly --answer appreciate="Thanks for fixing the bike" \\
      --answer tell="Work was heavy" --no-conflict --visibility shared
"""


def weekly(
    ctx: typer.Context,
    bring_tell: Annotated[list[str] | None, typer.Option(
        "--bring-tell", metavar="TEXT",
        help="Add something to tell at the next check-in (repeat for more).")] = None,
    bring_ask: Annotated[list[str] | None, typer.Option(
        "--bring-ask", metavar="TEXT",
        help="Add a question to ask at the next check-in (repeat for more).")] = None,
    answer: Annotated[list[str] | None, typer.Option(
        "--answer", metavar="KEY=TEXT",
        help="A note for one step without being asked (repeat; keys: appreciate, tell, ask, "
             "week_ahead, repair, look_forward). Steps left out are skipped.")] = None,
    conflict: Annotated[bool | None, typer.Option(
        "--conflict/--no-conflict",
        help="Whether a moment this week needs mending; asked when left out and nothing in "
             "your history shows one (a time-out or debrief this week opens it anyway).")] = None,
    share_items: Annotated[bool | None, typer.Option(
        "--share-items/--keep-items-private",
        help="Share the things you brought with the other person once the check-in is "
             "saved (asked when left out; default keep private).")] = None,
    with_: WithOption = None,
    visibility: VisibilityOption = None,
) -> None:
    console = Console()
    store, person, relationship = practice_context(ctx, with_)
    if bring_tell or bring_ask:
        _bring(console, store, person, relationship,
               [("tell", t) for t in bring_tell or []] + [("ask", a) for a in bring_ask or []],
               visibility)
        return
    _check_in(console, store, person, relationship, answer, conflict=conflict,
              share_items=share_items, visibility=visibility)


def _bring(console: Console, store: Store, person: Person, relationship: Relationship | None,
           items: Sequence[tuple[ItemKind, str]], visibility: Seen | None) -> None:
    """Save brought items: private unless --visibility shared (nothing is asked)."""
    from heartline.practices import weekly as practice
    from heartline.practices.safety import safe_visibility

    wanted = choose_visibility(visibility or Seen.private, relationship, person.id).value
    analyses = [check_safety(console, text) if text.strip() else None for _, text in items]
    with store.write() as session:
        for (kind, text), analysis in zip(items, analyses, strict=True):
            stored = practice.bring(session, person, kind, text,
                                    relationship_id=relationship.id if relationship else None,
                                    visibility=safe_visibility(analysis, wanted),
                                    analysis=analysis.to_dict() if analysis else None)
    noun = "thing" if len(items) == 1 else "things"
    console.print(f"Brought {len(items)} {noun} for your next check-in.")
    saved(console, stored, relationship)


def _check_in(console: Console, store: Store, person: Person, relationship: Relationship | None,
              answer: list[str] | None, *, conflict: bool | None, share_items: bool | None,
              visibility: Seen | None) -> None:
    from datetime import UTC, datetime

    from heartline.practices import weekly as practice
    from heartline.practices.answers import parse_pairs
    from heartline.practices.safety import safe_visibility

    content = practice.content()
    given = parse_pairs(answer or [], content.step_keys)
    scripted = bool(answer)
    rid = relationship.id if relationship else None
    with store.read() as session:
        items = practice.brought(session, person, relationship_id=rid)
        detected = practice.had_conflict(session, person, relationship_id=rid,
                                         now=datetime.now(UTC))
    console.print(Panel(content.intro, title="Weekly check-in", border_style="green"))
    decided = practice.conflict_decision(detected=detected, said=conflict,
                                         repair_note=given.get(practice.REPAIR_STEP, ""))
    names = {p.id: p.name for p in relationship.others(person.id)} if relationship else {}
    answers, repair = _steps(console, content, items, names, given if scripted else None,
                             decided=decided, detected=detected)
    checkin = practice.Checkin(answers, items.ids(), repair)
    analysis = check_safety(console, checkin.as_text()) if checkin.as_text() else None
    wanted = choose_visibility(visibility, relationship, person.id, scripted=scripted)
    chosen = safe_visibility(analysis, wanted.value)
    share = _share_mine(items, relationship, share_items, scripted=scripted)
    if safe_visibility(analysis, "shared") != "shared":
        share = ()  # signs of abuse: nothing of this check-in goes to anyone else
    with store.write() as session:
        stored = practice.record(session, person, checkin,
                                 analysis.to_dict() if analysis else None, relationship_id=rid,
                                 visibility=chosen, share_mine=share)
    saved(console, stored, relationship)


def _steps(console: Console, content: Content, items: Brought, names: dict[str, str],
           given: dict[str, str] | None, *, decided: bool | None,
           detected: bool) -> tuple[dict[str, str], bool]:
    """Walk the steps in order; notes come from ``given`` (scripted) or are asked.

    At the repair step, whether to open it is settled (and asked if need be).
    """
    from heartline.practices.weekly import REPAIR_STEP

    answers, repair = {}, False
    for step in content.steps:
        if step.key == REPAIR_STEP:
            repair = _open_repair(console, content, decided, detected, scripted=given is not None)
            if not repair:
                continue
        _show_step(console, step, content, items, names)
        note = given.get(step.key, "") if given is not None else \
            ask("Your notes (Enter to skip)", None)
        if note:
            answers[step.key] = note
    return answers, repair


def _open_repair(console: Console, content: Content, decided: bool | None, detected: bool, *,
                 scripted: bool) -> bool:
    """Open the repair step when history or the person says so; otherwise ask."""
    if detected:
        console.print("[dim]This week had a time-out or a repair talk, so the check-in "
                      "includes a short repair step. Enter skips it.[/dim]")
    if decided is not None:
        return decided
    return False if scripted else Confirm.ask(content.conflict_question, default=False)


def _show_step(console: Console, step: Step, content: Content, items: Brought,
               names: dict[str, str]) -> None:
    from heartline.practices.conflict import DEBRIEF_CORE, debrief_content
    from heartline.practices.content import pick

    body = step.prompt
    if step.key in ("tell", "ask"):
        kind = step.key
        lines = [f"  • {escape(i.text)} [dim](you)[/dim]" for i in items.mine if i.item == kind]
        lines += [f"  • {escape(i.text)} [dim]({escape(names.get(i.author_id, 'them'))})[/dim]"
                  for i in items.theirs if i.item == kind]
        idea = pick(content.tell_prompts if kind == "tell" else content.ask_prompts)
        body += "\n\n" + ("Brought:\n" + "\n".join(lines) if lines else f"An idea: {idea}")
    if step.key == "repair":
        questions = [q.text for q in debrief_content().questions if q.key in DEBRIEF_CORE]
        body += "\n\n" + "\n".join(f"  • {q}" for q in questions)
    console.print(Panel(body, title=step.title, border_style="cyan"))


def _share_mine(items: Brought, relationship: Relationship | None, wanted: bool | None, *,
                scripted: bool) -> tuple[str, ...]:
    """Ids of your private items to share now, if you say so (never without a relationship)."""
    private = items.mine_private()
    if relationship is None or not private:
        return ()
    if wanted is None and not scripted:
        who = ", ".join(p.name for p in relationship.others(items.mine[0].author_id)) or "them"
        wanted = Confirm.ask(f"Share the {len(private)} things you brought with {who}, so "
                             "you both have them in the record?", default=False)
    return private if wanted else ()




weekly.__doc__ = HELP
