"""Attributions from the role tagger (tagger.py) where the rules found none:
each tagged cue takes the tagged content nearest to it in its sentence and the
tagged source nearest to it, else its subject in the parse."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .assemble import Found, strip_that
from .lexicon import CueLexicon, cue_key
from .marks import Quoted
from .rules import Span, find_source, paragraph_of, speaker_tokens, token_span, trim, with_colon
from .tagger import Tagged, load_tagger

MIN_CUE_CONFIDENCE = 0.6    # mean marginal of a tagged cue's tokens (lower finds more, less exactly)
MAX_CONTENT_OVERLAP = 0.5   # share of a new content already claimed by a found one
QUOTE_MARKS = set("\"“”‘’'«»„`")
NOT_SOURCES = {"it", "there", "what", "which", "that", "this"}


def add_tagged(doc: Doc, text: str, found: list[Found], quoted: list[Quoted],
               lexicon: CueLexicon, cue_scores: dict[int, float] | None = None) -> list[Found]:
    """found plus the attributions the tagger finds in sentences with no found cue.

    Tagged quotes (content in quotation marks) are left to the rules, which
    link marks, split quotes and carried-over speakers better.
    """
    tagger = load_tagger()
    if tagger is None:
        return found
    covered = _sentences_with_cues(doc, found)
    tagged = tagger.tag(doc, lexicon, [(q.start, q.end) for q in quoted], covered, cue_scores)
    claimed = [span for f in found for span in f.content]
    added = []
    for spans in tagged:
        cues = [t for t in spans if t.role == "CUE" and t.confidence >= MIN_CUE_CONFIDENCE]
        for cue in cues:
            f = _attribution(text, cue, cues, spans, lexicon)
            if f is None or f.source is None or \
                    _claimed_share(f.content, claimed) > MAX_CONTENT_OVERLAP:
                continue
            _mark_quotes(f, quoted)
            if f.kind != "direct" and not _quote_edged(text, f):
                added.append(f)
    return found + added


def _sentences_with_cues(doc: Doc, found: list[Found]) -> set[int]:
    starts = set()
    for f in found:
        if f.cue is not None:
            span = doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
            if span is not None and len(span):
                starts.add(span[0].sent.start)
    return starts


def _attribution(text: str, cue: Tagged, cues: list[Tagged], spans: list[Tagged],
                 lexicon: CueLexicon) -> Found | None:
    contents = [trim(t.tokens) for t in spans if t.role == "CON" and _nearest(t, cues) is cue]
    contents = [c for c in contents if c and any(not t.is_punct for t in c)]
    if not contents:
        return None
    content = [token_span(c) for c in contents]
    sources = [t for t in spans if t.role == "SRC" and _nearest(t, cues) is cue]
    source_tokens = trim(min(sources, key=lambda s: _distance(s, cue)).tokens) if sources else []
    if source_tokens:
        source_token = _root(source_tokens)
    else:
        source_token, source_tokens = _parse_source(_root(cue.tokens), text, lexicon)
    return Found(content=content, inner=[strip_that(text, *content[0])] + content[1:],
                 cue=with_colon(text, token_span(cue.tokens)), cue_token=_root(cue.tokens),
                 source=token_span(source_tokens) if source_tokens else None,
                 source_token=source_token, score=cue.confidence)


def _parse_source(cue: Token, text: str, lexicon: CueLexicon) -> tuple[Token | None, list[Token]]:
    """The cue's subject (or the subject it inherits) in the parse."""
    source = find_source(cue, cue_key(cue), lexicon)
    if source is None or source.pos_ in ("DET", "SCONJ") or source.lower_ in NOT_SOURCES:
        return None, []
    tokens = trim(speaker_tokens(source, paragraph_of(cue, text)))
    return (source, tokens) if tokens else (None, [])


def _mark_quotes(f: Found, quoted: list[Quoted]) -> None:
    """A content that is one quoted passage is a direct quote; passages inside
    it are partial quotes."""
    start, end = f.start, f.end
    for q in quoted:
        if (q.outer_start, q.outer_end) == (start, end) or (q.start, q.end) == (start, end):
            f.content, f.inner, f.kind = list(q.outer), list(q.parts), "direct"
            return
        if start <= q.outer_start and q.outer_end <= end:
            f.partials.append((q.start, q.end))


def _quote_edged(text: str, f: Found) -> bool:
    """A content in quotation marks is a quote the rules chose not to link
    (a title, a song): not the tagger's to claim."""
    return text[f.start] in QUOTE_MARKS and text[f.end - 1] in QUOTE_MARKS


def _root(tokens: list[Token]) -> Token:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head is t), tokens[0])


def _distance(a: Tagged, b: Tagged) -> int:
    if a.tokens[-1].i < b.tokens[0].i:
        return b.tokens[0].i - a.tokens[-1].i
    return max(0, a.tokens[0].i - b.tokens[-1].i)


def _nearest(span: Tagged, cues: list[Tagged]) -> Tagged | None:
    return min(cues, key=lambda c: _distance(span, c)) if cues else None


def _claimed_share(content: list[Span], claimed: list[Span]) -> float:
    size = sum(e - s for s, e in content) or 1
    shared = sum(max(0, min(e, ce) - max(s, cs)) for s, e in content for cs, ce in claimed)
    return shared / size
