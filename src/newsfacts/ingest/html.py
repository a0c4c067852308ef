"""HTML pages -> Article: main text, title, date and url through trafilatura."""
from __future__ import annotations

from ..article import Article, make_article, parse_published, with_headline
from ..errors import Errors, NewsfactsError


def html_fields(html: str | bytes, url: str | None = None) -> dict | None:
    """The main text and metadata of a page (title, published, url, source), or None."""
    from trafilatura import bare_extraction  # heavy import, only when HTML comes in

    document = bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                               include_tables=False)
    if document is None or not (document.text or "").strip():
        return None
    # trafilatura puts one paragraph a line; blank lines between them help
    # sentence splitting and the paragraph-bound chunking of long texts.
    text = "\n\n".join(line.strip() for line in document.text.splitlines() if line.strip())
    return {"text": text, "title": document.title, "published": document.date,
            "url": document.url or url, "source": document.sitename or document.hostname}


def read_html(html: str | bytes, *, name: str, id: str | None = None,
              published: str | None = None, url: str | None = None) -> Article:
    """An Article from an HTML page; the page's own date wins over published."""
    fields = html_fields(html, url=url)
    if fields is None:
        raise NewsfactsError(Errors.E010.format(name=name))
    fields["published"] = _page_date(fields["published"], name) or published
    return make_article(with_headline(fields.pop("text"), fields["title"]), id=id, name=name, **fields)


def _page_date(value: str | None, name: str) -> str | None:
    """trafilatura's date is a heuristic guess: one it cannot give as a date is ignored."""
    try:
        return parse_published(value, name)
    except NewsfactsError:
        return None
