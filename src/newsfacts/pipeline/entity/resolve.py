"""Link nominal and pronoun mentions to clusters, in text order.

Nominals ("the former president", "Carroll's lawyer", "her client", "the company"):
  1. an apposition to a name is that name ("his lawyer, Alina Habba"), and a
     predicate noun is its subject ("Carroll is a writer");
  2. with a possessor: the one known as the possessor's <noun> ("Carroll's lawyer
     Roberta Kaplan" earlier), or through the converse relation (A is B's lawyer,
     so "A's client" is B);
  3. definite: the latest person known by that title or role noun (or party, for
     "the Republican"); for an organisation or place noun ("the company") the latest
     name of a fitting type; failing that, a person description goes to the most
     mentioned person so far if nothing known about that person contradicts it;
  4. otherwise the description starts a cluster of its own, kept as an entity when
     it acts (subject, or "according to ...").
Pronouns (he/she/it/they and their other forms): a Hobbs-style walk over the dependency
tree (up from the pronoun through its ancestors, proposing the left siblings of the
path breadth-first, then the previous sentences from their roots); the first
mention that agrees in gender, number and animacy and is not a co-argument of the
pronoun's verb wins. For 'it' an unlinked singular noun subject/object blocks;
'they' takes a plural mention or an organisation or group name, and an unlinked
plural noun or a coordination ("Apple and AT&T") blocks it.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..extensions import (children, lefts, rights, sentences_of, span_text, token_values,
                          tokens_of)
from .attributes import classify
from .lexicon import Lexicon
from .model import FIRST_PERSON_CASE, NAME, NOMINAL, PRONOUN, RELATIVE_CASE, Cluster, Mention

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
CO_ARGUMENTS = SUBJECTS | {"dobj", "dative", "attr", "oprd", "agent"}
NON_PERSON = {"ORG", "GPE", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "LOC"}
LOOKBACK_SENTENCES = 4
PLEONASTIC_HEADS = {"be", "seem", "appear", "take", "happen", "remain", "become", "make", "rain"}
CLAUSE_DEPS = {"ccomp", "xcomp", "csubj", "advcl"}
REPORTED = {"ccomp", "xcomp", "csubj"}  # clause deps under which a copula is a claim


@dataclass
class State:
    doc: Doc
    lex: Lexicon
    clusters: list[Cluster]
    by_head: dict[int, Mention]
    name_at: dict[int, Mention]
    sent_of: list[int]  # token index -> sentence number
    sents: list
    speech_subjects: dict[int, list[Token]] = field(default_factory=dict)  # see _speech_subjects


def make_state(doc: Doc, lex: Lexicon, clusters: list[Cluster], mentions: list[Mention]) -> State:
    sents = sentences_of(doc)
    sent_of = [0] * len(doc)
    for n, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = n
    return State(doc, lex, clusters,
                 by_head={m.head: m for m in mentions},
                 name_at={i: m for m in mentions if m.kind == NAME for i in range(m.start, m.end)},
                 sent_of=sent_of, sents=sents)


def resolve(state: State, mentions: list[Mention]) -> None:
    for mention in sorted(mentions, key=lambda m: m.head):
        if mention.kind == NOMINAL:
            resolve_nominal(state, mention)
        elif mention.kind == PRONOUN:
            resolve_pronoun(state, mention)


# ---- nominals ---------------------------------------------------------------

def resolve_nominal(state: State, mention: Mention) -> None:
    head = tokens_of(state.doc)[mention.head]
    owner = _owner(state, head)
    cluster = (_apposed_name(state, mention, head) or _copula_subject(state, mention, head)
               or _product_kind(state, mention, head) or _by_relation(state, mention, owner)
               or _by_description(state, mention, head, owner))
    if cluster is None:
        cluster = _new_description(state, mention, head)
        if cluster is None:
            return
    cluster.add(mention)
    if owner is not None and owner.cluster is not cluster:
        cluster.role_of.setdefault(mention.noun, owner)
    _learn(state, cluster, mention, owner)


def _new_description(state: State, mention: Mention, head: Token) -> Cluster | None:
    """A description that refers back to no name: a person description is a
    cluster of its own (kept when it acts); a group noun is one only when it acts
    ("another jury ordered"), joining an earlier definite one with the same noun."""
    if mention.label == "PERSON":
        cluster = Cluster("PERSON", agent=_acts(head))
    elif mention.noun in state.lex.collective_agents and _acts(head) and not mention.plural:
        earlier = _earlier_group(state, mention) if mention.definite else None
        if earlier is not None:
            return earlier
        cluster = Cluster("ORG", agent=True)
    else:
        return None
    state.clusters.append(cluster)
    return cluster


def _earlier_group(state: State, mention: Mention) -> Cluster | None:
    """The latest group entity named by the same noun ("A federal jury ... The jury"),
    unless it was set apart from the one meant now ("another jury ... the jury")."""
    for cluster in reversed(state.clusters):
        if not cluster.agent or cluster.has_name() or cluster.label != "ORG":
            continue
        same = [m for m in cluster.mentions if m.noun == mention.noun]
        if same:
            return None if any(tokens_of(state.doc)[m.start].lower_ == "another" for m in same) else cluster
    return None


def _product_kind(state: State, mention: Mention, head: Token) -> Cluster | None:
    """A product noun after a product's name is that product ("the iPhone device",
    "the iTunes store")."""
    if "PRODUCT" not in state.lex.org_nouns.get(mention.noun, ()) or mention.plural:
        return None
    for child in lefts(head):
        named = state.name_at.get(child.i)
        if child.dep_ == "compound" and named is not None and named.cluster is not None \
                and named.cluster.label == "PRODUCT":
            return named.cluster
    return None


def _owner(state: State, head: Token) -> Mention | None:
    poss = next((c for c in children(head) if c.dep_ == "poss"), None)
    if poss is None:
        return None
    owner = state.by_head.get(poss.i) or state.name_at.get(poss.i)
    return owner if owner is not None and owner.cluster is not None else None


def _apposed_name(state: State, mention: Mention, head: Token) -> Cluster | None:
    """The name this description stands in apposition to, written right next to it
    ("Trump, the former president"; "his lawyer, Alina Habba")."""
    names = []
    if head.dep_ == "appos" and head.head.i in state.name_at:
        names.append(state.name_at[head.head.i])
    names += [state.name_at[c.i] for c in children(head) if c.dep_ == "appos" and c.i in state.name_at]
    for name in names:
        cluster = name.cluster
        if cluster is None or (cluster.label == "PERSON") != (mention.label == "PERSON") \
                or mention.plural != name.plural:
            continue
        first, second = sorted((name, mention), key=lambda m: m.start)
        if all(t.text == "," for t in tokens_of(state.doc)[first.end:second.start]):
            return cluster
    return None


def _copula_subject(state: State, mention: Mention, head: Token) -> Cluster | None:
    """'Carroll is a writer': a predicate noun describes the subject (not in a
    reported clause: 'claiming he is a victim' is a claim, not a description)."""
    if head.dep_ != "attr" or head.head.lemma_ != "be" or head.head.dep_ in REPORTED:
        return None
    subject = next((c for c in children(head.head) if c.dep_ in SUBJECTS), None)
    other = state.by_head.get(subject.i) if subject is not None else None
    if other is None or other.cluster is None or other.plural != mention.plural:
        return None
    same_kind = (other.cluster.label == "PERSON") == (mention.label == "PERSON")
    return other.cluster if same_kind else None


def _by_relation(state: State, mention: Mention, owner: Mention | None) -> Cluster | None:
    if owner is None:
        return None
    target = owner.cluster
    for cluster in reversed(state.clusters):
        related = cluster.role_of.get(mention.noun)
        if related is not None and related.cluster is target and cluster is not target:
            return cluster
    converse = state.lex.reciprocal.get(mention.noun)
    related = target.role_of.get(converse) if converse else None
    return related.cluster if related is not None else None


def _by_description(state: State, mention: Mention, head: Token,
                    owner: Mention | None) -> Cluster | None:
    if not mention.definite or mention.plural or owner is not None:
        return None
    if mention.label != "PERSON":
        named_kind = _named_kind(head) or head.pos_ == "PROPN"  # "the Commission"
        return None if named_kind else _latest_of_type(state, mention)
    party = mention.noun if head.ent_type_ == "NORP" else None
    known = [c for c in _people_before(state, mention)
             if (party and _has_party(c, party)) or (not party and mention.noun in c.nouns)]
    if known:
        return max(known, key=lambda c: c.last_token(mention.head))
    return _most_mentioned(state, mention, head, party)


def _named_kind(head: Token) -> bool:
    """'the iTunes store', 'the BlackBerry device': a kind named by its modifier,
    not a reference back to an earlier name."""
    return any(c.dep_ in ("compound", "nmod") or c.pos_ == "PROPN" for c in lefts(head)) or \
        any(c.dep_ == "prep" and c.lower_ == "of" for c in rights(head))


def _latest_of_type(state: State, mention: Mention) -> Cluster | None:
    types = state.lex.org_nouns.get(mention.noun, ())
    fitting = [c for c in state.clusters if c.label in types and c.has_name()
               and c.last_token(mention.head) >= 0]
    described = [c for c in fitting if mention.noun in c.nouns]
    pool = described or fitting
    return max(pool, key=lambda c: c.last_token(mention.head)) if pool else None


def _people_before(state: State, mention: Mention) -> list[Cluster]:
    return [c for c in state.clusters if c.label == "PERSON" and c.last_token(mention.head) >= 0
            and _gender_fits(c, mention.gender)]


def _has_party(cluster: Cluster, party: str) -> bool:
    return any(a.lower().rstrip("s").startswith(party.rstrip("s")[:8])
               for a in cluster.attributes["affiliations"])


def _most_mentioned(state: State, mention: Mention, head: Token, party: str | None) -> Cluster | None:
    """For a title ("the former president") or a party ("the Republican") nobody is
    known by yet: the most mentioned named person so far among those whom nothing
    known contradicts (no other title or role; no other party), and who is not a
    co-argument of the description. Not inside quotation marks, where "the
    president" is the speaker's word for someone else as often as not."""
    if not party and not state.lex.title_word(mention.noun) or _inside_quotes(head):
        return None
    people = [c for c in _people_before(state, mention) if c.has_name()
              and not (c.attributes["affiliations"] if party else c.nouns)
              and not _co_argument(head, c, mention.head)]
    if not people:
        return None
    counts = {id(c): sum(m.head < mention.head for m in c.mentions) for c in people}
    return max(people, key=lambda c: (counts[id(c)], c.last_token(mention.head)))


def _inside_quotes(token: Token) -> bool:
    """Whether an opening quotation mark of this paragraph is still open."""
    depth = 0
    texts = token_values(token.doc, "text")  # (a token's whitespace_ is " " or "", never a line break)
    for i in range(token.i - 1, -1, -1):
        text = texts[i]
        if "\n" in text:
            break
        if text in ("“", "``"):
            depth += 1
        elif text in ("”", "''"):
            depth -= 1
        elif text == '"':
            depth = 1 - depth if depth in (0, 1) else depth
    return depth > 0


def _co_argument(head: Token, cluster: Cluster, before: int) -> bool:
    siblings = {c.i for c in children(head.head) if c.dep_ in CO_ARGUMENTS} - {head.i}
    return any(m.head in siblings for m in cluster.mentions if m.head < before)


def _acts(head: Token) -> bool:
    if head.dep_ in SUBJECTS:
        return True
    prep = head.head if head.dep_ == "pobj" else None
    return prep is not None and prep.lower_ == "to" and prep.head.lower_ == "according"


def _learn(state: State, cluster: Cluster, mention: Mention, owner: Mention | None) -> None:
    """What a description says about the one it refers to."""
    tokens = tokens_of(state.doc)
    head = tokens[mention.head]
    start = mention.start + (tokens[mention.start].dep_ == "det")
    text = span_text(state.doc, start, mention.end)
    if owner is not None and owner.kind == PRONOUN and owner.cluster is not None:
        text = f"{_cluster_name(owner.cluster)}'s {span_text(state.doc, owner.end, mention.end)}"
    if head.ent_type_ == "NORP":
        cluster.add_attribute("affiliations", head.text)
        return
    facet = classify(head, text, state.lex)
    if facet is not None and cluster.label == "PERSON":
        cluster.add_attribute(facet.key, facet.text)
    cluster.nouns.add(mention.noun)


def _cluster_name(cluster: Cluster) -> str:
    names = [m.text for m in cluster.mentions if m.kind == NAME]
    return max(names, key=lambda n: len(n.split())) if names else "someone"


# ---- pronouns ---------------------------------------------------------------

def resolve_pronoun(state: State, mention: Mention) -> None:
    """The first agreeing candidate of the walk; a name of unknown gender is only
    taken when no name or description of the right gender comes up in this or
    the previous sentence."""
    token = tokens_of(state.doc)[mention.head]
    if mention.noun == RELATIVE_CASE:
        _resolve_relative(state, mention, token)
        return
    if mention.noun == FIRST_PERSON_CASE:
        speaker = _speaker(state, token) if _inside_quotes(token) else None
        if speaker is not None and mention.plural:
            speaker = _organisation_of(state, speaker)
        if speaker is not None:
            speaker.add(mention)
        return
    if mention.gender == "N" and _pleonastic(token):
        return
    fallback = None
    window = state.sent_of[token.i] - 1
    for candidate in hobbs_walk(state, token):
        if fallback is not None and state.sent_of[candidate.i] < window:
            break
        verdict = _accepts(state, mention, token, candidate)
        if verdict is None:
            continue
        if verdict is False:
            break
        if _unknown_name(verdict, mention):
            fallback = fallback or verdict
            continue
        verdict.add(mention)
        return
    if fallback is not None:
        fallback.add(mention)


def _speaker(state: State, token: Token) -> Cluster | None:
    """The person who says the quotation around a token: the named or described
    subject of a speech verb outside the quotes, in its sentence, the next or the
    previous one."""
    here = state.sent_of[token.i]
    for n in (here, here + 1, here - 1):
        if not 0 <= n < len(state.sents):
            continue
        for subject in _speech_subjects(state, n):
            said_by = state.name_at.get(subject.i) or state.by_head.get(subject.i)
            if said_by is not None and said_by.cluster is not None \
                    and said_by.cluster.label == "PERSON":
                return said_by.cluster
    return None


def _speech_subjects(state: State, n: int) -> list[Token]:
    """The subjects of sentence n's speech verbs outside quotes, in text order;
    read once per sentence (each I, me, we in a quotation asks for three)."""
    if n not in state.speech_subjects:
        sent = state.sents[n]
        state.speech_subjects[n] = [
            subject for verb in tokens_of(state.doc)[sent.start:sent.end]
            if verb.lemma_.lower() in state.lex.speech_verbs and not _inside_quotes(verb)
            for subject in _subjects(verb)]
    return state.speech_subjects[n]


def _organisation_of(state: State, person: Cluster) -> Cluster | None:
    """The organisation named in a person's titles ("Apple CEO Steve Jobs")."""
    for mention in person.mentions:
        for i in range(mention.start, mention.end):
            named = state.name_at.get(i)
            if named is not None and named.cluster is not None and named.cluster.label == "ORG":
                return named.cluster
    return None


def _subjects(verb: Token) -> list[Token]:
    """A verb's subjects, or those of the nearest verb above it ("Jobs resigned,
    stating ...", "Jobs resigned in a letter stating ...")."""
    for token in [verb, *list(verb.ancestors)[:4]]:
        found = [c for c in children(token) if c.dep_ == "nsubj"]
        if found:
            return found
    return []


def _resolve_relative(state: State, mention: Mention, token: Token) -> None:
    """A relative pronoun is the noun its clause hangs on (the head of a name or noun phrase)."""
    noun = token.head.head
    antecedent = state.name_at.get(noun.i) or state.by_head.get(noun.i)
    if antecedent is not None and antecedent.cluster is not None:
        antecedent.cluster.add(mention)


def _unknown_name(cluster: Cluster, mention: Mention) -> bool:
    return mention.gender in ("M", "F") and cluster.gender is None and cluster.has_name()


def _accepts(state: State, mention: Mention, token: Token, candidate: Token):
    """The cluster the pronoun joins, None to look further, False to stop (an
    unlinked noun phrase takes the pronoun)."""
    other = state.by_head.get(candidate.i)
    if mention.gender == "P" and _coordination(candidate):
        return False  # "Apple and AT&T ... they"
    if other is None:
        if mention.gender == "N" and _plain_noun(candidate):
            return False
        if mention.gender == "P" and _plural_noun(candidate):
            return False
        return None
    cluster = other.cluster
    if cluster is None or not _agrees_in_number(other, cluster, mention.gender):
        return None
    if mention.noun in ("subj", "obj") and _bound(token, candidate):
        return None
    return cluster


def _agrees_in_number(other: Mention, cluster: Cluster, gender: str) -> bool:
    """they/them/their: a plural mention ("Democrats", "Lawyers for Trump") or an
    organisation's name;
    the singular pronouns: a singular mention of the right kind and gender."""
    if gender == "P":
        return other.plural or cluster.label == "ORG"
    return not other.plural and _agrees(cluster, gender)


def _coordination(token: Token) -> bool:
    return any(c.dep_ == "conj" for c in children(token)) and any(
        c.dep_ == "cc" and c.lower_ in ("and", "&") for c in children(token))


def _plural_noun(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj")


def _agrees(cluster: Cluster, gender: str) -> bool:
    if gender == "N":
        return cluster.label in NON_PERSON
    return cluster.label == "PERSON" and _gender_fits(cluster, gender)


def _gender_fits(cluster: Cluster, gender: str | None) -> bool:
    return gender not in ("M", "F") or cluster.gender in (None, gender)


def _plain_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.tag_ == "NN" and token.dep_ in ("nsubj", "nsubjpass", "dobj")


def _bound(pronoun: Token, candidate: Token) -> bool:
    """Binding: a plain pronoun does not corefer with a co-argument of its verb
    (including the noun a relative clause hangs on: 'Biden, who beat him')."""
    verb = pronoun.head
    if candidate.head == verb and candidate.dep_ in CO_ARGUMENTS:
        return True
    if verb.dep_ == "relcl" and verb.head == candidate:
        return True
    if verb.dep_ == "conj" and candidate.head == verb.head and candidate.dep_ in SUBJECTS:
        return True
    return False


def _pleonastic(token: Token) -> bool:
    if token.dep_ == "expl":
        return True
    if token.dep_ not in SUBJECTS:
        return False
    verb = token.head
    if token.dep_ == "nsubjpass" and any(c.dep_ in ("ccomp", "xcomp") for c in children(verb)):
        return True  # "it is expected that ...", "it was reported that ..."
    return verb.lemma_ in PLEONASTIC_HEADS and any(
        c.dep_ in CLAUSE_DEPS or (c.dep_ == "attr" and any(g.dep_ == "relcl" for g in children(c)))
        for c in children(verb))


def hobbs_walk(state: State, pronoun: Token) -> Iterator[Token]:
    """Candidate antecedent heads in the order of Hobbs' algorithm, adapted to
    dependency trees."""
    child, node = pronoun, pronoun.head
    while node != child:
        if child.dep_ == "conj" and node.i < pronoun.i:
            yield node  # a left conjunct: "him and his lawyers"
        left = [c for c in children(node) if c.i < child.i]
        yield from _breadth_first(left, pronoun.i)
        child, node = node, node.head
    number = state.sent_of[pronoun.i]
    for previous in range(number - 1, max(-1, number - 1 - LOOKBACK_SENTENCES), -1):
        yield from _breadth_first([state.sents[previous].root], len(state.doc))


def _breadth_first(tokens: list[Token], limit: int) -> Iterator[Token]:
    queue = deque(tokens)
    while queue:
        token = queue.popleft()
        if token.i >= limit:
            continue
        yield token
        queue.extend(children(token))
