"""Cross-article entity resolution: article entities -> archive entities, with reasons.

Deterministic and order-independent: the clusters are a pure function of the
set of article entities (sorted by article content hash and local id), so the
same articles ingested in any order give the same archive entities and ids.

Rules (each link stores its reason):
- people with the same first and last name (titles, initials and suffixes
  dropped) are one person when their articles share context: a co-mentioned
  person/organisation/product, or a title, role or affiliation word; two
  "John Smith"s in unrelated stories stay apart;
- a person named by surname (or first name) alone joins the one full-name
  person with that name whose context it shares most; ties stay apart
  (the two Kaplans);
- organisations, places and other named things join by normalised name
  ("The Apple Inc." = "Apple"); people never join non-people.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .names import acronym, context_words, is_proper, person_tokens, thing_key

CONTEXT_TYPES = {"PERSON", "ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW"}
PLACE_TYPES = {"GPE", "LOC"}
# In a large archive, a context key found in more than half of the articles says
# nothing about who is who ("U.S.", the wire service); in a small one every key counts.
COMMON_CONTEXT_SHARE = 0.5
COMMON_CONTEXT_MIN_ARTICLES = 50


@dataclass
class Candidate:
    """One article entity as resolution sees it."""
    key: tuple[str, str]         # (article content hash, local id): the sort and identity key
    type: str
    name: str
    names: list[str]             # mention texts that are names
    attributes: dict = field(default_factory=dict)
    context: set[str] = field(default_factory=set)
    ref: object = None           # the caller's handle (a row id)

    @property
    def article(self) -> str:
        return self.key[0]

    @property
    def is_person(self) -> bool:
        return self.type == "PERSON"


@dataclass
class Cluster:
    id: str
    name: str
    type: str
    members: list[Candidate]
    reasons: dict[tuple[str, str], str]  # member key -> why it belongs

    @property
    def articles(self) -> set[str]:
        return {m.article for m in self.members}


# -- features ------------------------------------------------------------------------------

def person_name(c: Candidate) -> list[str]:
    """The fullest name the article gives the person, as name tokens: the entity's
    name, or a longer mention that ends with the same surname ("Trump" -> "Donald Trump")."""
    base = person_tokens(c.name) if looks_like_name(c.name) else []
    options = [person_tokens(n) for n in c.names if looks_like_name(n)]
    if base:
        options = [o for o in options if o and o[-1] == base[-1]]
    return max([base, *options], key=lambda t: (len(t), t))


def looks_like_name(text: str) -> bool:
    """A person's name: one to five words, each capitalised (particles and initials allowed)."""
    parts = [w for w in text.replace(",", " ").split() if w]
    if not 1 <= len(parts) <= 5:
        return False
    particles = {"de", "da", "van", "von", "der", "del", "la", "le", "bin", "al", "di", "du"}
    return all(w[:1].isupper() or w.lower() in particles for w in parts)


def attribute_words(c: Candidate) -> set[str]:
    found = set()
    for key in ("titles", "roles", "affiliations"):
        for value in c.attributes.get(key) or []:
            found |= {f"w:{w}" for w in context_words(str(value))}
    return found


def entity_ref_keys(c: Candidate) -> set[str]:
    """How a co-mentioned entity appears in other candidates' context. People go by
    surname; a multi-word name also by its last word, since the tagger often calls
    a person an ORG ("E. Jean Carroll") and the surname is what articles share."""
    if c.is_person:
        tokens = person_name(c)
        return {"n:" + tokens[-1]} if tokens else set()
    key = thing_key(c.name)
    keys = {"n:" + key} if key else set()
    capitalised = [w for w in c.name.split() if w[:1].isupper()]
    tokens = person_tokens(c.name)
    if tokens and 2 <= len(capitalised) == len(c.name.split()) <= 4:
        keys.add("n:" + tokens[-1])
    return keys


def plain_name(c: Candidate) -> str:
    return thing_key(c.name)


def add_context(candidates: list[Candidate]) -> None:
    """Fill each candidate's context: co-mentioned entities and attribute words."""
    by_article: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_article[c.article].append(c)
    for members in by_article.values():
        refs = {id(c): entity_ref_keys(c) for c in members}
        shared = {r for c in members if c.type in CONTEXT_TYPES for r in refs[id(c)] if len(r) > 4}
        for c in members:
            # another entity that goes by the same key as c is c itself, for context purposes
            c.context |= (shared - refs[id(c)]) | attribute_words(c)


def drop_common_context(candidates: list[Candidate]) -> None:
    articles = {c.article for c in candidates}
    if len(articles) < COMMON_CONTEXT_MIN_ARTICLES:
        return
    keys_of: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        keys_of[c.article] |= c.context
    df: Counter = Counter()
    for keys in keys_of.values():
        df.update(keys)
    limit = COMMON_CONTEXT_SHARE * len(articles)
    common = {k for k, n in df.items() if n > limit}
    for c in candidates:
        c.context -= common


# -- linking -------------------------------------------------------------------------------

class Links:
    """Union-find over candidate indexes that keeps the reason of every join."""

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.edges: list[tuple[int, int, str]] = []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, reason: str) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
            self.edges.append((i, j, reason))


def link_full_names(cands: list[Candidate], people: dict[int, list[str]], links: Links) -> None:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, tokens in people.items():
        if len(tokens) >= 2:
            blocks[(tokens[0], tokens[-1])].append(i)
    for (first, last), members in sorted(blocks.items()):
        label = f"{first} {last}"
        link_by_context(cands, members, links, f"same name '{label}'")


def link_by_context(cands: list[Candidate], members: list[int], links: Links, why: str) -> None:
    """Join members of one name block that share an article or a context key."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_key["article:" + cands[i].article].append(i)
        for k in cands[i].context:
            by_key[k].append(i)
    for k in sorted(by_key):
        group = by_key[k]
        for i in group[1:]:
            shared = "the same article" if k.startswith("article:") else f"shared context {k[2:]!r}"
            links.join(group[0], i, f"{why} and {shared}")


def link_short_names(cands: list[Candidate], people: dict[int, list[str]], links: Links) -> None:
    """A surname or first name alone joins the full-name person whose context it shares most."""
    by_part: dict[str, set[int]] = defaultdict(set)
    for i, tokens in people.items():
        if len(tokens) >= 2:
            by_part[tokens[-1]].add(links.find(i))
            by_part[tokens[0]].add(links.find(i))
    context_of: dict[int, set[str]] = defaultdict(set)
    articles_of: dict[int, set[str]] = defaultdict(set)
    for i, tokens in people.items():
        if len(tokens) >= 2:
            context_of[links.find(i)] |= cands[i].context
            articles_of[links.find(i)].add(cands[i].article)
    names_of = {root: " ".join(people[root]) for root in context_of}
    shorts = [i for i, tokens in people.items() if len(tokens) == 1]
    for i in shorts:
        token = people[i][0]
        scored = sorted(((len(cands[i].context & context_of[r])
                          + (2 if cands[i].article in articles_of[r] else 0), r)
                         for r in by_part.get(token, ())), reverse=True)
        if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            continue
        best = scored[0][1]
        shared = sorted(k[2:] for k in cands[i].context & context_of[best])[:3]
        evidence = f"shared context {', '.join(map(repr, shared))}" if shared else "the same article"
        links.join(best, i, f"'{token}' is the only known {names_of[best]!r} matching it, by {evidence}")
    rest = [i for i in shorts if links.find(i) == i]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in rest:
        blocks[people[i][0]].append(i)
    for token, members in sorted(blocks.items()):
        link_by_context(cands, members, links, f"same single name '{token}'")


def link_things(cands: list[Candidate], links: Links) -> None:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        if c.is_person or not is_proper(c.name):
            continue
        kind = "place" if c.type in PLACE_TYPES else "thing"
        key = thing_key(c.name)
        if key:
            blocks[(kind, key)].append(i)
    for (kind, key), members in sorted(blocks.items()):
        for i in members[1:]:
            links.join(members[0], i, f"same normalised name '{key}'")
    for (kind, key), members in sorted(blocks.items()):
        short = acronym(key)
        if short and (kind, short) in blocks:
            links.join(blocks[(kind, short)][0], members[0],
                       f"'{short.upper()}' is the initials of '{key}'")


# -- clusters ------------------------------------------------------------------------------

def resolve_candidates(candidates: Iterable[Candidate]) -> list[Cluster]:
    """Cluster article entities into archive entities; RETURNS clusters with reasons."""
    cands = sorted(candidates, key=lambda c: c.key)
    add_context(cands)
    drop_common_context(cands)
    links = Links(len(cands))
    people = {i: person_name(c) for i, c in enumerate(cands) if c.is_person}
    people = {i: t for i, t in people.items() if t}
    link_full_names(cands, people, links)
    link_short_names(cands, people, links)
    link_things(cands, links)
    return build_clusters(cands, links)


def build_clusters(cands: list[Candidate], links: Links) -> list[Cluster]:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cands)):
        members[links.find(i)].append(i)
    adjacent: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for i, j, why in links.edges:
        adjacent[i].append((j, why))
        adjacent[j].append((i, why))
    clusters = []
    for root, idx in sorted(members.items()):
        group = [cands[i] for i in idx]
        why = {cands[i].key: reason for i, reason in reached_by(root, adjacent).items()}
        why[cands[root].key] = ("first mention (earliest by article hash)" if len(group) > 1
                                else "no other mention matched")
        clusters.append(Cluster(id=cluster_id(cands[root]), name=display_name(group),
                                type=Counter(c.type for c in group).most_common(1)[0][0],
                                members=group, reasons=why))
    return clusters


def reached_by(root: int, adjacent: dict[int, list[tuple[int, str]]]) -> dict[int, str]:
    """For each member, the reason of the link through which it joins the first member."""
    reasons, queue = {}, [root]
    seen = {root}
    while queue:
        i = queue.pop(0)
        for j, why in adjacent[i]:
            if j not in seen:
                seen.add(j)
                reasons[j] = why
                queue.append(j)
    return reasons


def cluster_id(first: Candidate) -> str:
    return hashlib.sha1(f"{first.key[0]}:{first.key[1]}".encode()).hexdigest()[:12]


def display_name(group: list[Candidate]) -> str:
    proper = [c.name for c in group if is_proper(c.name)] or [c.name for c in group]
    counts = Counter(proper)
    return max(counts, key=lambda n: (len(n.split()) > 1, counts[n], len(n), n))


# -- the archive ---------------------------------------------------------------------------

def load_candidates(conn: sqlite3.Connection) -> list[Candidate]:
    names: dict[int, list[str]] = defaultdict(list)
    for entity_id, text in conn.execute("SELECT entity_id, text FROM mentions"):
        if is_proper(text):
            names[entity_id].append(text)
    rows = conn.execute("SELECT e.id, a.content_hash, e.local_id, e.name, e.type, e.attributes"
                        " FROM entities e JOIN articles a ON a.id = e.article_id")
    return [Candidate(key=(digest, local), type=etype, name=name,
                      names=sorted(set(names.get(eid, []))), attributes=parse_attributes(attrs), ref=eid)
            for eid, digest, local, name, etype, attrs in rows]


@lru_cache(maxsize=50_000)
def parse_attributes(data: str | None) -> dict:
    """Entity attributes from their JSON (cached: many entities carry the same ones, often none)."""
    return json.loads(data or "{}")


def resolve_archive(conn: sqlite3.Connection) -> int:
    """Rebuild archive_entities, entity_links and archive_aliases in one transaction.

    RETURNS (int): the number of archive entities.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        clusters = resolve_candidates(load_candidates(conn))
        for table in ("archive_timeline", "entity_links", "archive_aliases", "archive_entities"):
            conn.execute(f"DELETE FROM {table}")
        for cl in clusters:
            conn.execute("INSERT INTO archive_entities VALUES (?, ?, ?, ?)",
                         (cl.id, cl.name, cl.type, len(cl.articles)))
            conn.executemany("INSERT INTO entity_links VALUES (?, ?, ?)",
                             [(m.ref, cl.id, cl.reasons[m.key]) for m in cl.members])
            conn.executemany("INSERT OR IGNORE INTO archive_aliases VALUES (?, ?)",
                             [(cl.id, a) for a in aliases(cl)])
        fill_archive_timeline(conn)
        conn.execute("INSERT OR REPLACE INTO archive_state VALUES ('resolved', '1')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(clusters)


def fill_archive_timeline(conn: sqlite3.Connection) -> None:
    """Each archive entity's events with its strongest role (agent, patient, mentioned)."""
    conn.execute("INSERT INTO archive_timeline SELECT l.archive_entity_id, ee.sort_date, ee.event_id,"
                 " REPLACE(MIN(CASE ee.role WHEN 'mentioned' THEN 'z' ELSE ee.role END), 'z', 'mentioned')"
                 " FROM entity_links l JOIN event_entities ee ON ee.entity_id = l.entity_id"
                 " GROUP BY l.archive_entity_id, ee.sort_date, ee.event_id")


def aliases(cluster: Cluster) -> set[str]:
    """Lookup keys: every normalised name and, for people, the full name tokens."""
    found = set()
    for m in cluster.members:
        for name in [m.name, *m.names]:
            found.add(thing_key(name))
            if m.is_person:
                found.add(" ".join(person_tokens(name)))
    return {a for a in found if a}
