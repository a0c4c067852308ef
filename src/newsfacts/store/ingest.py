"""Turn reader output into Facts for the archive: skip stored texts before parsing,
extract the rest with newsfacts.extract_many (the same path as `newsfacts extract`)."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..article import Article
from ..schema import Facts

Outcome = Facts | tuple[str, ...]  # Facts, ("skipped",) or ("failed", input, reason)


def as_failure(item: Any) -> tuple[str, str] | None:
    """(input, reason) from a reader's failure record, whatever its exact shape."""
    if isinstance(item, Article):
        return None
    if isinstance(item, tuple) and len(item) == 2:
        return str(item[0]), str(item[1])
    if isinstance(item, BaseException):
        return "input", str(item)
    name = next((getattr(item, a) for a in ("input", "name", "path", "source") if hasattr(item, a)), "input")
    reason = next((getattr(item, a) for a in ("reason", "error", "message") if hasattr(item, a)), repr(item))
    return str(name), str(reason)


def extract_new(archive, items: Iterable[Any], *, nlp=None,
                batch_size: int = 16) -> Iterator[Outcome]:
    """Yield, in input order, Facts for each article not yet stored, ("skipped",) for
    stored ones and ("failed", input, reason) for reader or extraction failures."""
    from ..api import extract_many
    pending: deque = deque()  # outcomes in input order; ("slot", article) awaits extraction
    errors: dict[int, tuple[str, ...]] = {}

    def to_extract() -> Iterator[Article]:
        seen: set[str] = set()
        for item in items:
            failure = as_failure(item)
            if failure:
                pending.append(("failed", *failure))
                continue
            digest = item.content_hash()
            if digest in seen or archive.has_text(digest):
                pending.append(("skipped",))
                continue
            seen.add(digest)
            pending.append(("slot", item))
            yield item

    def on_error(article: Article, err: Exception) -> None:
        errors[id(article)] = ("failed", article.id or article.title or "article",
                               f"extraction failed: {type(err).__name__}: {err}")

    for facts in extract_many(to_extract(), nlp=nlp, batch_size=batch_size, on_error=on_error):
        yield from _flush(pending, errors, until_slot=True)
        yield facts
    yield from _flush(pending, errors, until_slot=False)


def _flush(pending: deque, errors: dict, *, until_slot: bool) -> Iterator[Outcome]:
    """Yield queued outcomes; with until_slot, stop at (and consume) the next article
    that extraction did not fail on: its Facts are the caller's to yield."""
    while pending:
        head = pending.popleft()
        if head[0] != "slot":
            yield head
        elif id(head[1]) in errors:
            yield errors.pop(id(head[1]))
        elif until_slot:
            return
