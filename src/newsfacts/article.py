"""Article: the text of one news report and its metadata, validated."""
from __future__ import annotations

import hashlib
import importlib
import re
import warnings
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import lru_cache

from .errors import Errors, NewsfactsError, NewsfactsWarning, Warnings

# Longer texts are parsed in chunks (see api.parse); this bounds memory and time.
MAX_CHARS = 10_000_000
# Languages told apart by their share of spaCy's stop words (cheap, no model).
STOPWORD_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "fi",
                      "pl", "tr", "id", "ro", "cs", "hu")
MIN_WORDS_TO_JUDGE = 20
MIN_ENGLISH_SHARE = 0.2
MIN_LATIN_SHARE = 0.5
# control characters other than the whitespace ones (\t \n \v \f \r)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
LETTER = re.compile(r"[^\W\d_]")
NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
MAX_CONTROL_SHARE = 0.01


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

    @property
    def is_english(self) -> bool:
        return self.language.lower().split("-")[0].split("_")[0] == "en"

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
                 url=None, language: str | None = None, name: str | None = None) -> Article:
    """Validate the fields of one article and build it; raises NewsfactsError.

    text (str | bytes): bytes are decoded (UTF-8, UTF-16 with BOM, else cp1252 with a warning).
    language (str): ISO 639-1 code; None detects it from the text.
    """
    name = name or id or "article"
    if isinstance(text, bytes):
        text = decode_bytes(text, name)
    if text is None or not str(text).strip():
        raise NewsfactsError(Errors.E001.format(name=name))
    text = str(text)
    if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
        raise NewsfactsError(Errors.E003.format(name=name))
    if len(text) > MAX_CHARS:
        raise NewsfactsError(Errors.E005.format(name=name, size=len(text), limit=MAX_CHARS))
    return Article(text=text, id=None if id is None else str(id), title=title,
                   published=parse_published(published, name), source=source,
                   url=url, language=language or detect_language(text))


def with_headline(body: str, title: str | None) -> str:
    """A page's text as its reader sees it: the headline, a blank line, the body.

    The headline is the lead's first line (the main event, titles of quotes and
    people start there); a body that already opens with it is left as it is.
    Plain text and jsonl inputs are taken as given, so offsets match the caller's text.
    """
    title = " ".join((title or "").split())
    if not title or not isinstance(body, str) or " ".join(body[:len(title) + 50].split()).startswith(title):
        return body
    return f"{title}\n\n{body}"


def decode_bytes(data: bytes, name: str) -> str:
    """Decode the bytes of a text file; raises NewsfactsError for binary data."""
    encoding = _bom_encoding(data) or _bomless_utf16(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as err:
            raise NewsfactsError(Errors.E004.format(
                name=name, detail=f"not {encoding} at byte {err.start}")) from None
    if b"\x00" in data[:8192]:
        raise NewsfactsError(Errors.E003.format(name=name))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Legacy Western files are common in news archives: decoding them beats refusing.
    for fallback in ("cp1252", "latin-1"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > MAX_CONTROL_SHARE:
            break
        warnings.warn(Warnings.W001.format(name=name, encoding=fallback), NewsfactsWarning,
                      stacklevel=2)
        return text
    raise NewsfactsError(Errors.E003.format(name=name))


def _bom_encoding(data: bytes) -> str | None:
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
            (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    return next((enc for bom, enc in boms if data.startswith(bom)), None)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-range text leaves every other byte zero."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8 or len(data) % 2:
        return None
    odd_zeros = sample[1::2].count(0) / half
    even_zeros = sample[0::2].count(0) / half
    if odd_zeros > 0.6 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.6 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:20000] or " "
    return len(CONTROL.findall(sample)) / len(sample)


@lru_cache(maxsize=None)
def _stop_words(language: str) -> frozenset[str]:
    return frozenset(importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS)


def detect_language(text: str) -> str:
    """A cheap guess at the language: "en", another ISO 639-1 code, or "und".

    Short texts (under MIN_WORDS_TO_JUDGE words) count as English.
    """
    sample = text[:20000]
    if not sample.isascii():  # regexes: a loop over the characters costs ms per article
        foreign = len(NON_LATIN_LETTER.findall(sample))
        if foreign and foreign > (1 - MIN_LATIN_SHARE) * len(LETTER.findall(sample)):
            return "und"
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < MIN_WORDS_TO_JUDGE:
        return "en"
    english = _stop_words("en")
    if sum(w in english for w in words) >= MIN_ENGLISH_SHARE * len(words):
        return "en"  # most texts: the other languages' lists are never loaded
    shares = {lang: sum(w in _stop_words(lang) for w in words) / len(words)
              for lang in STOPWORD_LANGUAGES}
    best = max(shares, key=shares.get)
    return best if shares[best] > shares["en"] else "en"
