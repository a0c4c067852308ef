"""The bundled demo archive: 30 Wikinews articles from MEANTIME (CC BY 4.0)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

from ..api import to_article
from ..article import Article

DEMO_FILE = "data/demo/meantime_wikinews.jsonl"
DEMO_HINTS = """
Try next:
  newsfacts entity "Steve Jobs" --db {db}
  newsfacts timeline "Apple" --db {db}
  newsfacts timeline --story iPhone --db {db}
  newsfacts quotes --speaker Jobs --db {db}
  newsfacts quotes --about iPhone --since 2008-01-01 --format csv --db {db}
  newsfacts search "Apple Corps" --db {db}"""


def demo_articles() -> Iterator[Article]:
    text = resources.files("newsfacts").joinpath(DEMO_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            yield to_article(json.loads(line))


def demo_credits() -> str:
    return ("Demo articles: Wikinews (https://en.wikinews.org) via the NewsReader MEANTIME corpus, "
            "CC BY 4.0 (see newsfacts/data/demo/CREDITS.md).")
