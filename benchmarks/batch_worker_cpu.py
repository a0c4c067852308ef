"""CPU per worker for the same chunks: local worker processes against Ray Data
actors at Ray's default nice 15 and at nice 0 (what a local Ray started by
newsfacts uses).

Usage:
    python benchmarks/batch_worker_cpu.py [--limit 480] [--settings local,ray15,ray0]

Each worker times its own thread's CPU around every chunk (16 articles, the same
per-chunk function as `newsfacts batch`), so the figures say how much CPU the
same work costs in each kind of worker, apart from start-up, reading and
writing. Prints per worker: chunks, CPU seconds, busy seconds, and when its
first chunk started and its last ended. Run it on an idle machine.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from batch_throughput import DEFAULT_TEXTS, load_articles

CHUNK = 16


def timed_chunk(articles: list[bytes]) -> tuple[int, float, float, float]:
    """(pid, CPU seconds, wall start, wall end) of one chunk's extraction."""
    from newsfacts.batch.work import extract_chunk, from_bytes, to_bytes
    started, cpu = time.time(), time.thread_time()
    to_bytes(extract_chunk([from_bytes(a) for a in articles]))
    return os.getpid(), time.thread_time() - cpu, started, time.time()


def load_pipeline() -> None:
    from newsfacts.pipeline.nlp import load_nlp
    load_nlp()


class TimedExtractor:
    """A Ray Data actor running timed_chunk."""

    def __init__(self):
        load_pipeline()

    def __call__(self, batch: dict) -> dict:
        return {"timing": np.array([json.dumps(timed_chunk(list(batch["article"])))], dtype=object)}


def run_local(chunks: list[list[str]], workers: int) -> list[tuple]:
    from newsfacts.batch.work import WORKER_ENV, worker_environment
    with worker_environment(WORKER_ENV):
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=load_pipeline)
        [f.result() for f in [pool.submit(os.getpid) for _ in range(workers)]]
    pending, timings = deque(), []
    for chunk in chunks:  # two chunks in flight per worker, as the local engine
        pending.append(pool.submit(timed_chunk, chunk))
        while len(pending) >= 2 * workers:
            timings.append(pending.popleft().result())
    timings += [future.result() for future in pending]
    pool.shutdown()
    return timings


def run_ray(chunks: list[list[str]], workers: int, niceness: str) -> list[tuple]:
    import ray
    import ray.data
    from newsfacts.batch.work import WORKER_ENV, worker_environment
    with worker_environment({**WORKER_ENV, "RAY_worker_niceness": niceness}):
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.execution_options.preserve_order = True
        items = [{"article": a} for chunk in chunks for a in chunk]
        dataset = ray.data.from_items(items, override_num_blocks=len(chunks))
        out = dataset.map_batches(TimedExtractor, batch_size=CHUNK, batch_format="numpy",
                                  compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1)
        return [tuple(json.loads(row["timing"])) for row in out.iter_rows()]
    finally:
        ray.shutdown()


def report(name: str, started: float, timings: list[tuple]) -> None:
    per_worker: dict[int, dict] = {}
    for pid, cpu, start, end in timings:
        w = per_worker.setdefault(pid, {"chunks": 0, "cpu": 0.0, "busy": 0.0, "first": start, "last": end})
        w["chunks"] += 1
        w["cpu"] += cpu
        w["busy"] += end - start
        w["first"], w["last"] = min(w["first"], start), max(w["last"], end)
    total = sum(w["cpu"] for w in per_worker.values())
    print(f"{name}: {time.time() - started:.1f} s wall, {total:.1f} s CPU in the workers "
          f"(load before {os.getloadavg()[0]:.2f})", flush=True)
    for w in per_worker.values():
        print(f"   {w['chunks']:3d} chunks, CPU {w['cpu']:6.1f} s, busy {w['busy']:6.1f} s, "
              f"first at {w['first'] - started:5.1f} s, last end {w['last'] - started:6.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=480)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--settings", default="local,ray15,ray0")
    args = parser.parse_args()
    from newsfacts.article import Article
    from newsfacts.batch.work import to_bytes
    texts = [to_bytes(Article(**a)) for a in load_articles(DEFAULT_TEXTS, args.limit)]
    chunks = [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)]
    for name in args.settings.split(","):
        started = time.time()
        if name == "local":
            timings = run_local(chunks, args.workers)
        else:
            timings = run_ray(chunks, args.workers, niceness=name.removeprefix("ray"))
        report(name, started, timings)


if __name__ == "__main__":
    main()
