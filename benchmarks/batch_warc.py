"""WARC in, Parquet out: `newsfacts batch` on a WARC file of real news pages.

Usage:
    python benchmarks/batch_warc.py [--aeb DIR] [--copies 2] [--workers 2] [--engine local]

Writes the 181 pages of the Article Extraction Benchmark (../shared/data/aeb)
--copies times into one WARC file (each copy under its own record id, as a
crawl holds many pages), runs newsfacts.batch.run on it and prints pages per
second and the CPU seconds of the main process (the reader) beside the run's
wall time: the HTML extraction runs in the workers, so the reader should stay
a small share of one core.
"""
from __future__ import annotations

import argparse
import gzip
import io
import os
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_AEB = Path(os.environ.get("NEWSFACTS_SHARED_DATA", ROOT.parent / "shared" / "data")) / "aeb"


def write_warc(pages: list[bytes], path: Path, copies: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for copy in range(copies):
            for number, html in enumerate(pages):
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                record = writer.create_warc_record(f"https://news.example/{copy}/{number}", "response",
                                                   payload=io.BytesIO(html), http_headers=headers)
                writer.write_record(record)
    return copies * len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", default="local")
    args = parser.parse_args()
    from newsfacts.batch import run
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((args.aeb / "html").glob("*.html.gz"))]
    with tempfile.TemporaryDirectory(prefix="nf_warc_bench_") as tmp:
        warc = Path(tmp) / "crawl.warc.gz"
        count = write_warc(pages, warc, args.copies)
        if args.engine == "ray":
            from newsfacts.batch.ray_runner import ensure_ray
            ensure_ray(None, args.workers)
        before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        report = run([warc], Path(tmp) / "out", engine=args.engine, workers=args.workers)
        wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
    reader_cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(f"{count} WARC records ({len(pages)} AEB pages x {args.copies}), engine {args.engine}, "
          f"{args.workers} workers, {os.cpu_count()} CPUs")
    print(f"{report.done} extracted, {report.failed} failed in {wall:.1f} s: "
          f"{count / wall:.2f} pages/s")
    print(f"main process (reader and writer): {reader_cpu:.1f} CPU s, {reader_cpu / wall:.0%} of one core")


if __name__ == "__main__":
    main()
