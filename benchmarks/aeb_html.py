"""HTML extraction on the Article Extraction Benchmark (AEB, 181 news pages).

Usage:
    python benchmarks/aeb_html.py [--aeb DIR] [--limit N]

Prints, for our article body (newsfacts.ingest.html, the text every HTML and
WARC input becomes) and for trafilatura.extract with its defaults:
- token-level P/R/F1: bags of \\w+ tokens, each page weighted equally;
- AEB's own metric (4-token shingles, per-page normalised counts, F1 of the mean
  precision and mean recall) so the figure sits beside the published one:
  trafilatura 2.0.0, F1 0.958 +/- 0.006 (P 0.938, R 0.978), README of
  https://github.com/scrapinghub/article-extraction-benchmark;
- how often the page's title and publication date are recovered where the page
  marks them up (og:title / <title>; article:published_time, datePublished,
  <time datetime>), and whether the date agrees with that markup.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from newsfacts.ingest.html import html_fields

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_AEB = Path(os.environ.get("NEWSFACTS_SHARED_DATA", ROOT.parent / "shared" / "data")) / "aeb"
PUBLISHED_TRAFILATURA = {"f1": 0.958, "precision": 0.938, "recall": 0.978,
                         "source": "AEB README, trafilatura 2.0.0 (shingle metric)"}
TOKEN = re.compile(r"\w+")
SHINGLE = 4
DATE_MARKUP = re.compile(
    r"""(?:article:published_time|datePublished|pubdate|publish[-_]?date|dc\.date)["']?\s*"""
    r"""(?:content|:)\s*=?\s*["']\s*(\d{4}-\d{2}-\d{2})|<time[^>]+datetime=["'](\d{4}-\d{2}-\d{2})""",
    re.IGNORECASE)
TITLE_MARKUP = re.compile(r"""<title[^>]*>\s*([^<]+?)\s*</title>|og:title["']\s+content=["']([^"']+)""",
                          re.IGNORECASE)


def counts(tokens: list[str], n: int) -> Counter:
    if n == 1:
        return Counter(tokens)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_scores(true: str, pred: str, n: int) -> tuple[float, float, float]:
    """(tp, fp, fn) over n-grams of \\w+ tokens, normalised to sum to 1 per page."""
    gold, got = counts(TOKEN.findall(true), n), counts(TOKEN.findall(pred or ""), n)
    tp = sum((gold & got).values())
    fp, fn = sum((got - gold).values()), sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summarise(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean per-page precision and recall, and the F1 of those means (AEB's way)."""
    def ratio(a: float, b: float, both_zero: bool) -> float:
        return 1.0 if both_zero else (a / (a + b) if a + b else 0.0)
    precision = statistics.mean(ratio(tp, fp, fp == fn == 0) for tp, fp, fn in scores if tp + fp > 0)
    recall = statistics.mean(ratio(tp, fn, fp == fn == 0) for tp, fp, fn in scores if tp + fn > 0)
    return {"precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(2 * precision * recall / (precision + recall), 3)}


def markup(pattern: re.Pattern, html: str) -> str | None:
    found = pattern.search(html)
    return next((g for g in found.groups() if g), None) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    from trafilatura import extract

    truth = json.loads((args.aeb / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit]
    ours: dict[int, list] = {1: [], SHINGLE: []}
    plain: dict[int, list] = {1: [], SHINGLE: []}
    meta = Counter()
    ours_seconds = 0.0
    started = time.perf_counter()
    for key in keys:
        html = gzip.decompress((args.aeb / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        url, gold = truth[key].get("url"), truth[key].get("articleBody", "")
        clock = time.perf_counter()
        fields = html_fields(html, url=url) or {}
        ours_seconds += time.perf_counter() - clock
        baseline = extract(html, url=url) or ""
        for n in (1, SHINGLE):
            ours[n].append(page_scores(gold, fields.get("text", ""), n))
            plain[n].append(page_scores(gold, baseline, n))
        count_metadata(meta, html, fields)
    seconds = time.perf_counter() - started
    print(f"AEB: {len(keys)} pages, {seconds:.0f} s for both extractions "
          f"({len(keys) / seconds:.1f} pages/s); ours alone {ours_seconds / len(keys) * 1000:.0f} ms "
          f"a page; load average {os.getloadavg()[0]:.1f}")
    print(f"{'extractor':<34}{'token P':>9}{'token R':>9}{'token F1':>9}"
          f"{'shingle P':>11}{'shingle R':>11}{'shingle F1':>11}")
    for name, scores in (("newsfacts (ingest.html)", ours), ("trafilatura.extract defaults, here", plain)):
        token, shingle = summarise(scores[1]), summarise(scores[SHINGLE])
        print(f"{name:<34}{token['precision']:>9.3f}{token['recall']:>9.3f}{token['f1']:>9.3f}"
              f"{shingle['precision']:>11.3f}{shingle['recall']:>11.3f}{shingle['f1']:>11.3f}")
    p = PUBLISHED_TRAFILATURA
    print(f"{'trafilatura 2.0.0, published':<34}{'':>27}{p['precision']:>11.3f}{p['recall']:>11.3f}"
          f"{p['f1']:>11.3f}   ({p['source']})")
    print(f"title: recovered on {meta['title']}/{len(keys)} pages; "
          f"{meta['title_markup']} have <title>/og:title, {meta['title_agrees']} of ours agree with it")
    print(f"date: recovered on {meta['date']}/{len(keys)} pages; {meta['date_markup']} mark a date up, "
          f"on {meta['date_found_where_marked']} of those we have one, "
          f"{meta['date_agrees']} equal to the marked-up date")


def count_metadata(meta: Counter, html: str, fields: dict) -> None:
    title, date = fields.get("title"), fields.get("published")
    marked_title, marked_date = markup(TITLE_MARKUP, html), markup(DATE_MARKUP, html)
    meta["title"] += bool(title)
    meta["title_markup"] += bool(marked_title)
    if title and marked_title:
        a, b = _norm(title), _norm(marked_title)
        meta["title_agrees"] += bool(a) and (a in b or b in a)
    meta["date"] += bool(date)
    if marked_date:
        meta["date_markup"] += 1
        meta["date_found_where_marked"] += bool(date)
        meta["date_agrees"] += bool(date) and str(date)[:10] == marked_date


def _norm(text: str) -> str:
    import html as html_lib
    return " ".join(TOKEN.findall(html_lib.unescape(text).lower()))


if __name__ == "__main__":
    main()
