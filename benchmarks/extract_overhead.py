"""What the extractors cost beside the parse, measured so that the machine's
drift cancels: (a) the parse and (b) extract_many alternate chunk by chunk in
one process over the same texts, and each sums its own CPU time. After them,
on each chunk, every extractor runs alone on (a)'s Docs, so that each one's
share of the parse is measured the same way (issue #4: quotes add under 10%).

Usage:
    python benchmarks/extract_overhead.py [--limit 240] [--chunk 16] [--unfreeze]

Prints the CPU seconds of each and (b)/(a) as a rate ratio, the figure that
benchmarks/batch_throughput.py measures in wall time minutes apart, then each
extractor's CPU seconds as a share of the parse's. One BLAS
thread, as in the batch workers. Whichever runs second on a chunk finds
spaCy's tokenizer cache warm for its texts, so (a) and (b) take turns at going
first, chunk by chunk. Also prints the garbage collector's time during (b):
load_nlp freezes the loaded pipeline out of its reach, which --unfreeze undoes
for comparison.
"""
from __future__ import annotations

import argparse
import gc
import os
import time

from batch_throughput import DEFAULT_TEXTS, ONE_PROCESS_ENV, load_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=240)
    parser.add_argument("--chunk", type=int, default=16)
    parser.add_argument("--unfreeze", action="store_true",
                        help="undo load_nlp's gc.freeze, to compare the collector's time")
    args = parser.parse_args()
    os.environ.update(ONE_PROCESS_ENV)  # before numpy is first imported
    from newsfacts import load_nlp
    from newsfacts.api import extract_many, to_article
    articles = load_articles(DEFAULT_TEXTS, args.limit)
    nlp = load_nlp()
    if args.unfreeze:
        gc.unfreeze()
    list(extract_many(articles[:2], nlp=nlp))  # warm up
    gc.callbacks.append(collector_clock)
    parse_s = extract_s = 0.0
    steps, alone = extractor_steps(), dict.fromkeys(EXTRACTORS, 0.0)
    for number, start in enumerate(range(0, len(articles), args.chunk)):
        chunk = articles[start:start + args.chunk]
        if number % 2:
            extract_s += cpu_extract(extract_many, chunk, nlp)
        started = time.process_time()
        docs = list(nlp.pipe([a["text"] for a in chunk], batch_size=args.chunk))
        parse_s += time.process_time() - started
        if not number % 2:
            extract_s += cpu_extract(extract_many, chunk, nlp)
        for doc, item in zip(docs, chunk):
            time_alone(doc, to_article(item), steps, alone)
    print(f"{len(articles)} articles, chunks of {args.chunk}, CPU seconds: "
          f"(a) parse {parse_s:.1f}, (b) extract {extract_s:.1f}; "
          f"(b)/(a) as rates = {parse_s / extract_s:.3f}")
    print("each extractor alone, CPU seconds and share of the parse: " + ", ".join(
        f"{name} {seconds:.2f} ({seconds / parse_s:.1%})" for name, seconds in alone.items()))
    print(f"garbage collection during (b): {1000 * GC['seconds'] / len(articles):.1f} ms per "
          f"article ({GC['seconds'] / extract_s:.1%} of (b)), {GC['full']} full collections"
          f"{' (pipeline not frozen)' if args.unfreeze else ''}")


GC = {"on": False, "seconds": 0.0, "full": 0, "started": 0.0}


def collector_clock(phase: str, info: dict) -> None:
    """Adds up the collector's wall seconds while GC["on"]."""
    if not GC["on"]:
        return
    if phase == "start":
        GC["started"] = time.perf_counter()
        return
    GC["seconds"] += time.perf_counter() - GC["started"]
    GC["full"] += info["generation"] == 2


def cpu_extract(extract_many, chunk: list[dict], nlp) -> float:
    """CPU seconds of (b) on a chunk: extract_many and each record's to_dict."""
    started, GC["on"] = time.process_time(), True
    for facts in extract_many(chunk, nlp=nlp, batch_size=len(chunk)):
        facts.to_dict()
    GC["on"] = False
    return time.process_time() - started


EXTRACTORS = ("entities", "times", "quotes", "amounts", "events", "main_event")


def extractor_steps():
    """Each extractor as a function of (doc, article, what the earlier ones found)."""
    from newsfacts.pipeline.amounts import extract_amounts
    from newsfacts.pipeline.entities import extract_entities
    from newsfacts.pipeline.events import extract_events
    from newsfacts.pipeline.main_event import extract_main_event
    from newsfacts.pipeline.quotes import extract_quotes
    from newsfacts.pipeline.times import extract_times
    return {"entities": lambda doc, article, found: extract_entities(doc, article),
            "times": lambda doc, article, found: extract_times(doc, article),
            "quotes": lambda doc, article, found: extract_quotes(doc, article, found["entities"]),
            "amounts": lambda doc, article, found: extract_amounts(doc, article),
            "events": lambda doc, article, found: extract_events(
                doc, article, found["entities"], found["times"]),
            "main_event": lambda doc, article, found: extract_main_event(
                doc, article, found["entities"], found["times"], found["events"])}


def time_alone(doc, article, steps: dict, seconds: dict[str, float]) -> None:
    """Each extractor's CPU seconds on one Doc, added to seconds."""
    found: dict = {}
    for name in EXTRACTORS:
        started = time.process_time()
        found[name] = steps[name](doc, article, found)
        seconds[name] += time.process_time() - started


if __name__ == "__main__":
    main()
