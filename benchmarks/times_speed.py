"""Cost of the times extractor next to the spaCy parse, on the PolNeAR dev texts.

Usage:
    python benchmarks/times_speed.py [--texts DIR] [--limit N] [--repeat 3]

Prints the parse time, the times-extractor time (best of --repeat runs over the
same Docs, since other work may share the CPUs) and the extractor's share of the
parse; issue 3 asks for under 10%. Skips (exit 0) when the texts are absent.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from newsfacts.article import Article
from newsfacts.pipeline.nlp import load_nlp
from newsfacts.pipeline.times import extract_times

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = Path(os.environ.get("NEWSFACTS_SHARED_DATA", ROOT.parent / "shared" / "data")
                     ) / "polnear" / "dev" / "text"


def read_dates(metadata: Path) -> dict[str, str]:
    if not metadata.exists():
        return {}
    rows = [line.split("\t") for line in metadata.read_text(encoding="utf-8").splitlines()]
    name, date = rows[0].index("filename"), rows[0].index("publication_date")
    return {row[name]: row[date] for row in rows[1:] if len(row) > date}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.texts.is_dir():
        print(f"skipped: {args.texts} is absent")
        return 0
    dates = read_dates(args.texts.parent / "metadata.tsv")
    paths = sorted(args.texts.glob("*.txt"))[:args.limit]
    articles = [Article(text=p.read_text(encoding="utf-8"), id=p.stem, published=dates.get(p.stem))
                for p in paths]
    nlp = load_nlp()
    start = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    parse = time.perf_counter() - start
    best, found = float("inf"), 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = sum(len(extract_times(doc, article)) for doc, article in zip(docs, articles))
        best = min(best, time.perf_counter() - start)
    words = sum(len(doc) for doc in docs)
    print(f"articles: {len(docs)}  tokens: {words}  time expressions: {found}")
    print(f"spaCy parse:     {parse:8.3f} s  ({words / parse:,.0f} tokens/s)")
    print(f"times extractor: {best:8.3f} s  ({words / best:,.0f} tokens/s, best of {args.repeat})")
    print(f"times / parse:   {100 * best / parse:7.2f} %  (target < 10 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
