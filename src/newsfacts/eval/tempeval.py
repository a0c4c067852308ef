"""TempEval-3 scoring of time expressions (shared by the TimeML and MEANTIME evals).

Extents are compared on tokens (words and single punctuation marks of the raw
text): strict = the same first and last token, relaxed = any shared token.
Type and value accuracy are measured over relaxed matches; type F1 and value F1
are that accuracy times the relaxed extent F1 (UzZaman et al. 2013).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"\w+|[^\w\s]")
# Notational variants of one value found in the gold data; value_normalised (an extra,
# not a TempEval-3 figure) forgives them, the official value figures do not.
VARIANTS = [(re.compile(r"-W0(\d)\b"), r"-W\1"), (re.compile(r"^(\d{3})X$"), r"\1"),
            (re.compile(r"^FY(\d{4})$"), r"\1"), (re.compile(r"(-XX)+$"), ""),
            (re.compile(r"^P1DE$"), "P10Y"), (re.compile(r"^P1CE$"), "P100Y")]


@dataclass
class Timex:
    """One time expression: a character span of a document's raw text and its attributes."""
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    text: str = ""


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    value_normalised_ok: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: "Counts") -> None:
        for name in ("gold", "predicted", "strict", "relaxed", "type_ok", "value_ok",
                     "value_normalised_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


def token_range(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """(first, last) indices of the tokens that a character span touches, or None."""
    inside = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    return (inside[0], inside[-1]) if inside else None


def score_document(text: str, gold: list[Timex], predicted: list[Timex], name: str = "") -> Counts:
    """Counts for one document; each gold timex matches at most one prediction."""
    spans = token_spans(text)
    gold_ranges = [(g, token_range(spans, g.start, g.end)) for g in gold]
    pred_ranges = [(p, token_range(spans, p.start, p.end)) for p in predicted]
    gold_ranges = [(g, r) for g, r in gold_ranges if r]
    pred_ranges = [(p, r) for p, r in pred_ranges if r]
    counts = Counts(gold=len(gold_ranges), predicted=len(pred_ranges))
    used: set[int] = set()
    for g, gr in gold_ranges:
        match = _best_match(gr, pred_ranges, used)
        if match is None:
            counts.errors.append(_error(name, "missed", g, None))
            continue
        used.add(match)
        p, pr = pred_ranges[match]
        counts.relaxed += 1
        counts.strict += pr == gr
        counts.type_ok += p.type == g.type
        counts.value_ok += p.value == g.value
        counts.value_normalised_ok += normalise_value(p.value) == normalise_value(g.value)
        if pr != gr or p.type != g.type or p.value != g.value:
            counts.errors.append(_error(name, "mismatch", g, p))
    for i, (p, _) in enumerate(pred_ranges):
        if i not in used:
            counts.errors.append(_error(name, "spurious", None, p))
    return counts


def normalise_value(value: str) -> str:
    for pattern, replacement in VARIANTS:
        value = pattern.sub(replacement, value)
    return value


def _best_match(gold_range, pred_ranges, used) -> int | None:
    best, best_overlap = None, 0
    g0, g1 = gold_range
    for i, (_, (p0, p1)) in enumerate(pred_ranges):
        overlap = min(g1, p1) - max(g0, p0) + 1
        if i not in used and overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


def _error(name: str, kind: str, gold: Timex | None, pred: Timex | None) -> dict:
    def show(t):
        if t is None:
            return None
        return {"text": t.text, "type": t.type, "value": t.value, "mod": t.mod}
    return {"doc": name, "kind": kind, "gold": show(gold), "pred": show(pred)}


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summarise(counts: Counts) -> dict:
    """The TempEval-3 figures from summed counts."""
    def prf(hits_pred: int, hits_gold: int) -> tuple[float, float, float]:
        p = hits_pred / counts.predicted if counts.predicted else 0.0
        r = hits_gold / counts.gold if counts.gold else 0.0
        return p, r, f1(p, r)
    sp, sr, sf = prf(counts.strict, counts.strict)
    rp, rr, rf = prf(counts.relaxed, counts.relaxed)
    type_acc = counts.type_ok / counts.relaxed if counts.relaxed else 0.0
    value_acc = counts.value_ok / counts.relaxed if counts.relaxed else 0.0
    lenient_acc = counts.value_normalised_ok / counts.relaxed if counts.relaxed else 0.0
    return {
        "gold": counts.gold, "predicted": counts.predicted,
        "strict": {"precision": sp, "recall": sr, "f1": sf},
        "relaxed": {"precision": rp, "recall": rr, "f1": rf},
        "type": {"accuracy": type_acc, "f1": type_acc * rf},
        "value": {"accuracy": value_acc, "f1": value_acc * rf},
        "value_normalised": {"accuracy": lenient_acc, "f1": lenient_acc * rf},
    }


def format_table(title: str, summary: dict) -> str:
    rows = [f"{title}: {summary['gold']} gold, {summary['predicted']} predicted",
            f"{'':16} {'P':>7} {'R':>7} {'F1':>7} {'acc':>7}"]
    for name in ("strict", "relaxed"):
        s = summary[name]
        rows.append(f"{name:16} {s['precision']:7.4f} {s['recall']:7.4f} {s['f1']:7.4f}")
    for name in ("type", "value", "value_normalised"):
        s = summary[name]
        rows.append(f"{name:16} {'':7} {'':7} {s['f1']:7.4f} {s['accuracy']:7.4f}")
    rows.append("(value_normalised, not a TempEval-3 figure, forgives notational variants: "
                "W06/W6, 199X/199, FY1989/1989, 1949-XX/1949, P1DE/P10Y)")
    return "\n".join(rows)
