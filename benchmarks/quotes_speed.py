"""How much the quote extractor adds to the spaCy parse, on PolNeAR dev.

Usage: python benchmarks/quotes_speed.py [POLNEAR_SPLIT_DIR] [--repeat N]
Prints the parse time, the quote extraction time (entities are extracted
first and not counted: quotes read them) and the ratio; the target is < 10%.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsfacts import load_nlp
from newsfacts.article import Article
from newsfacts.pipeline.entities import extract_entities
from newsfacts.pipeline.quotes import extract_quotes

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--repeat", type=int, default=3, help="quote passes (the best is kept)")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.directory, "text").glob("*.txt"))]
    nlp = load_nlp()
    nlp("warm up")
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - started
    articles = [Article(text=doc.text) for doc in docs]
    entities = [extract_entities(doc, article) for doc, article in zip(docs, articles)]
    quote_s = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        found = sum(len(extract_quotes(doc, article, ents))
                    for doc, article, ents in zip(docs, articles, entities))
        quote_s = min(quote_s, time.perf_counter() - started)
    words = sum(len(doc) for doc in docs)
    print(f"{len(docs)} articles, {words} tokens, {found} quotes")
    print(f"parse:  {parse_s:8.2f} s  ({words / parse_s:,.0f} tokens/s)")
    print(f"quotes: {quote_s:8.2f} s  ({words / quote_s:,.0f} tokens/s)")
    print(f"quotes / parse: {100 * quote_s / parse_s:.1f}%  (target < 10%)")


if __name__ == "__main__":
    main()
