"""Input readers: paths (files, folders, - for stdin) -> Articles or Failures.

One generator serves every command that reads articles (extract, ingest,
batch): a bad input becomes a Failure naming it and the reason, and the
inputs after it are still read.

Supported: .txt (plain text, UTF-8; UTF-16 with a BOM; cp1252 with a warning),
.html/.htm (trafilatura), .json (news-please), .jsonl (one article a line:
{"id", "text", "published", "title"?, "url"?, "source"?}), each also gzipped
(.gz); and - for standard input, whose kind is sniffed from its first character.
"""
from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..article import Article, decode_bytes, make_article, with_headline
from ..errors import Errors, NewsfactsError
from .html import read_html

KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
         ".json": "newsplease", ".jsonl": "jsonl"}
STDIN = "-"
MAX_HEADLINE_CHARS = 200


@dataclass
class Failure:
    """An input that could not be read: its name and why."""
    name: str
    reason: str

    def __str__(self) -> str:
        return self.reason if self.reason.startswith("[E") else f"{self.name}: {self.reason}"


Item = Article | Failure


def read_inputs(inputs: Iterable[str | Path], *, published: str | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Articles (or Failures) from files, folders (recursively) and - (stdin).

    published (str): publication date for inputs that carry none of their own.
    """
    for raw in inputs:
        if str(raw) == STDIN:
            data = (stdin or sys.stdin.buffer).read()
            yield from read_bytes(data, kind=sniff_kind(data), name="stdin", id="stdin",
                                  published=published)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in iter_files(path):
                yield from read_file(file, published=published)
        elif path.exists():
            yield from read_file(path, published=published)
        else:
            yield Failure(str(path), Errors.E009.format(name=path))


def iter_files(folder: Path) -> Iterator[Path]:
    """The supported files under folder, recursively, in a stable order; hidden ones skipped."""
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.is_file() and not hidden and kind_of(path):
            yield path


def kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return KINDS.get(suffixes[-1]) if suffixes else None


def article_id(path: Path) -> str:
    """The file name without its kind suffixes: story.html.gz -> story."""
    name = path.name
    for suffix in reversed(path.suffixes):
        if suffix.lower() in KINDS or suffix.lower() == ".gz":
            name = name[: -len(suffix)]
        else:
            break
    return name or path.name


def read_file(path: Path, *, published: str | None = None) -> Iterator[Item]:
    """Articles (or Failures) from one file of a supported kind."""
    kind = kind_of(path)
    if kind is None:
        yield Failure(str(path), Errors.E008.format(name=path, suffix=path.suffix))
        return
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".gz":
            data = gzip.decompress(data)
    except (OSError, EOFError) as err:
        yield Failure(str(path), Errors.E013.format(name=path, detail=err))
        return
    yield from read_bytes(data, kind=kind, name=str(path), id=article_id(path),
                          published=published)


def read_bytes(data: bytes, *, kind: str, name: str, id: str,
               published: str | None = None) -> Iterator[Item]:
    """Articles (or Failures) from the bytes of one input of the given kind."""
    if kind == "jsonl":
        yield from read_jsonl(data, name=name, stem=id, published=published)
        return
    reader = {"text": _text_article, "html": _html_article, "newsplease": _newsplease_articles}
    try:
        yield from reader[kind](data, name=name, id=id, published=published)
    except NewsfactsError as err:
        yield Failure(name, str(err))
    except Exception as err:  # a reader bug must cost one input, not the batch
        yield Failure(name, f"{name}: cannot read the input ({type(err).__name__}: {err})")


def sniff_kind(data: bytes) -> str:
    """The kind of stdin's content: jsonl, a news-please JSON, HTML or plain text."""
    head = data.lstrip()[:1]
    if head == b"<":
        return "html"
    if head in (b"{", b"["):
        try:
            json.loads(data)
            return "newsplease"
        except ValueError:
            return "jsonl"
    return "text"


def _text_article(data: bytes, *, name: str, id: str, published: str | None) -> Iterator[Article]:
    text = decode_bytes(data, name)
    yield make_article(text, id=id, name=name, published=published, title=headline(text))


def headline(text: str) -> str | None:
    """The first line when it reads as a headline: short, unpunctuated, then a blank line."""
    first, blank, _ = text.lstrip().partition("\n\n")
    first = first.strip()
    if not blank or "\n" in first or not first or len(first) > MAX_HEADLINE_CHARS:
        return None
    return None if first[-1] in ".!?:;,\"'”" else first


def _html_article(data: bytes, *, name: str, id: str, published: str | None) -> Iterator[Article]:
    yield read_html(data, name=name, id=id, published=published)


def _newsplease_articles(data: bytes, *, name: str, id: str,
                         published: str | None) -> Iterator[Item]:
    try:
        record = json.loads(decode_bytes(data, name))
    except ValueError as err:
        raise NewsfactsError(Errors.E012.format(name=name, detail=err)) from None
    records = record if isinstance(record, list) else [record]
    for index, item in enumerate(records, start=1):
        item_id = id if len(records) == 1 else f"{id}-{index}"
        try:
            yield newsplease_article(item, name=name, id=item_id, published=published)
        except NewsfactsError as err:
            yield Failure(name, str(err))


def newsplease_article(record: Any, *, name: str, id: str,
                       published: str | None = None) -> Article:
    """An Article from a news-please record (title, maintext or text, date_publish, ...)."""
    if not isinstance(record, dict):
        raise NewsfactsError(Errors.E011.format(name=name))
    text = record.get("maintext") or record.get("text")
    if text is None:
        raise NewsfactsError(Errors.E011.format(name=name))
    return make_article(
        with_headline(text, record.get("title")), id=id, name=name, title=record.get("title"),
        published=record.get("date_publish") or published, url=record.get("url"),
        source=record.get("source_domain") or record.get("publisher"),
        language=record.get("language"))


def read_jsonl(data: bytes, *, name: str, stem: str,
               published: str | None = None) -> Iterator[Item]:
    """One Article (or Failure) per non-blank line; an id-less line gets stem-LINE."""
    try:
        lines = decode_bytes(data, name).splitlines()
    except NewsfactsError as err:
        yield Failure(name, str(err))
        return
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _jsonl_item(line, name=name, number=number, stem=stem, published=published)


def _jsonl_item(line: str, *, name: str, number: int, stem: str,
                published: str | None) -> Item:
    where = f"{name} line {number}"
    try:
        record = json.loads(line)
    except ValueError as err:
        return Failure(where, Errors.E006.format(name=name, line=number, detail=err))
    if not isinstance(record, dict):
        return Failure(where, Errors.E014.format(name=name, line=number))
    if "text" not in record:
        return Failure(where, Errors.E007.format(name=name, line=number))
    item_id = record.get("id")
    item_id = f"{stem}-{number}" if item_id in (None, "") else str(item_id)
    try:
        return make_article(
            record["text"], id=item_id, name=f"{where} (id {item_id})",
            published=record.get("published") or published, title=record.get("title"),
            url=record.get("url"), source=record.get("source"), language=record.get("language"))
    except NewsfactsError as err:
        return Failure(where, str(err))
