"""Rebuild the bundled demo articles from MEANTIME (English, corpus_apple).

The 30 Wikinews articles of the NewsReader MEANTIME corpus (CC BY 4.0) are
rebuilt as plain text (title, dateline, body) from their CAT XML tokens and
written, one article a line, to src/newsfacts/data/demo/meantime_wikinews.jsonl.

Usage: python scripts/build_demo_data.py [MEANTIME_DIR]
       (default: ../shared/data/meantime/intra_cross-doc_annotation/corpus_apple)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from newsfacts.eval.cat_text import read_cat

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "meantime" / "intra_cross-doc_annotation" / "corpus_apple"
TARGET = ROOT / "src" / "newsfacts" / "data" / "demo" / "meantime_wikinews.jsonl"


def demo_records(source: Path) -> list[dict]:
    records = []
    for path in sorted(source.glob("*.xml")):
        doc = read_cat(path)
        records.append({"id": f"wikinews-{doc.doc_id}", "title": doc.title, "published": doc.published,
                        "url": doc.url, "source": "Wikinews (via NewsReader MEANTIME, CC BY 4.0)",
                        "text": doc.text})
    return sorted(records, key=lambda r: (r["published"] or "", r["id"]))


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    if not source.is_dir():
        sys.exit(__doc__ + f"\nerror: {source} is not a folder of MEANTIME CAT XML files")
    records = demo_records(source)
    if not records:
        sys.exit(f"error: no CAT XML files in {source}; the demo data is left as it was")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} articles to {TARGET}")


if __name__ == "__main__":
    main(sys.argv)
