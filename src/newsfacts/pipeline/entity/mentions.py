"""Find the mentions of a Doc: names (NER spans, repaired), nominals, pronouns."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..extensions import children, entities_of, lefts, rights, span_text, token_values, tokens_of
from .lexicon import PRONOUNS, Lexicon
from .model import FIRST_PERSON_CASE, NAME, NOMINAL, PRONOUN, RELATIVE_CASE, Mention

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
DEFINITE_DETS = {"the", "this", "that", "these", "those"}
POSSESSIVE = {"'s", "’s", "'", "’"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "dative", "oprd", "ROOT",
                 "poss"}
PP_OF_NOMINAL = {"for", "of", "at", "with", "from"}
MAX_PREMODS = 8
FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
RELATIVE = {"who", "whom", "whose", "which", "that"}
CAMEL_CASE = re.compile(r"^[a-z]{1,3}[A-Z][A-Za-z]+$")  # iPhone, eBay, iOS
CAMEL_HINT = re.compile(r"[a-z][A-Z]")  # in every word CAMEL_CASE matches
RETYPED_AS_PRODUCT = {"ORG", "NORP", "PERSON", "PRODUCT", "WORK_OF_ART"}
MODEL_NUMBER = re.compile(r"^\d[\w.]*$")  # 4, 3GS, 2.0


def name_spans(doc: Doc) -> list[Span]:
    """NER spans worth resolving; neighbours of one label split by a space are joined
    ("Bergdorf" + "Goodman")."""
    spans: list[Span] = []
    for ent in entities_of(doc):
        if ent.label_ not in KEEP:
            continue
        last = spans[-1] if spans else None
        if last is not None and last.label_ == ent.label_ and last.end == ent.start \
                and tokens_of(doc)[last.end - 1].whitespace_ == " ":
            spans[-1] = Span(doc, last.start, ent.end, label=ent.label_)
        else:
            spans.append(ent)
    spans = sorted(spans + product_spans(doc, spans), key=lambda span: span.start)
    return [_without_possessive(_before_possessive(_as_product(span))) for span in spans]


def _before_possessive(span: Span) -> Span:
    """NER sometimes runs a name on through its possessive ("Apple's C.E.O."):
    the name is the part before it."""
    inside = tokens_of(span.doc)[span.start + 1:span.end - 1]
    inner = [t.i for t in inside if t.text in POSSESSIVE and t.tag_ == "POS"]
    if inner and span.label_ != "PERSON":
        return Span(span.doc, span.start, inner[0], label=span.label_)
    return span


def _as_product(span: Span) -> Span:
    """A camel-case name is a product ("iPod"), whatever NER calls it (ORG, NORP...),
    so that "the device" finds it and it meets its untagged mentions."""
    if span.label_ in RETYPED_AS_PRODUCT and CAMEL_CASE.match(tokens_of(span.doc)[span.start].text):
        return Span(span.doc, span.start, span.end, label="PRODUCT")
    return span


def product_spans(doc: Doc, spans: list[Span]) -> list[Span]:
    """Camel-case names NER missed ("iPhone 4", "iOS"), with a model number after
    them."""
    texts = token_values(doc, "text")
    if not CAMEL_HINT.search(" ".join(texts)):
        return []  # most articles: one scan of the text instead of a match per token
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for i, text in enumerate(texts):
        if i in taken or not CAMEL_CASE.match(text):
            continue
        end = i + 1
        if end < len(texts) and end not in taken and MODEL_NUMBER.match(texts[end]):
            end += 1
        found.append(Span(doc, i, end, label="PRODUCT"))
        taken.update(range(i, end))
    return found


def _without_possessive(span: Span) -> Span:
    if len(span) > 1 and tokens_of(span.doc)[span.end - 1].text in POSSESSIVE:
        return Span(span.doc, span.start, span.end - 1, label=span.label_)
    return span


def name_mention(span: Span, lex: Lexicon) -> Mention | None:
    """A name mention, with titles, honorifics and suffixes split off its words
    (None for a party name used as a person noun: "the Republican")."""
    root = span.root
    if span.label_ == "NORP" and len(span) == 1 and _norp_nominal(root) is not None:
        return None
    tokens = [t for t in tokens_of(span.doc)[span.start:span.end]
              if not (t.i == span.start and t.lower_ == "the") and t.text not in POSSESSIVE]
    gender = title = None
    while len(tokens) > 1 and span.label_ == "PERSON":
        lower = tokens[0].lower_
        if lower in lex.honorifics:
            gender = lex.honorifics[lower]
        elif lex.title_word(tokens[0].text):
            title = lex.title_word(tokens[0].text)
        else:
            break
        tokens = tokens[1:]
    suffixes = lex.name_suffixes | {","}
    while len(tokens) > 1 and tokens[-1].lower_.strip(",") in suffixes:
        tokens = tokens[:-1]
    if not tokens:
        return None
    words = tuple(t.lower_ for t in tokens)
    if span.label_ == "PERSON" and gender is None and len(words) > 1:
        given = [w for w in words[:-1] if not (len(w) <= 2 and w.endswith("."))]  # not "E."
        gender = lex.first_name_gender(given[0]) if given else None
    text = span_text(span.doc, tokens[0].i, tokens[-1].i + 1)
    return Mention(span.start, span.end, NAME, span.label_, root.i, words=words,
                   gender=gender, title=title, text=text, plural=root.tag_ in ("NNPS", "NNS"))


def premodifiers(doc: Doc, start: int, root: Token) -> list[Token]:
    """Tokens right before a name that modify it inside its noun phrase
    ("U.S. District Judge", "Carroll's lawyer", "Democrat"); stops at a determiner."""
    found: list[Token] = []
    tokens = tokens_of(doc)
    i = start - 1
    while i >= 0 and len(found) < MAX_PREMODS:
        token = tokens[i]
        hyphen = token.text == "-" and not token.whitespace_  # "77-year-old"
        if (token.dep_ in ("det", "punct", "cc", "prep", "predet") and not hyphen) or \
                token.pos_ in ("VERB", "AUX", "ADP", "SPACE"):
            break
        if not _within(token, root, start):
            break
        found.insert(0, token)
        i -= 1
    return found


def title_mentions(doc: Doc, names: list[Mention], lex: Lexicon) -> list[tuple[Mention, Mention]]:
    """The title or role words written before a person's name ("Apple CEO" in "Apple
    CEO Steve Jobs"), as a description of that person: (description, name) pairs."""
    found = []
    for name in names:
        if name.label != "PERSON":
            continue
        tokens = premodifiers(doc, name.start, tokens_of(doc)[name.head])
        heads = [t for t in tokens if lex.title_word(t.text) or t.lemma_.lower() in lex.person_nouns]
        if heads:
            head = heads[-1]
            # a common noun before the title refers on its own ("company" in "company CEO")
            nouns = [t.i + 1 for t in tokens if t.i < head.i and t.tag_ in ("NN", "NNS")
                     and t not in heads]
            start = max(nouns, default=tokens[0].i)
            found.append((Mention(start, head.i + 1, NOMINAL, "PERSON", head.i,
                                  noun=head.lemma_.lower()), name))
    return found


def _within(token: Token, root: Token, start: int) -> bool:
    head = token
    for _ in range(MAX_PREMODS + 2):
        if head == root:
            return True
        if head.head == head or head.i > root.i:
            return False
        head = head.head
    return False


def nominal_mentions(doc: Doc, taken: set[int], lex: Lexicon) -> list[Mention]:
    found = []
    tokens = tokens_of(doc)
    for i, pos in enumerate(token_values(doc, "pos_")):
        # _nominal takes nouns only
        if pos not in ("NOUN", "PROPN") or i in taken or tokens[i].dep_ not in ARGUMENT_DEPS:
            continue
        mention = _nominal(tokens[i], lex, taken)
        if mention is not None:
            found.append(mention)
    return found


def _nominal(token: Token, lex: Lexicon, names: set[int]) -> Mention | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ not in ("", "NORP"):
        return None
    if token.ent_type_ == "NORP":
        return _norp_nominal(token)
    if lemma in lex.person_nouns or lex.title_word(token.text):
        label, gender = "PERSON", lex.noun_gender.get(lemma)
    elif lemma in lex.org_nouns:
        label, gender = lex.org_nouns[lemma][0], "N"
    elif lemma in lex.collective_agents or _apposed_to_name(token, names):
        label, gender = "ORG", "N"
    else:
        return None
    start, end = nominal_extent(token)
    return Mention(start, end, NOMINAL, label, token.i, gender=gender, noun=lemma,
                   plural=token.tag_ in ("NNS", "NNPS"), definite=_definite(token))


def _apposed_to_name(token: Token, names: set[int]) -> bool:
    """Any common noun in apposition to a name describes it ("Tiger, the newest
    version of Mac OS X"); only the apposition rule may link it."""
    if token.pos_ != "NOUN":
        return False
    if token.dep_ == "appos" and token.head.i in names:
        return True
    return any(c.dep_ == "appos" and c.i in names for c in children(token))


def _norp_nominal(token: Token) -> Mention | None:
    """'The Republican' used as a noun for one person (not 'Republican voters')."""
    if token.tag_ not in ("NNP", "NN") or token.ent_iob_ != "B":
        return None
    tokens = tokens_of(token.doc)
    if token.i + 1 < len(tokens) and tokens[token.i + 1].ent_type_ == "NORP":
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in children(token)):
        return None
    start, end = nominal_extent(token)
    return Mention(start, end, NOMINAL, "PERSON", token.i, noun=token.lower_,
                   definite=_definite(token))


def _definite(token: Token) -> bool:
    return any((c.dep_ == "det" and c.lower_ in DEFINITE_DETS) or c.dep_ == "poss"
               for c in children(token))


def nominal_extent(token: Token) -> tuple[int, int]:
    """The noun phrase up to its head, plus a following 'for/of/at ...' phrase."""
    left = [c for c in lefts(token) if c.dep_ not in ("punct", "cc", "preconj", "advmod")]
    start = min((c.left_edge.i for c in left), default=token.i)
    end = token.i + 1
    for child in rights(token):
        if child.dep_ == "prep" and child.lower_ in PP_OF_NOMINAL and child.i == end:
            end = child.i + 1
            tokens = tokens_of(token.doc)
            while end <= child.right_edge.i and not (tokens[end].is_punct or tokens[end].is_space):
                end += 1
            break
    return start, end


def pronoun_mentions(doc: Doc, taken: set[int]) -> list[Mention]:
    found = []
    tokens = tokens_of(doc)
    for i, form in enumerate(token_values(doc, "lower_")):
        if form not in PRONOUNS or i in taken or tokens[i].pos_ != "PRON":
            continue
        token = tokens[i]
        gender, case = PRONOUNS[form]
        if form == "her" and token.tag_ == "PRP$":
            case = "poss"
        label = "PERSON" if gender in ("M", "F") else "ORG"
        found.append(Mention(token.i, token.i + 1, PRONOUN, label, token.i,
                             gender=gender, noun=case, plural=gender == "P"))
    found += relative_pronouns(doc, taken) + first_person(doc, taken)
    return sorted(found, key=lambda m: m.start)


def first_person(doc: Doc, taken: set[int]) -> list[Mention]:
    """I/me/my: the speaker, when inside a quotation; we/us/our: the speaker's
    organisation (resolved by resolve.py)."""
    tokens = tokens_of(doc)
    return [Mention(t.i, t.i + 1, PRONOUN, "ORG" if t.lower_ in FIRST_PLURAL else "PERSON", t.i,
                    noun=FIRST_PERSON_CASE, plural=t.lower_ in FIRST_PLURAL)
            for t in (tokens[i] for i, form in enumerate(token_values(doc, "lower_"))
                      if form in FIRST_PERSON or form in FIRST_PLURAL)
            if t.i not in taken and t.pos_ == "PRON"]


def relative_pronouns(doc: Doc, taken: set[int]) -> list[Mention]:
    """who/which/that opening a relative clause; they refer to the noun the clause
    modifies ("an iPod, which is made by Apple")."""
    found = []
    tokens = tokens_of(doc)
    for i, form in enumerate(token_values(doc, "lower_")):
        if form not in RELATIVE or i in taken or tokens[i].tag_ not in ("WDT", "WP", "WP$"):
            continue
        token = tokens[i]
        if token.head.dep_ != "relcl" or token.head.head.i >= token.i:
            continue
        label = "PERSON" if token.lower_ in ("who", "whom") else "ORG"
        found.append(Mention(token.i, token.i + 1, PRONOUN, label, token.i, noun=RELATIVE_CASE))
    return found


def surname_mentions(doc: Doc, names: list[Mention], taken: set[int], lex: Lexicon) -> list[Mention]:
    """Capitalised words NER missed that are the surname of a person named in full
    elsewhere in the article ("pay Carroll millions")."""
    surnames = {[w for w in m.words if w not in lex.name_suffixes][-1]
                for m in names if m.label == "PERSON" and len(m.words) > 1
                and m.words[0] not in lex.name_suffixes}
    found = []
    tokens = tokens_of(doc)
    for i, form in enumerate(token_values(doc, "lower_")):
        if form not in surnames or i in taken or not tokens[i].tag_.startswith("NN"):
            continue
        token = tokens[i]
        if token.ent_type_ or not token.text[:1].isupper():
            continue
        found.append(Mention(token.i, token.i + 1, NAME, "PERSON", token.i,
                             words=(token.lower_,), text=token.text))
    return found
