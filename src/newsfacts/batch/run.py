"""newsfacts.batch.run: read inputs, skip what the output already holds, map
the per-article work over an engine, write Parquet tables, report progress."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..ingest.readers import Failure
from .parquet_sink import ParquetSink, read_column
from .sources import BatchItem, iter_sources
from .tables import error_row
from .work import ChunkResult

ENGINES = ("local", "ray")
# one nlp.pipe batch per chunk: small enough that the last chunk, which runs
# while the other workers idle, is a short tail (a few seconds of one worker)
CHUNK_ARTICLES = 16
PROGRESS_EVERY_S = 5.0


@dataclass
class BatchReport:
    out: str
    engine: str
    workers: int
    done: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    peak_worker_rss_mb: dict[str, float] = field(default_factory=dict)

    @property
    def articles_per_second(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "articles_per_second": round(self.articles_per_second, 2)}


def run(inputs: Iterable[str | Path], out: str | Path, *, engine: str = "local",
        workers: int | None = None, address: str | None = None, published: str | None = None,
        pipeline: str | None = None, batch_size: int = 16, chunk_articles: int = CHUNK_ARTICLES,
        articles_per_file: int | None = None, quiet: bool = True) -> BatchReport:
    """Extract the facts of every article in inputs into a Parquet dataset at out.

    inputs: files or folders: jsonl, Parquet, txt, html, news-please json, WARC.
    engine (str): "local" (worker processes) or "ray" (Ray Data actor pool).
    workers (int): processes or actors; default: the CPU count.
    address (str): Ray cluster to join; None starts a local one.
    published (str): publication date for inputs that carry none.
    quiet (bool): False prints progress (counts, articles/s) to stderr.
    RETURNS (BatchReport): counts, seconds and each worker's peak memory.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    workers = workers or _default_workers(engine, address)
    started = time.perf_counter()
    report = BatchReport(out=str(out), engine=engine, workers=workers)
    sink = ParquetSink(out, **({"articles_per_file": articles_per_file} if articles_per_file else {}))
    progress = Progress(report, started, quiet)
    todo = _new_articles(iter_sources(inputs, published=published), sink, report)
    try:
        for result in _engine(engine)(_chunks(todo, chunk_articles), workers=workers,
                                      pipeline=pipeline, batch_size=batch_size,
                                      **({"address": address} if engine == "ray" else {})):
            _record(result, sink, report)
            report.seconds = time.perf_counter() - started
            progress.tick()
    finally:  # interrupted or not, what is done is kept and a rerun resumes after it
        sink.close()
    report.seconds = time.perf_counter() - started
    progress.tick(final=True)
    return report


def _default_workers(engine: str, address: str | None) -> int:
    if engine == "ray" and address:
        from .ray_runner import cluster_cpus
        return cluster_cpus(address)
    return os.cpu_count() or 1


def _engine(engine: str):
    if engine == "ray":
        from .ray_runner import run_ray
        return run_ray
    from .local import run_local
    return run_local


def _new_articles(items: Iterator[BatchItem], sink: ParquetSink,
                  report: BatchReport) -> Iterator[BatchItem]:
    """Articles and Pages not yet in the output; read failures go straight to the
    errors table (once: a failure already recorded by an earlier run is not
    recorded again, nor is an article or page that failed in a worker retried)."""
    done = {a for (a,) in read_column(sink.out, "articles", ["article_id"])}
    known_failures = set(read_column(sink.out, "errors", ["input", "reason"]))
    failed_ids = {a for (a, stage) in read_column(sink.out, "errors", ["article_id", "stage"])
                  if a is not None and stage in ("extract", "read")}
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Failure):
            if (item.name, str(item)) not in known_failures:
                known_failures.add((item.name, str(item)))
                sink.add({"errors": [error_row(None, item.name, "read", str(item))]})
                report.failed += 1
            continue
        if item.id is None:
            item.id = f"sha256-{item.content_hash()[:16]}"
        if item.id in done or item.id in failed_ids:
            report.skipped += 1
            continue
        if item.id in seen:
            _duplicate(item, seen[item.id], sink, report)
            continue
        seen[item.id] = item.content_hash()
        yield item


def _duplicate(item: BatchItem, first_hash: str, sink: ParquetSink, report: BatchReport) -> None:
    if item.content_hash() == first_hash:
        report.skipped += 1
        return
    reason = f"duplicate id {item.id!r}: another article with this id and a different text came first"
    sink.add({"errors": [error_row(item.id, item.id, "read", reason)]})
    report.failed += 1


def _chunks(articles: Iterator[BatchItem], size: int) -> Iterator[list[BatchItem]]:
    chunk: list[BatchItem] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _record(result: ChunkResult, sink: ParquetSink, report: BatchReport) -> None:
    sink.add(result.rows)
    report.done += result.done
    report.failed += result.failed
    worker = str(result.worker)
    report.peak_worker_rss_mb[worker] = max(report.peak_worker_rss_mb.get(worker, 0.0),
                                            round(result.peak_rss_mb, 1))


class Progress:
    """A line on stderr every few seconds: done, skipped, failed, articles/s."""

    def __init__(self, report: BatchReport, started: float, quiet: bool):
        self.report, self.started, self.quiet = report, started, quiet
        self.last = started

    def tick(self, final: bool = False) -> None:
        now = time.perf_counter()
        if self.quiet or (not final and now - self.last < PROGRESS_EVERY_S):
            return
        self.last = now
        r = self.report
        print(f"{'done' if final else 'batch'}: {r.done} extracted, {r.skipped} skipped, "
              f"{r.failed} failed, {r.articles_per_second:.1f} articles/s, "
              f"{now - self.started:.0f} s", file=sys.stderr, flush=True)
