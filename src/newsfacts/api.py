"""The Python API: extract one article or many, and check output against the schema."""
from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from importlib.resources import files
from itertools import chain, tee
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .article import Article, make_article
from .errors import Errors, NewsfactsError, NewsfactsWarning, Warnings
from .facts import build_facts
from .pipeline.nlp import load_nlp
from .schema import Entity, Facts

ArticleLike = Article | dict[str, Any] | str
ErrorHandler = Callable[[Article, Exception], None]
# Texts longer than this (far beyond any news article) are processed in pieces
# cut at paragraph boundaries: spaCy's max_length (1,000,000) is never hit, and
# time and memory stay linear in the length whatever the extractors' complexity.
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
    chunks = split_chunks(article.text)
    docs = nlp.pipe(chunks, batch_size=1) if len(chunks) > 1 else [nlp(article.text)]
    return facts_of(article, docs)


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
    for article, docs in _parse_many(nlp, articles, batch_size):
        try:
            yield _not_english(article) if docs is None else facts_of(article, docs)
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
                batch_size: int) -> Iterator[tuple[Article, Iterable[Doc] | None]]:
    """(article, its Docs: one, or a lazy one per chunk) in input order; None for
    articles not in English. Long articles are parsed a chunk at a time, apart
    from the batches, so that memory stays that of one chunk."""
    ahead, behind = tee(articles)
    short_texts = (article.text for article in ahead if _batched(article))
    docs = nlp.pipe(short_texts, batch_size=batch_size)
    for article in behind:
        if not article.is_english:
            yield article, None
        elif _batched(article):
            yield article, [next(docs)]
        else:
            yield article, nlp.pipe(split_chunks(article.text), batch_size=1)


def _batched(article: Article) -> bool:
    return article.is_english and len(article.text) <= CHUNK_CHARS


def facts_of(article: Article, docs: Iterable[Doc]) -> Facts:
    """The facts of an article from the Docs of its chunks (usually one), read lazily."""
    docs = iter(docs)
    first, second = next(docs), next(docs, None)
    if second is None:
        return build_facts(first, article)
    merged = Facts(article=article.meta())
    same_entity: dict[tuple[str, str], Entity] = {}
    offset = 0
    for doc in chain([first, second], docs):
        chunk = doc.text
        part = build_facts(doc, replace(article, text=chunk))
        _shift(part, offset)
        _merge(merged, part, same_entity)
        offset += len(chunk)
    return merged


def _shift(value: Any, offset: int) -> None:
    """Move every start/end offset inside a fact (dataclass, dict or list) by offset."""
    if is_dataclass(value):
        for field in fields(value):
            _shift_attr(value, field.name, offset)
    elif isinstance(value, dict):
        for key in value:
            if key in ("start", "end") and type(value[key]) is int:
                value[key] += offset
            else:
                _shift(value[key], offset)
    elif isinstance(value, list):
        for item in value:
            _shift(item, offset)


def _shift_attr(value: Any, name: str, offset: int) -> None:
    current = getattr(value, name)
    if name in ("start", "end") and type(current) is int:
        setattr(value, name, current + offset)
    elif name != "article":
        _shift(current, offset)


def _merge(merged: Facts, part: Facts, same_entity: dict[tuple[str, str], Entity]) -> None:
    """Add one chunk's facts, renumbering ids; entities of the same name and type
    in different chunks become one (coreference does not cross chunks)."""
    entity_ids = {e.id: _merge_entity(merged, e, same_entity) for e in part.entities}
    time_ids = _renumber(part.times, len(merged.times))
    merged.times += part.times
    for group, facts in (("quotes", part.quotes), ("amounts", part.amounts),
                         ("events", part.events)):
        _renumber(facts, len(getattr(merged, group)))
        getattr(merged, group).extend(facts)
    for quote in part.quotes:
        if quote.speaker and quote.speaker.entity:
            quote.speaker.entity = entity_ids.get(quote.speaker.entity, quote.speaker.entity)
    for event in part.events:
        event.agents = [entity_ids.get(a, a) for a in event.agents]
        event.patients = [entity_ids.get(p, p) for p in event.patients]
        event.time = time_ids.get(event.time, event.time)
    if merged.main_event is None and part.main_event:
        who = part.main_event.get("who")
        if isinstance(who, dict) and who.get("entity"):
            who["entity"] = entity_ids.get(who["entity"], who["entity"])
        merged.main_event = part.main_event


def _merge_entity(merged: Facts, entity: Entity,
                  same_entity: dict[tuple[str, str], Entity]) -> str:
    known = same_entity.get((entity.name, entity.type))
    if known is None:
        entity.id = f"{_id_prefix(entity.id)}{len(merged.entities) + 1}"
        merged.entities.append(entity)
        same_entity[(entity.name, entity.type)] = entity
        return entity.id
    known.mentions += entity.mentions
    for key, value in entity.attributes.items():
        if isinstance(value, list):
            known.attributes[key] = list(dict.fromkeys([*known.attributes.get(key, []), *value]))
        elif known.attributes.get(key) is None:
            known.attributes[key] = value
    return known.id


def _renumber(facts: list[Any], count: int) -> dict[str, str]:
    old_to_new = {}
    for number, fact in enumerate(facts, count + 1):
        new_id = f"{_id_prefix(fact.id)}{number}"
        old_to_new[fact.id] = new_id
        fact.id = new_id
    return old_to_new


def _id_prefix(fact_id: str) -> str:
    return re.sub(r"\d+$", "", fact_id)


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
        detail = "; ".join(problems[:5])
        raise NewsfactsError(Errors.E015.format(count=len(problems), detail=detail))
