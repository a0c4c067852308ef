"""Every Doc extension newsfacts sets, registered once at import, and the
article text of a Doc."""
from spacy.tokens import Doc

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
