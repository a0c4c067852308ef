"""Rebuild plain text from CAT XML tokens (MEANTIME, SemEval-2015 TimeLine), keeping
each token's character span, so gold token annotations map onto our offsets.

Layout: the title (sentence 0), a blank line, the dateline (sentence 1), a blank
line, then the body sentences separated by single spaces.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re",
                   "'ve", "'ll", "'d", "'m", "’s", "...", "”"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€", "#", "“"}
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}
QUOTE_TOKENS = {"``": '"', "''": '"', '"': '"'}


@dataclass
class CatToken:
    t_id: str
    sentence: int
    number: int
    text: str
    start: int = 0
    end: int = 0
    opening_quote: bool = False


@dataclass
class CatDocument:
    doc_id: str
    name: str
    url: str | None
    tokens: list[CatToken]
    text: str
    title: str
    published: str | None
    root: ET.Element

    def token(self, t_id: str) -> CatToken | None:
        return self._by_id.get(t_id)

    def __post_init__(self):
        self._by_id = {t.t_id: t for t in self.tokens}


def read_cat(path: str | Path) -> CatDocument:
    root = ET.parse(path).getroot()
    tokens = [CatToken(t.get("t_id"), int(t.get("sentence")), int(t.get("number")), t.text or "")
              for t in root.iter("token")]
    text = rebuild(tokens)
    title = text[min(t.start for t in tokens if t.sentence == 0):max(t.end for t in tokens if t.sentence == 0)]
    dateline = " ".join(t.text for t in tokens if t.sentence == 1)
    return CatDocument(root.get("doc_id"), root.get("doc_name") or Path(path).stem,
                       root.get("url") or root.get("src_url"), tokens, text, title,
                       parse_dateline(dateline), root)


def rebuild(tokens: list[CatToken]) -> str:
    """Join tokens into text, setting each token's start/end; returns the text."""
    parts: list[str] = []
    length = 0
    previous: CatToken | None = None
    quote_open = False
    for index, token in enumerate(tokens):
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        surface = QUOTE_TOKENS.get(token.text, token.text)
        is_quote = token.text in QUOTE_TOKENS
        opening = token.text == "``" or (token.text == '"' and not quote_open)
        if is_quote:
            quote_open = opening
        gap = "" if is_apostrophe(previous, token, following) else separator(
            previous, token, is_quote and not opening)
        parts.append(gap)
        length += len(gap)
        token.start, token.end = length, length + len(surface)
        parts.append(surface)
        length += len(surface)
        previous = token
        token.opening_quote = is_quote and opening
    return "".join(parts)


def is_apostrophe(previous: CatToken | None, token: CatToken, following: str) -> bool:
    """A split possessive or contraction: Wayne ’ s -> Wayne’s, the Beatles ' label -> Beatles'."""
    if previous is None or previous.sentence != token.sentence:
        return False
    if token.text in ("'", "’"):
        return following.lower() in CLITICS or previous.text[-1:] in ("s", "S")
    return token.text.lower() in CLITICS and previous.text in ("'", "’")


def separator(previous: CatToken | None, token: CatToken, closing_quote: bool) -> str:
    if previous is None:
        return ""
    if token.sentence != previous.sentence and token.sentence <= 2:
        return "\n\n"
    if closing_quote or token.text in NO_SPACE_BEFORE or re.fullmatch(r"'[a-z]{1,2}", token.text):
        return ""
    if previous.text in NO_SPACE_AFTER or previous.opening_quote:
        return ""
    return " "


def parse_dateline(text: str) -> str | None:
    text = re.sub(r"\s+,", ",", text.strip())
    for fmt in ("%B %d, %Y", "%A, %B %d, %Y", "%b %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None
