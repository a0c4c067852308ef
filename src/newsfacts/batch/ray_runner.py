"""The Ray engine: Ray Data over windows of articles, an actor pool whose
actors each load the spaCy pipeline once and run the same per-chunk work as
the local engine, so both give identical facts.

address: None starts a local Ray (num_cpus = workers), "auto" or
"ray://host:10001" joins a running cluster. The results stream back to the
driver, which writes the Parquet tables.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from .sources import BatchItem
from .work import WORKER_ENV, ChunkResult, extract_chunk, from_bytes, to_bytes, worker_environment

# articles per Ray dataset: the actor pool (and its loaded pipelines, about 5 s)
# lives for one window, so a window gives each actor enough work that loading
# costs little beside it (2,000 articles: about 450 s of work against 5 s)
WINDOW_ARTICLES = 20_000
WINDOW_PER_ACTOR = 2_000
# the GCS addresses of the local Ray instances that ensure_ray started with
# WORKER_ENV in their raylet's environment
_LOCAL_RAY_WITH_ENV: set[str] = set()


class ChunkExtractor:
    """A Ray Data actor: loads the pipeline once, turns a batch of articles (and pages) into rows."""

    def __init__(self, pipeline: str | None, batch_size: int):
        from ..pipeline.nlp import load_nlp
        self.pipeline, self.batch_size = pipeline, batch_size
        load_nlp(pipeline)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        results = [extract_chunk(from_bytes(chunk), pipeline=self.pipeline,
                                 batch_size=self.batch_size) for chunk in batch["chunk"]]
        return {"result": np.array([to_bytes(result) for result in results], dtype=object)}


def ensure_ray(address: str | None, workers: int) -> None:
    import ray
    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False)
        return
    # the raylet, and so every worker it starts, inherits WORKER_ENV: actors then
    # need no runtime_env and take over the idle workers Ray starts at once
    # (about 1 s to a ready actor instead of 2-3 s for a worker started anew)
    with worker_environment(WORKER_ENV):
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    _LOCAL_RAY_WITH_ENV.add(ray.get_runtime_context().gcs_address)


def _actor_options() -> dict[str, Any]:
    """WORKER_ENV as a runtime_env, unless the workers inherit it already."""
    import ray
    if ray.get_runtime_context().gcs_address in _LOCAL_RAY_WITH_ENV:
        return {}
    return {"runtime_env": {"env_vars": WORKER_ENV}}


def cluster_cpus(address: str | None) -> int:
    """The CPUs of the cluster at address: one actor each by default."""
    import ray
    ensure_ray(address, os.cpu_count() or 1)
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def run_ray(chunks: Iterable[list[BatchItem]], *, workers: int = 2, address: str | None = None,
            pipeline: str | None = None, batch_size: int = 16,
            window_articles: int | None = None) -> Iterator[ChunkResult]:
    """ChunkResults in input order, computed by `workers` Ray actors, window by
    window; the next window is read while this one runs, a chunk per result, so
    that the actors do not wait on the reading between windows."""
    import ray.data
    ensure_ray(address, workers)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    size = window_articles or max(WINDOW_ARTICLES, WINDOW_PER_ACTOR * workers)
    chunks = iter(chunks)
    window = Window(size)
    while window.fill(chunks):
        following = Window(size)
        for result in _run_window(window.chunks, workers, pipeline, batch_size):
            yield result
            following.fill(chunks, at_most=1)
        window = following


class Window:
    """The chunks of one Ray dataset: at least `size` articles, or the input's end."""

    def __init__(self, size: int):
        self.size, self.chunks, self.articles = size, [], 0

    def fill(self, chunks: Iterator[list[BatchItem]], at_most: int | None = None) -> bool:
        """Take chunks until full (or at_most of them); True if it holds any."""
        taken = 0
        while self.articles < self.size and (at_most is None or taken < at_most):
            chunk = next(chunks, None)
            if chunk is None:
                break
            self.chunks.append(chunk)
            self.articles += len(chunk)
            taken += 1
        return bool(self.chunks)


def _run_window(window: list[list[BatchItem]], workers: int, pipeline: str | None,
                batch_size: int) -> Iterator[ChunkResult]:
    results = chunk_dataset([to_bytes(chunk) for chunk in window]).map_batches(
        ChunkExtractor, batch_size=1, batch_format="numpy", compute=actor_pool(workers),
        num_cpus=1, fn_constructor_args=(pipeline, batch_size), **_actor_options())
    for row in results.iter_rows():
        yield from_bytes(row["result"])


def chunk_dataset(chunks: list[bytes]):
    """A dataset of one row, and one block, per pickled chunk, so that each task is
    one chunk, as in the local engine: rows of articles split into even blocks (15
    or 16 articles for chunks of 16) went out bundled two blocks to a task, and the
    run's last task kept one actor busy alone for twice as long."""
    import ray.data
    return ray.data.from_items([{"chunk": chunk} for chunk in chunks],
                               override_num_blocks=len(chunks))


def actor_pool(workers: int):
    """workers actors with two tasks in flight each, as the local engine keeps two
    chunks per worker: with one, each actor idled about 0.2 s between chunks
    waiting for the next to be sent."""
    import ray.data
    return ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=2)
