"""The Python API: extract one article or many, and check output against the schema."""
from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib.resources import files
from itertools import tee
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .article import Article, make_article
from .errors import Errors, NewsfactsError, NewsfactsWarning, Warnings
from .facts import build_facts
from .pipeline.nlp import load_nlp
from .schema import Facts

ArticleLike = Article | dict[str, Any] | str
ErrorHandler = Callable[[Article, Exception], None]
# Texts longer than this are parsed in pieces cut at paragraph boundaries, so
# that spaCy's max_length (1,000,000) and its memory per Doc are never hit.
CHUNK_CHARS = 100_000
SCHEMA_FILE = "newsfacts-1.schema.json"


def to_article(item: ArticleLike, published: str | None = None) -> Article:
    """An Article from an Article, a jsonl-style dict or a bare text."""
    if isinstance(item, Article):
        return item
    if isinstance(item, dict):
        fields = {k: item.get(k) for k in ("id", "title", "source", "url")}
        return make_article(item.get("text"), published=item.get("published") or published,
                            language=item.get("language"), **fields)
    return make_article(item, published=published)


def extract(text: str, published: str | None = None, *, nlp: Language | None = None,
            **meta: Any) -> Facts:
    """Extract the facts of one article.

    text (str): the article text.
    published (str): publication date, YYYY-MM-DD; relative dates resolve against it.
    meta: id, title, source, url, language (detected when not given).
    RETURNS (Facts): the newsfacts/1 record.
    """
    article = make_article(text, published=published, **meta)
    return extract_article(article, nlp=nlp)


def extract_article(article: Article, *, nlp: Language | None = None) -> Facts:
    """Extract the facts of one validated Article; non-English ones get empty facts."""
    if not article.is_english:
        return _not_english(article)
    nlp = nlp or load_nlp()
    return build_facts(parse(nlp, article.text), article)


def extract_many(items: Iterable[ArticleLike], *, published: str | None = None,
                 nlp: Language | None = None, batch_size: int = 16,
                 on_error: ErrorHandler | None = None) -> Iterator[Facts]:
    """Extract many articles, parsing them with nlp.pipe, in input order.

    items: Articles, dicts with the jsonl fields, or texts; invalid ones raise
    NewsfactsError when reached (newsfacts.ingest.read_inputs skips and reports them).
    on_error: called with (article, exception) when extracting one article fails;
    that article is then skipped. Without it the exception propagates.
    """
    nlp = nlp or load_nlp()
    articles = (to_article(item, published) for item in items)
    for article, doc in _parse_many(nlp, articles, batch_size):
        try:
            yield _not_english(article) if doc is None else build_facts(doc, article)
        except Exception as err:  # one bad article must not end the batch
            if on_error is None:
                raise
            on_error(article, err)


def parse(nlp: Language, text: str, chunk_chars: int | None = None) -> Doc:
    """Parse a text of any length; long ones in chunks joined back into one Doc."""
    chunks = split_chunks(text, chunk_chars)
    if len(chunks) == 1:
        return nlp(text)
    return join_chunks(list(nlp.pipe(chunks)), text)


def split_chunks(text: str, size: int | None = None) -> list[str]:
    """Pieces of text no longer than size (default CHUNK_CHARS) whose concatenation
    is text, cut after a blank line, else a line break, a sentence end or a space."""
    size = size or CHUNK_CHARS
    chunks, start = [], 0
    while len(text) - start > size:
        cut = _cut_point(text, start, start + size)
        chunks.append(text[start:cut])
        start = cut
    chunks.append(text[start:])
    return chunks


def _cut_point(text: str, start: int, limit: int) -> int:
    floor = start + (limit - start) // 2
    for separator in ("\n\n", "\n", ". ", " "):
        found = text.rfind(separator, floor, limit)
        if found != -1:
            return found + len(separator)
    return limit


def join_chunks(docs: list[Doc], text: str) -> Doc:
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # offsets would be wrong: never let that pass silently
        raise RuntimeError("chunked parse changed the text")
    return doc


def _parse_many(nlp: Language, articles: Iterable[Article],
                batch_size: int) -> Iterator[tuple[Article, Doc | None]]:
    """(article, Doc) in input order; Doc is None for articles not in English."""
    ahead, behind = tee(articles)
    chunk_texts = (chunk for article in ahead if article.is_english
                   for chunk in split_chunks(article.text))
    docs = nlp.pipe(chunk_texts, batch_size=batch_size)
    for article in behind:
        if not article.is_english:
            yield article, None
            continue
        parts = [next(docs) for _ in split_chunks(article.text)]
        yield article, parts[0] if len(parts) == 1 else join_chunks(parts, article.text)


def _not_english(article: Article) -> Facts:
    name = article.id or article.title or "article"
    warnings.warn(Warnings.W002.format(name=name, language=article.language),
                  NewsfactsWarning, stacklevel=3)
    return Facts(article=article.meta())


def schema_path() -> Path:
    """The JSON Schema (draft 2020-12) of the newsfacts/1 record, shipped in the package."""
    return Path(str(files("newsfacts").joinpath(SCHEMA_FILE)))


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator
    return Draft202012Validator(json.loads(schema_path().read_text(encoding="utf-8")))


def validation_errors(facts: Facts | dict[str, Any]) -> list[str]:
    """Every way a record breaks the newsfacts/1 schema, as "path: message" lines."""
    data = facts.to_dict() if isinstance(facts, Facts) else facts
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    # for oneOf, the branch that got furthest says more than "not valid under any"
    errors = [max(e.context, key=_relevance) if e.context else e for e in errors]
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]


def _relevance(error) -> tuple[bool, int]:
    return error.validator != "type", len(error.absolute_path)


def validate(facts: Facts | dict[str, Any]) -> None:
    """Raise NewsfactsError when a record does not follow the newsfacts/1 schema."""
    problems = validation_errors(facts)
    if problems:
        raise NewsfactsError(Errors.E015.format(count=len(problems), detail="; ".join(problems[:5])))
