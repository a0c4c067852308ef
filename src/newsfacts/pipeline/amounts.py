"""Amounts: money and quantities with normalised values and modifiers.

A regular-expression scanner over the text finds numbers (digits, number
words, "1.2bn", "half a billion", "millions of"), then reads what sits around
each one: a currency before it; after it a scale, a range, a currency, percent
or measure unit, and a suffix modifier; before it a prefix modifier. A number
with none of these is an amount only when the parse tree makes it count a
noun ("300 people", unit "people"). spaCy's NER only vetoes: numbers inside
dates, times, ordinals or names are not amounts. Decisions (vague amounts,
ranges, the modifier table): docs/amounts-events.md.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from spacy.tokens import Doc, Token

from ..article import Article
from ..schema import Amount
from .extensions import lefts, sharing_values, text_of

PATTERNS = Path(__file__).parent / "patterns"


def _load(name: str) -> dict:
    return json.loads((PATTERNS / name).read_text(encoding="utf-8"))


LEX = _load("amount_lexicon.json")
MODS = _load("amount_modifiers.json")

NUMBER_WORDS: dict[str, int] = LEX["number_words"]
SCALE_WORDS: dict[str, int] = LEX["scale_words"]
SCALE_ABBR: dict[str, int] = LEX["scale_abbreviations"]
AMBIGUOUS_ABBR = set(LEX["ambiguous_abbreviations"])
VAGUE: dict[str, int] = LEX["vague_plurals"]
SYMBOLS: dict[str, str] = LEX["currency_symbols"]
CODES = set(LEX["currency_codes"])
CURRENCY_WORDS: dict[str, str] = LEX["currency_words"]
NEEDS_MONEY_NER = set(LEX["currency_words_needing_ner"])
CURRENCY_PHRASES: dict[str, str] = {  # "canadian dollar(s)" -> CAD
    **LEX["currency_adjectives"], **{k + "s": v for k, v in LEX["currency_adjectives"].items()}}
PERCENT_UNITS: dict[str, str] = LEX["percent_units"]
MEASURE_UNITS: dict[str, str] = LEX["measure_units"]
CASE_SENSITIVE_UNITS = set(LEX["measure_case_sensitive"])
GLUED_ONLY_UNITS = set(LEX["glued_only_units"])
TIME_UNITS = set(LEX["time_units"])
NOT_COUNTED = set(LEX["not_counted_nouns"])
COUNTED_NOUN_UNITS: dict[str, str] = LEX["counted_noun_units"]
PREFIX_MODS: dict[str, str] = MODS["prefix"]
SUFFIX_MODS: dict[str, str] = MODS["suffix"]
RANGE_OPENERS: dict[str, str] = MODS["range_openers"]
VETO_ENTS = {"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "GPE", "PRODUCT", "FAC", "LOC",
             "WORK_OF_ART", "LAW", "EVENT"}
ONE = {"one", "1"}
REFERRING_DETERMINERS = set(LEX["referring_determiners"])


def _alt(words) -> str:
    """Regex alternation of literal words, longest first."""
    return _trie(words, space=re.escape(" "))


def _spaced(words) -> str:
    """Alternation in which a space inside a phrase matches any run of spaces."""
    return _trie(words, space=r"\s+")


def _trie(words, space: str) -> str:
    """The alternation of words written as a trie ("t(?:en|wo)"): re enters every
    branch of an alternation in turn, and flat ones of a hundred words made the
    scan for numbers half of what amounts cost. Where one word is a prefix of
    another, the longer is tried first, as in a longest-first list."""
    root: dict = {}
    for word in set(words):
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root, space)


def _branches(node: dict, space: str) -> str:
    branches = [(space if char == " " else re.escape(char)) + _branches(child, space)
                for char, child in sorted(node.items()) if char]
    if "" in node:
        branches.append("")  # the word ending here, after every longer one
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = _alt(NUMBER_WORDS)
_SCALE = _alt(SCALE_WORDS)
WORD_NUMBER = (rf"(?:half\s+an?\s+(?:{_SCALE})|an?\s+(?:{_SCALE}|dozen)"
               rf"|(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}|{_SCALE}|dozen))*)")
FRACTIONS = {"half": 2, "third": 3, "quarter": 4}
FRACTION_NUMBER = (rf"(?:an?|one|two|three)[\s-]+(?:{_alt(FRACTIONS)})s?\s+of\s+an?\s+"
                   rf"(?:{_alt(set(SCALE_WORDS) - {'hundred'})})")
VAGUE_NUMBER = (rf"(?:{_alt(VAGUE)})(?:\s+of\s+(?:{_alt(VAGUE)}))*"
                rf"|(?:{_spaced(LEX['vague_quantifiers'])})\s+(?:{_alt(set(SCALE_WORDS) - {'hundred'})})")
CURRENCY_PREFIX = rf"{_alt(SYMBOLS)}|{_alt(CODES)}"
CORE = re.compile(
    rf"(?<![\w.,:/$\u20ac\u00a3\u00a5-])(?:(?P<cur>{CURRENCY_PREFIX})\s?)?"
    rf"(?P<num>(?:{DIGITS})|(?i:(?:{FRACTION_NUMBER}|{WORD_NUMBER}|{VAGUE_NUMBER}))\b)")
NUMBER_ONLY = re.compile(rf"(?:(?P<cur>{CURRENCY_PREFIX})\s?)?(?P<num>(?:{DIGITS})|(?i:{WORD_NUMBER})\b)")
SCALE_TAIL = re.compile(rf"\s*-?\s*(?i:(?P<word>{_SCALE}))\b"
                        rf"|(?P<space>\s?)(?P<abbr>{_alt(SCALE_ABBR)})(?![A-Za-z])")
PERCENT_TAIL = re.compile(rf"\s?(?P<u>%)|\s*-?\s*(?i:(?P<w>{_spaced(set(PERCENT_UNITS) - {'%'})}))\b")
_CURRENCY_WORD_RE = _spaced(set(CURRENCY_WORDS) | set(CURRENCY_PHRASES))
CURRENCY_TAIL = re.compile(rf"\s+(?:(?P<of>of)\s+)?(?:(?i:(?P<word>{_CURRENCY_WORD_RE}))|(?P<code>{_alt(CODES)}))\b")
_CI_UNITS = {u for u in MEASURE_UNITS if u not in CASE_SENSITIVE_UNITS}
MEASURE_TAIL = re.compile(rf"(?P<gap>\s?-?\s?)(?:(?P<cs>{_alt(CASE_SENSITIVE_UNITS)})|(?i:(?P<ci>{_spaced(_CI_UNITS)})))"
                          rf"(?![\w\u00b0])")
SUFFIX_TAIL = re.compile(rf"\s+(?i:(?P<m>{_spaced(SUFFIX_MODS)}))\b")
PREFIX_BEFORE = re.compile(rf"(?<![\w])(?i:(?P<m>{_spaced(PREFIX_MODS)}))\s+$")
OPENER_BEFORE = re.compile(rf"(?<![\w])(?i:(?P<o>{_alt(RANGE_OPENERS)}))\s+$")
RANGE_SEPARATORS = {  # after "between": "and"; after "from": "to"; else "-", "to"
    opener: re.compile(rf"\s*(?:{_alt([word] if opener else MODS['range_separators'])})\s*")
    for opener, word in [*RANGE_OPENERS.items(), (None, None)]}
OF_TAIL = re.compile(r"\s+of\s+")
COORDINATION = re.compile(r"\s*(?:,|and|or)\s+")


@dataclass
class _Number:
    start: int          # of the whole number, currency symbol included
    num_start: int
    end: int
    value: Decimal
    scaled: bool
    currency: str | None
    vague: bool = False


@dataclass
class _Found:
    start: int
    end: int
    value: Decimal
    unit: str
    mod: str | None


@sharing_values
def extract_amounts(doc: Doc, article: Article) -> list[Amount]:
    """Money and quantities in the Doc, in text order, ids A1, A2...

    doc (Doc): the parsed article. article (Article): its text and metadata.
    RETURNS (list[Amount]): each with value, unit (ISO 4217 for money) and mod.
    """
    text = text_of(doc, article)
    found: list[_Found] = []
    for match in CORE.finditer(text):
        found.extend(_read_amount(doc, text, match))
    return _number(_drop_overlaps(found), text)


def _number(found: list[_Found], text: str) -> list[Amount]:
    return [Amount(id=f"A{i}", start=f.start, end=f.end, text=text[f.start:f.end],
                   value=_plain(f.value), unit=f.unit, mod=f.mod)
            for i, f in enumerate(found, 1)]


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _drop_overlaps(found: list[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


# ---------------------------------------------------------------- numbers

def parse_number_words(phrase: str) -> tuple[Decimal, int] | None:
    """The value of a written number and how many characters of it make sense
    ("one hundred and twenty" -> 120, "half a billion" -> 5e8; "two and three"
    stops after "two")."""
    pieces = list(re.finditer(r"[A-Za-z]+", phrase))
    factor = Decimal(1)
    if pieces and pieces[0].group().lower() == "half":
        factor, pieces = Decimal("0.5"), pieces[1:]
    total, current, last, used_end, pending_and = Decimal(0), Decimal(0), None, 0, False
    for piece in pieces:
        word = piece.group().lower()
        if word == "and":
            if last not in ("hundred", "scale") or pending_and:
                break
            pending_and = True
            continue
        kind, value = _word_kind(word, last)
        if kind is None or last not in FOLLOWS[kind]:
            break
        total, current = _combine(total, current, kind, value)
        last, used_end, pending_and = kind, piece.end(), False
    if used_end == 0 or last == "article":
        return None
    return (total + current) * factor, used_end


# which kind of number word may come after which ("twenty five", "five hundred",
# "two dozen", "a million"; not "five six")
FOLLOWS = {
    "article": {None},
    "digit": {None, "tens", "hundred", "scale"},
    "teen": {None, "hundred", "scale"},
    "tens": {None, "hundred", "scale"},
    "hundred": {"digit", "teen", "article"},
    "dozen": {"digit", "teen", "tens", "article"},
    "scale": {"digit", "teen", "tens", "hundred", "article"},
}


def _word_kind(word: str, last: str | None) -> tuple[str | None, Decimal]:
    if word in ("a", "an"):
        return "article", Decimal(1)
    if word == "dozen":
        return "dozen", Decimal(12)
    if word == "hundred":
        return "hundred", Decimal(100)
    if word in SCALE_WORDS:
        return "scale", Decimal(SCALE_WORDS[word])
    if word in NUMBER_WORDS:
        value = NUMBER_WORDS[word]
        return ("digit" if value < 10 else "teen" if value < 20 else "tens"), Decimal(value)
    return None, Decimal(0)


def _combine(total: Decimal, current: Decimal, kind: str, value: Decimal) -> tuple[Decimal, Decimal]:
    if kind in ("digit", "teen", "tens", "article"):
        return total, current + value
    if kind in ("hundred", "dozen"):
        return total, (current or Decimal(1)) * value
    return total + (current or Decimal(1)) * value, Decimal(0)


def _vague_value(phrase: str) -> Decimal:
    value = Decimal(1)
    for word in re.findall(r"[A-Za-z]+", phrase.lower()):
        if word in VAGUE:
            value *= VAGUE[word]
    return value


def _read_number(text: str, cur: str | None, start: int, num_start: int, num_text: str) -> _Number | None:
    currency = _symbol_currency(cur)
    if num_text[0].isdigit():
        return _with_scale(text, _Number(start, num_start, num_start + len(num_text),
                                         Decimal(num_text.replace(",", "")), False, currency))
    if num_text.lower().split()[0] in VAGUE:
        return _Number(start, num_start, num_start + len(num_text), _vague_value(num_text),
                       True, currency, vague=True)
    fraction = _fraction_value(num_text)
    if fraction is not None:
        return _Number(start, num_start, num_start + len(num_text), fraction, True, currency)
    scale = num_text.lower().split()[-1]
    if scale in SCALE_WORDS and not parse_number_words(num_text):  # "several million"
        return _Number(start, num_start, num_start + len(num_text), Decimal(SCALE_WORDS[scale]),
                       True, currency, vague=True)
    parsed = parse_number_words(num_text)
    if parsed is None:
        return None
    value, used = parsed
    scaled = any(w in SCALE_WORDS for w in re.findall(r"[a-z]+", num_text[:used].lower()))
    return _Number(start, num_start, num_start + used, value, scaled, currency)


def _fraction_value(phrase: str) -> Decimal | None:
    """"a quarter of a million" -> 250000, "three quarters of a billion" -> 7.5e8."""
    words = re.findall(r"[a-z]+", phrase.lower())
    if len(words) < 5 or words[1].rstrip("s") not in FRACTIONS or words[2] != "of":
        return None
    numerator = NUMBER_WORDS.get(words[0], 1)
    return Decimal(numerator) / FRACTIONS[words[1].rstrip("s")] * SCALE_WORDS[words[-1]]


def _symbol_currency(cur: str | None) -> str | None:
    if not cur:
        return None
    return SYMBOLS.get(cur) or (cur if cur in CODES else None)


def _with_scale(text: str, number: _Number) -> _Number:
    match = SCALE_TAIL.match(text, number.end)
    if not match:
        return number
    if match.group("word"):
        factor = SCALE_WORDS[match.group("word").lower()]
    else:
        abbr = match.group("abbr")
        if (abbr in AMBIGUOUS_ABBR or match.group("space")) and not number.currency:
            return number
        factor = SCALE_ABBR[abbr]
    number.value *= factor
    number.scaled = True
    number.end = match.end()
    return number


# ---------------------------------------------------------------- amounts

def _read_amount(doc: Doc, text: str, match: re.Match) -> list[_Found]:
    first = _read_number(text, match.group("cur"), match.start(), match.start("num"), match.group("num"))
    if first is None or re.match(r"[/:]\d", text[first.end:first.end + 2]) or (
            first.end < len(text) and text[first.end].isalnum() and not _unit_glued(text, first)):
        return []  # "9/11", "3:30", "5th"
    opener = OPENER_BEFORE.search(text, max(0, first.start - 12), first.start)
    second = _read_range(text, first, opener.group("o").lower() if opener else None)
    last = second or first
    unit, pos = _read_unit(doc, text, last)
    if unit is None and second is None:
        return _counted_amount(doc, text, first)
    if unit is None:
        return []
    mod, pos = _suffix_mod(text, pos)
    start, prefix_mod = _prefix_mod(text, first.start)
    if second is None:
        mod = prefix_mod or mod or ("more_than" if first.vague else None)
        return [_Found(start, pos, first.value, unit, mod)]
    return _range_pair(first, second, unit, opener, start, prefix_mod, pos)


def _unit_glued(text: str, number: _Number) -> bool:
    return bool(MEASURE_TAIL.match(text, number.end) or PERCENT_TAIL.match(text, number.end))


def _read_range(text: str, first: _Number, opener: str | None) -> _Number | None:
    sep = RANGE_SEPARATORS[opener].match(text, first.end)
    if not sep or first.vague:
        return None
    match = NUMBER_ONLY.match(text, sep.end())
    if not match:
        return None
    second = _read_number(text, match.group("cur"), match.start(), match.start("num"), match.group("num"))
    if second is None:
        return None
    if not first.scaled and second.scaled:
        factor = second.value / Decimal(_raw_number(text, second))
        if first.value < second.value / factor:
            first.value *= factor
    if first.value > second.value:
        return None
    first.currency = first.currency or second.currency
    second.currency = second.currency or first.currency
    return second


def _raw_number(text: str, number: _Number) -> Decimal:
    digits = re.match(DIGITS, text[number.num_start:number.end])
    return Decimal(digits.group().replace(",", "")) if digits else Decimal(1)


def _range_pair(first: _Number, second: _Number, unit: str, opener, start: int,
                prefix_mod: str | None, end: int) -> list[_Found]:
    if opener and opener.group("o").lower() == "from":
        # "from $5 million to $10 million" is a change, not a range: two plain amounts
        return [_Found(first.start, first.end, first.value, unit, None),
                _Found(second.start, end, second.value, unit, None)]
    first_start = opener.start() if opener else start
    return [_Found(first_start, first.end, first.value, unit, prefix_mod or "at_least"),
            _Found(second.start, end, second.value, unit, "at_most")]


def _read_unit(doc: Doc, text: str, number: _Number) -> tuple[str | None, int]:
    """The unit after the number (currency word, percent, measure), else the
    currency symbol before it; and where the amount ends."""
    match = CURRENCY_TAIL.match(text, number.end)
    if match and _currency_tail_ok(doc, match, number):
        return _currency_of(match), match.end()
    if number.vague:
        return None, number.end
    match = PERCENT_TAIL.match(text, number.end)
    if match:
        return PERCENT_UNITS[(match.group("u") or _squash(match.group("w"))).lower()], match.end()
    if number.currency:
        return number.currency, number.end
    match = MEASURE_TAIL.match(text, number.end)
    if match and _measure_ok(match):
        unit = match.group("cs") or _squash(match.group("ci"))
        key = unit if unit in MEASURE_UNITS else unit.lower()
        return MEASURE_UNITS[key], match.end()
    return None, number.end


def _squash(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase)


def _currency_tail_ok(doc: Doc, match: re.Match, number: _Number) -> bool:
    if match.group("of") and not number.vague:
        return False
    word = (match.group("word") or "").lower()
    if word in NEEDS_MONEY_NER:
        span = doc.char_span(number.num_start, number.end, alignment_mode="expand")
        return span is not None and any(t.ent_type_ == "MONEY" for t in span)
    return True


def _currency_of(match: re.Match) -> str:
    if match.group("code"):
        return match.group("code")
    word = _squash(match.group("word")).lower()
    return CURRENCY_PHRASES.get(word) or CURRENCY_WORDS[word]


def _measure_ok(match: re.Match) -> bool:
    unit = match.group("cs") or match.group("ci")
    return unit not in GLUED_ONLY_UNITS or match.group("gap") == ""


def _suffix_mod(text: str, pos: int) -> tuple[str | None, int]:
    match = SUFFIX_TAIL.match(text, pos)
    if not match:
        return None, pos
    return SUFFIX_MODS[_squash(match.group("m")).lower()], match.end()


def _prefix_mod(text: str, start: int) -> tuple[int, str | None]:
    match = PREFIX_BEFORE.search(text, max(0, start - 25), start)
    if not match:
        return start, None
    return match.start(), PREFIX_MODS[_squash(match.group("m")).lower()]


# ---------------------------------------------------------------- counted quantities

def _counted_amount(doc: Doc, text: str, number: _Number) -> list[_Found]:
    """A bare number is an amount when it counts a noun: "300 people"."""
    if _vetoed(doc, text, number):
        return []
    of_phrase = number.vague and OF_TAIL.match(text, number.end)
    noun = _noun_after_of(doc, text, number) if of_phrase else _counted_noun(doc, number)
    if noun is None:
        return _coordinated_count(doc, text, number)
    unit = _noun_unit(noun)
    if unit is None:
        return []
    start, prefix_mod = _prefix_mod(text, number.start)
    suffix_mod, end = _suffix_mod(text, noun.idx + len(noun))
    if _coordinated(text, number):
        end = number.end  # "500 and 1,000 songs": "1,000 songs" is the next amount
    mod = prefix_mod or suffix_mod or ("more_than" if number.vague else None)
    return [_Found(start, end, number.value, unit, mod)]


def _coordinated(text: str, number: _Number) -> bool:
    link = COORDINATION.match(text, number.end)
    return bool(link and NUMBER_ONLY.match(text, link.end()))


def _coordinated_count(doc: Doc, text: str, number: _Number) -> list[_Found]:
    """"500 and 1,000 songs": the first number counts the second one's noun."""
    link = COORDINATION.match(text, number.end)
    match = NUMBER_ONLY.match(text, link.end()) if link else None
    if not match or match.group("cur"):
        return []
    second = _read_number(text, None, match.start(), match.start("num"), match.group("num"))
    noun = _counted_noun(doc, second) if second else None
    unit = _noun_unit(noun) if noun is not None else None
    if unit is None:
        return []
    start, prefix_mod = _prefix_mod(text, number.start)
    return [_Found(start, number.end, number.value, unit, prefix_mod)]


def _vetoed(doc: Doc, text: str, number: _Number) -> bool:
    literal = text[number.num_start:number.end]
    if re.fullmatch(r"\d{4}", literal) and 1000 <= int(literal) <= 2199:
        return True  # a year
    if literal.lower() in ONE:
        return True  # "one of them", "one day": rarely a checkable count
    span = doc.char_span(number.num_start, number.end, alignment_mode="expand")
    return span is None or any(t.ent_type_ in VETO_ENTS for t in span)


def _counted_noun(doc: Doc, number: _Number) -> Token | None:
    span = doc.char_span(number.num_start, number.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    link = next((t for t in span if t.dep_ == "nummod" and t.head.i >= span.end), None)
    if link is None:  # "500 and 1,000 songs": 1,000 is a conjunct of 500
        link = next((t.head for t in span if t.dep_ == "conj" and t.head.like_num
                     and t.head.dep_ == "nummod" and t.head.head.i >= span.end), None)
    head = link.head if link is not None else None
    if head is None or not _countable(head, number):
        return None
    if any(t.pos_ == "DET" for t in span.doc[span.end:head.i]):
        return None  # "4 An image": a caption number glued to the next sentence
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.text in ("-", "\u2010", "\u2011") and after.i < head.i:
        return None  # "a seven-man jury", "a 10-point plan": adjectives, not counts
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.pos_ == "PROPN" or before.lower_ in REFERRING_DETERMINERS
                               or before.text in ("'", "\u2019")):
        return None  # "iPhone 4 owners" names a product; "the two companies" refers back
    return head


def _noun_after_of(doc: Doc, text: str, number: _Number) -> Token | None:
    match = OF_TAIL.match(text, number.end)
    if not match:
        return None
    span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span[0]
    while token.dep_ in ("compound", "amod") and token.head.i > token.i:
        token = token.head
    return token if _countable(token, number) else None


def _countable(noun: Token, number: _Number) -> bool:
    """A plural common noun, or a plural name of a group ("31 Latinos"); not a
    person, place or date the parser attached to a stray number."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in VETO_ENTS:
        return False
    plural = noun.tag_ in ("NNS", "NNPS") or noun.lower_ != noun.lemma_.lower()
    return plural or number.value <= 1


def _noun_unit(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    if lemma in TIME_UNITS or noun.lower_ in TIME_UNITS or lemma in NOT_COUNTED:
        return None
    if lemma in COUNTED_NOUN_UNITS:
        return COUNTED_NOUN_UNITS[lemma]
    compounds = []
    for left in reversed(lefts(noun)):
        if left.dep_ != "compound" or left.pos_ != "NOUN" or left.i != noun.i - 1 - len(compounds):
            break
        compounds.insert(0, left.lower_)
    return " ".join([*compounds, lemma])
