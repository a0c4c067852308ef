"""Turn reader output into Facts for the archive: skip stored texts before parsing."""
from __future__ import annotations

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
    """Yield Facts for each article not yet stored, in input order; failures as tuples."""
    from ..facts import build_facts
    from ..pipeline.nlp import load_nlp
    nlp = nlp or load_nlp()
    pending: list[Outcome] = []  # outcomes waiting for an earlier article's parse to finish

    def to_parse() -> Iterator[tuple[str, Article]]:
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
            pending.append(("parsed",))
            yield item.text, item

    for doc, article in nlp.pipe(to_parse(), as_tuples=True, batch_size=batch_size):
        yield from _flush_until_parsed(pending)
        try:
            yield build_facts(doc, article)
        except Exception as err:  # noqa: BLE001  one bad article never ends the batch
            yield ("failed", article.id or article.title or "article", f"extraction failed: {err}")
    yield from _flush_until_parsed(pending)


def _flush_until_parsed(pending: list[Outcome]) -> Iterator[Outcome]:
    """Yield the non-parse outcomes queued before the next parsed article, consuming its slot."""
    while pending:
        head = pending.pop(0)
        if head == ("parsed",):
            return
        yield head
