"""The HTML pages: overview, article, entity, search, paste, API index."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..errors import NewsfactsError
from .routes_api import (DATE_PATTERN, ArticleId, EntityId, SearchKind, day, run_search,
                         search_filters, store_of)
from .settings import MAX_TEXT_CHARS
from .templating import templates
from .timeline_svg import layout
from .view import build_view

router = APIRouter(include_in_schema=False)
PER_PAGE = 20


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = store_of(request)
    return page(request, "index.html", {"stats": store.stats(), "recent": store.articles(1, 10),
                                        "entities": store.top_entities(24)})


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, page_no: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1) -> HTMLResponse:
    return page(request, "articles.html", {"found": store_of(request).articles(page_no, PER_PAGE)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: ArticleId) -> HTMLResponse:
    store = store_of(request)
    record = store.record(article_id)
    if record is None:
        raise HTTPException(404, f"No article with id {article_id} in the archive.")
    view = build_view(record, store.entity_links(article_id))
    return page(request, "article.html", {"view": view, "article_id": article_id})


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, name: Annotated[str, Query(max_length=200)] = "") -> Any:
    store = store_of(request)
    found = store.find_entities(name, 50) if name.strip() else store.top_entities(100)
    if name.strip() and len(found) == 1:
        return RedirectResponse(f"/entities/{found[0]['id']}", status_code=303)
    return page(request, "entities.html", {"name": name, "found": found})


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: EntityId) -> HTMLResponse:
    profile = store_of(request).entity(entity_id)
    if profile is None:
        raise HTTPException(404, f"No entity with id {entity_id!r} in the archive.")
    return page(request, "entity.html", {"e": profile, "chart": layout(profile["timeline"])})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "",
           kind: SearchKind | None = None,
           speaker: Annotated[str, Query(max_length=200)] = "",
           entity: Annotated[str, Query(max_length=200)] = "",
           since: Annotated[str, Query(max_length=40)] = "",
           until: Annotated[str, Query(max_length=40)] = "",
           page_no: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1) -> HTMLResponse:
    filters = search_filters(q, speaker, entity, form_date(since, "since"), form_date(until, "until"))
    asked = any([q.strip(), speaker.strip(), entity.strip(), since, until])
    shown = (kind or (SearchKind.quotes if speaker.strip() and not q.strip() else SearchKind.articles)).value
    found, totals = {}, {}
    if asked:
        found = run_search(store_of(request), filters, "all", page_no, PER_PAGE)
        totals = {name: result.total for name, result in found.items()}
    return page(request, "search.html", {"f": filters, "kind": shown, "asked": asked, "totals": totals,
                                         "found": found.get(shown)})


def form_date(value: str, name: str) -> date | None:
    """A date field of a form: empty means none; anything but YYYY-MM-DD is a 422."""
    if not value.strip():
        return None
    if not re.fullmatch(DATE_PATTERN, value.strip()):
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD).")
    return day(value.strip(), name)


@router.get("/paste", response_class=HTMLResponse)
def paste_form(request: Request) -> HTMLResponse:
    return page(request, "paste.html", {"form": {}, "error": None})


@router.post("/paste", response_class=HTMLResponse)
def paste(request: Request, background: BackgroundTasks,
          text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)] = "",
          published: Annotated[str, Form(max_length=40)] = "",
          title: Annotated[str, Form(max_length=2000)] = "",
          save: Annotated[str, Form(max_length=10)] = "") -> Any:
    form = {"text": text, "published": published, "title": title, "save": bool(save)}
    try:
        facts = request.app.state.extractor.extract(
            {"text": text, "published": published.strip() or None, "title": title.strip() or None})
    except NewsfactsError as err:
        return page(request, "paste.html", {"form": form, "error": str(err)}, status=422)
    if save:
        store = store_of(request)
        article_id, new = store.save(facts)
        if new:
            background.add_task(store.resolve)
        return RedirectResponse(f"/articles/{article_id}", status_code=303)
    return page(request, "article.html", {"view": build_view(facts.to_dict()), "article_id": None,
                                          "form": form})


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> HTMLResponse:
    document = request.app.openapi()
    operations = [{"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                   "params": [p["name"] for p in op.get("parameters", [])]}
                  for path, methods in document["paths"].items() for method, op in methods.items()]
    return page(request, "api.html", {"operations": operations})
