"""The spaCy component: nlp.add_pipe("newsfacts") puts Facts on doc._.facts.

Set doc._.nf_article (an Article with the same text) before the component
runs to give it a publication date; without one, relative dates stay
underspecified (XXXX-...).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..facts import article_of, build_facts


class NewsfactsComponent:
    def __init__(self, nlp: Language, name: str, published: str | None):
        self.name = name
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        article = article_of(doc)
        if article.published is None and self.published:
            article.published = self.published
        doc._.facts = build_facts(doc, article)
        return doc


@Language.factory("newsfacts", assigns=["doc._.facts"], requires=["token.dep", "doc.ents"],
                  default_config={"published": None})
def make_newsfacts(nlp: Language, name: str, published: str | None) -> NewsfactsComponent:
    """published (str): default publication date (YYYY-MM-DD) for Docs without an Article."""
    return NewsfactsComponent(nlp, name, published)
