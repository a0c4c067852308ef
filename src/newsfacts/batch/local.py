"""The local engine: chunks of articles over worker processes, each loading
the spaCy pipeline once; a bounded number of chunks in flight, results in input order."""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from contextlib import contextmanager
from collections.abc import Iterable, Iterator

from ..article import Article
from .work import WORKER_ENV, ChunkResult, extract_chunk

CHUNKS_IN_FLIGHT_PER_WORKER = 2
_settings: dict = {}


def run_local(chunks: Iterable[list[Article]], *, workers: int = 1,
              pipeline: str | None = None, batch_size: int = 16) -> Iterator[ChunkResult]:
    """ChunkResults in input order; workers == 1 runs in this process."""
    if workers <= 1:
        for chunk in chunks:
            yield extract_chunk(chunk, pipeline=pipeline, batch_size=batch_size)
        return
    # spawn: a clean interpreter per worker, safe whatever threads the caller runs
    context = multiprocessing.get_context("spawn")
    with _environment(WORKER_ENV):  # spawned interpreters read it when they start
        pool = context.Pool(workers, initializer=_init_worker, initargs=(pipeline, batch_size))
    with pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _init_worker(pipeline: str | None, batch_size: int) -> None:
    from ..pipeline.nlp import load_nlp
    _settings.update(pipeline=pipeline, batch_size=batch_size)
    load_nlp(pipeline)


def _work(chunk: list[Article]) -> ChunkResult:
    return extract_chunk(chunk, **_settings)
