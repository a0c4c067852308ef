"""The per-article work that every engine maps over a corpus: a chunk of
Articles -> the rows of every table, inside a worker that loaded nlp once."""
from __future__ import annotations

import json
import os
import resource
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from ..api import extract_many
from ..article import Article
from ..pipeline.nlp import load_nlp
from ..schema import Facts
from .tables import TABLES, error_row, facts_to_rows

Rows = dict[str, list[dict[str, Any]]]
# Workers of both engines run with one fixed string-hash seed, so that output
# never depends on set iteration order (an extractor that breaks ties by set
# order would otherwise give different facts in different processes), and with
# one BLAS thread each: one worker per core, not N workers fighting over N cores
# with N threads each (Ray sets OMP_NUM_THREADS for its actors the same way).
WORKER_ENV = {"PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "MKL_NUM_THREADS": "1"}


@contextmanager
def worker_environment(values: dict[str, str] = WORKER_ENV) -> Iterator[None]:
    """os.environ holding values for the processes started inside (they read it
    when they start); the caller's own environment as it was afterwards."""
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


@dataclass
class ChunkResult:
    rows: Rows
    done: int
    failed: int
    peak_rss_mb: float
    worker: int
    articles: list[str] = field(default_factory=list)


def extract_chunk(articles: list[Article], *, pipeline: str | None = None,
                  batch_size: int = 16) -> ChunkResult:
    """The table rows of a chunk of articles; one that fails becomes an error row."""
    nlp = load_nlp(pipeline)
    rows: Rows = {table: [] for table in TABLES}
    failed: list[str] = []

    def on_error(article: Article, err: Exception) -> None:
        failed.append(article.id)
        rows["errors"].append(error_row(article.id, article.id or "article", "extract",
                                        f"{type(err).__name__}: {err}"))

    hashes = {a.id: a.content_hash() for a in articles}
    for article, facts in _extract_all(articles, nlp, batch_size, on_error):
        try:
            found = facts_to_rows(facts.to_dict(), hashes.get(article.id))
        except Exception as err:  # a record that cannot be flattened costs that article
            on_error(article, err)
            continue
        for table, table_rows in found.items():
            rows[table].extend(table_rows)
    return ChunkResult(rows=rows, done=len(articles) - len(failed), failed=len(failed),
                       peak_rss_mb=peak_rss_mb(), worker=_pid())


def _extract_all(articles: list[Article], nlp, batch_size: int,
                 on_error) -> list[tuple[Article, Facts]]:
    """(article, facts) for each article that extracts; when the chunk's parse fails
    as a whole, one article at a time, so only the article that breaks it is lost."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # non-English articles: empty facts, by design
        errors: list[tuple[Article, Exception]] = []
        try:
            facts = list(extract_many(articles, nlp=nlp, batch_size=batch_size,
                                      on_error=lambda a, e: errors.append((a, e))))
        except Exception:
            return [pair for article in articles for pair in _extract_one(article, nlp, on_error)]
        for article, err in errors:
            on_error(article, err)
        failed = {id(a) for a, _ in errors}
        return list(zip([a for a in articles if id(a) not in failed], facts))


def _extract_one(article: Article, nlp, on_error) -> list[tuple[Article, Facts]]:
    try:
        return [(article, facts) for facts in extract_many([article], nlp=nlp, on_error=on_error)]
    except Exception as err:
        on_error(article, err)
        return []


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB.

    Linux: VmHWM of /proc/self/status, the peak of this process's own memory
    (ru_maxrss would report at least the parent's peak for a spawned child).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, bytes on macOS


def _pid() -> int:
    return os.getpid()


def article_to_json(article: Article) -> str:
    return json.dumps(asdict(article), ensure_ascii=False)


def article_from_json(data: str) -> Article:
    return Article(**json.loads(data))


def result_to_json(result: ChunkResult) -> str:
    return json.dumps(asdict(result), ensure_ascii=False)


def result_from_json(data: str) -> ChunkResult:
    return ChunkResult(**json.loads(data))
