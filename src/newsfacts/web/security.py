"""ASGI middleware: request body limit (413), security headers, no cross-site writes.

The body limit is enforced before the app runs: a declared Content-Length over the
limit is refused at once, and a body without one (chunked) is read up to the limit
and refused as soon as it passes it, so no route ever sees an oversized body.
"""
from __future__ import annotations

import json
from typing import Any

from markupsafe import escape

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
       " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class WebGuard:
    """Wraps the app: limits bodies to max_body bytes, adds headers, refuses cross-site writes."""

    def __init__(self, app: Any, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        if scope["method"] in BODY_METHODS:
            if _cross_site(scope):
                await _refuse(scope, send_with_headers, 403, "Cross-site requests may not change the archive.")
                return
            declared = _content_length(scope)
            if declared is not None and declared > self.max_body:
                await _refuse(scope, send_with_headers, 413, self._too_large(declared))
                return
            body = await self._read_body(receive)
            if body is None:
                await _refuse(scope, send_with_headers, 413, self._too_large(None))
                return
            receive = _replay(body)
        await self.app(scope, receive, send_with_headers)

    def _too_large(self, size: int | None) -> str:
        got = f"{size:,} bytes" if size is not None else "more than that"
        return f"The request body is too large: the limit is {self.max_body:,} bytes, got {got}."

    async def _read_body(self, receive) -> bytes | None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}
    return receive


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _content_length(scope) -> int | None:
    value = _header(scope, b"content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _cross_site(scope) -> bool:
    """A browser's write from another site (a form on a page elsewhere posting here)."""
    if _header(scope, b"sec-fetch-site") == "cross-site":
        return True
    origin, host = _header(scope, b"origin"), _header(scope, b"host")
    if origin and host and origin != "null":
        return origin.split("://", 1)[-1] != host
    return False


async def _refuse(scope, send, status: int, message: str) -> None:
    wants_html = scope["path"].split("/")[1:2] != ["api"] and "text/html" in (_header(scope, b"accept") or "")
    if wants_html:
        body = (f"<!doctype html><meta charset=utf-8><title>{status}</title>"
                f"<h1>Error {status}</h1><p>{escape(message)}</p><p><a href=\"/\">Home</a></p>").encode()
        kind = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"detail": message}).encode()
        kind = b"application/json"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
