"""Web load benchmark: requests per second of the article and search endpoints on a
10,000-article archive, measured with wrk (Debian's `wrk` package) over loopback.

    python benchmarks/web_load.py [--db PATH] [--articles 10000] [--duration 10]
                                  [--connections 16] [--threads 2] [--workers 1]

The archive is built once (as benchmarks/archive_speed.py builds it: the 30 demo
articles parsed once, their facts copied until --articles are stored, then
resolved) and reused by later runs from --db. `newsfacts serve` runs in a
subprocess; each endpoint gets a short warm-up, then --duration seconds of wrk
with random article ids / search words (a Lua script), so nothing is served
twice from one cache line. Prints requests/s and latency (average, p50, p99) per
endpoint and the machine load (1-minute load average) before and after.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = Path(tempfile.gettempdir()) / "nf_web_bench" / "archive-10000.db"
SEARCH_WORDS = ["iPhone", "Apple", "Jobs", "trademark", "iPod", "music", "price", "court", "Beatles",
                "Macintosh", "software", "store"]
ENDPOINTS = {  # name -> Lua body returning the request path
    "GET /api/articles/{id} (JSON)": 'return wrk.format(nil, "/api/articles/" .. math.random(1, N))',
    "GET /articles/{id} (HTML page)": 'return wrk.format(nil, "/articles/" .. math.random(1, N))',
    "GET /api/search?q=WORD (JSON)": 'return wrk.format(nil, "/api/search?q=" .. WORDS[math.random(#WORDS)])',
    "GET /search?q=WORD (HTML page)": 'return wrk.format(nil, "/search?q=" .. WORDS[math.random(#WORDS)])',
}


def build_archive(path: Path, articles: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from archive_speed import synthetic_archive
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".building")
    for stale in partial.parent.glob(partial.name + "*"):
        stale.unlink()
    synthetic_archive(articles, partial).close()
    partial.rename(path)


def article_count(path: Path) -> int:
    import sqlite3
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "from newsfacts.cli import main; main()", "serve",
               "--db", str(db), "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles?per_page=1", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"the server exited with {server.returncode}")
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start within 30 s")


def lua_script(folder: Path, body: str, n_articles: int) -> Path:
    words = ", ".join(f'"{w}"' for w in SEARCH_WORDS)
    script = folder / f"s{abs(hash(body))}.lua"
    script.write_text(f"N = {n_articles}\nWORDS = {{{words}}}\nmath.randomseed(42)\n"
                      f"request = function()\n  {body}\nend\n")
    return script


def run_wrk(url: str, script: Path, seconds: int, connections: int, threads: int) -> dict:
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
    def ms(value: str, unit: str) -> float:
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
    avg = re.search(r"Latency\s+([\d.]+)(us|ms|s|m)\b", out)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s|m)\b", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s|m)\b", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "avg_ms": ms(*avg.groups()), "p50_ms": ms(*p50.groups()), "p99_ms": ms(*p99.groups()),
            "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(1) if errors else ""}


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    if not args.db.exists():
        print(f"building {args.articles} articles into {args.db} (once; reused by later runs)", flush=True)
        build_archive(args.db, args.articles)
    n_articles = article_count(args.db)
    port = free_port()
    server = start_server(args.db, port, args.workers)
    folder = Path(tempfile.mkdtemp(prefix="nf_wrk_"))
    try:
        print(f"archive {args.db}: {n_articles} articles; server: {args.workers} uvicorn worker(s); "
              f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s; {os.cpu_count()} CPUs; "
              f"load before {load()}", flush=True)
        print(f"{'endpoint':<34}{'req/s':>9}{'avg ms':>9}{'p50 ms':>9}{'p99 ms':>9}{'requests':>10}{'non-2xx':>9}")
        for name, body in ENDPOINTS.items():
            script = lua_script(folder, body, n_articles)
            run_wrk(f"http://127.0.0.1:{port}", script, 2, args.connections, args.threads)  # warm-up
            r = run_wrk(f"http://127.0.0.1:{port}", script, args.duration, args.connections, args.threads)
            print(f"{name:<34}{r['rps']:>9.1f}{r['avg_ms']:>9.1f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
                  f"{r['requests']:>10}{r['non_2xx']:>9}" + (f"  socket errors: {r['socket_errors']}"
                                                           if r["socket_errors"] else ""), flush=True)
        print(f"load after {load()}")
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
