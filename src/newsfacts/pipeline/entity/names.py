"""Group name mentions into clusters: people by name parts, the rest by short forms.

People: full names (two words or more) merge when their surnames agree and their
first names are equal or one is the other's initial. A one-word name is a surname:
it joins the person with that surname; when several people share it, see
`pick_namesake`. Any other NER label on a word that is a person's surname or full
name in the same article (spaCy's small model often tags a bare "Trump" ORG) is
retyped PERSON; places (GPE, LOC) are never retyped.

Other names merge within one type class when their normalised forms are equal, one
is the initials of the other ("U.S." / "United States"), a listed alias, or the
unique longer name of the same type that adds one word ("Apple" / "Apple Computer";
corporate suffixes such as "Inc." are dropped before comparing).
"""
from __future__ import annotations

from .lexicon import Lexicon
from .model import PLACES, Cluster, Mention

RETYPABLE = {"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"}


def surname(mention: Mention, lex: Lexicon) -> str:
    words = [w for w in mention.words if w not in lex.name_suffixes]
    return (words or list(mention.words))[-1]


def first_name(mention: Mention) -> str | None:
    return mention.words[0] if len(mention.words) > 1 else None


def compatible_first(a: str, b: str, lex: Lexicon) -> bool:
    """Equal, an initial of the other ("L." / "Lewis"), or a nickname of it ("Bill" /
    "William")."""
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    return a == b or lex.given_name(a) == lex.given_name(b)


def suffix_of(mention: Mention, lex: Lexicon) -> str | None:
    return next((w for w in mention.words if w in lex.name_suffixes), None)


def cluster_people(mentions: list[Mention], lex: Lexicon) -> list[Cluster]:
    clusters: list[Cluster] = []
    for mention in mentions:
        if mention.label == "PERSON" and len(mention.words) > 1:
            _add_full_name(mention, clusters, lex)
    by_surname: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        by_surname.setdefault(cluster.last_name, []).append(cluster)
    full_names = {m.words: c for c in clusters for m in c.mentions}
    tagged_person = {m.words for m in mentions if m.label == "PERSON"}
    for mention in mentions:
        if mention.cluster is not None:
            continue
        if mention.label != "PERSON" and not _retype(mention, by_surname, full_names, tagged_person):
            continue
        if mention.words in full_names:
            full_names[mention.words].add(mention)
            continue
        _add_surname(mention, clusters, by_surname, lex)
    return clusters


def _add_full_name(mention: Mention, clusters: list[Cluster], lex: Lexicon) -> None:
    last, first, suffix = surname(mention, lex), first_name(mention), suffix_of(mention, lex)
    for cluster in clusters:
        if cluster.last_name == last and suffix_of(cluster.mentions[0], lex) == suffix \
                and any(compatible_first(first, f, lex) for f in cluster.first_names):
            cluster.add(mention)
            cluster.first_names.add(first)
            return
    cluster = Cluster("PERSON", last_name=last, first_names={first})
    cluster.add(mention)
    clusters.append(cluster)


def _retype(mention: Mention, by_surname: dict, full_names: dict, tagged_person: set) -> bool:
    """A name NER tagged otherwise is a person when the same words name a person
    elsewhere in the article (as a full name, a surname, or tagged PERSON)."""
    if mention.label not in RETYPABLE:
        return False
    if mention.words in full_names or mention.words in tagged_person or (
            len(mention.words) == 1 and mention.words[0] in by_surname):
        mention.label = "PERSON"
        return True
    return False


def _add_surname(mention: Mention, clusters: list[Cluster], by_surname: dict,
                 lex: Lexicon) -> None:
    word = surname(mention, lex)
    candidates = by_surname.get(word, [])
    if len(mention.words) == 1 and not candidates:
        candidates = [c for c in clusters if mention.words[0] in c.first_names]
        candidates = candidates if len(candidates) == 1 else []
    if candidates:
        chosen = pick_namesake(mention, candidates)
    else:
        chosen = Cluster("PERSON", last_name=word)
        clusters.append(chosen)
        by_surname[word] = [chosen]
    if len(mention.words) == 1 and mention.title is None:
        chosen.bare_surname = True
    chosen.add(mention)


def pick_namesake(mention: Mention, candidates: list[Cluster]) -> Cluster:
    """The person a surname means when several people share it, in this order:
    1. a title written with it ("Judge Kaplan") picks the one holding that title;
    2. an honorific's gender (Mr., Ms.) rules out the other gender;
    3. news style calls one namesake by the bare surname and marks the others with
       a title or first name, so a bare surname goes to the one already called so;
    4. otherwise the one named most often before it (the article's principal
       person keeps the bare surname; a relative or namesake introduced later is
       set apart by first name), then the most recent; the first one named after
       it when none comes before."""
    if len(candidates) == 1:
        return candidates[0]
    pool = candidates
    if mention.title:
        pool = [c for c in pool if mention.title in c.nouns
                or any(m.title == mention.title for m in c.mentions)] or pool
    if mention.gender:
        pool = [c for c in pool if c.gender in (None, mention.gender)] or pool
    if mention.title is None and len(mention.words) == 1:
        bare = [c for c in pool if c.bare_surname]
        pool = bare if len(bare) == 1 else pool
    return _most_named(mention, pool)


def _most_named(mention: Mention, pool: list[Cluster]) -> Cluster:
    before = [(sum(m.start < mention.start for m in c.mentions), c.last_token(mention.start), -n, c)
              for n, c in enumerate(pool)]
    best = max(before, key=lambda item: item[:3])
    if best[0] > 0:
        return best[3]
    return min(pool, key=lambda c: min(m.start for m in c.mentions))


def cluster_others(mentions: list[Mention], lex: Lexicon) -> list[Cluster]:
    clusters: list[Cluster] = []
    forms: list[tuple[Cluster, str, set[str]]] = []  # cluster, type class, known keys
    form_at: dict[int, int] = {}  # id(cluster) -> its place in forms
    knowing: dict[str, list[int]] = {}  # key -> places in forms whose known keys hold it
    for mention in mentions:
        if mention.cluster is not None or mention.label == "PERSON":
            continue
        kind, keys = type_class(mention.label), name_keys(mention, lex)
        # the forms whose known keys meet the probes, in order
        places = sorted({n for key in _probes(keys) for n in knowing.get(key, ())})
        match = next((forms[n][0] for n in places if forms[n][1] == kind
                      or _same_long_name(mention, forms[n][0])), None)
        match = match or _unique_prefix(mention, kind, forms, lex)
        if match is None:
            match = Cluster(mention.label)
            clusters.append(match)
            form_at[id(match)] = len(forms)
            forms.append((match, kind, set()))
        match.add(mention)
        place = form_at[id(match)]
        known = forms[place][2]
        for key in keys - known:
            knowing.setdefault(key, []).append(place)
        known.update(keys)
    for cluster in clusters:
        labels = [m.label for m in cluster.mentions]
        cluster.label = max(dict.fromkeys(labels), key=labels.count)  # ties: first seen, not hash order
    return clusters


def _same_long_name(mention: Mention, cluster: Cluster) -> bool:
    """NER may give one multi-word name two labels ("RT America" LOC, then FAC):
    the same name of two words or more is one entity, unless either is a GPE or NORP."""
    plain = {"GPE", "NORP"}
    return len(mention.words) > 1 and mention.label not in plain and cluster.label not in plain


INITIALS = "initials:"  # key prefix of a long name's initials


def type_class(label: str) -> str:
    return "PLACE" if label in PLACES else label


def normal_words(mention: Mention, lex: Lexicon) -> list[str]:
    words = [w.replace(".", "") for w in mention.words]
    while len(words) > 1 and (words[-1] in lex.org_suffixes or words[-1] + "." in lex.org_suffixes
                              or words[-1] == ","):
        words = words[:-1]
    if mention.label == "NORP":
        words = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]
    return [w for w in words if w]


def name_keys(mention: Mention, lex: Lexicon) -> set[str]:
    """Forms under which two names are the same: the words, their alias, their initials."""
    words = normal_words(mention, lex)
    key = " ".join(words)
    keys = {key, lex.aliases.get(key, key)}
    content = [w for w in words if w not in lex.acronym_skip]
    if len(content) > 1:
        keys.add(INITIALS + "".join(w[0] for w in content))
    return keys


def _probes(keys: set[str]) -> set[str]:
    """The known keys of the same name: equal forms, or one name is the other's
    initials ("U.S." / "United States"); two long names with the same initials
    ("Apple Corps" / "Apple Computer") are not."""
    plain = {k for k in keys if not k.startswith(INITIALS)}
    return plain | {INITIALS + k for k in plain} | {k[len(INITIALS):] for k in keys - plain}


def _unique_prefix(mention: Mention, kind: str, forms, lex: Lexicon) -> Cluster | None:
    if kind not in ("ORG", "PRODUCT", "FAC"):
        return None
    words = normal_words(mention, lex)
    found = []
    for cluster, other_kind, _ in forms:
        if other_kind != kind:
            continue
        longest = max((normal_words(m, lex) for m in cluster.mentions), key=len)
        short, long = sorted((words, longest), key=len)
        if short and len(long) == len(short) + 1 and long[:len(short)] == short:
            shorter = [mention] if short is words else cluster.mentions
            distinct = long[-1] in lex.distinct_words or lex.title_word(long[-1])
            if not distinct and not any(_has_corporate_suffix(m, lex) for m in shorter):
                found.append(cluster)
    return found[0] if len(found) == 1 else None


def _has_corporate_suffix(mention: Mention, lex: Lexicon) -> bool:
    """A name written in full with its corporate suffix ("Apple Computer", "Apple Inc.")
    is complete: a longer name that adds another word ("Apple Corps") is someone else."""
    written = [w.replace(".", "") for w in mention.words if w.replace(".", "") not in ("", ",")]
    return len(normal_words(mention, lex)) < len(written)


BRANDED = {"PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW"}  # names that may open with their maker's


def nested_names(doc, names: list[Mention], lex: Lexicon) -> list[Mention]:
    """A product or place name that opens with another entity's name ("Apple TV",
    "iPod Mini", where Apple and iPod are named on their own too) also mentions that
    entity: the nested mention joins it. Organisations are left alone ("Apple Corps"
    is no mention of Apple). RETURNS the added mentions."""
    known = {tuple(normal_words(m, lex)): m.cluster for m in names
             if m.cluster is not None and m.label != "PERSON"}
    added = []
    for mention in names:
        if mention.cluster is None or mention.label not in BRANDED or len(mention.words) < 2:
            continue
        start = mention.start + (doc[mention.start].lower_ == "the")
        for size in range(len(mention.words) - 1, 0, -1):
            other = known.get(mention.words[:size])
            if other is not None and other is not mention.cluster \
                    and not mention.words[size][:1].isdigit():  # "iPhone 4" is a model, not a brand use
                nested = Mention(start, start + size, mention.kind, other.label, start + size - 1,
                                 words=mention.words[:size], text=doc[start:start + size].text)
                other.add(nested)
                added.append(nested)
                break
    return added
