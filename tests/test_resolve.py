"""Cross-article entity resolution (pure functions, no parsing) and timeline placement."""
import random

from newsfacts.resolve.entities import Candidate, resolve_candidates
from newsfacts.resolve.timeline import date_sort_key, order_events


def person(article, local, name, names=(), titles=(), roles=()):
    return Candidate(key=(article, local), type="PERSON", name=name, names=list(names) or [name],
                     attributes={"titles": list(titles), "roles": list(roles), "affiliations": []})


def thing(article, local, name, etype="ORG"):
    return Candidate(key=(article, local), type=etype, name=name, names=[name])


def cluster_of(clusters, key):
    return next(c for c in clusters if any(m.key == key for m in c.members))


def test_resolve_same_full_name_with_shared_context_joins():
    cands = [person("a1", "E1", "Donald Trump"), thing("a1", "E2", "E. Jean Carroll", "PERSON"),
             person("a2", "E1", "Donald J. Trump"), person("a2", "E2", "E. Jean Carroll")]
    clusters = resolve_candidates(cands)
    trump = cluster_of(clusters, ("a1", "E1"))
    assert {m.key for m in trump.members} == {("a1", "E1"), ("a2", "E1")}
    assert "carroll" in trump.reasons[("a2", "E1")] or "carroll" in trump.reasons[("a1", "E1")]


def test_resolve_namesakes_in_unrelated_stories_stay_apart():
    cands = [person("b1", "E1", "John Smith", titles=["baker"]), thing("b1", "E2", "Ohio Pie Fair"),
             person("b2", "E1", "John Smith", titles=["MP"]), thing("b2", "E2", "Labour Party")]
    clusters = resolve_candidates(cands)
    assert cluster_of(clusters, ("b1", "E1")) is not cluster_of(clusters, ("b2", "E1"))


def test_resolve_the_two_kaplans():
    cands = [person("s1", "E1", "Roberta Kaplan", roles=["lawyer"]), person("s1", "E2", "Lewis Kaplan",
             titles=["judge"]), thing("s1", "E3", "Manhattan Federal Court"),
             person("s2", "E1", "Kaplan", titles=["judge"]), thing("s2", "E2", "Manhattan Federal Court")]
    clusters = resolve_candidates(cands)
    roberta, lewis = cluster_of(clusters, ("s1", "E1")), cluster_of(clusters, ("s1", "E2"))
    assert roberta is not lewis
    assert cluster_of(clusters, ("s2", "E1")) is lewis  # the title "judge" decides
    assert "judge" in lewis.reasons[("s2", "E1")]


def test_resolve_ambiguous_surname_stays_apart():
    cands = [person("s1", "E1", "Roberta Kaplan"), person("s1", "E2", "Lewis Kaplan"),
             person("s3", "E1", "Kaplan")]
    clusters = resolve_candidates(cands)
    alone = cluster_of(clusters, ("s3", "E1"))
    assert len(alone.members) == 1


def test_resolve_is_order_independent():
    cands = [person("a", "E1", "Steve Jobs"), thing("a", "E2", "Apple Inc."),
             person("b", "E1", "Jobs"), thing("b", "E2", "Apple"),
             person("c", "E1", "Steve Jobs"), thing("c", "E2", "Apple Computer"),
             thing("d", "E1", "United States", "GPE"), thing("e", "E1", "US", "GPE")]

    def signature(items):
        return sorted((c.id, sorted(m.key for m in c.members)) for c in resolve_candidates(items))
    expected = signature([Candidate(**vars(c)) for c in cands])
    for seed in range(3):
        shuffled = [Candidate(**{**vars(c), "context": set()}) for c in cands]
        random.Random(seed).shuffle(shuffled)
        assert signature(shuffled) == expected


def test_resolve_organisation_forms_and_acronyms_join():
    cands = [thing("a", "E1", "The Apple Inc."), thing("b", "E1", "Apple"),
             thing("c", "E1", "Apple Computer"), thing("d", "E1", "United States", "GPE"),
             thing("e", "E1", "US", "GPE"), thing("f", "E1", "Apple Corps")]
    clusters = resolve_candidates(cands)
    apple = cluster_of(clusters, ("a", "E1"))
    assert {m.key[0] for m in apple.members} == {"a", "b", "c"}
    assert cluster_of(clusters, ("f", "E1")) is not apple
    assert cluster_of(clusters, ("d", "E1")) is cluster_of(clusters, ("e", "E1"))


def test_resolve_people_never_join_things():
    cands = [person("a", "E1", "Jordan"), thing("b", "E1", "Jordan", "GPE")]
    clusters = resolve_candidates(cands)
    assert len(clusters) == 2


def test_resolve_descriptions_are_not_names():
    cands = [person("a", "E1", "Steve Jobs", names=["Steve Jobs", "the Apple Chief Executive Officer"]),
             thing("a", "E2", "Apple"), person("b", "E1", "Steve Jobs"), thing("b", "E2", "Apple")]
    clusters = resolve_candidates(cands)
    assert cluster_of(clusters, ("a", "E1")) is cluster_of(clusters, ("b", "E1"))


def test_timeline_places_vague_dates():
    assert date_sort_key("2024-01-26").vague is False
    assert date_sort_key("2023-05") == date_sort_key("2023-05")
    assert date_sort_key("2023-05").sort == "2023-05-01" and date_sort_key("2023-05").vague
    assert date_sort_key("199X").sort == "1990-01-01"
    assert date_sort_key("2024-W04").sort == "2024-01-22"
    assert date_sort_key(None, "2024-01-26").precision == "published"
    rows = order_events([{"date": "2024-01-26", "published": "2024-01-26"},
                         {"date": "2023-05", "published": "2024-01-26"},
                         {"date": None, "published": "2020-01-01"}])
    assert [r["sort_date"] for r in rows] == ["2020-01-01", "2023-05-01", "2024-01-26"]
