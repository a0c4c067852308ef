"""`newsfacts eval 5w1h DIR`: the main event (5W1H) against Giveme5W1H's coder annotations.

DIR holds news-please JSON files with a `fiveWoneH` object: for each W, the
phrases the coders chose, each with `coderPhraseCount` (how many of the three
coders chose it), `text` (absent when the coders agreed there is none) and,
for when, `parsed` (the date it means). Scoring (issue #8):

- a gold phrase is one at least two coders chose (MIN_CODERS);
- an answer is correct when the F1 of its content words (lower-cased word
  tokens minus spaCy's English stop words) against a gold phrase's is at least
  MIN_F1; for when, a normalised date equal to the gold `parsed` date counts too;
- precision: correct answers / answers given (an answer where no gold phrase
  exists counts as wrong); recall: articles with a gold phrase that got a
  correct answer / articles with a gold phrase.

Our answers come from Facts.main_event; the baseline's from the same facts
taken naively (first entity, lead sentence, first date, first place). Each
article is read as `newsfacts extract` reads a news-please file: the headline,
a blank line, then the body (the document the coders annotated).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ..article import Article
from ..errors import NewsfactsError

WS = ("who", "what", "when", "where", "why", "how")
MAIN_WS = ("who", "what", "when", "where")
MIN_CODERS = 2
MIN_F1 = 0.34
WORD = re.compile(r"\w+")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
BASELINE_WHO = ("PERSON", "ORG", "GPE", "NORP")
BASELINE_WHERE = ("GPE", "LOC", "FAC")
BASELINE_WHEN = ("DATE", "TIME")


@dataclass
class Gold:
    texts: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return bool(self.texts or self.dates)


@dataclass
class Annotated:
    name: str
    article: Article
    gold: dict[str, Gold]


@dataclass
class Tally:
    answered: int = 0
    correct: int = 0
    with_gold: int = 0
    found: int = 0  # articles with gold that got a correct answer

    @property
    def precision(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.with_gold if self.with_gold else 0.0


# ---------------------------------------------------------------- reading

def read_annotated(path: Path) -> Annotated:
    """The article (as `newsfacts extract` reads it) and the phrases at least
    MIN_CODERS coders chose, per W."""
    from ..ingest.readers import newsplease_article
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        annotations = record["fiveWoneH"]
    except (ValueError, KeyError, TypeError) as err:
        raise NewsfactsError(f"{path}: not a news-please JSON file with fiveWoneH annotations ({err})") from None
    if str(record.get("date_publish")).strip() in ("None", "null", ""):
        record["date_publish"] = None  # the data set writes a missing date as the string "None"
    article = newsplease_article(record, name=str(path), id=path.stem)
    return Annotated(path.stem, article, {w: _gold(annotations.get(w) or {}) for w in WS})


def _gold(annotation: dict[str, Any]) -> Gold:
    gold = Gold()
    for phrase in annotation.get("annotated") or []:
        if (phrase.get("coderPhraseCount") or 0) < MIN_CODERS:
            continue
        if (phrase.get("text") or "").strip():
            gold.texts.append(phrase["text"])
        if phrase.get("parsed"):
            gold.dates.append(str(phrase["parsed"])[:10])
    return gold


# ---------------------------------------------------------------- scoring

def content_words(text: str) -> Counter:
    """Lower-cased word tokens without stop words or one-letter leftovers ("s" of "'s")."""
    words = (w for w in WORD.findall(text.lower()))
    return Counter(w for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit()))


def token_f1(answer: str, gold: str) -> float:
    ours, theirs = content_words(answer), content_words(gold)
    common = sum((ours & theirs).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ours.values()), common / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def is_correct(w: str, answer: dict[str, Any], gold: Gold) -> bool:
    if any(token_f1(answer.get("text") or "", phrase) >= MIN_F1 for phrase in gold.texts):
        return True
    value = answer.get("value") or ""
    return w == "when" and bool(DAY.match(value)) and value[:10] in gold.dates


def score(answers: list[dict[str, Any] | None], golds: list[dict[str, Gold]]) -> dict[str, Tally]:
    """answers: one main event (who..how -> answer or None) per article, in the order of golds."""
    tallies = {w: Tally() for w in WS}
    for main_event, gold in zip(answers, golds):
        for w in WS:
            answer, tally = (main_event or {}).get(w), tallies[w]
            right = bool(answer) and is_correct(w, answer, gold[w])
            tally.answered += bool(answer)
            tally.correct += right
            tally.with_gold += gold[w].exists
            tally.found += right and gold[w].exists
    return tallies


# ---------------------------------------------------------------- the baseline

def baseline(facts: dict[str, Any]) -> dict[str, Any]:
    """First entity, lead sentence, first date, first place: the issue's yardstick."""
    text = facts["article"]["text"]
    lead = _lead_sentence(facts, text)
    when = next((t for t in sorted(facts["times"], key=lambda t: t["start"])
                 if t["type"] in BASELINE_WHEN), None)
    return {"who": _first_mention(facts, BASELINE_WHO), "what": lead,
            "when": when and {"start": when["start"], "end": when["end"], "text": when["text"],
                              "value": when["value"]},
            "where": _first_mention(facts, BASELINE_WHERE), "why": None, "how": None}


def _first_mention(facts: dict[str, Any], types: tuple[str, ...]) -> dict[str, Any] | None:
    mentions = [m for e in facts["entities"] if e["type"] in types for m in e["mentions"]]
    return min(mentions, key=lambda m: m["start"], default=None)


def _lead_sentence(facts: dict[str, Any], text: str) -> dict[str, Any] | None:
    sentences = [e["sentence"] for e in facts["events"] if e.get("sentence")]
    if sentences:
        first = min(sentences, key=lambda s: s["start"])
        return {"start": first["start"], "end": first["end"], "text": first["text"]}
    stripped = text.strip()
    if not stripped:
        return None
    start = text.index(stripped[0])
    end = start + len(stripped.split("\n")[0])
    return {"start": start, "end": end, "text": text[start:end]}


# ---------------------------------------------------------------- running

def format_table(title: str, systems: dict[str, dict[str, Tally]]) -> str:
    lines = [title, "", f"| {'system':<14} | {'W':<5} | {'answered':>8} | {'correct':>7} | "
             f"{'P':>6} | {'gold':>4} | {'found':>5} | {'R':>6} |", "|" + "|".join(
                 "-" * n for n in (16, 7, 10, 9, 8, 6, 7, 8)) + "|"]
    for system, tallies in systems.items():
        for w in WS:
            t = tallies[w]
            lines.append(f"| {system:<14} | {w:<5} | {t.answered:>8} | {t.correct:>7} | "
                         f"{t.precision:6.3f} | {t.with_gold:>4} | {t.found:>5} | {t.recall:6.3f} |")
        lines.append(f"| {system:<14} | {'mean4':<5} | {'':>8} | {'':>7} | "
                     f"{mean_precision(tallies):6.3f} | {'':>4} | {'':>5} | {mean_recall(tallies):6.3f} |")
    return "\n".join(lines)


def mean_precision(tallies: dict[str, Tally]) -> float:
    return sum(tallies[w].precision for w in MAIN_WS) / len(MAIN_WS)


def mean_recall(tallies: dict[str, Tally]) -> float:
    return sum(tallies[w].recall for w in MAIN_WS) / len(MAIN_WS)


def summarise(tallies: dict[str, Tally]) -> dict[str, Any]:
    per_w = {w: {"answered": t.answered, "correct": t.correct, "precision": round(t.precision, 4),
                 "with_gold": t.with_gold, "found": t.found, "recall": round(t.recall, 4)}
             for w, t in tallies.items()}
    return {**per_w, "mean_precision_who_what_when_where": round(mean_precision(tallies), 4),
            "mean_recall_who_what_when_where": round(mean_recall(tallies), 4)}


def extract_all(annotated: list[Annotated], name: str, nlp=None) -> list[dict[str, Any]]:
    """Each article's newsfacts/1 record; the texts are parsed once and cached."""
    from ..facts import build_facts
    from .doc_cache import parse_cached
    docs = parse_cached([a.article.text for a in annotated], name, nlp=nlp)
    return [build_facts(doc, a.article).to_dict() for doc, a in zip(docs, annotated)]


def run(directory: str, out: str | None = None, nlp=None) -> tuple[str, dict]:
    """Score our main events and the lead-sentence baseline on every .json file under directory.

    out: each article's main event (with candidates) is written there as NAME.json.
    """
    files = sorted(p for p in Path(directory).rglob("*.json"))
    if not files:
        raise NewsfactsError(f"{directory}: no news-please .json files found")
    annotated = [read_annotated(path) for path in files]
    records = extract_all(annotated, "giveme5w1h", nlp)
    golds = [a.gold for a in annotated]
    systems = {"newsfacts": score([r.get("main_event") for r in records], golds),
               "baseline": score([baseline(r) for r in records], golds)}
    if out:
        _write(out, annotated, records)
    table = format_table(f"Giveme5W1H {directory} ({len(files)} articles; gold: phrases "
                         f">= {MIN_CODERS} coders chose; correct: content-word F1 >= {MIN_F1})", systems)
    summary = {"documents": len(files), **{name: summarise(t) for name, t in systems.items()}}
    return table, summary


def _write(out: str, annotated: list[Annotated], records: list[dict[str, Any]]) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for item, record in zip(annotated, records):
        (folder / f"{item.name}.json").write_text(json.dumps(
            {"title": item.article.title, "main_event": record.get("main_event")},
            ensure_ascii=False, indent=2), encoding="utf-8")
