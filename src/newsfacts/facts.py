"""Doc -> Facts: runs the extractors in dependency order (the only code that reads doc._)."""
from __future__ import annotations

from spacy.tokens import Doc

from .article import Article
from .pipeline.extensions import shared_values
from .pipeline.amounts import extract_amounts
from .pipeline.entities import extract_entities
from .pipeline.events import extract_events
from .pipeline.main_event import extract_main_event
from .pipeline.quotes import extract_quotes
from .pipeline.times import extract_times
from .schema import Facts


def build_facts(doc: Doc, article: Article) -> Facts:
    with shared_values(doc):
        return _build_facts(doc, article)


def _build_facts(doc: Doc, article: Article) -> Facts:
    entities = extract_entities(doc, article)
    times = extract_times(doc, article)
    quotes = extract_quotes(doc, article, entities)
    amounts = extract_amounts(doc, article)
    events = extract_events(doc, article, entities, times)
    main_event = extract_main_event(doc, article, entities, times, events)
    return Facts(article=article.meta(), entities=entities, quotes=quotes, times=times,
                 amounts=amounts, events=events,
                 main_event=main_event.to_dict() if main_event else None)


def article_of(doc: Doc) -> Article:
    """The Article a Doc was made from, or one built from the Doc's own text."""
    return doc._.nf_article or Article(text=doc.text)
