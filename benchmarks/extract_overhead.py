"""What the extractors cost beside the parse, measured so that the machine's
drift cancels: (a) the parse and (b) extract_many alternate chunk by chunk in
one process over the same texts, and each sums its own CPU time.

Usage:
    python benchmarks/extract_overhead.py [--limit 240] [--chunk 16]

Prints the CPU seconds of each and (b)/(a) as a rate ratio, the figure that
benchmarks/batch_throughput.py measures in wall time minutes apart. One BLAS
thread, as in the batch workers. (b) runs second on each chunk, after (a), so
it finds spaCy's tokenizer cache warm for those texts; the bias favours (b) a
little.
"""
from __future__ import annotations

import argparse
import os
import time

from batch_throughput import DEFAULT_TEXTS, ONE_PROCESS_ENV, load_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=240)
    parser.add_argument("--chunk", type=int, default=16)
    args = parser.parse_args()
    os.environ.update(ONE_PROCESS_ENV)  # before numpy is first imported
    from newsfacts import load_nlp
    from newsfacts.api import extract_many
    articles = load_articles(DEFAULT_TEXTS, args.limit)
    nlp = load_nlp()
    list(extract_many(articles[:2], nlp=nlp))  # warm up
    parse_s = extract_s = 0.0
    for start in range(0, len(articles), args.chunk):
        chunk = articles[start:start + args.chunk]
        started = time.process_time()
        list(nlp.pipe([a["text"] for a in chunk], batch_size=args.chunk))
        parse_s += time.process_time() - started
        started = time.process_time()
        for facts in extract_many(chunk, nlp=nlp, batch_size=args.chunk):
            facts.to_dict()
        extract_s += time.process_time() - started
    print(f"{len(articles)} articles, chunks of {args.chunk}, CPU seconds: "
          f"(a) parse {parse_s:.1f}, (b) extract {extract_s:.1f}; "
          f"(b)/(a) as rates = {parse_s / extract_s:.3f}")


if __name__ == "__main__":
    main()
