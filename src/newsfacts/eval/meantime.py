"""`newsfacts eval meantime DIR`: TempEval-3 scoring of the times extractor on MEANTIME.

MEANTIME (NewsReader) CAT XML files hold tokens (t_id, sentence) and TIMEX3
markables anchored to tokens. The raw text is rebuilt from the tokens (one
space between tokens, one newline between sentences); the creation-time TIMEX3
(the dateline) gives the publication date and is not scored. Only sentences
0-5 (title, dateline, first four body sentences) are annotated, so gold and
predicted expressions outside them are left out.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NewsfactsError
from .cat_text import read_cat
from .tempeval import Counts, Timex, format_table, score_document, summarise
from .timeml import predict

ANNOTATED_SENTENCES = 6


@dataclass
class MeantimeDoc:
    name: str
    dct: str | None
    text: str
    gold: list[Timex] = field(default_factory=list)
    annotated_end: int = 0  # character offset where the unannotated part begins
    dct_span: tuple[int, int] | None = None


def read_meantime(path: Path) -> MeantimeDoc:
    """Text, DCT and gold TIMEX3 (creation time excluded) of one CAT XML file."""
    try:
        cat = read_cat(path)
    except ET.ParseError as err:
        raise NewsfactsError(f"{path}: not a MEANTIME CAT XML file ({err})") from None
    text = cat.text
    annotated = [t.end for t in cat.tokens if t.sentence < ANNOTATED_SENTENCES]
    doc = MeantimeDoc(path.stem, None, text, annotated_end=max(annotated, default=len(text)))
    for timex in cat.root.iter("TIMEX3"):
        anchors = [t for t in (cat.token(a.get("t_id")) for a in timex.findall("token_anchor")) if t]
        if not anchors:
            continue
        start, end = min(t.start for t in anchors), max(t.end for t in anchors)
        if "CREATION_TIME" in (timex.get("functionInDocument") or ""):
            doc.dct, doc.dct_span = (timex.get("value") or "")[:10] or None, (start, end)
            continue
        doc.gold.append(Timex(start, end, timex.get("type", ""), timex.get("value", ""),
                              timex.get("mod") or None, text[start:end]))
    doc.gold.sort(key=lambda t: t.start)
    return doc


def scored_predictions(doc: MeantimeDoc, predicted: list[Timex]) -> list[Timex]:
    """Predictions inside the annotated sentences, except the dateline (the DCT)."""
    def keep(t: Timex) -> bool:
        if t.start >= doc.annotated_end:
            return False
        return not (doc.dct_span and t.start < doc.dct_span[1] and t.end > doc.dct_span[0])
    return [t for t in predicted if keep(t)]


def evaluate(docs: list[MeantimeDoc], parsed) -> tuple[Counts, dict[str, Counts]]:
    total, per_doc = Counts(), {}
    for doc, spacy_doc in zip(docs, parsed):
        predicted = scored_predictions(doc, predict(spacy_doc, doc.text, doc.dct))
        per_doc[doc.name] = score_document(doc.text, doc.gold, predicted, doc.name)
        total.add(per_doc[doc.name])
    return total, per_doc


def run(directory: str, out: str | None = None, nlp=None) -> tuple[str, dict]:
    """Score the times extractor on every MEANTIME .xml file under directory.

    out is accepted for symmetry with the other evals; predictions are not written.
    """
    from ..pipeline.nlp import load_nlp
    files = sorted(Path(directory).rglob("*.xml"))
    if not files:
        raise NewsfactsError(f"{directory}: no MEANTIME .xml files found")
    docs = [read_meantime(path) for path in files]
    nlp = nlp or load_nlp()
    total, _ = evaluate(docs, nlp.pipe(d.text for d in docs))
    summary = {"documents": len(docs), **summarise(total)}
    return format_table(f"MEANTIME {directory}", summary), summary
