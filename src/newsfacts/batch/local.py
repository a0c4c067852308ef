"""The local engine: chunks of articles over worker processes, each loading
the spaCy pipeline once; a bounded number of chunks in flight, results in input order.

A worker that dies (killed, out of memory) costs the articles of its chunk,
which are reported in the errors table, never the batch: the pool is started
again and the chunks in flight are resubmitted.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .sources import BatchItem
from .tables import TABLES, error_row
from .work import WORKER_ENV, ChunkResult, extract_chunk, worker_environment

CHUNKS_IN_FLIGHT_PER_WORKER = 2
_settings: dict = {}


def run_local(chunks: Iterable[list[BatchItem]], *, workers: int = 1,
              pipeline: str | None = None, batch_size: int = 16) -> Iterator[ChunkResult]:
    """ChunkResults in input order; workers == 1 runs in this process."""
    if workers <= 1:
        for chunk in chunks:
            yield extract_chunk(chunk, pipeline=pipeline, batch_size=batch_size)
        return
    pool = _start_pool(workers, pipeline, batch_size)
    pending: deque[tuple[list[BatchItem], Future]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(_work, chunk)))
            while len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                result, pool = _next_result(pending, pool, workers, pipeline, batch_size)
                yield result
        while pending:
            result, pool = _next_result(pending, pool, workers, pipeline, batch_size)
            yield result
    finally:
        pool.shutdown(cancel_futures=True)


def _next_result(pending: deque, pool: ProcessPoolExecutor, workers: int,
                 pipeline: str | None, batch_size: int) -> tuple[ChunkResult, ProcessPoolExecutor]:
    chunk, future = pending.popleft()
    try:
        return future.result(), pool
    except BrokenProcessPool:
        pool.shutdown(cancel_futures=True)
        pool = _start_pool(workers, pipeline, batch_size)
        for index, (other, _) in enumerate(pending):
            pending[index] = (other, pool.submit(_work, other))
        return _lost_chunk(chunk), pool


def _lost_chunk(chunk: list[BatchItem]) -> ChunkResult:
    rows = {table: [] for table in TABLES}
    rows["errors"] = [error_row(a.id, a.id or "article", "worker",
                                "the worker process died on this chunk (killed or out of memory)")
                      for a in chunk]
    return ChunkResult(rows=rows, done=0, failed=len(chunk), peak_rss_mb=0.0, worker=0)


def _start_pool(workers: int, pipeline: str | None, batch_size: int) -> ProcessPoolExecutor:
    # spawn: a clean interpreter per worker, safe whatever threads the caller runs
    context = multiprocessing.get_context("spawn")
    with worker_environment(WORKER_ENV):  # spawned interpreters read it when they start
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                   initargs=(pipeline, batch_size))
        # start the workers now, while the environment holds
        for future in [pool.submit(os.getpid) for _ in range(workers)]:
            future.result()
    return pool


def _init_worker(pipeline: str | None, batch_size: int) -> None:
    from ..pipeline.nlp import load_nlp
    _settings.update(pipeline=pipeline, batch_size=batch_size)
    load_nlp(pipeline)


def _work(chunk: list[BatchItem]) -> ChunkResult:
    return extract_chunk(chunk, **_settings)
