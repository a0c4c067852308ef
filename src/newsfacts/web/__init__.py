"""The web page and JSON API over an archive (FastAPI, server-rendered, no CDN).

    from newsfacts.web import create_app
    app = create_app("news.db")      # an ASGI app: uvicorn.run(app)
"""
from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:  # FastAPI is imported only when the app is wanted
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(name)
