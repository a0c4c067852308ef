"""Jinja2 templates (autoescape on everywhere) and the few helpers they use."""
from __future__ import annotations

from importlib.resources import files
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.requests import Request

from .view import readable_time


def snippet_html(row: dict) -> Markup:
    """A search snippet with its matched words in <mark>; all text escaped."""
    text, parts, position = row.get("snippet") or "", [], 0
    for start, end in row.get("hits") or []:
        parts.append(escape(text[position:start]))
        parts.append(Markup("<mark class=\"hit\">") + escape(text[start:end]) + Markup("</mark>"))
        position = end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def page_url(request: Request, page: int) -> str:
    """The current URL with another page number (escaped by the template)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return f"{request.url.path}?{urlencode([*params, ('page', page)])}"


def safe_link(url: str | None) -> str | None:
    """An article's URL when it is http(s); anything else (javascript:, data:) is not linked."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def number(value) -> str:
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(files("newsfacts.web") / "templates")),
    autoescape=True, trim_blocks=True, lstrip_blocks=True)
environment.filters.update(snippet_html=snippet_html, safe_link=safe_link, number=number,
                           readable_time=readable_time)
environment.globals.update(page_url=page_url)
templates = Jinja2Templates(env=environment)
