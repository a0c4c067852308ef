"""Article: the text of one news report and its metadata, validated."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date, datetime

from .errors import Errors, NewsfactsError

MAX_CHARS = 2_000_000


@dataclass
class Article:
    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    language: str = "en"

    @property
    def published_date(self) -> date | None:
        return date.fromisoformat(self.published) if self.published else None

    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def meta(self) -> dict:
        """The article as newsfacts/1 writes it (text last, for readability)."""
        data = asdict(self)
        return {**{k: v for k, v in data.items() if k != "text"}, "text": data["text"]}


def parse_published(value, name: str = "article") -> str | None:
    """Normalise a publication date (date, datetime or ISO string) to YYYY-MM-DD."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat() if len(text) >= 10 and (
            len(text) == 10 or text[10] in "T ") else date.fromisoformat(text).isoformat()
    except ValueError:
        try:
            return datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            raise NewsfactsError(Errors.E002.format(name=name, value=value)) from None


def make_article(text, *, published=None, id=None, title=None, source=None,
                 url=None, language="en", name: str | None = None) -> Article:
    """Validate the fields of one article and build it; raises NewsfactsError."""
    name = name or id or "article"
    if isinstance(text, bytes):
        text = decode_bytes(text, name)
    if text is None or not str(text).strip():
        raise NewsfactsError(Errors.E001.format(name=name))
    text = str(text)
    if "\x00" in text:
        raise NewsfactsError(Errors.E003.format(name=name))
    if len(text) > MAX_CHARS:
        raise NewsfactsError(Errors.E005.format(name=name, size=len(text), limit=MAX_CHARS))
    return Article(text=text, id=None if id is None else str(id), title=title,
                   published=parse_published(published, name), source=source,
                   url=url, language=language or "en")


def decode_bytes(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise NewsfactsError(Errors.E003.format(name=name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise NewsfactsError(Errors.E004.format(
            name=name, detail=f"not UTF-8 at byte {err.start}")) from None
