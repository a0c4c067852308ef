"""PolNeAR evaluation: `newsfacts eval polnear DIR [--out PRED_DIR]`.

Reads PolNeAR (text/*.txt, attributions/*.ann in brat standoff, metadata.tsv),
runs the extractor on each text, writes predictions as brat .ann in PolNeAR's
own format, and prints Citron-style P/R/F1 for source, cue, content and whole
attributions, exact-span and token-overlap, for all attributions and for those
whose content is in quotation marks, predictions paired one to one with gold
attributions, and the same roles by Citron's own definitions, which pair
nothing (see docs/quotes.md for the definitions)."""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NewsfactsError
from ..pipeline.quoting.assemble import SENTENCE_END
from ..schema import Quote

Spans = tuple[tuple[int, int], ...]
ROLES = ("Source", "Cue", "Content")


@dataclass
class Attribution:
    source: Spans = ()
    cue: Spans = ()
    content: Spans = ()

    def role(self, name: str) -> Spans:
        return getattr(self, name.lower())


@dataclass
class PolnearDoc:
    name: str
    text: str
    published: str | None
    annotations: list[list[Attribution]] = field(default_factory=list)  # one list per annotator


def parse_spans(field_text: str) -> Spans:
    return tuple(tuple(int(x) for x in part.split()) for part in field_text.split(";"))


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one brat .ann file (E lines linking T spans)."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2 and " " in cols[1]:
            label, offsets = cols[1].split(" ", 1)
            spans[cols[0]] = (label, parse_spans(offsets))
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg))
    result = []
    for args in events:
        roles: dict[str, Spans] = {}
        for arg, target in args.items():
            # "Content2": more pieces of the role; some files spell "source"
            role = arg.rstrip("0123456789").capitalize()
            if role in ROLES and target in spans:
                roles[role.lower()] = tuple(sorted(roles.get(role.lower(), ()) + spans[target][1]))
        result.append(Attribution(**roles))
    return result


def read_dates(directory: Path) -> dict[str, str]:
    path = directory / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["filename"]: row.get("publication_date") or None
                for row in csv.DictReader(handle, delimiter="\t")}


def load_split(directory: Path | str) -> list[PolnearDoc]:
    """Texts, dates and every annotator's attributions ({name}_{annotator}.ann)."""
    directory = Path(directory)
    dates = read_dates(directory)
    docs = []
    for text_path in sorted((directory / "text").glob("*.txt")):
        name = text_path.stem
        ann_paths = sorted((directory / "attributions").glob(f"{name}_*.ann"))
        ann_paths = [p for p in ann_paths if p.stem.rsplit("_", 1)[0] == name]
        docs.append(PolnearDoc(name, text_path.read_text(encoding="utf-8"), dates.get(name),
                               [read_ann(p) for p in ann_paths]))
    return docs


# ---------------------------------------------------------------- predictions

QUOTE_OPEN = "\"“„‟«‘'`"
QUOTE_CLOSE = "\"”»’'"
TYPO_CLOSE = "“‘"          # closing marks typed the wrong way round, right after the words
MAX_SUBJECT_CHARS = 200   # how far back the subject of a quoted predicate may start
LEADING_THAT = re.compile(r"\bthat,?\s+$")
WORD = re.compile(r"\w")


def polnear_content(text: str, quote: Quote) -> Spans:
    """PolNeAR's content span: quotation marks and a leading "that" included,
    and the subject of a quoted predicate ("The plan "will fail," she said)."""
    parts = [(p.start, p.end) for p in quote.parts] or [(quote.start, quote.end)]
    if quote.kind == "direct":
        spans = [_with_marks(text, s, e) for s, e in parts]
        spans[0] = (_with_that(text, spans[0][0]), spans[0][1])  # said that "..."
        if quote.cue and quote.cue.start >= spans[-1][1]:
            spans[0] = (_subject_before(text, spans[0][0], parts[0][0]), spans[0][1])
        elif quote.cue and quote.cue.end <= spans[0][0]:
            spans[0] = (_intro_before(text, spans[0][0], quote.cue.end), spans[0][1])
        clause = _clause_before_cue(text, quote, spans[0][0])
        return ((clause,) if clause else ()) + tuple(spans)
    if len(parts) > 1:
        return tuple(parts)  # the clause around a parenthetical cue, in pieces
    return ((_with_that(text, parts[0][0]), parts[-1][1]),)


def _subject_before(text: str, outer: int, inner: int) -> int:
    """The subject of a quoted predicate starts the content (*The event "was
    the first time ...," she said*): the quote opens in lower case after the
    words that begin its sentence, with no comma, colon or other quotation
    between (train: 12 such contents begin at the subject, none at the mark)."""
    if not text[inner:inner + 1].islower():
        return outer
    start = _sentence_start(text, outer)
    if start is None:
        return outer  # no sentence start in reach: no subject
    prefix = text[start:outer]
    if not re.search(r"\w", prefix) or re.search(r"[,:;—–-]\s*$", prefix) or \
            re.search(r"[\"“”:]|''|``", prefix):
        return outer
    return start + len(prefix) - len(prefix.lstrip())


def _intro_before(text: str, outer: int, cue_end: int) -> int:
    """A quote that goes on in the sentence after its cue's, after a few words
    of that sentence (*"...," she said. But "the plan ..."*), takes those words
    in: PolNeAR's piece is the whole sentence."""
    start = _sentence_start(text, outer)
    if start is None or start < cue_end:
        return outer
    prefix = text[start:outer]
    if not WORD.search(prefix) or re.search(r"[\"“”:;()]|''|``", prefix):
        return outer
    return start + len(prefix) - len(prefix.lstrip())


def _clause_before_cue(text: str, quote: Quote, outer: int) -> tuple[int, int] | None:
    """The words before a parenthetical cue clause are the content's first
    piece when the quote goes on in lower case (*In other words, he said,
    "the era ... is over."*: in train 17 such contents hold that piece, 5 do
    not; with a capital after the mark 6 against 61, so it is left alone)."""
    cue, speaker = quote.cue, quote.speaker
    if cue is None or speaker is None or speaker.start is None or max(cue.end, speaker.end) > outer:
        return None
    first, last = sorted(((speaker.start, speaker.end), (cue.start, cue.end)))
    if text[first[1]:last[0]].strip() or not re.fullmatch(r",\s*", text[last[1]:outer]) or \
            not text[(quote.parts[0].start if quote.parts else quote.start):][:1].islower():
        return None
    start = _sentence_start(text, first[0])
    if start is None:
        return None
    prefix = text[start:first[0]]
    comma = re.search(r"\s*,\s*$", prefix)
    if not comma or not WORD.search(prefix) or re.search(r"[\"“”:;]|''|``", prefix):
        return None
    start += len(prefix) - len(prefix.lstrip())
    return start, first[0] - len(comma.group())


def _sentence_start(text: str, before: int) -> int | None:
    """Where the sentence holding offset before starts (None: not within reach)."""
    reach = max(0, before - MAX_SUBJECT_CHARS)
    window = max(text.rfind("\n", reach, before) + 1, reach)
    ends = list(SENTENCE_END.finditer(text, window, before))
    start = ends[-1].end() if ends else window
    return None if start == reach > 0 else start


def _with_that(text: str, start: int) -> int:
    """The content starts at the complementizer "that" just before it, even when
    the content is a quotation (*said that "..."*: in train 100 such contents
    begin with "that" against 3 that begin at the mark)."""
    m = LEADING_THAT.search(text, max(0, start - 12), start)
    return m.start() if m else start


APPOSITION_DASH = re.compile(r"[ \xa0]*(--|[—–]|-(?= ))")
LEADING_EVEN = re.compile(r"even\s+", re.IGNORECASE)


def polnear_source(text: str, start: int, end: int) -> tuple[int, int]:
    """PolNeAR keeps the comma or dash that closes an apposition ("Jane Doe, 25,
    said", "Jane Doe -- a teacher -- said"): in train 919 of 1,025 commas and
    32 of 34 dashes (scripts/polnear_source_stats.py)), and leaves a leading
    "even" out (*even some of his admirers*: 21 of 23 in train)."""
    even = LEADING_EVEN.match(text, start, end)
    if even and even.end() < end:
        start = even.end()
    inside = text[start:end]
    if "," in inside and text[end:end + 1] == ",":
        return start, end + 1
    dash = APPOSITION_DASH.match(text, end)
    if dash and (f" {dash.group(1)} " in inside or f"\xa0{dash.group(1)} " in inside):
        end = dash.end()
    return start, end


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an inner span by its quotation marks (`` and '' are two characters)."""
    # spaces may sit between a mark and the words: “ … if”, "the term 'outreach,' "
    open_at = start
    while open_at > 0 and text[open_at - 1] in " \t\xa0":
        open_at -= 1
    if text[max(0, open_at - 2):open_at] in ("``", "''"):
        start = open_at - 2
    elif open_at > 0 and text[open_at - 1] in QUOTE_OPEN:
        start = open_at - 1
    close_at = end + len(text[end:end + 3]) - len(text[end:end + 3].lstrip(" \t\xa0"))
    if text[close_at:close_at + 2] == "''":
        end = close_at + 2
    elif close_at < len(text) and text[close_at] in QUOTE_CLOSE:
        end = close_at + 1
    elif end < len(text) and text[end] in TYPO_CLOSE:
        end += 1  # "It's unusual,“ said ...: an opening mark typed for the closing one
    return start, end


def to_attributions(text: str, quotes: list[Quote]) -> list[Attribution]:
    """Our quotes as PolNeAR attributions (partial quotes are inside an
    indirect one already and are not repeated). Quotes that share a cue, and a
    paragraph that is only a quote continuing the previous direct quote, are
    one attribution with its content in parts, as PolNeAR annotates them."""
    result: list[Attribution] = []
    direct_by_cue: dict[Spans, Attribution] = {}
    last_direct: Attribution | None = None
    reported = [(q.start, q.end) for q in quotes if q.kind == "indirect"]
    for quote in quotes:
        if quote.kind == "partial":
            continue
        if quote.kind == "direct" and _named_inside(text, quote, reported):
            continue  # a partial quote of the reported speech around it
        speaker = quote.speaker
        source = (polnear_source(text, speaker.start, speaker.end),) \
            if speaker and speaker.start is not None else ()
        cue = ((quote.cue.start, quote.cue.end),) if quote.cue else ()
        content = polnear_content(text, quote)
        if cue and cue in direct_by_cue and quote.kind == "direct":
            direct_by_cue[cue].content += content
            continue
        if not cue and not source and quote.kind == "direct" and last_direct is not None \
                and _whole_paragraph(text, content) and _next_to(text, last_direct.content, content):
            last_direct.content += content  # "...," she said.  / "More."
            continue
        result.append(Attribution(source=source, cue=cue, content=content))
        if cue and quote.kind == "direct":
            direct_by_cue[cue] = last_direct = result[-1]
        elif cue and _ends_with_mark(text, content):
            direct_by_cue[cue] = result[-1]  # As for X, "...," he said. "More." is one
    return result


FREE_RELATIVE = re.compile(r"\bwhat\s+$", re.IGNORECASE)


def _named_inside(text: str, quote: Quote, reported: list[tuple[int, int]]) -> bool:
    """*denouncing what it calls "the biggest attack"*: a quote named by a free
    relative inside reported speech is a partial quote of that speech, and is
    dropped as partial quotes are (in train, 4 of the 5 such quotes are no
    gold quote of their own; of 9 *what X calls* quotes outside reported
    speech, 3 are)."""
    speaker = quote.speaker
    if speaker is None or speaker.start is None or \
            not FREE_RELATIVE.search(text, max(0, speaker.start - 12), speaker.start):
        return False
    return any(start < speaker.start and quote.end <= end for start, end in reported)


def _ends_with_mark(text: str, content: Spans) -> bool:
    last = text[content[-1][0]:content[-1][1]].rstrip()
    return bool(last) and last[-1] in QUOTE_CLOSE


def _next_to(text: str, before: Spans, content: Spans) -> bool:
    """No paragraph of narration between the two: a quote-only paragraph
    after one is a statement of its own (train: 2 of 11 such carry-overs are
    one gold attribution, against 52 of 72 right after the quote)."""
    newline = text.find("\n", before[-1][1], content[0][0])
    return newline < 0 or not WORD.search(text, newline, content[0][0])


def _whole_paragraph(text: str, content: Spans) -> bool:
    """The quote (marks included) is all its paragraph holds."""
    start, end = content[0][0], content[-1][1]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end:len(text) if line_end < 0 else line_end].strip()


def write_ann(path: Path, text: str, attributions: list[Attribution]) -> None:
    lines, number = [], 0
    for index, attr in enumerate(attributions, 1):
        ids = {}
        for role in ROLES:
            spans = attr.role(role)
            if not spans:
                continue
            number += 1
            ids[role] = f"T{number}"
            offsets = ";".join(f"{s} {e}" for s, e in spans)
            lines.append(f"T{number}\t{role} {offsets}\t{' '.join(text[s:e] for s, e in spans)}")
        anchor = attr.cue or attr.content
        number += 1
        label = "Attribution" if attr.source else "Attribution-no-source"
        lines.append(f"T{number}\t{label} {anchor[0][0]} {anchor[0][1]}\t{text[anchor[0][0]:anchor[0][1]]}")
        args = " ".join(f"{role}:{ids[role]}" for role in ROLES if role in ids)
        lines.append(f"E{index}\tAttribution:T{number} {args}")
    path.write_text("\n".join(line.replace("\n", " ") for line in lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- scoring

TOKEN = re.compile(r"\w+|[^\w\s]")


class Tokens:
    """Token start offsets of a text, to measure span overlap in tokens."""

    def __init__(self, text: str):
        self.starts = [m.start() for m in TOKEN.finditer(text)]

    def of(self, spans: Spans) -> set[int]:
        found: set[int] = set()
        for start, end in spans:
            lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
            found.update(range(lo, hi))
        return found


@dataclass
class Counts:
    pred: float = 0.0
    gold: float = 0.0
    exact_hit_p: float = 0.0     # predicted spans that are exactly right
    exact_hit_r: float = 0.0     # gold spans found exactly
    tok_pred: float = 0.0        # predicted tokens
    tok_gold: float = 0.0
    tok_hit_p: float = 0.0       # overlap tokens, summed over matched pairs
    tok_hit_r: float = 0.0

    def add(self, other: Counts, weight: float) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + weight * getattr(other, name))

    def paired_exact(self) -> None:
        """A pair whose spans are identical: right for precision and recall alike."""
        self.exact_hit_p += 1
        self.exact_hit_r += 1

    def exact_prf(self) -> tuple[float, float, float]:
        return prf(self.exact_hit_p, self.pred, self.exact_hit_r, self.gold)

    def token_prf(self) -> tuple[float, float, float]:
        return prf(self.tok_hit_p, self.tok_pred, self.tok_hit_r, self.tok_gold)


def prf(hit_p, total_p, hit_r, total_r) -> tuple[float, float, float]:
    p = hit_p / total_p if total_p else 0.0
    r = hit_r / total_r if total_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match(tokens: Tokens, pred: list[Attribution], gold: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred, gold) by content token overlap, greedily."""
    pred_tokens = [tokens.of(a.content) for a in pred]
    gold_tokens = [tokens.of(a.content) for a in gold]
    scored = []
    for i, p in enumerate(pred_tokens):
        for j, g in enumerate(gold_tokens):
            shared = len(p & g)
            if shared:
                scored.append((shared / len(p | g), i, j))
    pairs, taken_p, taken_g = [], set(), set()
    for _, i, j in sorted(scored, reverse=True):
        if i not in taken_p and j not in taken_g:
            pairs.append((i, j))
            taken_p.add(i)
            taken_g.add(j)
    return pairs


ROLE_KINDS = ("source", "cue", "content")
KINDS = (*ROLE_KINDS, "attribution")


def score_doc(text: str, pred: list[Attribution], gold: list[Attribution],
              quoted_only: bool = False) -> dict[str, Counts]:
    if quoted_only:
        gold = [a for a in gold if is_quoted(text, a)]
        pred = [a for a in pred if is_quoted(text, a)]
    tokens = Tokens(text)
    counts = {kind: Counts() for kind in KINDS}
    for kind in ROLE_KINDS:
        counts[kind].pred = sum(1 for a in pred if a.role(kind))
        counts[kind].gold = sum(1 for a in gold if a.role(kind))
        counts[kind].tok_pred = sum(len(tokens.of(a.role(kind))) for a in pred)
        counts[kind].tok_gold = sum(len(tokens.of(a.role(kind))) for a in gold)
    whole = counts["attribution"]
    whole.pred, whole.gold = len(pred), len(gold)
    whole.tok_pred = sum(len(tokens.of(_all_spans(a))) for a in pred)
    whole.tok_gold = sum(len(tokens.of(_all_spans(a))) for a in gold)
    for i, j in match(tokens, pred, gold):
        p, g = pred[i], gold[j]
        for kind in ROLE_KINDS:
            _credit(counts[kind], tokens, p.role(kind), g.role(kind))
        if all(_same(p.role(k), g.role(k)) for k in ROLE_KINDS):
            whole.paired_exact()
        shared = len(tokens.of(_all_spans(p)) & tokens.of(_all_spans(g)))
        whole.tok_hit_p += shared
        whole.tok_hit_r += shared
    return counts


def _all_spans(a: Attribution) -> Spans:
    return a.source + a.cue + a.content


def _same(a: Spans, b: Spans) -> bool:
    return sorted(a) == sorted(b)


def _credit(counts: Counts, tokens: Tokens, pred: Spans, gold: Spans) -> None:
    if not pred or not gold:
        return
    if _same(pred, gold):
        counts.paired_exact()
    shared = len(tokens.of(pred) & tokens.of(gold))
    counts.tok_hit_p += shared
    counts.tok_hit_r += shared


def citron_doc(text: str, pred: list[Attribution], gold: list[Attribution]) -> dict[str, Counts]:
    """Scores by the definitions of bbc/citron's metrics.py, to set beside its
    published figures. Nothing is paired one to one. Exact: a predicted cue is
    right when some gold cue is the same span; a predicted source (content) when
    some gold attribution whose cue shares a token with its cue has the same
    source (content); a whole attribution when some gold one has the same cue,
    source and content; recall counts the gold ones the same way round. Token
    overlap: the tokens each predicted span shares with each gold span, summed
    over every pair, so a token that two gold attributions share (one speaker of
    two statements) counts twice. (Citron also takes two cues that merely touch
    as overlapping; here they must share a token.)"""
    tokens = Tokens(text)
    pred_tokens = [{k: tokens.of(a.role(k)) for k in ROLE_KINDS} for a in pred]
    gold_tokens = [{k: tokens.of(a.role(k)) for k in ROLE_KINDS} for a in gold]
    counts = {kind: Counts(pred=len(pred), gold=len(gold)) for kind in KINDS}
    for kind in KINDS:
        right = [[_citron_right(kind, p, g, p_tokens["cue"] & g_tokens["cue"])
                  for g, g_tokens in zip(gold, gold_tokens)]
                 for p, p_tokens in zip(pred, pred_tokens)]
        counts[kind].exact_hit_p = sum(any(row) for row in right)
        counts[kind].exact_hit_r = sum(any(column) for column in zip(*right))
    for kind in ROLE_KINDS:
        c = counts[kind]
        c.tok_pred = sum(len(p[kind]) for p in pred_tokens)
        c.tok_gold = sum(len(g[kind]) for g in gold_tokens)
        c.tok_hit_p = c.tok_hit_r = sum(len(p[kind] & g[kind]) for p in pred_tokens for g in gold_tokens)
    return counts


def _citron_right(kind: str, pred: Attribution, gold: Attribution, cues_share: set[int]) -> bool:
    if kind == "attribution":
        return all(_same(pred.role(k), gold.role(k)) for k in ROLE_KINDS)
    return (kind == "cue" or bool(cues_share)) and _same(pred.role(kind), gold.role(kind))


def is_quoted(text: str, a: Attribution) -> bool:
    """The content begins and ends with a quotation mark (PolNeAR keeps them)."""
    if not a.content:
        return False
    first = text[a.content[0][0]:a.content[0][1]].strip()
    last = text[a.content[-1][0]:a.content[-1][1]].strip()
    return bool(first) and first[0] in QUOTE_OPEN + "`" and last[-1] in QUOTE_CLOSE


# ---------------------------------------------------------------- command

def run(directory: str, out: str | None = None, nlp=None) -> tuple[str, dict]:
    """Extract every PolNeAR text in directory and score it against its annotators.

    An article with several annotators' files is scored against each, with
    weight 1/k, so that each article counts once.
    """
    docs = load_split(directory)
    if not docs:
        raise NewsfactsError(f"{directory}: no PolNeAR texts (expected text/*.txt and attributions/*.ann).")
    summary = evaluate(docs, extract_quotes_of(docs, nlp), Path(out) if out else None)
    return format_table(summary), summary


def extract_quotes_of(docs: list[PolnearDoc], nlp=None) -> Iterable[list[Quote]]:
    """The extractor's quotes of each article, in the order of docs."""
    from ..api import extract_many
    from ..article import make_article

    articles = (make_article(d.text, published=d.published, id=d.name) for d in docs)
    return (facts.quotes for facts in extract_many(articles, nlp=nlp))


def evaluate(docs: list[PolnearDoc], quotes: Iterable[list[Quote]], out_dir: Path | None = None) -> dict:
    """Score the quotes of each article (in the order of docs); write .ann files to out_dir."""
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    totals = new_totals()
    for pdoc, doc_quotes in zip(docs, quotes):
        pred = to_attributions(pdoc.text, doc_quotes)
        if out_dir:
            write_ann(out_dir / f"{pdoc.name}.ann", pdoc.text, pred)
        for gold in pdoc.annotations:
            add_scores(totals, pdoc.text, pred, gold, 1.0 / len(pdoc.annotations))
    return summarise(totals, len(docs))


SCOPES = ("all", "quoted", "citron")


def new_totals() -> dict[str, dict[str, Counts]]:
    return {scope: {kind: Counts() for kind in KINDS} for scope in SCOPES}


def add_scores(totals: dict[str, dict[str, Counts]], text: str, pred: list[Attribution],
               gold: list[Attribution], weight: float) -> None:
    """Score pred against gold: paired, for all attributions and for the quoted
    ones, and by Citron's own definitions."""
    for scope, by_kind in totals.items():
        scored = citron_doc(text, pred, gold) if scope == "citron" else \
            score_doc(text, pred, gold, scope == "quoted")
        for kind, counts in scored.items():
            by_kind[kind].add(counts, weight)


def summarise(totals: dict, n_docs: int) -> dict:
    summary: dict = {"articles": n_docs}
    for scope, by_kind in totals.items():
        for kind, counts in by_kind.items():
            modes = [("exact", counts.exact_prf()), ("token", counts.token_prf())]
            for mode, values in modes[:1] if (scope, kind) == ("citron", "attribution") else modes:
                summary[f"{scope}/{kind}/{mode}"] = dict(zip("prf", (round(v, 4) for v in values)))
            summary[f"{scope}/{kind}/n"] = {"pred": round(counts.pred, 1), "gold": round(counts.gold, 1)}
    quoted_source = totals["quoted"]["source"]
    summary["quoted/speaker_accuracy"] = round(
        quoted_source.exact_hit_r / quoted_source.gold, 4) if quoted_source.gold else 0.0
    return summary


def format_table(summary: dict) -> str:
    rows = [f"PolNeAR: {summary['articles']} articles",
            f"{'scope':8} {'role':12} {'exact P':>8} {'R':>6} {'F1':>6}   {'token P':>8} {'R':>6} {'F1':>6}"]
    for scope in SCOPES:
        if scope == "citron":
            rows.append("by Citron's own definitions (bbc/citron metrics.py: nothing paired one "
                        "to one, token overlaps summed over every pair):")
        for kind in KINDS:
            e, t = summary[f"{scope}/{kind}/exact"], summary.get(f"{scope}/{kind}/token")
            token = f"   {t['p']:8.3f} {t['r']:6.3f} {t['f']:6.3f}" if t else ""
            rows.append(f"{scope:8} {kind:12} {e['p']:8.3f} {e['r']:6.3f} {e['f']:6.3f}{token}")
        if scope == "quoted":
            rows.append(f"quoted speaker accuracy (exact source): "
                        f"{summary['quoted/speaker_accuracy']:.3f}")
    return "\n".join(rows)
