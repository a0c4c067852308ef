"""`newsfacts eval timeml DIR`: TempEval-3 scoring of the times extractor on TimeML files.

For each .tml file the gold tags are stripped from the TEXT element, the raw
text goes through the pipeline with the <DCT> as publication date, and the
predicted TIMEX3 are scored against the gold ones (see eval/tempeval.py).
"""
from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..errors import NewsfactsError
from .tempeval import Counts, Timex, format_table, score_document, summarise

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
DCT = re.compile(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", re.S)
TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass
class TimemlDoc:
    name: str
    dct: str
    text: str
    gold: list[Timex] = field(default_factory=list)
    source: str = ""


def read_timeml(path: Path) -> TimemlDoc:
    """The raw text of a TimeML file's TEXT element, its DCT and its gold TIMEX3."""
    source = path.read_text(encoding="utf-8")
    dct, body = DCT.search(source), TEXT.search(source)
    if not dct or not body:
        raise NewsfactsError(f"{path}: not a TimeML file with <DCT> and <TEXT>")
    text, gold = strip_tags(body.group(1))
    return TimemlDoc(path.stem, dct.group(1)[:10], text, gold, source)


def strip_tags(markup: str) -> tuple[str, list[Timex]]:
    """Text without tags (entities decoded) and the TIMEX3 found, as character spans of it."""
    text, tagged = tagged_spans(markup, {"TIMEX3"})
    timexes = [Timex(start, end, attrs.get("type", ""), attrs.get("value", ""),
                     attrs.get("mod"), text[start:end]) for start, end, _, attrs in tagged]
    return text, sorted(timexes, key=lambda t: t.start)


def tagged_spans(markup: str, names: set[str]) -> tuple[str, list[tuple[int, int, str, dict]]]:
    """Text without tags (entities decoded) and (start, end, tag name, attributes) of
    every element named in names, as character spans of that text."""
    pieces: list[str] = []
    length, pos = 0, 0
    opened: list[tuple[int, str, dict]] = []
    found: list[tuple[int, int, str, dict]] = []
    for m in TAG.finditer(markup):
        chunk = html.unescape(markup[pos:m.start()])
        pieces.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, empty = m.groups()
        if name not in names or empty:
            continue
        if not closing:
            opened.append((length, name, dict(ATTR.findall(attrs))))
        elif opened:
            start, name_of, attrs_of = opened.pop()
            found.append((start, length, name_of, attrs_of))
    pieces.append(html.unescape(markup[pos:]))
    return "".join(pieces), found


def predict(doc, text: str, dct: str) -> list[Timex]:
    """Predicted timexes of one parsed document (doc is the spaCy Doc of text)."""
    from ..article import Article
    from ..pipeline.times import extract_times
    article = Article(text=text, published=dct)
    return [Timex(t.start, t.end, t.type, t.value, t.mod, t.text)
            for t in extract_times(doc, article)]


def write_timeml(doc: TimemlDoc, predicted: list[Timex], path: Path) -> None:
    """A TimeML file with the DCT and the raw text with predicted TIMEX3 tags."""
    parts, pos = [], 0
    for i, t in enumerate(sorted(predicted, key=lambda t: t.start), start=1):
        if t.start < pos:
            continue
        mod = f" mod={quoteattr(t.mod)}" if t.mod else ""
        parts.append(escape(doc.text[pos:t.start]))
        parts.append(f'<TIMEX3 tid="t{i}" type={quoteattr(t.type)} value={quoteattr(t.value)}'
                     f'{mod}>{escape(doc.text[t.start:t.end])}</TIMEX3>')
        pos = t.end
    parts.append(escape(doc.text[pos:]))
    dct = DCT.search(doc.source).group(0) if doc.source else ""
    path.write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(doc.name)}</DOCID>\n\n{dct}\n\n"
        f"<TEXT>{''.join(parts)}</TEXT>\n\n</TimeML>\n",
        encoding="utf-8")


def find_files(directory: str | Path, suffix: str = ".tml") -> list[Path]:
    files = sorted(Path(directory).rglob(f"*{suffix}"))
    if not files:
        raise NewsfactsError(f"{directory}: no {suffix} files found")
    return files


def evaluate(docs: list[TimemlDoc], parsed,
             out: str | None = None) -> tuple[Counts, dict[str, Counts]]:
    """Score parsed documents (an iterable of spaCy Docs, in the order of docs)."""
    total, per_doc = Counts(), {}
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
    for doc, spacy_doc in zip(docs, parsed):
        predicted = predict(spacy_doc, doc.text, doc.dct)
        per_doc[doc.name] = score_document(doc.text, doc.gold, predicted, doc.name)
        total.add(per_doc[doc.name])
        if out:
            write_timeml(doc, predicted, Path(out) / f"{doc.name}.tml")
    return total, per_doc


def run(directory: str, out: str | None = None, nlp=None) -> tuple[str, dict]:
    """Score the times extractor on every .tml file under directory."""
    from ..pipeline.nlp import load_nlp
    docs = [read_timeml(path) for path in find_files(directory)]
    nlp = nlp or load_nlp()
    total, _ = evaluate(docs, _parse(docs, nlp), out)
    summary = {"documents": len(docs), **summarise(total)}
    return format_table(f"TimeML {directory}", summary), summary


def _parse(docs: list[TimemlDoc], nlp):
    """The parsed texts; with NEWSFACTS_EVAL_CACHE set, parsed once and kept (DocBin) there."""
    texts = [d.text for d in docs]
    if os.environ.get("NEWSFACTS_EVAL_CACHE"):
        from .doc_cache import parse_cached
        return parse_cached(texts, "timeml", nlp)
    return nlp.pipe(texts)
