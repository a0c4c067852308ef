"""Events: the verbs and event nouns that carry the story, with agents, patients and a date.

Triggers are content verbs outside quotation marks (speech acts included) and
nouns from an event lexicon ("verdict", "closing argument"). Agents and
patients come from the dependency parse (active and passive subjects, objects,
possessors, "by" phrases), mapped to entities through EntityLookup. A time
expression anchors the first trigger above it in the tree; a trigger without
one takes the anchor of the clause that governs it, unless it is irrealis
(infinitive, modal) or pluperfect. Rules and their reasons:
docs/amounts-events.md.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..article import Article
from ..schema import Entity, Event, TextSpan, TimeExpr
from .entities import EntityLookup
from .extensions import (children, entities_of, lefts, rights, sentences_of, shared, sharing_values,
                         text_of, token_values, tokens_of)

LEX = json.loads((Path(__file__).parent / "patterns" / "event_lexicon.json").read_text(encoding="utf-8"))
EVENT_NOUNS = set(LEX["event_nouns"])
PLURAL_NOT_EVENTS = set(LEX["plural_not_events"])
NON_EVENT_VERBS = set(LEX["non_event_verbs"])
PARTICLES = set(LEX["particles"])
IRREALIS_MODALS = set(LEX["irrealis_modals"])
RELATIVE_PRONOUNS = set(LEX["relative_pronouns"])
TIME_PASSING_DEPS = set(LEX["time_passing_deps"])
NON_EVENT_ENTS = set(LEX["non_event_entity_types"])
SUPPORT_VERBS = set(LEX["support_verbs"])
ANCHOR_PREPS = set(LEX["anchor_prepositions"])
SIMULTANEITY_MARKS = set(LEX["simultaneity_marks"])
EVENT_SUFFIXES = tuple(LEX["event_noun_suffixes"])
NON_TRIGGER_DEPS = {"amod", "compound", "aux", "auxpass", "nmod", "npadvmod", "det", "case", "acomp"}
ANCHOR_TYPES = {"DATE", "TIME"}
MEASURE_ENTS = {"TIME", "DATE", "MONEY", "QUANTITY", "CARDINAL"}
DAY = re.compile(r"\d{4}-\d\d-\d\d")
# the date part of a TIMEX3 value: 2024, 2024-01, 2024-01-26, 199X, XXXX-05, 2024-W04, 2024-Q1, 2024-SU
DATE_VALUE = re.compile(r"^[\dX]{4}(?:-(?:[\dX]{2}(?:-[\dX]{2})?|W\d{2}(?:-WE)?|Q\d|H\d|SP|SU|FA|WI))?")
QUOTE_MARKS = {'"': '"', "\u201c": "\u201d"}


@dataclass
class _Draft:
    trigger: Token
    start: int
    end: int
    agents: list[str] = field(default_factory=list)
    patients: list[str] = field(default_factory=list)
    time: TimeExpr | None = None
    date: str | None = None


@sharing_values
def extract_events(doc: Doc, article: Article, entities: list[Entity],
                   times: list[TimeExpr]) -> list[Event]:
    """Events in text order, ids V1, V2...

    doc (Doc): the parsed article. entities, times: the other extractors' output.
    RETURNS (list[Event]): trigger span, agents and patients (entity ids), the
    anchoring TimeExpr id and a normalised date.
    """
    lookup = EntityLookup(entities)
    quoted = quoted_tokens(doc)
    named_events = {ent.root.i: ent for ent in entities_of(doc) if ent.label_ == "EVENT"}
    inside_names = {t.i for ent in named_events.values() for t in ent if t.i != ent.root.i}
    timed = timed_nouns(doc, times)
    # a trigger that is neither a verb nor a noun is a named event or a timed noun
    candidates = [t for t, pos in zip(tokens_of(doc), token_values(doc, "pos_"))
                  if pos in ("VERB", "NOUN") or t.i in named_events or t.i in timed]
    triggers = [t for t in candidates if t.i not in quoted and t.i not in inside_names
                and (t.i in named_events or t.i in timed or is_event_verb(t) or is_event_noun(t))]
    trigger_ids = {t.i for t in triggers}
    anchors = anchor_times(doc, times, trigger_ids)
    text = text_of(doc, article)
    sentence_of = _sentence_index(doc, text)
    drafts = [_draft(t, lookup, anchors, named_events.get(t.i)) for t in triggers]
    _carry_dates_forward(drafts, sentence_of)
    return [_event(i, d, text, sentence_of[d.trigger.i]) for i, d in enumerate(drafts, 1)]


def _draft(trigger: Token, lookup: EntityLookup, anchors: dict[int, TimeExpr],
           named_event: Span | None) -> _Draft:
    """named_event: the NER EVENT span ("WWDC", "World War II") the trigger heads, if any."""
    start, end = (named_event.start_char, named_event.end_char) if named_event else trigger_extent(trigger)
    agents, patients = roles(trigger)
    time = time_of(trigger, anchors)
    return _Draft(trigger, start, end, _entity_ids(agents, lookup), _entity_ids(patients, lookup),
                  time, date_of(time))


def _event(number: int, draft: _Draft, text: str, sentence: TextSpan) -> Event:
    return Event(id=f"V{number}", start=draft.start, end=draft.end,
                 text=text[draft.start:draft.end], agents=draft.agents,
                 patients=draft.patients, time=draft.time.id if draft.time else None,
                 date=draft.date, sentence=TextSpan(sentence.start, sentence.end, sentence.text))


def _sentence_index(doc: Doc, doc_text: str) -> list[TextSpan]:
    """Token index -> its sentence's span (trailing whitespace trimmed)."""
    index: list[TextSpan] = []
    for sent in sentences_of(doc):
        text = doc_text[sent.start_char:sent.end_char].rstrip()
        index.extend([TextSpan(sent.start_char, sent.start_char + len(text), text)] * len(sent))
    return index


# ---------------------------------------------------------------- triggers

def is_event_verb(token: Token) -> bool:
    return (token.pos_ == "VERB" and token.lemma_.lower() not in NON_EVENT_VERBS
            and token.text[:1] not in ("'", "\u2019")  # "he's", "they're": copulas and auxiliaries
            and token.dep_ not in NON_TRIGGER_DEPS and token.ent_type_ not in NON_EVENT_ENTS
            and not _noun_modifier(token) and not _going_to(token))


def _going_to(verb: Token) -> bool:
    """"is going to decide": a future marker, not a movement."""
    return verb.lemma_ == "go" and verb.tag_ == "VBG" and any(
        c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in children(c)) for c in children(verb))


def _noun_modifier(verb: Token) -> bool:
    """A gerund the parser made the head of the event noun after it: "opening statements"."""
    if verb.tag_ != "VBG" or verb.i + 1 >= len(verb.doc):
        return False
    noun = verb.doc[verb.i + 1]
    others = [c for c in children(verb) if c.i != noun.i and c.dep_ != "punct"]
    return noun.head.i == verb.i and noun.dep_ == "dobj" and is_event_noun(noun) and not others


def is_event_noun(token: Token) -> bool:
    listed = token.lemma_.lower() in EVENT_NOUNS or token.lower_ in EVENT_NOUNS
    return (token.pos_ == "NOUN" and listed and token.lower_ not in PLURAL_NOT_EVENTS
            and token.ent_type_ not in NON_EVENT_ENTS and not _premodifier(token))


def timed_nouns(doc: Doc, times: list[TimeExpr]) -> set[int]:
    """Deverbal nouns a date or time premodifies ("Tuesday's session", "the
    2019 interview"): events even when the lexicon does not list them."""
    found: set[int] = set()
    for time in times:
        span = doc.char_span(time.start, time.end, alignment_mode="expand") if time.type in ANCHOR_TYPES else None
        if span is None or len(span) == 0:
            continue
        noun = span.root.head  # a premodifier: after the time, not in a phrase that may hang anywhere
        if (span.root.dep_ in ("poss", "compound", "nmod") and noun.pos_ == "NOUN" and noun.i >= span.end
                and noun.lemma_.lower().endswith(EVENT_SUFFIXES)):
            found.add(noun.i)
    return found


def _premodifier(noun: Token) -> bool:
    """A noun modifying a later noun ("fire and rescue crews", "trial lawyer")."""
    while noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head
    return noun.dep_ in ("compound", "nmod") and noun.head.i > noun.i


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens between quotation marks (the speaker's words, not narrated events)."""
    return shared(doc, "quoted_tokens", _quoted_tokens)


def _quoted_tokens(doc: Doc) -> set[int]:
    inside: set[int] = set()
    opener: int | None = None
    texts = token_values(doc, "text")
    for i, text in enumerate(texts):
        if "\n" in text:
            opener = None  # a quote does not run across paragraphs
        elif opener is None and text in QUOTE_MARKS:
            opener = i
        elif opener is not None and text == QUOTE_MARKS[texts[opener]]:
            if _full_quote(tokens_of(doc)[opener]):
                inside.update(range(opener + 1, i))
            opener = None
    return inside


def _full_quote(opener: Token) -> bool:
    """A quote that opens with a capital is the speaker's own sentence; a
    lower-case fragment ('Trump "just rose and walked out"') narrates."""
    after = opener.nbor(1) if opener.i + 1 < len(opener.doc) else None
    return after is not None and after.text[:1].isupper()


def trigger_extent(trigger: Token) -> tuple[int, int]:
    """Character span of the trigger: a verb with its particle ("walked out"),
    a noun with the nouns compounded before it ("closing argument")."""
    if trigger.pos_ == "VERB":
        last = _particle(trigger) or trigger
        return trigger.idx, last.idx + len(last)
    first = trigger
    for left in reversed(lefts(trigger)):
        if left.i == first.i - 1 and left.dep_ == "compound" and left.pos_ == "NOUN":
            first = left
    if first.i > 0 and _noun_modifier(trigger.doc[first.i - 1]):
        first = trigger.doc[first.i - 1]
    return first.idx, trigger.idx + len(trigger)


def _particle(verb: Token) -> Token | None:
    for child in rights(verb):
        if child.i != verb.i + 1 or child.lower_ not in PARTICLES:
            continue
        if child.dep_ == "prt":
            return child
        # "walked out of the room": "out" parsed as a preposition heading "of"
        if child.dep_ == "prep" and not any(c.dep_ == "pobj" for c in children(child)):
            return child
    return None


# ---------------------------------------------------------------- roles

def roles(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Agent and patient tokens of a trigger (not yet mapped to entities)."""
    if trigger.pos_ == "VERB":
        return _verb_roles(trigger)
    return _noun_roles(trigger)


def _verb_roles(verb: Token) -> tuple[list[Token], list[Token]]:
    deps = [(child, child.dep_) for child in children(verb)]  # one read of each child's dep
    agents = [c for c, dep in deps if dep in ("nsubj", "csubj")]
    patients = [c for c, dep in deps if dep in ("nsubjpass", "dobj", "dative")]
    for by_phrase in [c for c, dep in deps if dep == "agent"]:
        agents += _children(by_phrase, {"pobj"})
    agents = [_antecedent(t) for t in agents]
    patients = [_antecedent(t) for t in patients]
    if not agents and not any(dep == "nsubjpass" for _, dep in deps):
        agents = _controller(verb)
    return _with_conjuncts(agents), _with_conjuncts(patients)


def _noun_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    agents = _children(noun, {"poss"})
    patients: list[Token] = []
    for prep in _children(noun, {"prep"}):
        if prep.lower_ == "by":
            agents += _children(prep, {"pobj"})
        elif prep.lower_ in ("of", "against"):
            patients += _children(prep, {"pobj"})
    for clause in _children(noun, {"relcl"}):
        if clause.lemma_.lower() in SUPPORT_VERBS:  # "the testimony he gave", not "statements he skipped"
            agents += [t for t in _children(clause, {"nsubj"}) if t.lower_ not in RELATIVE_PRONOUNS]
    if not agents and noun.dep_ == "dobj" and noun.head.lemma_.lower() in SUPPORT_VERBS:
        agents = _children(noun.head, {"nsubj"})  # "Kaplan gave testimony": the giver testified
    return _with_conjuncts(agents), _with_conjuncts(patients)


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in children(token) if c.dep_ in deps]


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("Biden, who beat him" -> Biden)."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _controller(verb: Token) -> list[Token]:
    """The understood subject of a verb without one: the object of an object-control
    verb ("ordered Trump to pay"), else the subject of the governing verb."""
    head = verb.head
    if verb.dep_ == "acl" and head.ent_type_ in MEASURE_ENTS and head.head.pos_ == "VERB":
        return _children(head.head, {"nsubj"})  # "Trump spent four minutes defending himself"
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        return [head]  # "a jury finding ...", "Biden, who beat him" (pronoun-less relative)
    if verb.dep_ not in ("conj", "xcomp", "advcl") or head == verb or head.pos_ not in ("VERB", "AUX"):
        return []
    if verb.dep_ == "advcl" and not _non_finite(verb):
        return []  # a finite adverbial clause without a subject is a parse error
    if verb.dep_ == "xcomp":
        objects = _children(head, {"dobj"})
        if objects:
            return objects
    subjects = _children(head, {"nsubj"})
    return [_antecedent(t) for t in subjects] or _controller(head)


def _non_finite(verb: Token) -> bool:
    return verb.tag_ in ("VBG", "VBN") or any(c.tag_ == "TO" for c in children(verb))


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(c for c in token.conjuncts if c.i > token.i)
    return out


def _entity_ids(tokens: list[Token], lookup: EntityLookup) -> list[str]:
    ids: list[str] = []
    for token in tokens:
        entity_id = lookup.at(token.idx, token.idx + len(token))
        if entity_id and entity_id not in ids:
            ids.append(entity_id)
    return ids


# ---------------------------------------------------------------- time

def anchor_times(doc: Doc, times: list[TimeExpr], trigger_ids: set[int]) -> dict[int, TimeExpr]:
    """Trigger index -> the DATE/TIME expression attached to it: the first
    trigger above the time's head word in the dependency tree. When several
    times attach to one trigger, the closest in the tree, then in the text, wins."""
    candidates: dict[int, list[tuple[int, int, TimeExpr]]] = {}
    for time in times:
        if time.type not in ANCHOR_TYPES:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        found = _attachment(span, trigger_ids)
        if found is not None:
            trigger, steps = found
            distance = min(abs(trigger.i - span.start), abs(trigger.i - span.end + 1))
            candidates.setdefault(trigger.i, []).append((steps, distance, time))
    return {i: min(options, key=lambda o: o[:2])[2] for i, options in candidates.items()}


def _attachment(span: Span, trigger_ids: set[int]) -> tuple[Token, int] | None:
    noun = _event_noun_before(span, trigger_ids)
    if noun is not None:
        return noun, 1
    for steps, ancestor in enumerate(span.root.ancestors, 1):
        if ancestor.i in trigger_ids:
            return _reporting_verb(ancestor, span, trigger_ids), steps
    return None


def _event_noun_before(span: Span, trigger_ids: set[int]) -> Token | None:
    """"over a similar denial in October 2022": a time phrase right after an event
    noun (not a direct object) modifies the noun, wherever the parser attached it."""
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.dep_ != "prep" or prep.i == 0 or prep.i != span.start - 1:
        return None
    before = span.doc[prep.i - 1]
    if before.i not in trigger_ids or before.pos_ != "NOUN" or before.dep_ == "dobj":
        return None  # "launched the offer on Sept. 26": after an object, the time dates the verb
    return before


def _reporting_verb(trigger: Token, span: Span, trigger_ids: set[int]) -> Token:
    """"Police said Tuesday they had arrested 14 people": a time between a verb and
    the complement clause it introduces belongs to that verb, though the parser
    often hangs it on the complement."""
    head = trigger.head
    phrase = next((a for a in [span.root, *span.root.ancestors] if a.head.i == trigger.i), span.root)
    start, end = phrase.left_edge.i, phrase.right_edge.i
    if trigger.dep_ != "ccomp" or head.i not in trigger_ids or not head.i < start:
        return trigger
    rest = [t.i for t in trigger.subtree if not start <= t.i <= end]
    return head if rest and end < min(rest) else trigger


def time_of(trigger: Token, anchors: dict[int, TimeExpr]) -> TimeExpr | None:
    """The trigger's own anchor, else that of the clause governing it, climbing
    only through links that keep the same time (not into reported speech or
    relative clauses, not from an irrealis or pluperfect verb)."""
    node = trigger
    if node.i not in anchors and node.pos_ == "VERB":
        setting = _setting_anchor(node, anchors)
        if setting is not None:
            return setting
    while node.i not in anchors:
        if node.head == node or node.dep_ not in TIME_PASSING_DEPS or _own_time(node):
            return None
        node = node.head
    return anchors[node.i]


def _setting_anchor(verb: Token, anchors: dict[int, TimeExpr]) -> TimeExpr | None:
    """The anchor of an event noun that sets the scene of the verb ("gave
    testimony in an October 2022 deposition" happened at the deposition), or
    of a when-clause."""
    for prep in _children(verb, {"prep"}):
        if prep.lower_ in ANCHOR_PREPS:
            for noun in _children(prep, {"pobj"}):
                if noun.i in anchors:
                    return anchors[noun.i]
    for clause in _children(verb, {"advcl"}):
        # "perished when their boat sank in late November": the when-clause dates the main verb
        if clause.i in anchors and any(m.lower_ in SIMULTANEITY_MARKS for m in _children(clause, {"mark", "advmod"})):
            return anchors[clause.i]
    return None


def _own_time(token: Token) -> bool:
    auxes = [c.lower_ for c in children(token) if c.dep_ in ("aux", "auxpass")]
    infinitive = any(c.tag_ == "TO" and c.dep_ == "aux" for c in children(token))
    return infinitive or "had" in auxes or any(a in IRREALIS_MODALS for a in auxes)


def date_of(time: TimeExpr | None) -> str | None:
    if time is None:
        return None
    match = DATE_VALUE.match(time.value or "")
    return match.group() if match else None


def _carry_dates_forward(drafts: list[_Draft], sentence_of: list[TextSpan]) -> None:
    """A simple-past verb in a sentence with no time expression takes the date
    of the previous sentence's simple-past event dated to a day by its own time
    expression when they share an agent (narrative continuation: "X walked out
    Friday. X left as ...")."""
    by_sentence: dict[int, list[_Draft]] = {}
    for draft in drafts:
        by_sentence.setdefault(sentence_of[draft.trigger.i].start, []).append(draft)
    sentences = sorted(by_sentence)
    for before, current in zip(sentences, sentences[1:]):
        if any(d.time for d in by_sentence[current]):
            continue
        # only events dated by their own time expression: dates never chain
        sources = [d for d in by_sentence[before]
                   if d.time and DAY.fullmatch(d.date or "") and _simple_past(d.trigger)]
        for draft in by_sentence[current]:
            if draft.date is None and _simple_past(draft.trigger):
                source = next((s for s in sources if set(s.agents) & set(draft.agents)), None)
                draft.date = source.date if source else None


def _simple_past(token: Token) -> bool:
    return token.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in children(token))
