"""Batch at scale: the per-article extraction mapped over a corpus (local
processes or Ray), written as Parquet tables, read back as newsfacts/1 records.

    from newsfacts.batch import run, read_facts
    report = run(["news.jsonl", "crawl.warc.gz"], "out/", engine="local", workers=2)
    for record in read_facts("out/"): ...

Needs the `batch` extra (pyarrow, warcio; ray[data] for engine="ray").
"""
from .parquet_sink import read_errors, read_facts
from .run import BatchReport, run
from .sources import iter_sources

__all__ = ["run", "BatchReport", "read_facts", "read_errors", "iter_sources", "to_facts"]


def to_facts(record: dict):
    """A Facts object from a newsfacts/1 record (e.g. one from read_facts)."""
    from ..schema import Amount, Entity, Event, Facts, Quote, Speaker, TextSpan, TimeExpr

    def span(value):
        return TextSpan(**value) if value else None
    entities = [Entity(**{**e, "mentions": [TextSpan(**m) for m in e["mentions"]]})
                for e in record["entities"]]
    quotes = [Quote(**{**q, "cue": span(q.get("cue")),
                       "speaker": Speaker(**q["speaker"]) if q.get("speaker") else None,
                       "parts": [TextSpan(**p) for p in q.get("parts") or []]})
              for q in record["quotes"]]
    events = [Event(**{**v, "sentence": span(v.get("sentence"))}) for v in record["events"]]
    return Facts(article=record["article"], entities=entities, quotes=quotes,
                 times=[TimeExpr(**t) for t in record["times"]],
                 amounts=[Amount(**a) for a in record["amounts"]], events=events,
                 main_event=record.get("main_event"))
