"""Link attributions found in the parse to quoted passages: snap content to
the quotation marks, join quotes split around their cue, attach unclaimed
quotes to a nearby cue or colon, carry a speaker over to quote-only paragraphs
and drop titles in quotation marks."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .cue_span import extend_cue
from .lexicon import CueLexicon, cue_key
from .marks import Quoted
from .rules import (Attribution, Span, cue_tokens, find_source, source_span, token_span, trim,
                    with_colon)
from .speakers import name_before

MAX_SPLIT_GAP = 120       # chars between the two halves of a quote split by its cue
MAX_FOLLOW_GAP = 300     # chars from the cue to a quote opening the next sentence
MAX_CUE_DISTANCE = 80     # chars between a quote and a cue outside the sentence parse
NEARBY_CUE_P = 0.1        # a verb beside a quote ("...," she joked) is its cue at a lower prior
MAX_INVERSION_GAP = 40    # chars of a speaker between a quote and the verb that closes its clause
MAX_INTRO_WORDS = 8       # words before a quote that goes on after its cue's sentence
CARRY_PARAGRAPHS = 2      # a quote-only paragraph inherits the speaker this far back
INVERSION_BREAK = re.compile(r"[,;:!?\n\"“”]")
CLAUSE_END = re.compile(r"[ \t\xa0]*[.,]")
ANY_MARK = re.compile(r"[\"“”„«»]|''|``")
WORD = re.compile(r"\w+")
CUE_CLAUSE_END = re.compile(r"[,.!?]['\"”’]*\s*$")  # a cue clause closed before a second half
# a full stop that ends a sentence (not "Mr." or an initial)
SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)"
                          r"(?<!\bGov)(?<!\bGen)(?<!\bJr)(?<!\bSr)(?<!\b[A-Z])"
                          r"(?<!\bRev)(?<!\bLt)(?<!\bCol)(?<!\bCapt)(?<!\bSgt)(?<!\bProf)(?<!\bSens)"
                          r"(?<!\bReps)(?<!\bAdm)(?<!\bMaj)(?<!\bCmdr)(?<!\bSupt)[.!?]\s")
DASH_SIGNATURE = re.compile(r"[ \t\xa0]*([―—–]|--)[ \t\xa0]*"                  # the dash
                            r"([A-Z](?:\b[A-Z]\.|[^\n.,;:!?]){1,60}?)"         # the name
                            r"[ \t\xa0]*(?=[.\n]|$)")
SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with",
               "by", "from", "de", "la", "vs.", "v."}
TITLE_BEFORE = re.compile(r"(show|program|programme|series|column|book|novel|film|movie|song|"
                          r"album|titled|entitled|called|named|dubbed|"
                          r"on|of|in|as|and|told|with|to|,)\s*$",
                          re.IGNORECASE)


@dataclass
class Found:
    content: list[Span]                 # PolNeAR style: marks and "that" included
    inner: list[Span]                   # newsfacts/1 style: inside the marks, no "that"
    kind: str = "indirect"
    cue: Span | None = None
    cue_token: Token | None = None
    source: Span | None = None
    source_token: Token | None = None
    partials: list[Span] = field(default_factory=list)
    carried_from: Found | None = None    # the quote whose speaker this one continues
    score: float = 0.0

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


def assemble(doc: Doc, text: str, quoted: list[Quoted], attributions: list[Attribution],
             lexicon: CueLexicon) -> list[Found]:
    used: set[int] = set()
    found = [_link(text, a, quoted, used) for a in attributions if not _inside_one_quote(a, quoted)]
    found = _dedupe([f for f in found if f is not None])
    for index, q in enumerate(quoted):
        if index in used or is_title(text, q):
            continue
        f = _attach_nearby(doc, text, q, lexicon)
        if f is not None:
            used.add(index)
            found.append(f)
    found = _merge_same_cue(text, found)
    quote_starts = {q.outer_end: q.start for q in quoted}  # closing mark -> its quote's start
    for f in sorted(found, key=lambda f: f.start):
        if f.kind == "direct" or _ends_with_quote(f, quote_starts):
            follower = _join_split(text, f, quoted, used)
            if follower is not None:
                found.append(follower)
    found.sort(key=lambda f: f.start)
    found = _carry_over(text, found, quoted, used)
    # reported speech needs a speaker ("is expected to", "been shown" have none)
    found = [f for f in found if f.source is not None or f.kind == "direct"]
    found.sort(key=lambda f: f.start)
    return found


def _inside_one_quote(a: Attribution, quoted: list[Quoted]) -> bool:
    """Cue and content inside one quoted passage: the quoted speaker's own words."""
    lo, hi = min(a.cue[0], a.content[0][0]), max(a.cue[1], a.content[-1][1])
    return any(s <= lo and hi <= e for q in quoted for s, e in q.parts)


def _link(text: str, a: Attribution, quoted: list[Quoted], used: set[int]) -> Found | None:
    start, end = _snap_to_opener(text, a, quoted)
    found = Found(content=[(start, end)], inner=[strip_that(text, start, end)], cue=a.cue,
                  cue_token=a.cue_token, source=a.source, source_token=a.source_token,
                  score=a.score)
    for index, q in enumerate(quoted):
        if q.outer_end <= start or q.outer_start >= end:
            continue
        if _only_quote(text, start, end, q) or _quote_before_cue(text, start, end, q, a.cue):
            if _overlaps(q, a.cue) or (a.source and _overlaps(q, a.source)):
                continue  # the cue is itself quoted: a quote inside the quote
            if is_title(text, q) and not re.match(r"\s*[,:]", text[a.cue[1]:q.outer_start]):
                return None  # a show called "Brokers," is no statement; said, "No." is
            found.content, found.inner, found.kind = list(q.outer), list(q.parts), "direct"
            used.add(index)
            return found
        if start <= q.start and (q.end <= end + 1 or _ends_inside(text, end, q)):
            end = max(end, q.outer_end)  # the closing mark may hang on the cue
            found.content = [(start, end)]
            found.inner = [(found.inner[0][0], end)]
            if not is_title(text, q):
                found.partials.append((q.start, q.end))
                used.add(index)
    if a.needs_quote and not found.partials:
        return None
    if len(a.content) > 1:  # a clause around a parenthetical cue: keep its pieces
        found.content = list(a.content[:-1]) + [(a.content[-1][0], end)]
        found.inner = [strip_that(text, *found.content[0])] + found.content[1:]
    return found


def _ends_inside(text: str, end: int, q: Quoted) -> bool:
    """The parse ended the content inside a quotation it opened (*because
    "Oil pays him a lot of money. He's got to be for oil"*): what was said runs
    to the closing mark, in the paragraph (train: 80 gold contents do, 2 stop)."""
    return q.start < end < q.end and WORD.search(text, q.start, end) is not None \
        and "\n" not in text[end:q.end]


def _snap_to_opener(text: str, a: Attribution, quoted: list[Quoted]) -> Span:
    """A content the parse began just inside a quotation mark (*Schumer
    tweeted: "Let's go. We can ..."*: the parse took the first clause) begins
    at the mark. It is the whole quote when it ended inside it, or when the
    cue comes before the quote and the content ran on past a quote that closes
    its clause (*wrote, "...," and shared a link*) into words with no other
    quotation; else the quote is a partial one of a longer content ("one or
    two instances" where ... "slipped through the cracks.")."""
    start, end = a.content[0][0], a.content[-1][1]
    if len(a.content) > 1:
        return start, end
    q = next((q for q in quoted if q.start == start and not _overlaps(q, a.cue)), None)
    if q is None:
        return start, end
    clause_closed = a.cue[1] <= q.outer_start and text[q.start:q.end].rstrip("'’")[-1:] in ",!?—-" \
        and not ANY_MARK.search(text, q.outer_end, end)
    if end <= q.outer_end or clause_closed:
        return q.outer_start, q.outer_end
    return q.outer_start, end


def _only_quote(text: str, start: int, end: int, q: Quoted) -> bool:
    """The content is the quote: nothing but punctuation or "that" outside its marks.
    Stops at the second word, so a long content costs no more than its start."""
    segments, pos = [], start
    for s, e in q.outer:
        segments.append((pos, max(pos, s)))
        pos = max(pos, e)
    segments.append((pos, max(pos, end)))
    words = 0
    for seg_start, seg_end in segments:
        for m in WORD.finditer(text, seg_start, seg_end):
            words += 1
            if words > 1 or m.group() != "that":
                return False
    return True


def _quote_before_cue(text: str, start: int, end: int, q: Quoted, cue: Span) -> bool:
    """'Intro words: "Quote," the union wrote': the parse ran the content back
    over a colon or a sentence end; the quote just before the cue is the content."""
    return start < q.outer_start and q.outer_end >= end - 1 and cue[0] >= q.outer_end and \
        text[q.start:q.end].rstrip("'’")[-1:] in ",!?—-" and \
        not re.search(r"[.!?:;\n]", text[q.outer_end:cue[0]]) and \
        text[start:q.outer_start].rstrip()[-1:] in (":", ".", "!", "?")


def _overlaps(q: Quoted, span: Span | None) -> bool:
    return span is not None and any(s < span[1] and span[0] < e for s, e in q.outer)


def strip_that(text: str, start: int, end: int) -> Span:
    m = re.match(r"that\s+", text[start:end])
    return (start + m.end(), end) if m and m.end() < end - start else (start, end)


def _merge_same_cue(text: str, found: list[Found]) -> list[Found]:
    """Two quotes attached to one cue are the two halves of one quote."""
    by_cue: dict[Span, Found] = {}
    result = []
    for f in sorted(found, key=lambda f: f.start):
        first = by_cue.get(f.cue) if f.cue and f.kind == "direct" else None
        if first is None or first.kind != "direct":
            by_cue.setdefault(f.cue, f)
            result.append(f)
        elif SENTENCE_END.search(text[first.end:f.start]):
            f.source, f.source_token, f.carried_from = None, None, first
            result.append(f)  # a quote of its own, in the next sentence
        else:
            first.content += f.content
            first.inner += f.inner
            if first.source is None:
                first.source, first.source_token = f.source, f.source_token
    return result


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content: the likelier cue, then the nearer one."""
    best: dict[tuple, Found] = {}
    for f in found:
        key = tuple(f.content)
        other = best.get(key)
        if other is None or _rank(f) > _rank(other):
            best[key] = f
    return list(best.values())


def _rank(f: Found) -> tuple:
    distance = min(abs(f.cue[0] - f.end), abs(f.start - f.cue[1])) if f.cue else 10**9
    return (f.source is not None, f.score >= 0.6, -distance)


def _join_split(text: str, f: Found, quoted: list[Quoted], used: set[int]) -> Found | None:
    """"We all," she said, "have to..." -> one quote in two parts. A quote
    that opens the next sentence of the cue's paragraph ("...," he said.
    "More.") is returned as a quote of its own with the same cue and speaker."""
    if f.cue is None:
        return None
    for index, q in enumerate(quoted):
        if index in used or not q.double or is_title(text, q):
            continue
        if q.outer_end <= f.cue[0] and f.start >= q.outer_end and \
                f.start - q.outer_end <= MAX_SPLIT_GAP and _gap_ok(text, q.outer_end, f.start) and \
                text[q.end - 1:q.end] in ",—–-":
            f.content, f.inner = list(q.outer) + f.content, list(q.parts) + f.inner
        elif q.outer_start >= f.cue[1] and q.outer_start >= f.end and f.cue[0] >= f.start and \
                _follows(text, max(f.end, f.cue[1]), q.outer_start, _closes_sentence(text, q)):
            used.add(index)
            if SENTENCE_END.search(without_titles(text[max(f.end, f.cue[1]):q.outer_start])):
                return Found(content=list(q.outer), inner=list(q.parts), kind="direct", cue=f.cue,
                             cue_token=f.cue_token, carried_from=f, score=f.score)
            f.content, f.inner = f.content + list(q.outer), f.inner + list(q.parts)
        else:
            continue
        used.add(index)
        return None
    return None


GAP_TITLE = re.compile(r"[“\"]([A-Z][^“”\"\n]{0,60}?)([.,]?)[”\"]")


def without_titles(gap: str) -> str:
    """A gap with its short Title Case passages in quotation marks (*on Fox
    News's "Fox and Friends."*) blanked, keeping a closing full stop."""
    def blank(m: re.Match) -> str:
        words = m.group(1).split()
        title = len(words) <= 8 and all(w[0].isupper() or w.lower() in SMALL_WORDS or not w[0].isalpha()
                                        for w in words)
        return "T" * (m.end(1) - m.start()) + m.group(2) + " " if title else m.group()
    return GAP_TITLE.sub(blank, gap)


def _ends_with_quote(f: Found, quote_starts: dict[int, int]) -> bool:
    """Reported speech that closes on a quotation before its cue (*Like most
    campaigns, "the process ... is legal," Strother said.*): a quote after the
    cue goes on with the same words, as after a direct quote (train: the
    pairs of quotes so joined went from 1,371 to 1,406 of the 1,450 that the
    gold joins)."""
    return f.cue is not None and f.cue[0] >= f.end and quote_starts.get(f.end, -1) >= f.start


def _gap_ok(text: str, start: int, end: int) -> bool:
    """No paragraph break, quotation mark or sentence end in the gap."""
    gap = text[start:end]
    return not re.search(r"\n|[“”\"]|[.!?]\s", gap)


def _follows(text: str, start: int, end: int, closes_sentence: bool = False) -> bool:
    """The second half of a split quote, or a quote that opens the next
    sentence of the cue's paragraph, or ends it after a few words with no
    cue of their own (*But "...*, *Now, "...*) when it closes that sentence."""
    gap = without_titles(text[start:end])
    if re.search(r"\n|[“”\"]", gap) or len(gap) > MAX_FOLLOW_GAP:
        return False
    ends = list(SENTENCE_END.finditer(gap))
    if not ends:
        return len(gap) <= MAX_SPLIT_GAP and _closes_cue_clause(gap)
    intro = gap[ends[0].end():]
    return len(ends) == 1 and (not intro.strip() or closes_sentence and _intro_words(intro))


def _intro_words(words: str) -> bool:
    return len(words.split()) <= MAX_INTRO_WORDS and not re.search(r"[:;()]|''|``", words)


def _closes_sentence(text: str, q: Quoted) -> bool:
    """The quote ends with a stop, and its sentence with it."""
    return text[q.start:q.end].rstrip("'’")[-1:] in ".!?" and \
        bool(re.match(r"\s*(\n|$|[A-Z“\"])", text[q.outer_end:q.outer_end + 3]))


def _closes_cue_clause(gap: str) -> bool:
    """The cue clause ends with a comma before the second half ("...," he
    said, "..."), or with a full stop the sentence test did not take ("said
    Sen. Jane Doe, R-S.C. "..."). After "he said, adding that" or "as X
    yelled:" the next quote is another statement or someone else's (train:
    71 of 73 joins after a comma are one gold quote, 8 of 30 after words)."""
    return bool(CUE_CLAUSE_END.search(gap)) or not re.search(r"\w", gap)


def is_title(text: str, q: Quoted) -> bool:
    """Titles of shows, books, columns: short, Title Case, no sentence inside."""
    inner = text[q.start:q.end].rstrip(".,")
    words = inner.split()
    if not words or len(words) > 8 or any(ch in inner for ch in "!?;:"):
        return False
    capitalised = all(w[0].isupper() or w.lower() in SMALL_WORDS or not w[0].isalpha()
                      for w in words)
    if not capitalised or not words[0][0].isupper():
        return False
    before = text[max(0, q.outer_start - 40):q.outer_start]
    return bool(TITLE_BEFORE.search(before)) or len(words) <= 5 and _possessive_before(before)


def _possessive_before(before: str) -> bool:
    return bool(re.search(r"(['’]s|the)\s*$", before))


def _attach_nearby(doc: Doc, text: str, q: Quoted, lexicon: CueLexicon) -> Found | None:
    """A quote whose cue the parse did not link: a cue verb just after the
    closing mark (", she said") or just before the opening one ("She said:")."""
    candidates = []
    after = doc.char_span(q.outer_end, min(len(text), q.outer_end + MAX_CUE_DISTANCE),
                          alignment_mode="contract")
    before = doc.char_span(max(0, q.outer_start - MAX_CUE_DISTANCE), q.outer_start,
                           alignment_mode="contract")
    for span, side in ((after, "after"), (before, "before")):
        if span is None:
            continue
        for token in span:
            if "\n" in text[min(token.idx, q.outer_end):max(token.idx, q.outer_start)] and \
                    side == "after":
                break
            key = cue_key(token)
            if token.pos_ in ("VERB", "AUX") and (lexicon.prob(key) >= NEARBY_CUE_P or
                                                   side == "after" and _closes_quote_clause(text, q, token)):
                source = find_source(token, key, lexicon)
                if (source is None or _in_quote(source, q)) and side == "after":
                    source = next(iter(name_before(doc, q.outer_end, token)[-1:]), None)
                if source is not None and not _in_quote(source, q):
                    candidates.append((abs(token.idx - (q.outer_end if side == "after" else q.outer_start)),
                                       token, source, side))
    candidates = [c for c in candidates if _clear_between(text, q, c[1], c[3])
                  and (c[3] == "after" or lexicon.is_cue(cue_key(c[1])) or _introduces(text, c[1], q))]
    if candidates:
        _, verb, source, _ = min(candidates, key=lambda c: c[0])
        tokens = trim(list(source.subtree))
        if source.i == verb.i - 1 and source.dep_ not in ("nsubj", "nsubjpass"):
            tokens = name_before(doc, q.outer_end, verb) or tokens  # a name the parse broke up
        source_chars = source_span(tokens, text) if tokens else None
        return Found(content=list(q.outer), inner=list(q.parts), kind="direct",
                     cue=_nearby_cue(doc, text, q, verb, source_chars, lexicon), cue_token=verb,
                     source=source_chars, source_token=source, score=lexicon.prob(cue_key(verb)))
    return _colon_source(doc, text, q) or _dash_source(doc, text, q)


def _nearby_cue(doc: Doc, text: str, q: Quoted, verb: Token, source: Span | None,
                lexicon: CueLexicon) -> Span:
    """The cue of a quote linked by nearness, grown as the rules grow theirs
    (auxiliaries, negation, particles and the learned extents: *as X put it*,
    *shot back*, *wondered aloud*), never into the quote or the speaker."""
    quote = doc.char_span(q.outer_start, q.outer_end, alignment_mode="expand")
    words, _ = extend_cue(verb, cue_tokens(verb, cue_key(verb), lexicon), list(quote or []))
    start, end = token_span(words)
    blocked = [(q.outer_start, q.outer_end)] + ([source] if source else [])
    if any(s < end and start < e for s, e in blocked):
        start, end = token_span([verb])
    return with_colon(text, (start, end))


def _closes_quote_clause(text: str, q: Quoted, verb: Token) -> bool:
    """A verb that ends the short clause after a quote closed by a comma or a
    question (*"...," he surmised.*, *"...?" Hannity pressed.*) says it, however
    rare a cue it is elsewhere."""
    if verb.pos_ != "VERB" or text[q.start:q.end].rstrip("'’")[-1:] not in ",?!":
        return False
    speaker = text[q.outer_end:verb.idx]
    short_speaker = 0 < len(speaker.strip()) <= MAX_INVERSION_GAP and \
        not INVERSION_BREAK.search(speaker) and not SENTENCE_END.search(speaker)
    return short_speaker and bool(CLAUSE_END.match(text, verb.idx + len(verb)))


def _introduces(text: str, verb: Token, q: Quoted) -> bool:
    """A comma or colon between the verb and the quote (*she wanted to know,
    "..."*), not a quoted object (*offering "a deep apology"*)."""
    return text[verb.idx + len(verb):q.outer_start].rstrip()[-1:] in (",", ":")


def _in_quote(token: Token, q: Quoted) -> bool:
    return any(s <= token.idx < e for s, e in q.outer)


def _clear_between(text: str, q: Quoted, verb: Token, side: str) -> bool:
    if side == "after":
        gap = without_titles(text[q.outer_end:verb.idx])
        # "...," she said / "Why?" he asked; after a full stop a new sentence begins
        ends_clause = text[q.start:q.end].rstrip("'’")[-1:] in ",!?—-" or gap.lstrip()[:1] == ","
        return ends_clause and not SENTENCE_END.search(gap) and not re.search(r"\n|[“\"]", gap)
    gap = text[verb.idx + len(verb):q.outer_start]
    if re.search(r"[.!?]\s|[”\"]", gap) or len(gap) > 40:
        return False
    return not gap.strip() or gap.rstrip()[-1] in ",:" and ("\n" not in gap or gap.strip().endswith(":"))


def _colon_source(doc: Doc, text: str, q: Quoted) -> Found | None:
    """Speaker: "quote" -- a short name or noun phrase, then a colon, before
    the quote on its line, or as the whole previous line ("Jane Doe
    continued:"). A verb at the end of the phrase is the cue ("continued:").
    Not a dash (*his act—"My tax plan ..."—is*, *poster (2003) — "..."*: in
    train the 6 quotes it linked were no gold attribution).
    Not when the line runs on past a quote that ends without a stop (*Name:
    'No Idea' If I Would ...*: the claim is the rest of the line, as the
    headline rule takes it; 4 of 4 such lines in train)."""
    if _runs_on(text, q):
        return None
    line_start = text.rfind("\n", 0, q.outer_start) + 1
    previous_line = not text[line_start:q.outer_start].strip() and line_start > 0
    if previous_line:
        line_start = text.rfind("\n", 0, text[:line_start].rstrip().__len__()) + 1
        end = len(text[:q.outer_start].rstrip())
        if text[end - 1:end] != ":":
            return None
    line_start = max(line_start, q.outer_start - 80)
    prefix = text[line_start:q.outer_start]
    m = re.search(r"([^.!?:\n―—–]{1,60})\s?:\s*$", prefix)
    if not m:
        return None
    span = doc.char_span(line_start + m.start(1), line_start + m.end(1), alignment_mode="contract")
    names = ("PROPN",) if previous_line else ("PROPN", "NOUN")
    if span is None or len(span) > 8 or not any(t.pos_ in names for t in span):
        return None
    colon = line_start + m.end(1) + len(prefix[m.end(1):]) - len(prefix[m.end(1):].lstrip())
    colon = colon if text[colon] == ":" else line_start + m.end(1)
    cue_start = colon
    if len(span) > 1 and span[-1].pos_ == "VERB":
        cue_start, span = span[-1].idx, span[:-1]
    return Found(content=list(q.outer), inner=list(q.parts), kind="direct",
                 cue=(cue_start, colon + 1), source=(span.start_char, span.end_char),
                 source_token=span.root, score=0.3)


def _runs_on(text: str, q: Quoted) -> bool:
    """Words follow the quote on its line and the quote ends with no stop or comma."""
    line_end = text.find("\n", q.outer_end)
    rest = text[q.outer_end:len(text) if line_end < 0 else line_end]
    return bool(re.match(r"[ \t\xa0]*\w", rest)) and text[q.start:q.end].rstrip()[-1:] not in ".!?,"


def _dash_source(doc: Doc, text: str, q: Quoted) -> Found | None:
    """"quote" ― Name (an epigraph-style signature after the quote)."""
    m = DASH_SIGNATURE.match(text, q.outer_end, min(len(text), q.outer_end + 80))
    if not m:
        return None
    span = doc.char_span(m.start(2), m.end(2), alignment_mode="contract")
    if span is None or len(span) > 8 or not any(t.pos_ == "PROPN" for t in span):
        return None
    return Found(content=list(q.outer), inner=list(q.parts), kind="direct", cue=m.span(1),
                 source=(span.start_char, span.end_char), source_token=span.root, score=0.3)


def _carry_over(text: str, found: list[Found], quoted: list[Quoted], used: set[int]) -> list[Found]:
    """A paragraph that is only a quote continues the previous direct quote's speaker."""
    result = list(found)
    for index, q in enumerate(quoted):
        if index in used or not q.double or not _opens_paragraph(text, q) or is_title(text, q) \
                or _runs_on(text, q):
            continue  # "Containment" has been U.S. policy ...: a subject, not a statement
        previous = [f for f in result if f.kind == "direct" and f.end <= q.outer_start]
        if not previous:
            continue
        last = max(previous, key=lambda f: f.end)  # result grows out of text order
        if len(re.findall(r"\n+", text[last.end:q.outer_start])) > CARRY_PARAGRAPHS:
            continue
        if _other_speech_between(text, last.end, q.outer_start, quoted):
            continue
        used.add(index)
        result.append(Found(content=list(q.outer), inner=list(q.parts), kind="direct",
                            carried_from=last.carried_from or last))
    return result


def _opens_paragraph(text: str, q: Quoted) -> bool:
    line_start = text.rfind("\n", 0, q.outer_start) + 1
    return not text[line_start:q.outer_start].strip()


def _other_speech_between(text: str, start: int, end: int, quoted: list[Quoted]) -> bool:
    return any(start <= q.outer_start < end for q in quoted if q.double)
