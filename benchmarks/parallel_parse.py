"""How much one process slows down when a second runs beside it on this machine.

Usage:
    python benchmarks/parallel_parse.py [--limit 100] [--rounds 2]

Parses the same PolNeAR train texts with one BLAS thread, first in one process
alone, then in two processes at once, --rounds times, and prints each
process's seconds. The slowdown side by side bounds what two workers can give
against one process (the batch benchmark's (c)/(b) and (d)/(b)), whatever
newsfacts does.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from batch_throughput import DEFAULT_TEXTS, ONE_PROCESS_ENV, load_articles


def parse_once(limit: int) -> float:
    from newsfacts import load_nlp
    texts = [a["text"] for a in load_articles(DEFAULT_TEXTS, limit)]
    nlp = load_nlp()
    list(nlp.pipe(["Warm up the pipeline."]))
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=16))
    return time.perf_counter() - started


def run_side_by_side(count: int, limit: int) -> list[float]:
    command = [sys.executable, __file__, "--child", "--limit", str(limit)]
    env = {**os.environ, **ONE_PROCESS_ENV}
    children = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
                for _ in range(count)]
    return [float(child.communicate()[0].strip()) for child in children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(f"{parse_once(args.limit):.2f}")
        return
    for round_number in range(1, args.rounds + 1):
        alone = run_side_by_side(1, args.limit)
        together = run_side_by_side(2, args.limit)
        print(f"round {round_number}: {args.limit} texts, one process alone {alone[0]:.1f} s; "
              f"two at once {together[0]:.1f} and {together[1]:.1f} s "
              f"(slowdown {max(together) / alone[0] - 1:.0%} for the slower one)", flush=True)


if __name__ == "__main__":
    main()
