"""The per-article work that every engine maps over a corpus: a chunk of
Articles (and Pages, read from HTML here) -> the rows of every table, inside a
worker that loaded nlp once."""
from __future__ import annotations

import os
import pickle
import resource
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..api import extract_many
from ..article import Article
from ..errors import NewsfactsError
from ..pipeline.nlp import load_nlp
from ..schema import Facts
from .sources import BatchItem, Page
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


def extract_chunk(items: list[BatchItem], *, pipeline: str | None = None,
                  batch_size: int = 16) -> ChunkResult:
    """The table rows of a chunk of articles and pages; one that fails becomes an error row."""
    nlp = load_nlp(pipeline)
    rows: Rows = {table: [] for table in TABLES}
    failed: list[str] = []

    def on_error(article: Article, err: Exception) -> None:
        failed.append(article.id)
        rows["errors"].append(error_row(article.id, article.id or "article", "extract",
                                        f"{type(err).__name__}: {err}"))

    articles = _articles_of(items, rows["errors"])

    hashes = {a.id: a.content_hash() for a in articles}
    for article, facts in _extract_all(articles, nlp, batch_size, on_error):
        try:
            found = facts_to_rows(facts.to_dict(), hashes.get(article.id))
        except Exception as err:  # a record that cannot be flattened costs that article
            on_error(article, err)
            continue
        for table, table_rows in found.items():
            rows[table].extend(table_rows)
    return ChunkResult(rows=rows, done=len(articles) - len(failed),
                       failed=len(items) - len(articles) + len(failed),
                       peak_rss_mb=peak_rss_mb(), worker=_pid())


def _articles_of(items: list[BatchItem], errors: list[dict[str, Any]]) -> list[Article]:
    """The Articles of a chunk, Pages read from their HTML; a page with no
    article text (or that cannot be read) becomes an error row instead."""
    articles = []
    for item in items:
        if not isinstance(item, Page):
            articles.append(item)
            continue
        try:
            articles.append(item.to_article())
        except NewsfactsError as err:
            errors.append(error_row(item.id, item.name, "read", str(err)))
        except Exception as err:  # a page the HTML extraction chokes on costs that page only
            errors.append(error_row(item.id, item.name, "read",
                                    f"{item.name}: cannot read the page ({type(err).__name__}: {err})"))
    return articles


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


def to_bytes(value: BatchItem | ChunkResult) -> bytes:
    """An article, page or result for the trip between the Ray driver and an
    actor: pickled, so that dataclasses need no conversion and raw HTML stays bytes."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def from_bytes(data: bytes) -> BatchItem | ChunkResult:
    return pickle.loads(data)
