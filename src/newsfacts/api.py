"""The Python API: extract one article or many."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language

from .article import Article, make_article
from .facts import build_facts
from .pipeline.nlp import load_nlp
from .schema import Facts

ArticleLike = Article | dict[str, Any] | str


def to_article(item: ArticleLike, published: str | None = None) -> Article:
    """An Article from an Article, a jsonl-style dict or a bare text."""
    if isinstance(item, Article):
        return item
    if isinstance(item, dict):
        fields = {k: item.get(k) for k in ("id", "title", "source", "url")}
        return make_article(item.get("text"), published=item.get("published") or published,
                            language=item.get("language") or "en", **fields)
    return make_article(item, published=published)


def extract(text: str, published: str | None = None, *, nlp: Language | None = None,
            **meta: Any) -> Facts:
    """Extract the facts of one article.

    text (str): the article text.
    published (str): publication date, YYYY-MM-DD; relative dates resolve against it.
    meta: id, title, source, url, language.
    RETURNS (Facts): the newsfacts/1 record.
    """
    article = make_article(text, published=published, **meta)
    return extract_article(article, nlp=nlp)


def extract_article(article: Article, *, nlp: Language | None = None) -> Facts:
    nlp = nlp or load_nlp()
    return build_facts(nlp(article.text), article)


def extract_many(items: Iterable[ArticleLike], *, published: str | None = None,
                 nlp: Language | None = None, batch_size: int = 16) -> Iterator[Facts]:
    """Extract many articles, parsing them with nlp.pipe.

    items: Articles, dicts with the jsonl fields, or texts; invalid ones raise
    NewsfactsError when reached (use newsfacts.ingest.readers to skip and report them).
    """
    nlp = nlp or load_nlp()
    articles = (to_article(item, published) for item in items)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield build_facts(doc, article)
