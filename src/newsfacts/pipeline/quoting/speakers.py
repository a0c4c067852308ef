"""Speaker resolution: the source span of an attribution -> an entity id,
through the mentions (and coreference) of the entities extractor."""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from ...pipeline.entities import EntityLookup
from ..dateline import dateline_at

RELATIVE = {"who", "which", "that", "whom"}
PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them", "his", "its", "their"}


def antecedent(relative: Token) -> Token:
    """The noun a relative pronoun stands for: the head of its relative
    clause, else the nearest noun before it."""
    if relative.head.dep_ == "relcl" and relative.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return relative.head.head
    for token in reversed(relative.doc[max(0, relative.i - 4):relative.i]):
        if token.pos_ in ("NOUN", "PROPN"):
            return token
    return relative


def resolve_speaker(token: Token | None, span: tuple[int, int] | None, lookup: EntityLookup,
                    previous: str | None) -> str | None:
    """The entity of a speaker: its head word's mention, else any mention in
    its span, else (relative pronoun) its antecedent's, else for a bare
    pronoun the previous speaker."""
    if token is not None:
        if token.lower_ in RELATIVE:
            token = antecedent(token)
        entity = lookup.at(token.idx, token.idx + len(token))
        if entity:
            return entity
    if span is not None:
        entity = lookup.at(*span)
        if entity:
            return entity
    if token is not None and token.lower_ in PRONOUNS:
        return previous
    return None


# ---------------------------------------------------------------- speaker spans

# clauses on the speaker's noun that may hold an attribution of their own
CLAUSE_DEPS = {"relcl", "acl", "advcl"}
TIME_TYPES = {"DATE", "TIME"}
MAX_NAME_WORDS = 8      # a speaker's name between a closing mark and its cue
NAME_POS = {"PROPN", "NOUN", "DET", "ADJ", "NUM"}
CLOSERS = {"(": ")", "“": "”", "‘": "’"}


def refine_sources(doc: Doc, text: str, found: list) -> None:
    """Speaker spans as a reader wants them, in place (found: assemble.Found):
    not the cue itself ("Said Ellis"), not a dateline ("WASHINGTON -- President
    Obama"), not a relative or participial clause that is an attribution of
    its own ("Barkley, who said he votes Democratic,": PolNeAR train leaves
    out all 366, scripts/polnear_source_stats.py), not the time of saying
    ("Trump on Tuesday"), and a bracket or quotation mark left open closed
    ("Sen. Jane Doe (D-Md.)")."""
    cue_starts = sorted(f.cue[0] for f in found if f.cue is not None)
    for f in found:
        if f.source is not None:
            start, end = refine_span(doc, text, f.source, f.cue, cue_starts)
            f.source = (start, end) if text[start:end].strip() else f.source


def refine_span(doc: Doc, text: str, source: tuple[int, int], cue: tuple[int, int] | None,
                cue_starts: list[int]) -> tuple[int, int]:
    start, end = source
    if cue is not None and start < cue[1] and cue[0] < end:
        start, end = _outside_cue(text, start, end, cue)
    m = dateline_at(text, start, end)  # "WASHINGTON -- President Obama"
    if m and m.end() < end:
        start = m.end()
    end = _before_attributed_clause(doc, start, end, cue, cue_starts)
    end = _before_time_phrase(doc, start, end)
    start, end = _without_stray_words(doc, start, end)
    start, end = _strip(text, start, end)
    return start, _close_open(text, start, end)


def _outside_cue(text: str, start: int, end: int, cue: tuple[int, int]) -> tuple[int, int]:
    """The longer side of the source around a cue the parse put inside it."""
    left, right = (start, max(start, cue[0])), (min(end, cue[1]), end)
    left, right = _strip(text, *left), _strip(text, *right)
    best = max((left, right), key=lambda s: len(text[s[0]:s[1]].strip()))
    return best if best[1] > best[0] else (start, end)


def _before_attributed_clause(doc: Doc, start: int, end: int, cue: tuple[int, int] | None,
                              cue_starts: list[int]) -> int:
    """Cut the span before the first clause on its noun that holds another cue."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    own = cue[0] if cue is not None else -1
    for token in span:
        if token.dep_ not in CLAUSE_DEPS or token.head.i < span.start or token.head.i >= span.end:
            continue
        clause = doc[token.left_edge.i:token.right_edge.i + 1]
        lo = bisect_left(cue_starts, clause.start_char)
        if any(c != own for c in cue_starts[lo:bisect_left(cue_starts, clause.end_char)]):
            cut = clause.start_char
            return cut if cut > start else end
    return end


def _before_time_phrase(doc: Doc, start: int, end: int) -> int:
    """"Trump on Tuesday", "A Bloomberg poll in June": the time belongs to the
    saying, not to the speaker (PolNeAR train leaves out 29 of 45)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    for token in span.root.rights:
        if token.dep_ != "prep":
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if objects and objects[0].ent_type_ in TIME_TYPES and token.idx > start:
            return token.idx
    return end


def _without_stray_words(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Not the object pronoun of a relative clause ("whom many progressives"
    consider) nor a verb's clitic ("he's", "who've")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return start, end
    if span[0].lower_ in RELATIVE and span[0].pos_ == "PRON":
        start = span[1].idx
    if span[-1].pos_ in ("AUX", "VERB") and span[-1].text[:1] in "'’":
        end = span[-1].idx
    return start, end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """No spaces, commas or dashes at the edges."""
    while start < end and (text[start].isspace() or text[start] in ",;:-—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-—–"):
        end -= 1
    return start, end


def _close_open(text: str, start: int, end: int) -> int:
    """Take in the closing bracket or quotation mark of one left open ("(I-Vt.)")."""
    inside = text[start:end]
    for opener, closer in CLOSERS.items():
        if inside.count(opener) > inside.count(closer):
            m = re.match(r"[.,]?" + re.escape(closer), text[end:end + 3])
            if m:
                end += m.end()
    return end


def name_before(doc: Doc, start: int, verb: Token) -> list[Token]:
    """'"...," Tulsa police Chief Chuck Jordan said' where the parse gave the
    verb no subject (it took "Tulsa" for a verb): the words from start (a
    closing quotation mark) to the verb when they can only be a name, else []."""
    between = doc.char_span(start, verb.idx, alignment_mode="expand")
    words = [t for t in (between if between is not None else []) if t.i < verb.i and not t.is_space]
    words = words[1:] if words and words[0].text == "," else words
    if not 0 < len(words) <= MAX_NAME_WORDS or words[-1].is_punct or words[0].is_quote:
        return []
    if not (words[0].is_title or words[0].pos_ == "DET"):
        return []
    if any(not (t.is_title or t.pos_ in NAME_POS or t.text in (".", "'s", "’s")) for t in words):
        return []
    return words
