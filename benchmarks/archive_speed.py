"""Archive benchmarks: ingest throughput against extract, and query latency at 10,000 articles.

    python benchmarks/archive_speed.py ingest  [--limit 40] [--rounds 2]
    python benchmarks/archive_speed.py queries [--articles 10000]

ingest: the PolNeAR dev texts (../shared/data/polnear/dev/text) as one jsonl file;
  in one process with one loaded pipeline, alternating rounds of
  (a) extract_many + newsfacts/1 jsonl serialisation (what `extract --format jsonl` does) and
  (b) Archive.ingest into a fresh SQLite file (parse + facts + storage + resolution);
  prints articles/s of each and their ratio (target: ingest >= 90% of extract).
  --cli also times the two commands end to end (`newsfacts extract F --format jsonl`
  and `newsfacts ingest F --db D --quiet`, model loading included).
queries: parses the 30 bundled demo articles once, writes copies of their Facts
  (each text made unique) straight into a fresh archive until it holds --articles
  articles, resolves it, then times each query (median and worst of 5 runs).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"


def dev_articles(limit: int) -> list[dict]:
    items = []
    for path in sorted(POLNEAR_DEV.glob("*.txt"))[:limit]:
        published = path.stem.split("_")[1] if path.stem.count("_") >= 2 else None
        items.append({"id": path.stem, "text": path.read_text(encoding="utf-8"), "published": published})
    return items


def time_extract(items, nlp) -> tuple[float, list]:
    from newsfacts import extract_many
    start = time.perf_counter()
    found = []
    for facts in extract_many(items, nlp=nlp):
        facts.to_json()
        found.append(facts)
    return time.perf_counter() - start, found


def time_store(all_facts, folder: Path, round_no: int) -> float:
    """Storage alone: the extracted Facts written into a fresh archive, then resolved."""
    from newsfacts.store import Archive
    start = time.perf_counter()
    with Archive(folder / f"store-{round_no}.db") as archive:
        for facts in all_facts:
            archive.add(facts)
        archive.resolve()
    return time.perf_counter() - start


def time_ingest(items, nlp, folder: Path, round_no: int) -> float:
    from newsfacts.api import to_article
    from newsfacts.store import Archive
    start = time.perf_counter()
    with Archive(folder / f"bench-{round_no}.db") as archive:
        archive.ingest((to_article(i) for i in items), nlp=nlp)
    return time.perf_counter() - start


def bench_ingest(limit: int, rounds: int, cli: bool) -> None:
    from newsfacts import load_nlp
    items = dev_articles(limit)
    nlp = load_nlp()
    list(nlp.pipe([i["text"] for i in items[:3]]))  # warm up
    folder = Path(tempfile.mkdtemp(prefix="nf_bench_"))
    extract_s, ingest_s, store_s = [], [], []
    for r in range(rounds):
        seconds, all_facts = time_extract(items, nlp)
        extract_s.append(seconds)
        store_s.append(time_store(all_facts, folder, r))
        ingest_s.append(time_ingest(items, nlp, folder, r))
    n = len(items)
    best_extract, best_ingest, best_store = min(extract_s), min(ingest_s), min(store_s)
    print(f"in-process, {n} articles, best of {rounds}: extract {n / best_extract:.2f} art/s, "
          f"ingest {n / best_ingest:.2f} art/s, ingest/extract = {best_extract / best_ingest:.1%}")
    print(f"storage alone (write + FTS + resolution): {1000 * best_store / n:.1f} ms/article against "
          f"{1000 * best_extract / n:.1f} ms/article of extraction: ingest can reach "
          f"{best_extract / (best_extract + best_store):.1%} of extract throughput")
    if cli:
        bench_cli(items, folder)


def bench_cli(items, folder: Path) -> None:
    source = folder / "dev.jsonl"
    source.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(["newsfacts", "extract", str(source), "--format", "jsonl"], check=True,
                   stdout=subprocess.DEVNULL)
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(["newsfacts", "ingest", str(source), "--db", str(folder / "cli.db"), "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    ingest_s = time.perf_counter() - start
    n = len(items)
    print(f"command line (model load included), {n} articles: extract {n / extract_s:.2f} art/s, "
          f"ingest {n / ingest_s:.2f} art/s, ingest/extract = {extract_s / ingest_s:.1%}")


def synthetic_archive(target: int, path: Path):
    from newsfacts.store import Archive
    from newsfacts.store.archive import now_iso
    from newsfacts.store.demo import demo_articles
    from newsfacts import extract_many, load_nlp
    from newsfacts.store.writer import write_facts
    base = list(extract_many(demo_articles(), nlp=load_nlp()))
    archive = Archive(path)
    start = time.perf_counter()
    archive.conn.execute("BEGIN")
    for i in range(target):
        facts = base[i % len(base)]
        copy = replace(facts, article={**facts.article, "id": f"{facts.article['id']}-{i}",
                                       "text": facts.article["text"] + f"\n\n[copy {i}]"})
        write_facts(archive.conn, copy, now_iso())
    archive.conn.execute("COMMIT")
    print(f"wrote {target} articles in {time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    archive.resolve()
    print(f"resolved {archive.count('entities')} article entities into "
          f"{archive.count('archive_entities')} archive entities in {time.perf_counter() - start:.1f} s")
    return archive


QUERIES = {
    "entity 'Steve Jobs' (profile)": lambda a: a.entity("Steve Jobs"),
    "find_entities 'Apple'": lambda a: a.find_entities("Apple"),
    "timeline 'Steve Jobs'": lambda a: a.timeline("Steve Jobs"),
    "timeline --story iPhone": lambda a: a.timeline(story="iPhone"),
    "quotes --speaker Jobs": lambda a: a.quotes(speaker="Jobs"),
    "quotes --about Apple --since 2008-01-01": lambda a: a.quotes(about="Apple", since="2008-01-01"),
    "quotes --contains iPhone": lambda a: a.quotes(contains="iPhone"),
    "search 'Apple Corps'": lambda a: a.search("Apple Corps"),
    "search 'trademark dispute'": lambda a: a.search("trademark dispute"),
}


def bench_queries(target: int) -> None:
    path = Path(tempfile.mkdtemp(prefix="nf_bench_q_")) / "big.db"
    archive = synthetic_archive(target, path)
    print(f"{'query':<42}{'rows':>7}{'median ms':>11}{'worst ms':>10}")
    for name, query in QUERIES.items():
        times, result = [], None
        for _ in range(5):
            start = time.perf_counter()
            result = query(archive)
            times.append((time.perf_counter() - start) * 1000)
        rows = len(result) if isinstance(result, list) else (len(result["timeline"]) if result else 0)
        print(f"{name:<42}{rows:>7}{statistics.median(times):>11.1f}{max(times):>10.1f}")
    archive.close()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["ingest", "queries"])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cli", action="store_true")
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args(argv)
    if args.what == "ingest":
        bench_ingest(args.limit, args.rounds, args.cli)
    else:
        bench_queries(args.articles)


if __name__ == "__main__":
    main(sys.argv[1:])
