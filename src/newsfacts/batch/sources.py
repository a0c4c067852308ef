"""Batch inputs -> Articles or Failures: Parquet and WARC here, every other
kind (jsonl, txt, html, news-please json, each maybe gzipped) through
newsfacts.ingest.readers.

Parquet: one article a row, columns id, text, published and optionally
title, url, source, language. WARC (e.g. CC-NEWS): each HTML response becomes
a Page, which the workers turn into an Article through trafilatura; other
records (requests, metadata, non-HTML responses, errors) are skipped or
reported, and a corrupt record ends that file only.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..article import Article, make_article, parse_published
from ..errors import NewsfactsError
from ..ingest.html import read_html
from ..ingest.readers import Failure, Item, iter_files, read_file, read_inputs

PARQUET_SUFFIXES = (".parquet", ".pq")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PARQUET_FIELDS = ("id", "text", "published", "title", "url", "source", "language")
PARQUET_ROWS_PER_READ = 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Page:
    """An HTML page as read, not yet an Article: the HTML extraction (about
    0.1 s a page) runs in the workers, so that one reader feeds many of them."""
    html: bytes
    name: str
    id: str | None
    url: str | None
    published: str | None

    def to_article(self) -> Article:
        """The page's Article; NewsfactsError when it has no article text."""
        return read_html(self.html, name=self.name, id=self.id, url=self.url,
                         published=self.published)

    def content_hash(self) -> str:
        return hashlib.sha256(self.html).hexdigest()


BatchItem = Item | Page


def iter_sources(inputs: Iterable[str | Path], *, published: str | None = None) -> Iterator[BatchItem]:
    """Articles, Pages (WARC responses, extracted by the workers) or Failures from
    files and folders of any supported kind, in a stable order."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            readable = set(iter_files(path))
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
                if not hidden and (batch_kind(file) or file in readable):
                    yield from read_path(file, published=published)
        else:
            yield from read_path(path, published=published)


def batch_kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def read_path(path: Path, *, published: str | None = None) -> Iterator[BatchItem]:
    kind = batch_kind(path)
    if kind == "parquet":
        yield from read_parquet(path, published=published)
    elif kind == "warc":
        yield from read_warc(path, published=published)
    elif path.exists() and path.is_file():
        yield from read_file(path, published=published)
    else:
        yield from read_inputs([path], published=published)


def read_parquet(path: Path, *, published: str | None = None) -> Iterator[Item]:
    """One Article (or Failure) per row of a Parquet file with at least a text column."""
    import pyarrow.parquet as pq
    try:
        parquet = pq.ParquetFile(path)
        columns = [c for c in PARQUET_FIELDS if c in parquet.schema_arrow.names]
        if "text" not in columns:
            yield Failure(str(path), f"{path}: no 'text' column (columns: "
                                     f"{', '.join(parquet.schema_arrow.names)})")
            return
        number = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_ROWS_PER_READ, columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield _parquet_item(row, path=path, number=number, published=published)
    except Exception as err:  # unreadable file: report it, go on with the next input
        yield Failure(str(path), f"{path}: cannot read Parquet ({type(err).__name__}: {err})")


def _parquet_item(row: dict[str, Any], *, path: Path, number: int,
                  published: str | None) -> Item:
    item_id = row.get("id")
    item_id = f"{path.stem}-{number}" if item_id in (None, "") else str(item_id)
    where = f"{path} row {number}"
    try:
        return make_article(row["text"], id=item_id, name=f"{where} (id {item_id})",
                            published=row.get("published") or published,
                            title=row.get("title"), url=row.get("url"),
                            source=row.get("source"), language=row.get("language"))
    except NewsfactsError as err:
        return Failure(where, str(err))


def read_warc(path: Path, *, published: str | None = None) -> Iterator[Failure | Page]:
    """The HTML responses of a WARC file as Pages; a Failure for each response that
    is not an HTML page, and for a corrupt record."""
    from warcio.archiveiterator import ArchiveIterator
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type == "response":
                    yield _warc_item(record, path=path, published=published)
    except Exception as err:  # a corrupt record ends this file, never the batch
        yield Failure(str(path), f"{path}: corrupt WARC record, rest of the file skipped "
                                 f"({type(err).__name__}: {err})")


def _warc_item(record, *, path: Path, published: str | None) -> Failure | Page:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    record_id = record_id.removeprefix("urn:uuid:") or url
    name = f"{path} {url or record_id}"
    content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status and not str(status).startswith("2"):
        return Failure(name, f"{name}: HTTP status {status}, not a page")
    if not content_type.split(";")[0].strip().lower() in HTML_TYPES:
        return Failure(name, f"{name}: not an HTML page (Content-Type {content_type or 'missing'})")
    try:
        payload = record.content_stream().read()
        crawl_date = _warc_date(headers.get_header("WARC-Date"))
        return Page(payload, name=name, id=record_id or None, url=url,
                    published=crawl_date or published)
    except Exception as err:  # a bad record costs that record only
        return Failure(name, f"{name}: cannot read the record ({type(err).__name__}: {err})")


def _warc_date(value: str | None) -> str | None:
    # news crawls fetch pages within days of publication: the crawl date is the
    # best fallback when the page itself gives no date
    try:
        return parse_published(value, "WARC-Date")
    except NewsfactsError:
        return None
