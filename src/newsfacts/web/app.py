"""The web app: server-rendered pages and a JSON API over one archive.

    app = create_app("news.db")          # FastAPI; run it with uvicorn
    newsfacts serve --db news.db         # the same from the command line

Pages: / (overview), /articles/{id}, /entities/{id}, /search, /paste, /api (the API).
JSON: /api/articles[/{id}], /api/entities[/{id}], /api/search, /api/extract; the
OpenAPI document is /openapi.json. Nothing is fetched from a network: the CSS and
JavaScript are two small local files.
"""
from __future__ import annotations

import os
import threading
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from .security import WebGuard
from .settings import DEFAULT_MAX_BODY, ENV_DB, ENV_MAX_BODY
from .store import WebStore



class Extractor:
    """The spaCy pipeline, loaded once per process on first use; one extraction at a time."""

    def __init__(self, nlp=None):
        self._nlp = nlp
        self._lock = threading.Lock()

    def extract(self, item: dict[str, Any]):
        from ..api import extract_article, to_article
        article = to_article(item)  # raises NewsfactsError on bad fields
        with self._lock:
            if self._nlp is None:
                from ..pipeline.nlp import load_nlp
                self._nlp = load_nlp()
            return extract_article(article, nlp=self._nlp)


def create_app(db_path: str | Path, *, max_body: int = DEFAULT_MAX_BODY, nlp=None) -> Any:
    """The web app over the archive at db_path (which must exist).

    max_body (int): the largest request body accepted, in bytes; larger ones get 413.
    nlp: a loaded spaCy pipeline for /paste and /api/extract (default: newsfacts.load_nlp()).
    RETURNS: an ASGI app (the FastAPI app wrapped in the body-limit and header guard;
    the FastAPI app itself is its .app attribute).
    """
    from .routes_api import install_record_schema, router as api_router
    from .routes_pages import router as page_router
    from .templating import templates

    app = FastAPI(title="newsfacts", version=__version__, docs_url=None, redoc_url=None,
                  description="Facts from news articles (newsfacts/1 records), their archive, "
                              "cross-article entities, quotes and timelines.")
    app.state.store = WebStore(db_path)
    app.state.extractor = Extractor(nlp)
    app.state.max_body = max_body
    app.mount("/static", StaticFiles(directory=str(files("newsfacts.web") / "static")), name="static")
    app.include_router(api_router)
    app.include_router(page_router)
    install_error_pages(app, templates)
    install_record_schema(app)
    return WebGuard(app, max_body)


def create_app_from_env() -> Any:
    """The app for `uvicorn --factory` (several workers): the archive from $NEWSFACTS_WEB_DB."""
    return create_app(os.environ[ENV_DB], max_body=int(os.environ.get(ENV_MAX_BODY, DEFAULT_MAX_BODY)))


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def install_error_pages(app: FastAPI, templates) -> None:
    """API errors as JSON ({"detail": ...}); page errors as a readable page, same status."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code,
                                          "message": exc.detail}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if is_api(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        return templates.TemplateResponse(request, "error.html", {
            "status": 422, "message": "The request is not valid.",
            "problems": [readable_problem(e) for e in exc.errors()]}, status_code=422)


def readable_problem(error: dict[str, Any]) -> str:
    where = " ".join(str(part) for part in error.get("loc", ())[1:]) or "request"
    got = error.get("input")
    shown = f" (got {got!r})" if isinstance(got, (str, int, float)) and len(str(got)) < 80 else ""
    return f"{where}: {error.get('msg', 'invalid')}{shown}"
