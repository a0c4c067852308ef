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
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise NewsfactsError(f"{path}: not a MEANTIME CAT XML file ({err})") from None
    text, spans, annotated_end = _rebuild_text(root)
    doc = MeantimeDoc(path.stem, None, text, annotated_end=annotated_end)
    for timex in root.iter("TIMEX3"):
        anchors = [spans[a.get("t_id")] for a in timex.findall("token_anchor")
                   if a.get("t_id") in spans]
        if not anchors:
            continue
        start, end = min(s for s, _ in anchors), max(e for _, e in anchors)
        if "CREATION_TIME" in (timex.get("functionInDocument") or ""):
            doc.dct, doc.dct_span = (timex.get("value") or "")[:10] or None, (start, end)
            continue
        doc.gold.append(Timex(start, end, timex.get("type", ""), timex.get("value", ""),
                              timex.get("mod") or None, text[start:end]))
    doc.gold.sort(key=lambda t: t.start)
    return doc


def _rebuild_text(root) -> tuple[str, dict[str, tuple[int, int]], int]:
    pieces, spans = [], {}
    length, sentence, annotated_end = 0, None, None
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        if sentence is not None:
            separator = "\n" if number != sentence else " "
            pieces.append(separator)
            length += 1
        if number >= ANNOTATED_SENTENCES and annotated_end is None:
            annotated_end = length
        sentence = number
        word = token.text or ""
        spans[token.get("t_id")] = (length, length + len(word))
        pieces.append(word)
        length += len(word)
    return "".join(pieces), spans, length if annotated_end is None else annotated_end


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
