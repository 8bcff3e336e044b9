"""Quality of what users get: labels after thresholds and rules, through ``Analyzer``.

Measures, on data never trained on:
- listener reply labels on the held-out split of ``corpus/listener``: per-label
  precision / recall / F1, macro-F1 over the twelve labels, the weakest label,
  and the ``turning_away`` / ``defensiveness`` flags;
- the same on the independent set ``corpus/evaluation`` when it exists, all its
  files together and then each file;
- annotator agreement, when ``corpus/agreement`` holds second annotations of
  held-out replies: each second annotator against the corpus labels, the
  annotators against each other, and heartline against the corpus labels on
  the same replies, so the gap to the target reads against what careful
  labelling reaches;
- GoEmotions test: macro-F1 over the 28 labels, predicted labels being the
  names in ``turn.emotions`` (``neutral`` alone when nothing clears a threshold);
- emotions in everyday shares (``corpus/emotions``, never trained on): the
  GoEmotions-trained labels on our own registers, macro-F1 over labels with
  enough turns and how often a shown feeling is one the speaker expressed;
- the held-out split of ``corpus/turns``: disclosure accuracy, F1 of
  deflection / i_feel / bid, safety precision and recall per class and false
  alarms on safety "none" turns.

Run from the repository root (needs the sentence model and the trained heads):

    PYTHONPATH=src python benchmarks/quality.py [--goemotions DIR] [--no-goemotions]

Writes benchmarks/results/quality.json.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from _common import (
    DEFAULT_GOEMOTIONS,
    REPO,
    Row,
    arg_parser,
    console,
    fail,
    print_table,
    require_dir,
    require_heads,
    write_results,
)

if TYPE_CHECKING:
    from heartline.analysis.engine import Analyzer
    from heartline.training.corpus import ReplyExample

TARGET_MACRO_F1 = 0.85
TARGET_MIN_F1 = 0.70
TARGET_GOEMOTIONS = 0.50
BERT_BASE_GOEMOTIONS = 0.46  # Demszky et al. (2020), BERT-base, 28 labels, test
CHUNK = 512  # well below the analyser's vector cache, so a batch never evicts itself
FLAGS = (("turning_away", "turning_away"), ("defensive", "defensiveness"))
SAFETY_CLASSES = ("self_harm", "abuse", "crisis")


@dataclass(frozen=True)
class Scores:
    """Binary precision / recall / F1; None where undefined (nothing to divide by)."""

    support: int
    predicted: int
    tp: int
    precision: float | None
    recall: float | None
    f1: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"support": self.support, "predicted": self.predicted, "tp": self.tp,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def scores(truth: Sequence[bool], pred: Sequence[bool]) -> Scores:
    tp = sum(t and p for t, p in zip(truth, pred, strict=True))
    support, predicted = sum(truth), sum(pred)
    fp, fn = predicted - tp, support - tp
    return Scores(support, predicted, tp,
                  tp / predicted if predicted else None,
                  tp / support if support else None,
                  2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None)


SUMMARY = ("macro_f1", "min_f1", "min_label")
EVERYDAY_MIN_SUPPORT = 10


def fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def macro(per_label: dict[str, Scores]) -> tuple[float, float, str]:
    """Macro-F1 over labels with a defined F1, the minimum F1 and its label."""
    defined = {k: s.f1 for k, s in per_label.items() if s.f1 is not None}
    if not defined:
        return float("nan"), float("nan"), "-"
    worst = min(defined, key=lambda k: defined[k])
    return sum(defined.values()) / len(defined), defined[worst], worst


def label_table(title: str, per_label: dict[str, Scores], floor: float | None) -> None:
    table = Table(title=title, title_justify="left")
    for name in ("label", "support", "predicted", "precision", "recall", "F1"):
        table.add_column(name, justify="left" if name == "label" else "right")
    for label, s in per_label.items():
        low = floor is not None and s.f1 is not None and s.f1 < floor
        f1 = f"[red]{fmt(s.f1)}[/red]" if low else fmt(s.f1)
        table.add_row(label, str(s.support), str(s.predicted), fmt(s.precision),
                      fmt(s.recall), f1)
    console.print(table)


def analyse_pairs(analyzer: Analyzer, pairs: list[tuple[str, str]]) -> list[Any]:
    out = []
    for start in range(0, len(pairs), CHUNK):
        out.extend(p.response for p in analyzer.replies(pairs[start : start + CHUNK]))
    return out


def label_scores(examples: list[ReplyExample], responses: list[Any]) -> dict[str, Scores]:
    from heartline.analysis.results import REPLY_LABELS

    return {label: scores([label in e.labels for e in examples],
                          [label in r.labels for r in responses])
            for label in REPLY_LABELS}


def evaluate_replies(examples: list[ReplyExample], responses: list[Any],
                     title: str) -> dict[str, Any]:
    per_label = label_scores(examples, responses)
    flags = {field: scores([getattr(e, field) for e in examples],
                           [flag in r.flag_names for r in responses])
             for field, flag in FLAGS}
    label_table(f"{title}: {len(examples)} replies, "
                f"{len({e.group for e in examples})} groups", {**per_label, **{
                    f"flag {f}": s for f, s in flags.items()}}, TARGET_MIN_F1)
    macro_f1, min_f1, worst = macro(per_label)
    print_table(f"{title}: summary", [
        Row("macro-F1 (12 labels)", f"{macro_f1:.3f}", f">= {TARGET_MACRO_F1}",
            macro_f1 >= TARGET_MACRO_F1),
        Row(f"minimum label F1 ({worst})", f"{min_f1:.3f}", f">= {TARGET_MIN_F1}",
            min_f1 >= TARGET_MIN_F1),
        *(Row(f"flag {f} F1", fmt(s.f1)) for f, s in flags.items()),
    ])
    return {"examples": len(examples), "macro_f1": macro_f1, "min_f1": min_f1,
            "min_f1_label": worst,
            "labels": {k: s.as_dict() for k, s in per_label.items()},
            "flags": {k: s.as_dict() for k, s in flags.items()}}


def evaluate_goemotions(analyzer: Analyzer, folder: Path) -> dict[str, Any]:
    from heartline.analysis.emotions import EMOTIONS
    from heartline.training.emotions import read_split

    path = folder / "test.tsv"
    if not path.is_file():
        fail(f"GoEmotions test split not found at {path} (use --goemotions DIR "
             "or --no-goemotions)")
    split = read_split(path)
    predicted: list[set[str]] = []
    for start in range(0, len(split.texts), CHUNK):
        predicted.extend({e.label for e in t.emotions}
                         for t in analyzer.turns(split.texts[start : start + CHUNK]))
    per_label = {label: scores([bool(row[i]) for row in split.labels],
                               [label in p for p in predicted])
                 for i, label in enumerate(EMOTIONS)}
    label_table(f"GoEmotions test: {len(split.texts)} texts", per_label, None)
    macro_f1, min_f1, worst = macro(per_label)
    print_table("GoEmotions test: summary", [
        Row("macro-F1 (28 labels)", f"{macro_f1:.3f}", f">= {TARGET_GOEMOTIONS} "
            f"(BERT-base {BERT_BASE_GOEMOTIONS})", macro_f1 >= TARGET_GOEMOTIONS),
        Row(f"minimum label F1 ({worst})", f"{min_f1:.3f}"),
    ])
    return {"texts": len(split.texts), "macro_f1": macro_f1, "min_f1": min_f1,
            "min_f1_label": worst, "labels": {k: s.as_dict() for k, s in per_label.items()}}


def evaluate_everyday_emotions(analyzer: Analyzer, folder: Path) -> dict[str, Any]:
    """The GoEmotions-trained emotions on our registers: everyday shares, good news first."""
    from heartline.analysis.emotions import EMOTIONS
    from heartline.training.corpus import read_emotion_turns

    examples = read_emotion_turns(folder)
    predicted = [{e.label for e in t.emotions}
                 for start in range(0, len(examples), CHUNK)
                 for t in analyzer.turns([e.text for e in examples[start : start + CHUNK]])]
    per_label = {label: scores([label in e.emotions for e in examples],
                               [label in p for p in predicted])
                 for label in EMOTIONS
                 if sum(label in e.emotions for e in examples) >= EVERYDAY_MIN_SUPPORT}
    hit = sum(bool(p & e.emotions) for p, e in zip(predicted, examples, strict=True))
    label_table(f"emotions in everyday shares: {len(examples)} turns", per_label, None)
    macro_f1, min_f1, worst = macro(per_label)
    print_table("emotions in everyday shares: summary", [
        Row(f"macro-F1 ({len(per_label)} labels with {EVERYDAY_MIN_SUPPORT}+ turns)",
            f"{macro_f1:.3f}"),
        Row("turns where a shown feeling is one the speaker expressed",
            f"{hit / len(examples):.3f}"),
        Row(f"minimum label F1 ({worst})", f"{min_f1:.3f}"),
    ])
    return {"turns": len(examples), "macro_f1": macro_f1, "any_right": hit / len(examples),
            "labels": {k: v.as_dict() for k, v in per_label.items()}}


def evaluate_turns(analyzer: Analyzer, folder: Path) -> dict[str, Any]:
    from heartline.training.corpus import is_heldout, read_turns

    examples = [e for e in read_turns(folder) if is_heldout(e.text)]
    if not examples:
        fail(f"no held-out turns in {folder}")
    turns = [t for start in range(0, len(examples), CHUNK)
             for t in analyzer.turns([e.text for e in examples[start : start + CHUNK]])]
    accuracy = sum(t.disclosure == e.disclosure
                   for t, e in zip(turns, examples, strict=True)) / len(examples)
    binary = {name: scores([getattr(e, name) for e in examples],
                           [getattr(t, name) for t in turns])
              for name in ("deflection", "i_feel", "bid")}
    safety = {name: scores([e.safety == name for e in examples],
                           [t.safety == name for t in turns]) for name in SAFETY_CLASSES}
    calm = [t for t, e in zip(turns, examples, strict=True) if e.safety == "none"]
    false_alarms = sum(t.safety != "none" for t in calm)
    missed = sum(t.safety == "none" for t, e in zip(turns, examples, strict=True)
                 if e.safety != "none")
    label_table(f"turns held-out: {len(examples)} turns",
                {**binary, **{f"safety {k}": s for k, s in safety.items()}}, None)
    print_table("turns held-out: summary", [
        Row("disclosure accuracy", f"{accuracy:.3f}"),
        Row("safety false alarms on 'none' turns", f"{false_alarms} / {len(calm)}"),
        Row("safety turns missed (predicted 'none')",
            f"{missed} / {len(examples) - len(calm)}"),
    ])
    return {"examples": len(examples), "disclosure_accuracy": accuracy,
            **{k: s.as_dict() for k, s in binary.items()},
            "safety": {k: s.as_dict() for k, s in safety.items()},
            "safety_false_alarms": false_alarms, "safety_none_examples": len(calm),
            "safety_missed": missed}


def label_sets(examples: Sequence[ReplyExample]) -> list[frozenset[str]]:
    """The twelve labels plus the two reply properties, one set per reply."""
    return [e.labels | {field for field, _ in FLAGS if getattr(e, field)} for e in examples]


def agreement(a: list[frozenset[str]], b: list[frozenset[str]]) -> tuple[float, float, str]:
    """Macro-F1 over the twelve labels of ``b`` read against ``a``, the minimum and its label."""
    from heartline.analysis.results import REPLY_LABELS

    return macro({label: scores([label in x for x in a], [label in y for y in b])
                  for label in REPLY_LABELS})


def key(e: ReplyExample) -> tuple[str, str, str]:
    return e.group, e.context, e.response


def evaluate_agreement(folder: Path, heldout: list[ReplyExample],
                       responses: list[Any]) -> dict[str, Any]:
    """Second annotators and heartline, each against the corpus labels of the same replies."""
    from heartline.training.corpus import read_reply_file

    gold = {key(e): e for e in heldout}
    analysed = {key(e): r for e, r in zip(heldout, responses, strict=True)}
    annotators = {path.stem: read_reply_file(path) for path in sorted(folder.glob("*.jsonl"))}
    rows, out = [], {}
    for name, items in annotators.items():
        stray = sum(key(e) not in gold for e in items)
        if stray:
            fail(f"{folder / name}.jsonl: {stray} replies are not in the held-out split")
        truth = label_sets([gold[key(e)] for e in items])
        ours = [frozenset(r.labels) | {field for field, flag in FLAGS if flag in r.flag_names}
                for r in (analysed[key(e)] for e in items)]
        theirs, mine = agreement(truth, label_sets(items)), agreement(truth, ours)
        out[name] = {"replies": len(items), "annotator": dict(zip(SUMMARY, theirs, strict=True)),
                     "heartline": dict(zip(SUMMARY, mine, strict=True))}
        rows += [Row(f"{name} against the corpus labels ({len(items)} replies)", fmt3(theirs)),
                 Row("heartline against the corpus labels, same replies", fmt3(mine))]
    names = list(annotators)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            theirs = {key(e): e for e in annotators[b]}
            shared = [e for e in annotators[a] if key(e) in theirs]
            if shared:
                m = agreement(label_sets(shared), label_sets([theirs[key(e)] for e in shared]))
                out[f"{a} vs {b}"] = {"replies": len(shared), **dict(zip(SUMMARY, m, strict=True))}
                rows.append(Row(f"{a} against {b} ({len(shared)} replies)", fmt3(m)))
    print_table("annotator agreement on held-out replies: macro-F1 / weakest label", rows)
    return out


def evaluate_independent(analyzer: Analyzer, folder: Path) -> dict[str, Any] | None:
    """The never-trained-on replies of ``corpus/evaluation``: all together, then each file,
    since each file was written to its own brief and their figures move differently."""
    from heartline.training.corpus import read_reply_file

    files = {p.stem: read_reply_file(p) for p in sorted(folder.glob("*.jsonl"))} \
        if folder.is_dir() else {}
    examples = [e for part in files.values() for e in part]
    if not examples:
        console.print(f"independent set: skipped, no *.jsonl in {folder}")
        return None
    responses = analyse_pairs(analyzer, [(e.context, e.response) for e in examples])
    result = evaluate_replies(examples, responses, "independent set")
    result["by_file"], rows, start = {}, [], 0
    for name, part in files.items():
        summary = macro(label_scores(part, responses[start : start + len(part)]))
        start += len(part)
        result["by_file"][name] = {"examples": len(part), "macro_f1": summary[0],
                                   "min_f1": summary[1], "min_f1_label": summary[2]}
        rows.append(Row(f"{name} ({len(part)} replies)", fmt3(summary)))
    print_table("independent set by file: macro-F1 / weakest label", rows)
    return result


def fmt3(summary: tuple[float, float, str]) -> str:
    return f"{summary[0]:.3f} / {summary[1]:.3f} ({summary[2]})"


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus",
                        help="corpus folder with listener/, turns/ and evaluation/")
    parser.add_argument("--goemotions", type=Path, default=DEFAULT_GOEMOTIONS,
                        help="GoEmotions folder with test.tsv (default: %(default)s)")
    parser.add_argument("--no-goemotions", action="store_true",
                        help="skip the GoEmotions test split")
    args = parser.parse_args()

    listener = require_dir(args.corpus / "listener", "listener corpus")
    turns = require_dir(args.corpus / "turns", "turn corpus")
    if not args.no_goemotions:
        require_dir(args.goemotions, "GoEmotions (use --goemotions DIR or --no-goemotions)")
    require_heads()
    from heartline.analysis.engine import Analyzer
    from heartline.training.corpus import is_heldout, read_replies

    analyzer = Analyzer()  # one fresh analyser; the cache only spares repeated contexts
    results: dict[str, Any] = {}
    timings: dict[str, float] = {}
    start = time.perf_counter()
    heldout = [e for e in read_replies(listener) if is_heldout(e.group)]
    if not heldout:
        fail(f"no held-out replies in {listener}")
    held_responses = analyse_pairs(analyzer, [(e.context, e.response) for e in heldout])
    results["listener_heldout"] = evaluate_replies(heldout, held_responses, "listener held-out")
    timings["listener_heldout"] = time.perf_counter() - start

    second = args.corpus / "agreement"
    if second.is_dir():
        results["annotator_agreement"] = evaluate_agreement(second, heldout, held_responses)
    start = time.perf_counter()
    results["independent_set"] = evaluate_independent(analyzer, args.corpus / "evaluation")
    timings["independent_set"] = time.perf_counter() - start

    if args.no_goemotions:
        results["goemotions_test"] = None
    else:
        start = time.perf_counter()
        results["goemotions_test"] = evaluate_goemotions(analyzer, args.goemotions)
        timings["goemotions_test"] = time.perf_counter() - start

    everyday = args.corpus / "emotions"
    if everyday.is_dir():
        start = time.perf_counter()
        results["everyday_emotions"] = evaluate_everyday_emotions(analyzer, everyday)
        timings["everyday_emotions"] = time.perf_counter() - start

    start = time.perf_counter()
    results["turns_heldout"] = evaluate_turns(analyzer, turns)
    timings["turns_heldout"] = time.perf_counter() - start

    results["model"] = analyzer.model.to_dict()
    results["targets"] = {"listener_macro_f1": TARGET_MACRO_F1,
                          "listener_min_label_f1": TARGET_MIN_F1,
                          "goemotions_macro_f1": TARGET_GOEMOTIONS,
                          "goemotions_bert_base_published": BERT_BASE_GOEMOTIONS}
    results["seconds"] = timings
    write_results("quality", results)


if __name__ == "__main__":
    main()
