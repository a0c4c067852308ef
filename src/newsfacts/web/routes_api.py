"""The JSON API: every page's data, described in the OpenAPI document."""
from __future__ import annotations

import json
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from ..api import schema_path
from ..errors import NewsfactsError
from .settings import MAX_TEXT_CHARS
from .store import Page, SearchFilters, WebStore

router = APIRouter(prefix="/api", tags=["api"])
MAX_ID = 2**63 - 1
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID, description="The article's archive id.")]
EntityId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                               description="The archive entity id (as in /api/entities?name=).")]
PageNo = Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=100, description="Results per page.")]
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class Message(BaseModel):
    detail: str


class ExtractRequest(BaseModel):
    """One article with the fields of a jsonl input line."""
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    id: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD (or an ISO datetime)",
                                  examples=["2024-01-26"])
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=500)
    language: str | None = Field(None, max_length=20, description="ISO 639-1; detected when absent")


class ArticleRef(BaseModel):
    article_id: int
    ext_id: str | None = None
    title: str | None = None
    published: str | None = None


class ArticleRow(ArticleRef):
    source: str | None = None


class Paged(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int


class ArticleList(Paged):
    results: list[ArticleRow]


class SearchHit(ArticleRef):
    snippet: str = Field(description="The matched text (article excerpt or quote).")
    hits: list[list[int]] = Field(description="[start, end) of each matched word in snippet.")
    quote_id: int | None = None
    local_id: str | None = Field(None, description="The quote's id in its article (Q1).")
    kind: str | None = None
    cue: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None


class SearchSection(Paged):
    note: str = Field("", description="Why nothing matched, when a filter names no entity.")
    results: list[SearchHit]


class SearchResponse(BaseModel):
    query: dict[str, Any]
    articles: SearchSection | None = None
    quotes: SearchSection | None = None


class EntityRow(BaseModel):
    id: str
    name: str
    type: str
    n_articles: int


class SearchKind(str, Enum):
    all = "all"
    articles = "articles"
    quotes = "quotes"


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The newsfacts/1 JSON Schema, its $defs made OpenAPI components (nf_*)."""
    text = schema_path().read_text(encoding="utf-8").replace('"#/$defs/', '"#/components/schemas/nf_')
    schema = json.loads(text)
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    return schema


def record_response(description: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/nf_record"}}}},
            404: {"model": Message, "description": "No such article."}}


def store_of(request: Request) -> WebStore:
    return request.app.state.store


@router.get("/articles", response_model=ArticleList, summary="Articles, newest first")
def list_articles(request: Request, page: PageNo = 1, per_page: PerPage = 20) -> Any:
    return store_of(request).articles(page, per_page).as_dict()


@router.get("/articles/{article_id}", summary="One article's newsfacts/1 record",
            responses=record_response("The newsfacts/1 record, plus \"archive\": its archive id "
                                      "and each entity's archive entity id."))
def get_article(request: Request, article_id: ArticleId) -> Any:
    store = store_of(request)
    record = store.record(article_id)
    if record is None:
        raise HTTPException(404, f"No article with id {article_id} in the archive.")
    record["archive"] = {"article_id": article_id, "entity_links": store.entity_links(article_id)}
    return record


@router.get("/entities", response_model=list[EntityRow], summary="Archive entities called NAME")
def list_entities(request: Request, name: Annotated[str, Query(max_length=200)] = "",
                  limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Any:
    store = store_of(request)
    return store.find_entities(name, limit) if name.strip() else store.top_entities(limit)


@router.get("/entities/{entity_id}", summary="An archive entity's profile",
            responses={404: {"model": Message, "description": "No such entity."}},
            response_description="Names, attributes over time, articles, why mentions were joined, "
                                 "quotes by and about it, timeline.")
def get_entity(request: Request, entity_id: EntityId) -> dict[str, Any]:
    profile = store_of(request).entity(entity_id)
    if profile is None:
        raise HTTPException(404, f"No entity with id {entity_id!r} in the archive.")
    return profile


def day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD parameter as a date; an impossible one (2024-02-30) is a 400."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date (YYYY-MM-DD).") from None


def search_filters(q: str, speaker: str, entity: str, since: date | None, until: date | None) -> SearchFilters:
    if since and until and until < since:
        raise HTTPException(400, f"until ({until}) is before since ({since}).")
    return SearchFilters(q=q, speaker=speaker, entity=entity,
                         since=since.isoformat() if since else None,
                         until=until.isoformat() if until else None)


def run_search(store: WebStore, filters: SearchFilters, kind: str, page: int,
               per_page: int) -> dict[str, Page]:
    found = {}
    if kind in ("all", "articles"):
        found["articles"] = store.search_articles(filters, page, per_page)
    if kind in ("all", "quotes"):
        found["quotes"] = store.search_quotes(filters, page, per_page)
    return found


@router.get("/search", response_model=SearchResponse, summary="Full-text search over articles and quotes",
            responses={400: {"model": Message, "description": "An impossible date, or until before since."}})
def search(request: Request,
           q: Annotated[str, Query(max_length=500, description="Words (all must occur) or FTS5 syntax.")] = "",
           kind: SearchKind = SearchKind.all,
           speaker: Annotated[str, Query(max_length=200, description="Quotes by; articles quoting.")] = "",
           entity: Annotated[str, Query(max_length=200, description="Quotes about; articles naming.")] = "",
           since: Annotated[str | None, Query(pattern=DATE_PATTERN, json_schema_extra={"format": "date"},
                                              description="Published on or after (YYYY-MM-DD).")] = None,
           until: Annotated[str | None, Query(pattern=DATE_PATTERN, json_schema_extra={"format": "date"},
                                              description="Published on or before (YYYY-MM-DD).")] = None,
           page: PageNo = 1, per_page: PerPage = 20) -> Any:
    filters = search_filters(q, speaker, entity, day(since, "since"), day(until, "until"))
    found = run_search(store_of(request), filters, kind.value, page, per_page)
    query = {"q": q, "kind": kind.value, "speaker": speaker, "entity": entity,
             "since": filters.since, "until": filters.until}
    return {"query": query, **{name: result.as_dict() for name, result in found.items()}}


@router.post("/extract", summary="Extract the facts of one article (not stored unless save=true)",
             responses={**record_response("The newsfacts/1 record (with \"archive\" when saved)."),
                        400: {"model": Message, "description": "The article is not valid."},
                        413: {"model": Message, "description": "The body is over the size limit."}})
def extract(request: Request, item: ExtractRequest, background: BackgroundTasks,
            save: Annotated[bool, Query(description="Also store it in the archive.")] = False) -> Any:
    try:
        facts = request.app.state.extractor.extract(item.model_dump())
    except NewsfactsError as err:
        raise HTTPException(400, str(err)) from None
    record = facts.to_dict()
    if save:
        store = store_of(request)
        article_id, new = store.save(facts)
        if new:
            background.add_task(store.resolve)
        record["archive"] = {"article_id": article_id, "new": new}
    return record


def install_record_schema(app) -> None:
    """Put the newsfacts/1 schema into the app's OpenAPI components."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = original()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        full = record_schema()
        for name, definition in full.get("$defs", {}).items():
            schemas[f"nf_{name}"] = definition
        schemas["nf_record"] = {k: v for k, v in full.items() if k != "$defs"}
        return document
    app.openapi = openapi
