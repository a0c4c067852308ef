"""The main event (5W1H): who did what, when, where, why and how, from the lead.

Candidates are the main verbs of the first sentences (outside quotation
marks): each sentence's root, the verbs coordinated with it, and the verb of
the clause a reporting verb introduces ("Police said they arrested ...").
Each candidate takes its W's from the dependency parse and the other
extractors' facts:

- who: the agent (active subject, else the "by" phrase of a passive, else the
  passive subject, else the understood subject), as its entity's name when it
  is a pronoun; `entity` is the resolved entity id;
- what: the verb phrase (auxiliaries, verb, particle, objects and
  complements), cut where an adverbial, a coordinated or a relative clause begins;
- when: the DATE/TIME the events extractor anchored to the verb, else a
  calendar time in the same sentence, else the lead's first;
- where: a place (GPE/LOC/FAC mention or a place noun) in a locative phrase
  on the verb, else a place in the sentence, else the dateline;
- why: a causal clause or phrase on the verb ("because", "due to", "amid",
  "blamed ... for"); how: a manner phrase ("by ...ing", "with a truck bomb",
  an -ly adverb). Both stay null unless the article states them.

Candidates are ranked by position (the lead weighs most), overlap with the
title, the agent's salience (mentions after coreference) and a penalty for
reporting and light verbs. The best gives the W's; the top few are kept as
`candidates`. Rules and figures: docs/main-event.md.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from ..article import Article
from ..schema import Entity, Event, MainEvent, TextSpan, TimeExpr, WSpan
from .dateline import datelines, is_wire_dateline
from .entities import EntityLookup
from .events import quoted_tokens
from .extensions import children, lefts, rights, sharing_values, text_of, tokens_of

LEX = json.loads((Path(__file__).parent / "patterns" / "main_event.json").read_text(encoding="utf-8"))
REPORTING = set(LEX["reporting_verbs"])
WEAK = set(LEX["weak_verbs"])
CAUSAL_MARKS = set(LEX["causal_marks"])
CAUSAL_PREPS = tuple(LEX["causal_preps"])
CAUSAL_BY_VERB = {"after": set(LEX["causal_after_verbs"]), "for": set(LEX["causal_for_verbs"]),
                  "over": set(LEX["causal_over_verbs"])}
MANNER_PREPS = set(LEX["manner_preps"])
MANNER_NOUNS = set(LEX["manner_with_nouns"])
NOT_MANNER = set(LEX["not_manner_adverbs"])
LOCATIVE = set(LEX["locative_preps"])
PLACE_TYPES = set(LEX["place_types"])
AGENT_TYPES = set(LEX["agent_types"])
PLACE_NOUNS = set(LEX["place_nouns"])
_PEOPLE = json.loads((Path(__file__).parent / "patterns" / "entity_person_nouns.json").read_text(encoding="utf-8"))
_ORGS = json.loads((Path(__file__).parent / "patterns" / "entity_org_nouns.json").read_text(encoding="utf-8"))
AGENT_NOUNS = (set(LEX["people_nouns"]) | set(_PEOPLE["nouns"]) | set(_PEOPLE["not_agents"])
               | set(_ORGS["nouns"]) | set(_ORGS["collective_agents"]))

LEAD_SENTENCES = 4       # sentences a main event may come from
MIN_SENTENCE_TOKENS = 4
KEEP_CANDIDATES = 3
MAX_PHRASE_TOKENS = 10   # a W longer than this is cut back to its head phrase
MAX_WHAT_TOKENS = 14    # the verb phrase of what
SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
WHAT_DEPS = {"dobj", "prt", "attr", "acomp", "oprd", "dative", "xcomp", "prep", "agent", "neg", "ccomp"}
CUT_DEPS = {"advcl", "relcl", "acl", "appos", "parataxis", "mark", "punct", "cc", "conj", "meta", "dep"}
SETTING_PREPS = {"after", "before", "during", "since", "until", "amid", "despite", "following", "as",
                 "while", "like", "unlike", "according"}
QUOTE_CHARS = {"'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "`", "``", "''"}
PRONOUN_TAGS = {"PRP", "PRP$", "WP", "WDT", "EX", "DT"}
DAY = re.compile(r"^\d{4}-\d\d-\d\d")
RECENT_DAYS = 7
NAME_TYPES = {"ORG", "WORK_OF_ART", "PRODUCT"}
REFERENCE_PREPS = {"before", "after", "until", "till", "since", "by", "ahead", "following"}
CALENDAR = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?(T|$)")
WORD = re.compile(r"[a-z0-9]+")
DATELINE_WINDOW = 600


@dataclass
class Candidate:
    verb: Token
    sentence: int
    who: WSpan | None
    what: WSpan
    when: WSpan | None
    where: WSpan | None
    why: WSpan | None
    how: WSpan | None
    score: float = 0.0


@dataclass
class Context:
    doc: Doc
    text: str
    lookup: EntityLookup
    entities: dict[str, Entity]
    quoted: set[int]
    times: list[TimeExpr]
    event_time: dict[int, TimeExpr]
    title_stems: set[str]
    published: date | None


@sharing_values
def extract_main_event(doc: Doc, article: Article, entities: list[Entity], times: list[TimeExpr],
                       events: list[Event]) -> MainEvent | None:
    """The article's main event, or None when its lead has no main verb.

    doc (Doc): the parsed article. entities, times, events: the other extractors' output.
    RETURNS (MainEvent): who/what/when/where/why/how (each a WSpan or None) and the ranked candidates.
    """
    sentences = lead_sentences(doc, LEAD_SENTENCES)
    if not sentences:
        return None
    context = _context(doc, article, entities, times, events)
    candidates = [c for index, sent in enumerate(sentences)
                  for verb in main_verbs(sent, context.quoted)
                  if (c := _candidate(verb, index, context)) is not None]
    if not candidates:
        return None
    for candidate in candidates:
        candidate.score = rank(candidate, context)
    candidates.sort(key=lambda c: -c.score)
    best = candidates[0]
    same = [c for c in candidates[1:] if same_event(best, c)]
    when = _first(best, same, "when") or _lead_time(sentences, context)
    where = _first(best, same, "where") or _dateline(context) or _located_place(sentences[:1], context, best.who)
    return MainEvent(who=best.who, what=best.what, when=when, where=where,
                     why=_first(best, same, "why"), how=_first(best, same, "how"),
                     candidates=[_summary(c) for c in candidates[:KEEP_CANDIDATES]])


def same_event(best: Candidate, other: Candidate) -> bool:
    """Another telling of the best candidate's event (a headline retold in the lead):
    the same agent entity, or the same verb."""
    if best.verb.lemma_.lower() == other.verb.lemma_.lower():
        return True
    return bool(best.who and other.who and best.who.entity and best.who.entity == other.who.entity
                and best.verb.lemma_.lower()[:4] == other.verb.lemma_.lower()[:4])


def _first(best: Candidate, same: list[Candidate], w: str) -> WSpan | None:
    """The best candidate's W, else that of the first retelling that states it."""
    return getattr(best, w) or next((getattr(c, w) for c in same if getattr(c, w)), None)


def _context(doc: Doc, article: Article, entities: list[Entity], times: list[TimeExpr],
             events: list[Event]) -> Context:
    by_id = {t.id: t for t in times}
    event_time = {e.start: by_id[e.time] for e in events if e.time in by_id}
    return Context(doc, text_of(doc, article), EntityLookup(entities), {e.id: e for e in entities},
                   quoted_tokens(doc), times, event_time, stems(article.title or ""), _published(article))


def _published(article: Article) -> date | None:
    try:
        return article.published_date
    except ValueError:
        return None


# ---------------------------------------------------------------- candidates

def lead_sentences(doc: Doc, limit: int) -> list[Span]:
    """The first sentences with a verb, skipping fragments (captions, bylines)."""
    tokens = tokens_of(doc)
    found = (s for s in doc.sents
             if sum(not t.is_punct and not t.is_space for t in tokens[s.start:s.end]) >= MIN_SENTENCE_TOKENS
             and any(t.pos_ in ("VERB", "AUX") for t in tokens[s.start:s.end]))
    return list(islice(found, limit))


def main_verbs(sent: Span, quoted: set[int]) -> list[Token]:
    """The sentence's root verb, the verbs coordinated with it, and the verb of
    the clause a reporting verb introduces; none inside quotation marks."""
    root = sent.root
    if root.tag_ == "NNS" and any(c.dep_ == "nsubj" for c in children(root)):
        return [root] if root.i not in quoted else []  # a headline verb tagged as a noun: "Lady Gaga protests outside ..."
    if root.pos_ not in ("VERB", "AUX"):
        # a headline's "Tram crash: Police identify victims": the verbs under no other verb
        return [t for t in sent if t.pos_ == "VERB" and t.i not in quoted and t.tag_ != "VBG"
                and t.dep_ not in ("amod", "compound", "nmod") and not any(a.pos_ in ("VERB", "AUX") for a in t.ancestors)]
    verbs = [root, *(c for c in root.conjuncts if c.pos_ in ("VERB", "AUX"))]
    if root.lemma_.lower() in REPORTING:
        verbs += [c for c in children(root) if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    return [v for v in verbs if v.i not in quoted]


def _candidate(verb: Token, sentence: int, context: Context) -> Candidate | None:
    what = what_phrase(verb, context)
    if what is None:
        return None
    who = who_phrase(verb, context)
    if who is None:
        what = _with_subject(verb, what, context)
    return Candidate(verb, sentence, who, what, when_of(verb, context), where_of(verb, who, context),
                     why_of(verb, context), how_of(verb, context))


def rank(candidate: Candidate, context: Context) -> float:
    """Position first; then title overlap, the agent's salience, and the kind of verb."""
    verb = candidate.verb
    lemma = verb.lemma_.lower()
    score = 2.0 / (1 + candidate.sentence)
    words = stems(" ".join(w.text for w in (candidate.who, candidate.what) if w))
    if words and context.title_stems:
        score += 3.0 * len(words & context.title_stems) / len(words)
    if candidate.who is not None:
        entity = context.entities.get(candidate.who.entity or "")
        score += 0.5 + (0.3 * math.log1p(len(entity.mentions)) if entity else 0.0)
        score += 0.8 if entity is not None and entity.type in AGENT_TYPES else 0.0
    if lemma in REPORTING:
        # a bare "said" after a quotation tells nothing of what happened
        score -= 3.0 if _bare(candidate.what) else 1.0
    if lemma in WEAK or verb.pos_ == "AUX":
        score -= 0.5
    if verb.dep_ != "ROOT":
        score -= 0.2
    return score


def _bare(what: WSpan) -> bool:
    return len(WORD.findall(what.text)) <= 1


def _summary(candidate: Candidate) -> dict:
    return {"score": round(candidate.score, 3),
            **{w: _plain(getattr(candidate, w)) for w in ("who", "what", "when", "where", "why", "how")}}


def _plain(span: WSpan | None) -> dict | None:
    return None if span is None else span.to_dict()


# ---------------------------------------------------------------- who and what

def who_phrase(verb: Token, context: Context) -> WSpan | None:
    """The agent's phrase; a pronoun or description resolved to a named entity
    reads as the entity's name; an agent that is no person, group or
    organisation ("the death toll rose") gives no who."""
    subject = agent_token(verb)
    if subject is None or subject.i in context.quoted or subject.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return None
    entity_id = context.lookup.at(subject.idx, subject.idx + len(subject))
    entity = context.entities.get(entity_id or "")
    if not subject.ent_type_ and entity is not None and entity.type in AGENT_TYPES:
        mention = _name_mention(entity)
        if mention is not None:
            return WSpan(mention.start, mention.end, mention.text, entity=entity_id)
    if subject.pos_ == "PRON" or not _agentive(subject):
        return None
    start, end = noun_phrase(subject)
    return _span(context, start, end, entity=entity_id)


def _agentive(head: Token) -> bool:
    """A named person, group or organisation, a noun for people, or a count of them ("dozens")."""
    if head.ent_type_:
        return head.ent_type_ in AGENT_TYPES | {"PRODUCT"}
    forms = {head.lemma_.lower(), head.lower_, head.lower_.removesuffix("s")}  # "Rebels" tagged PROPN keeps its -s
    return (bool(forms & AGENT_NOUNS) or head.pos_ == "NUM"
            or any(c.dep_ == "nummod" for c in children(head)))


def agent_token(verb: Token) -> Token | None:
    """The doer: subject, "by" phrase of a passive, passive subject, or the
    subject of the verb this one is coordinated with or complements."""
    node = verb
    while True:
        for child in children(node):
            if child.dep_ in SUBJECT_DEPS:
                return child
        for child in children(node):
            if child.dep_ == "agent":
                objects = [c for c in children(child) if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in children(node):
            if child.dep_ in PASSIVE_SUBJECT_DEPS:
                return child
        if node.dep_ not in ("conj", "xcomp") or node.head is node:
            return None
        node = node.head


def _name_mention(entity: Entity) -> TextSpan | None:
    """The mention that reads as the entity's name (the first with its full name, else the longest)."""
    named = [m for m in entity.mentions if m.text == entity.name]
    if named:
        return named[0]
    return max(entity.mentions, key=lambda m: len(m.text), default=None)


def noun_phrase(head: Token) -> tuple[int, int]:
    """Token range [start, end) of a noun phrase: its left modifiers, "of"
    phrases and coordinated nouns, without relative clauses or appositions."""
    modifiers = [t for t in lefts(head) if t.dep_ not in ("punct", "cc", "prep")]
    start = min([head.i, *(t.left_edge.i for t in modifiers)])
    # a bracket or line break inside the left edge ends a caption or credit, not the phrase
    breaks = [t.i for t in head.doc[start:head.i] if t.text in (")", "]", "|") or "\n" in t.text]
    start = max([start, *(b + 1 for b in breaks)])
    end = head.i + 1
    for child in rights(head):
        if child.dep_ == "prep" and child.lower_ == "of" or child.dep_ in ("conj", "cc", "nummod", "compound"):
            end = max(end, _phrase_end(child) if child.dep_ != "conj" else noun_phrase(child)[1])
        elif child.dep_ == "punct" and child.i == end and _conj_follows(head, child):
            continue
        else:
            break
    return start, end


def _conj_follows(head: Token, comma: Token) -> bool:
    return any(c.dep_ == "conj" and c.i > comma.i for c in rights(head))


def _phrase_end(token: Token) -> int:
    """One past the last token of token's phrase, not crossing into clauses."""
    end = token.i + 1
    for child in rights(token):
        if child.dep_ in CUT_DEPS:
            break
        end = max(end, _phrase_end(child))
    return end


def what_phrase(verb: Token, context: Context) -> WSpan | None:
    """The verb with its auxiliaries, negation, particle, objects and
    complements, stopping at the first adverbial, coordinated or relative clause."""
    start = verb.i
    for child in reversed(lefts(verb)):
        if child.dep_ in ("aux", "auxpass", "neg") and child.i == start - 1:
            start = child.i
    end = verb.i + 1
    preps = 0
    for child in rights(verb):
        if child.i in context.quoted and child.dep_ != "ccomp":
            break
        if child.dep_ == "punct" and child.text in QUOTE_CHARS:
            continue  # scare quotes around an object: describes 'carnage'
        if child.dep_ not in WHAT_DEPS:
            break
        if child.dep_ == "prep":
            if (_is_time_phrase(child, context) or _causal_cue(child, verb) or preps >= 2
                    or child.lower_ in SETTING_PREPS):
                break
            preps += 1
        end = max(end, _phrase_end(child))
        if end - start > MAX_WHAT_TOKENS:
            end = max(verb.i + 1, child.i + 1 if child.dep_ != "prep" else child.i)
            break
    end = _trim(context.doc, start, end)
    return _span(context, start, end) if end > start else None


def _with_subject(verb: Token, what: WSpan, context: Context) -> WSpan:
    """No who to carry the subject ("German consulate bombed", "Floods destroyed
    homes"): the what says the whole clause."""
    subjects = [c for c in children(verb) if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                and c.i < verb.i and c.i not in context.quoted and c.pos_ in ("NOUN", "PROPN", "NUM")]
    if not subjects and verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):
        subjects = [verb.head]  # a reduced relative or headline passive: "dozens injured", "Driver arrested"
    if not subjects:
        return what
    start, _ = noun_phrase(subjects[0])
    if verb.i - start > MAX_WHAT_TOKENS:
        return what
    char_start = context.doc[start].idx
    return WSpan(char_start, what.end, context.text[char_start:what.end])


def _trim(doc: Doc, start: int, end: int) -> int:
    """Drop trailing punctuation, conjunctions and open quotation marks."""
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ in ("cc", "mark")):
        end -= 1
    return end


def _is_time_phrase(prep: Token, context: Context) -> bool:
    objects = [c for c in children(prep) if c.dep_ == "pobj"]
    return any(o.ent_type_ in ("DATE", "TIME") for o in objects)


# ---------------------------------------------------------------- when and where

def when_of(verb: Token, context: Context) -> WSpan | None:
    """The time the events extractor anchored to the verb, else a calendar time in its sentence."""
    anchored = context.event_time.get(verb.idx)
    if anchored is not None and _event_time(anchored, context):
        return _time_span(anchored)
    sent = verb.sent
    in_sentence = [t for t in context.times if sent.start_char <= t.start < sent.end_char
                   and _event_time(t, context)]
    return _time_span(min(in_sentence, key=lambda t: abs(t.start - verb.idx))) if in_sentence else None


def _lead_time(sentences: list[Span], context: Context) -> WSpan | None:
    first, last = sentences[0].start_char, sentences[-1].end_char
    found = [t for t in context.times if first <= t.start < last and _event_time(t, context)]
    return _time_span(min(found, key=lambda t: t.start)) if found else None


def _calendar(time: TimeExpr) -> bool:
    return time.type in ("DATE", "TIME") and bool(CALENDAR.match(time.value or ""))


def _event_time(time: TimeExpr, context: Context) -> bool:
    """A calendar time near publication that dates something, not a reference
    point ("two days before Election Day" happened on another day)."""
    if not (_calendar(time) and _recent(time, context)) or _in_quote(context, time.start):
        return False
    span = context.doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is not None and any(t.ent_type_ in NAME_TYPES for t in span):
        return False  # part of a name: "USA TODAY", "Good Morning America"
    before = context.text[max(0, time.start - 12):time.start].lower().split()
    return not (before and before[-1] in REFERENCE_PREPS)


def _recent(time: TimeExpr, context: Context) -> bool:
    """News reports what just happened: a day more than RECENT_DAYS from the
    publication date (or a coarser date) is background, not the main event's time."""
    if context.published is None:
        return True
    day = DAY.match(time.value or "")
    if day is None:
        return False
    try:
        return abs((date.fromisoformat(day.group()) - context.published).days) <= RECENT_DAYS
    except ValueError:
        return False


def _time_span(time: TimeExpr) -> WSpan:
    return WSpan(time.start, time.end, time.text, value=time.value)


def _in_quote(context: Context, start: int) -> bool:
    token = context.doc.char_span(start, start + 1, alignment_mode="expand")
    return bool(token) and token[0].i in context.quoted


def where_of(verb: Token, who: WSpan | None, context: Context) -> WSpan | None:
    """A locative phrase on the verb (or its complement) naming a place, else a
    place named in a locative phrase elsewhere in the sentence."""
    for prep in _verb_preps(verb):
        # "of" is locative only inside a complex preposition ("out of the courtroom")
        complex_prep = prep.head.dep_ in ("prep", "prt", "advmod")
        if prep.lower_ not in LOCATIVE or prep.lower_ == "of" and not complex_prep:
            continue
        for obj in (c for c in children(prep) if c.dep_ == "pobj"):
            place = _place_phrase(obj, context, allow_nouns=True)
            if place is not None:
                return place
    return _located_place([verb.sent], context, who)


def _located_place(sentences: list[Span], context: Context, who: WSpan | None) -> WSpan | None:
    """The first place entity that is the object of a locative preposition ("in Croydon")."""
    tokens = tokens_of(context.doc) if sentences else []
    for sent in sentences:
        for token in tokens[sent.start:sent.end]:
            if (token.ent_type_ in PLACE_TYPES and token.dep_ == "pobj" and token.head.lower_ in LOCATIVE
                    and token.head.lower_ != "of" and token.i not in context.quoted
                    and not (who and who.start <= token.idx < who.end)):
                place = _place_phrase(token, context, allow_nouns=False)
                if place is not None:
                    return place
    return None


def _verb_preps(verb: Token) -> list[Token]:
    """Prepositions on the verb, on its object or complement, and inside complex
    prepositions ("out of", "in front of")."""
    preps = [c for c in children(verb) if c.dep_ == "prep"]
    for child in children(verb):
        if child.dep_ in ("dobj", "xcomp", "prt", "advmod"):
            preps += [c for c in children(child) if c.dep_ == "prep"]
    for prep in list(preps):
        preps += [c for c in children(prep) if c.dep_ == "prep" and prep.lower_ not in LOCATIVE]
    return preps


def _place_phrase(obj: Token, context: Context, allow_nouns: bool) -> WSpan | None:
    """obj's noun phrase when its head names a place (a place entity or a place noun)."""
    noun = obj.lemma_.lower() in PLACE_NOUNS or obj.lower_.rstrip("s") in PLACE_NOUNS
    if not (obj.ent_type_ in PLACE_TYPES or allow_nouns and noun):
        return None
    start, end = noun_phrase(obj)
    if end - start > MAX_PHRASE_TOKENS:
        start, end = _entity_tokens(obj)
    return _span(context, start, end)


def _entity_tokens(token: Token) -> tuple[int, int]:
    """The named-entity span around token, or the token alone."""
    if not token.ent_type_:
        return token.i, token.i + 1
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _dateline(context: Context) -> WSpan | None:
    """"WASHINGTON (AP) -- ...": the place a wire story was filed from (near the
    top, maybe after a caption); capitals only, and a place by NER or followed by an agency."""
    for match in datelines(context.text, DATELINE_WINDOW):
        if not is_wire_dateline(match):
            continue
        start, end = match.span("place")
        span = context.doc.char_span(start, end, alignment_mode="expand")
        placed = span is not None and any(t.ent_type_ in PLACE_TYPES for t in span)
        if placed or match.group("agency"):
            return WSpan(start, end, context.text[start:end])
    return None


# ---------------------------------------------------------------- why and how

def why_of(verb: Token, context: Context) -> WSpan | None:
    """A causal clause or phrase on the verb, only when the article states one."""
    for child in children(verb):
        if child.dep_ == "advcl":
            mark = next((m for m in children(child) if m.dep_ == "mark" and m.i < child.i), None)
            if mark is not None and (mark.lower_ in CAUSAL_MARKS or _causal_cue(mark, verb)):
                return _clause(context, mark.i, child)
        if child.dep_ in ("prep", "advmod") and _causal_cue(child, verb):
            return _clause(context, child.i, child)
    return None


def _causal_cue(child: Token, verb: Token) -> bool:
    phrase = " ".join(t.lower_ for t in child.doc[child.i:child.i + 5])
    if any(phrase == cue or phrase.startswith(cue + " ") for cue in CAUSAL_PREPS if cue not in CAUSAL_BY_VERB):
        return True
    verbs = CAUSAL_BY_VERB.get(child.lower_)
    return verbs is not None and verb.lemma_.lower() in verbs


def _clause(context: Context, start: int, head: Token) -> WSpan | None:
    end = min(head.right_edge.i + 1, start + MAX_PHRASE_TOKENS + 4)
    end = _trim(context.doc, start, end)
    return _span(context, start, end)


def how_of(verb: Token, context: Context) -> WSpan | None:
    """Manner: "by ...ing", "with"/"using" an instrument, or an -ly adverb."""
    for child in children(verb):
        if child.dep_ == "prep" and child.lower_ in MANNER_PREPS and _manner_object(child):
            return _clause(context, child.i, child)
        if child.dep_ == "advcl" and child.lemma_.lower() == "use" and child.tag_ == "VBG":
            return _clause(context, child.left_edge.i, child)
        if (child.dep_ == "advmod" and child.pos_ == "ADV" and child.lower_.endswith("ly")
                and child.lower_ not in NOT_MANNER and not child.ent_type_):
            return _span(context, child.i, child.i + 1)
    return None


def _manner_object(prep: Token) -> bool:
    if prep.lower_ == "by":
        return any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in children(prep))
    objects = [c for c in children(prep) if c.dep_ == "pobj"]
    return prep.lower_ in ("using", "via") or any(o.lemma_.lower() in MANNER_NOUNS or o.lower_ in MANNER_NOUNS
                                                  for o in objects)


# ---------------------------------------------------------------- helpers

def _span(context: Context, start: int, end: int, entity: str | None = None) -> WSpan | None:
    if end <= start:
        return None
    char_start, char_end = context.doc[start].idx, context.doc[end - 1].idx + len(context.doc[end - 1])
    return WSpan(char_start, char_end, context.text[char_start:char_end], entity=entity)


def stems(text: str) -> set[str]:
    """Crude stems of the content words, for overlap (first five letters of words longer than three)."""
    return {w[:5] for w in WORD.findall(text.lower()) if len(w) > 3 and w not in STOP_WORDS}
