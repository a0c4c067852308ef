"""Every Doc extension newsfacts sets, registered once at import, the
article text of a Doc, and what the extractors of one Doc share."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from operator import attrgetter
from typing import Any

from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

from ..article import Article

for _name in ("nf_article", "facts"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def text_of(doc: Doc, article: Article) -> str:
    """article.text when doc was made from it, which a cheap length check tells
    (Doc.text joins every token anew), else doc.text."""
    text = article.text
    if len(doc) == 0 and not text or len(doc) > 0 and \
            doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        return text
    return doc.text


# id(doc) -> values computed once for the Doc being extracted (see shared_values)
_SHARED: dict[int, dict[str, Any]] = {}


@contextmanager
def shared_values(doc: Doc) -> Iterator[None]:
    """While the extractors run on doc, values computed from it (its Token list,
    its quoted tokens) are computed once and shared. spaCy makes a new Token
    object on every access, and a dozen passes per Doc made that a tenth of
    extraction time. Re-entrant: inside build_facts, an extractor's own
    shared_values adds nothing."""
    if id(doc) in _SHARED:
        yield
        return
    _SHARED[id(doc)] = {}
    try:
        yield
    finally:
        _SHARED.pop(id(doc), None)


def sharing_values(extract: Callable[..., Any]) -> Callable[..., Any]:
    """extract(doc, ...) run inside shared_values(doc): an extractor that reads
    a shared value more than once shares it when called alone too."""
    @wraps(extract)
    def run(doc: Doc, *args: Any, **kwargs: Any) -> Any:
        with shared_values(doc):
            return extract(doc, *args, **kwargs)
    return run


def shared(doc: Doc, name: str, compute: Callable[[Doc], Any]) -> Any:
    """compute(doc), once per Doc inside shared_values, afresh outside it."""
    values = _SHARED.get(id(doc))
    if values is None:
        return compute(doc)
    if name not in values:
        values[name] = compute(doc)
    return values[name]


def tokens_of(doc: Doc) -> list[Token]:
    return shared(doc, "tokens", list)


def sentences_of(doc: Doc) -> list[Span]:
    """list(doc.sents), once per Doc inside shared_values."""
    return shared(doc, "sents", lambda d: list(d.sents))


def entities_of(doc: Doc) -> tuple[Span, ...]:
    """doc.ents (a new Span per entity at every call), once per Doc inside shared_values."""
    return shared(doc, "ents", lambda d: d.ents)


def token_values(doc: Doc, attribute: str) -> list[Any]:
    """[getattr(token, attribute) for each token], once per Doc inside
    shared_values: a pass over every token reads plain strings, not Tokens."""
    return shared(doc, "token." + attribute, lambda d: list(map(attrgetter(attribute), tokens_of(d))))


def span_text(doc: Doc, start: int, end: int) -> str:
    """doc[start:end].text, from the shared Token list (no Span is made)."""
    tokens = tokens_of(doc)[start:end]
    if not tokens:
        return ""
    return "".join([token.text_with_ws for token in tokens[:-1]]) + tokens[-1].text


def children(token: Token) -> list[Token]:
    """list(token.children); inside shared_values, from one index of the Doc's
    tree made from the shared Token list (token.children makes new Tokens at
    every call). The list may be shared: do not change it."""
    values = _SHARED.get(id(token.doc))
    if values is None:
        return list(token.children)
    if "children" not in values:
        values["children"] = _children_index(token.doc)
    return values["children"][token.i]


def _children_index(doc: Doc) -> list[list[Token]]:
    """Token index -> its children in text order (as token.children gives them)."""
    tokens = tokens_of(doc)
    index: list[list[Token]] = [[] for _ in tokens]
    offsets = doc.to_array(HEAD).astype("int64").tolist()  # head index - token index
    for i, offset in enumerate(offsets):
        if offset:
            index[i + offset].append(tokens[i])
    return index


def lefts(token: Token) -> list[Token]:
    """list(token.lefts)."""
    return [child for child in children(token) if child.i < token.i]


def rights(token: Token) -> list[Token]:
    """list(token.rights)."""
    return [child for child in children(token) if child.i > token.i]
