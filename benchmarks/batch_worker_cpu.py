"""CPU per worker for the same chunks: local worker processes against Ray Data
actors at Ray's default nice 15 and at nice 0 (what a local Ray started by
newsfacts uses).

Usage:
    python benchmarks/batch_worker_cpu.py [--limit 480] [--settings local,ray15,ray0]

Each worker times its own thread's CPU around every chunk (16 articles, the same
per-chunk function as `newsfacts batch`; the Ray actors get their chunks as the
Ray engine sends them), so the figures say how much CPU the same work costs in
each kind of worker, apart from start-up, reading and writing. Prints per
worker: chunks, CPU seconds, busy seconds (CPU below busy is time the worker
waited for a core), and when its first chunk started and its last ended; and,
between the third result and the third from last, the CPU of every other
process on the machine (the driver, and for Ray its raylet, GCS, agents and Ray
Data's system actors) against the wall time. Run it on an idle machine.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from batch_throughput import DEFAULT_TEXTS, load_articles

CHUNK = 16


def timed_chunk(chunk: bytes) -> tuple[int, float, float, float]:
    """(pid, CPU seconds, wall start, wall end) of one chunk's extraction."""
    from newsfacts.batch.work import extract_chunk, from_bytes, to_bytes
    started, cpu = time.time(), time.thread_time()
    to_bytes(extract_chunk(from_bytes(chunk)))
    return os.getpid(), time.thread_time() - cpu, started, time.time()


def cpu_by_process() -> dict[int, float]:
    """CPU seconds (user + system) of every process now running (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / tick
    return found


class SteadyWindow:
    """The CPU of every process but the workers between the third result and the
    third from last, when every worker is busy."""

    def __init__(self, results: int):
        self.marks = (2, results - 3) if results >= 6 else ()
        self.snaps: list[tuple[float, dict[int, float]]] = []

    def seen(self, index: int) -> None:
        if index in self.marks and len(self.snaps) < 2:
            self.snaps.append((time.time(), cpu_by_process()))

    def others(self, workers: set[int]) -> tuple[float, float] | None:
        """(wall seconds, CPU seconds of the other processes) of the window; None
        for a run too short to have one (under six chunks)."""
        if len(self.snaps) < 2:
            return None
        (start, before), (end, after) = self.snaps
        return end - start, sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items()
                                if pid not in workers)


def timed(results: Iterator[tuple], window: SteadyWindow) -> list[tuple]:
    timings = []
    for index, timing in enumerate(results):
        window.seen(index)
        timings.append(timing)
    return timings


def load_pipeline() -> None:
    from newsfacts.pipeline.nlp import load_nlp
    load_nlp()


class TimedExtractor:
    """A Ray Data actor running timed_chunk."""

    def __init__(self):
        load_pipeline()

    def __call__(self, batch: dict) -> dict:
        return {"timing": np.array([json.dumps(timed_chunk(chunk)) for chunk in batch["chunk"]],
                                   dtype=object)}


def run_local(chunks: list[bytes], workers: int) -> Iterator[tuple]:
    from newsfacts.batch.work import WORKER_ENV, worker_environment
    with worker_environment(WORKER_ENV):
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=load_pipeline)
        [f.result() for f in [pool.submit(os.getpid) for _ in range(workers)]]
    pending: deque = deque()
    for chunk in chunks:  # two chunks in flight per worker, as the local engine
        pending.append(pool.submit(timed_chunk, chunk))
        while len(pending) >= 2 * workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
    pool.shutdown()


def run_ray(chunks: list[bytes], workers: int, niceness: str) -> Iterator[tuple]:
    import ray
    import ray.data
    from newsfacts.batch.ray_runner import actor_pool, chunk_dataset
    from newsfacts.batch.work import WORKER_ENV, worker_environment
    with worker_environment({**WORKER_ENV, "RAY_worker_niceness": niceness}):
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.execution_options.preserve_order = True
        out = chunk_dataset(chunks).map_batches(TimedExtractor, batch_size=1, batch_format="numpy",
                                                compute=actor_pool(workers), num_cpus=1)
        for row in out.iter_rows():
            yield tuple(json.loads(row["timing"]))
    finally:
        ray.shutdown()


def report(name: str, started: float, timings: list[tuple], window: SteadyWindow) -> None:
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
    steady = window.others(set(per_worker))
    if steady:
        wall, others = steady
        print(f"   steady state: {wall:.1f} s wall, other processes {others:.2f} s CPU "
              f"({others / wall:.1%} of one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=480)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--settings", default="local,ray15,ray0")
    args = parser.parse_args()
    from newsfacts.article import Article
    from newsfacts.batch.work import to_bytes
    articles = [Article(**a) for a in load_articles(DEFAULT_TEXTS, args.limit)]
    chunks = [to_bytes(articles[i:i + CHUNK]) for i in range(0, len(articles), CHUNK)]
    for name in args.settings.split(","):
        started, window = time.time(), SteadyWindow(len(chunks))
        if name == "local":
            timings = timed(run_local(chunks, args.workers), window)
        else:
            timings = timed(run_ray(chunks, args.workers, niceness=name.removeprefix("ray")),
                            window)
        report(name, started, timings, window)


if __name__ == "__main__":
    main()
