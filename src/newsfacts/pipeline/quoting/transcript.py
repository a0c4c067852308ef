"""Lines of their own that attribute with a colon: transcripts, paragraphs
that open with a speaker's name in capitals ("PENCE: We will ..."), and a
headline that opens with a name ("Pence: Flowers Won't Be at Debate"); the
rest of the line is what they said."""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from .assemble import Found
from .rules import Span

LINE = re.compile(r"^[ \t]*[\"“]?([A-Z][A-Z.'’ -]{1,40}[A-Z.]):[ \t]+(\S[^\n]*?)[ \t]*$", re.M)
MIN_LINES = 2   # one "NOTE: ..." is not a transcript
HEADLINE = re.compile(r"([^:\n]{1,40}):[ \t]+([^\n]+?)[ \t]*$", re.M)
MAX_HEADLINE_NAME = 4
NOT_IN_NAMES = {"VERB", "AUX", "ADJ", "DET", "ADP", "PRON"}
NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def transcript_lines(doc: Doc, text: str, found: list[Found]) -> list[Found]:
    """One attribution per transcript line that no found attribution overlaps.

    Only where the article has at least MIN_LINES such lines; a line counts
    when its name is a proper noun or a named entity, or speaks twice.
    """
    lines = list(LINE.finditer(text))
    if len(lines) < MIN_LINES:
        return []
    recurring = {n for n, k in Counter(line.group(1) for line in lines).items() if k > 1}
    taken = [span for f in found for span in f.content + ([f.cue] if f.cue else [])]
    result = []
    for line in lines:
        name = doc.char_span(line.start(1), line.end(1), alignment_mode="contract")
        # the parser often takes a name in capitals for a noun: a name that
        # speaks twice is a speaker too
        if name is None or not (line.group(1) in recurring or _names_someone(name)):
            continue
        content = line.span(2)
        if any(_overlap(content, span) for span in taken):
            continue
        result.append(Found(content=[content], inner=[content], cue=(line.end(1), line.end(1) + 1),
                            source=line.span(1), source_token=name.root, score=0.5))
    return result


def headline_claim(doc: Doc, text: str, found: list[Found]) -> list[Found]:
    """"Name: claim" as the article's first line (in PolNeAR train 71 of the
    90 such headlines whose name passes _headline_name are attributions)."""
    line = HEADLINE.match(text)
    if line is None:
        return []
    name = doc.char_span(line.start(1), line.end(1), alignment_mode="contract")
    if name is None or not _headline_name(name):
        return []
    start, end = line.span(2)
    if text[end - 1] in ".;" and end - 1 > start:
        end -= 1  # PolNeAR leaves the headline's closing stop out
    taken = [span for f in found for span in f.content + ([f.cue] if f.cue else [])]
    if any(_overlap((start, end), span) for span in taken):
        return []
    return [Found(content=[(start, end)], inner=[(start, end)], cue=(line.end(1), line.end(1) + 1),
                  source=line.span(1), source_token=name.root, score=0.5)]


def _headline_name(name) -> bool:
    """A short name ("Pence", "Rush Limbaugh", "Poll"), not a label in
    capitals ("EXCLUSIVE") or a phrase ("The Latest", "Trump Addresses ...")."""
    words = [t for t in name if not t.is_punct]
    if not words or len(words) > MAX_HEADLINE_NAME:
        return False
    if len(words) == 1 and name.text.isupper() and len(name.text) > 3:
        return False
    if any(t.pos_ in NOT_IN_NAMES for t in words):
        return False
    return _names_someone(words) or len(words) == 1 and words[0].pos_ == "NOUN"


def _names_someone(name) -> bool:
    return any(t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS for t in name)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
