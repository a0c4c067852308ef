"""Throughput on the PolNeAR dev texts: spaCy's parse alone vs the whole pipeline,
and thinc's NumpyOps with and without blis.

Usage:
    python benchmarks/throughput.py [--texts DIR] [--repeat 2] [--limit N] [--batch-size 16]

Prints articles/s and words/s for each setting (the best of --repeat runs, since
other work may share the CPUs), the share of time spent in the extractors, and
whether blis on and off give identical parses and facts. Runs with one BLAS
thread, as each batch worker does: the extractors use one core, so their share
is measured against a parse on one core too (with two BLAS threads the parse
also used a part of the second core).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from batch_throughput import ONE_PROCESS_ENV  # benchmarks/, beside this file

os.environ.update(ONE_PROCESS_ENV)  # before numpy is first imported

import spacy  # noqa: E402

from newsfacts.article import Article  # noqa: E402
from newsfacts.facts import build_facts  # noqa: E402
from newsfacts.pipeline import amounts, entities, events, main_event, quotes, times  # noqa: E402
from newsfacts.pipeline.nlp import DEFAULT_PIPELINE, use_fast_ops  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = Path(os.environ.get("NEWSFACTS_SHARED_DATA", ROOT.parent / "shared" / "data")
                     ) / "polnear" / "dev" / "text"


def load_articles(folder: Path, limit: int | None) -> list[Article]:
    """The dev texts as Articles, dated from metadata.tsv beside text/ when it is there."""
    dates = read_dates(folder.parent / "metadata.tsv")
    paths = sorted(folder.glob("*.txt"))[:limit]
    return [Article(text=p.read_text(encoding="utf-8"), id=p.stem,
                    published=dates.get(p.stem)) for p in paths]


def read_dates(metadata: Path) -> dict[str, str]:
    if not metadata.exists():
        return {}
    rows = [line.split("\t") for line in metadata.read_text(encoding="utf-8").splitlines()]
    header = rows[0]
    name, date = header.index("filename"), header.index("publication_date")
    return {row[name]: row[date] for row in rows[1:] if len(row) > date}


def load_pipeline(use_blis: bool) -> spacy.Language:
    # a model keeps the ops current when it was built, so each setting loads its own
    use_fast_ops(use_blis)
    return spacy.load(os.environ.get("NEWSFACTS_PIPELINE") or DEFAULT_PIPELINE)


def timed_parse(nlp, use_blis: bool, texts: list[str], batch_size: int):
    """The Docs, wall seconds and CPU seconds (this process, all threads)."""
    use_fast_ops(use_blis)
    start, cpu_start = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    return docs, time.perf_counter() - start, time.process_time() - cpu_start


def timed_extractors(docs, articles) -> dict[str, float]:
    """Seconds in build_facts over the Docs, and in each extractor run alone."""
    seconds = {"build_facts": 0.0, "entities": 0.0, "times": 0.0, "quotes": 0.0,
               "amounts": 0.0, "events": 0.0, "main_event": 0.0}
    for doc, article in zip(docs, articles):
        start = time.perf_counter()
        build_facts(doc, article)
        seconds["build_facts"] += time.perf_counter() - start
        clock = time.perf_counter()
        found_entities = entities.extract_entities(doc, article)
        clock = _lap(seconds, "entities", clock)
        found_times = times.extract_times(doc, article)
        clock = _lap(seconds, "times", clock)
        quotes.extract_quotes(doc, article, found_entities)
        clock = _lap(seconds, "quotes", clock)
        amounts.extract_amounts(doc, article)
        clock = _lap(seconds, "amounts", clock)
        found_events = events.extract_events(doc, article, found_entities, found_times)
        clock = _lap(seconds, "events", clock)
        main_event.extract_main_event(doc, article, found_entities, found_times, found_events)
        _lap(seconds, "main_event", clock)
    return seconds


def _lap(seconds: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    seconds[name] += now - since
    return now


def fingerprint(doc) -> tuple:
    tokens = tuple((t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_,
                    t.is_sent_start) for t in doc)
    return tokens, tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)


def rate_row(label: str, seconds: float, n_articles: int, n_words: int) -> str:
    """A table row: wall seconds, articles/s and words/s."""
    return (f"| {label:<48} | {seconds:8.2f} | {n_articles / seconds:10.2f} | "
            f"{n_words / seconds:10.0f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    if not args.texts.is_dir():
        print(f"skipped: {args.texts} is absent (the PolNeAR dev texts are needed)")
        return 0
    articles = load_articles(args.texts, args.limit)
    texts = [a.text for a in articles]
    n_articles, n_words = len(texts), sum(len(t.split()) for t in texts)
    print(f"{n_articles} PolNeAR dev articles, {n_words} words; best of {args.repeat} runs; "
          f"os.cpu_count()={os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")

    pipelines = {flag: load_pipeline(flag) for flag in (False, True)}
    for flag, nlp in pipelines.items():  # warm up: first calls allocate and load lazily
        timed_parse(nlp, flag, texts[:4], args.batch_size)
    best = {False: float("inf"), True: float("inf")}
    best_cpu = dict(best)
    docs = {}
    for _ in range(args.repeat):
        for flag, nlp in pipelines.items():  # interleaved, so load changes hit both alike
            docs[flag], seconds, cpu = timed_parse(nlp, flag, texts, args.batch_size)
            best[flag] = min(best[flag], seconds)
            best_cpu[flag] = min(best_cpu[flag], cpu)
    use_fast_ops(False)
    extract_runs = [timed_extractors(docs[False], articles) for _ in range(args.repeat)]
    extract = min(extract_runs, key=lambda run: run["build_facts"])

    same_parse = [fingerprint(d) for d in docs[False]] == [fingerprint(d) for d in docs[True]]
    same_facts = all(build_facts(a, art).to_json() == build_facts(b, art).to_json()
                     for a, b, art in zip(docs[False], docs[True], articles))
    default_blis = os.environ.get("NEWSFACTS_BLIS", "0") == "1"
    parse_default = best[default_blis]
    whole = parse_default + extract["build_facts"]

    print()
    print(f"| {'setting':<48} | {'seconds':>8} | {'articles/s':>10} | {'words/s':>10} |")
    print(f"|{'-' * 50}|{'-' * 10}|{'-' * 12}|{'-' * 12}|")
    print(rate_row("spaCy parse, NumpyOps(use_blis=False)", best[False], n_articles, n_words))
    print(rate_row("spaCy parse, NumpyOps(use_blis=True)", best[True], n_articles, n_words))
    print(rate_row("extractors alone (build_facts on the Docs)", extract["build_facts"],
                   n_articles, n_words))
    print(rate_row(f"whole pipeline (parse + extractors, blis {'on' if default_blis else 'off'})",
                   whole, n_articles, n_words))
    print()
    print(f"share of the whole pipeline's time in the extractors: "
          f"{extract['build_facts'] / whole:.1%}")
    parts = ", ".join(f"{name} {extract[name] / whole:.1%}"
                      for name in ("entities", "times", "quotes", "amounts", "events", "main_event"))
    print(f"  by extractor (each run alone): {parts}")
    print(f"the main event adds {extract['main_event'] / (whole - extract['main_event']):.2%} to "
          f"extraction (parse + the other extractors) and {extract['main_event'] / extract['build_facts']:.1%}"
          f" of build_facts")
    print(f"CPU seconds of the parse (less sensitive to other load): blis off "
          f"{best_cpu[False]:.2f}, blis on {best_cpu[True]:.2f}")
    print(f"blis off vs on: {best[True] / best[False]:.2f}x "
          f"({'off' if best[False] <= best[True] else 'on'} is faster); "
          f"identical parses: {same_parse}; identical facts: {same_facts}")
    print(f"default in newsfacts.pipeline.nlp: blis {'on' if default_blis else 'off'}")
    return 0 if same_parse and same_facts else 1


if __name__ == "__main__":
    sys.exit(main())
