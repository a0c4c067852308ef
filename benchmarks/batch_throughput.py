"""Batch throughput on the PolNeAR train texts, the four settings side by side.

Usage:
    python benchmarks/batch_throughput.py [--texts DIR] [--limit N] [--workers 2]
                                          [--settings parse,extract,local,ray] [--repeat 2]
                                          [--chunk 48]

(a) parse: spaCy's nlp.pipe alone, one process;
(b) extract: newsfacts.extract_many (parse + every extractor) and each record's
    to_dict, one process;
(c) local: newsfacts.batch.run, local engine, --workers processes, reading a
    jsonl and writing the Parquet tables;
(d) ray: the same with the Ray engine and --workers actors. The local Ray
    instance is started, and given one tiny Ray Data job, before the clock
    starts, as on a cluster that is already running Ray Data: Ray Data's
    detached system actors (stats, autoscaling coordinator) then exist and
    idle workers have Ray Data imported.
Every setting's seconds include loading its pipelines (imports and model): (a)
and (b) time their own load, (c) and (d) start their workers or actors inside
the run.
This machine's speed drifts by 10-25% within minutes, so (a) and (b) run in two
processes of their own that take turns chunk by chunk (--chunk articles, the
first to go alternating) over the same texts: each sums its own wall seconds,
and drift costs both alike. (c) and (d) are whole runs. Each round runs the
steps in alternating order ((a)+(b), c, d, then d, c, (a)+(b)); a ratio counts
from the settings' mean rates (total articles over total seconds of all their
rounds). Every round's figure is printed too. (a) and (b) run with one BLAS
thread, as each worker of (c) and (d) does, so that "one process" means one
core throughout. Prints each process's peak memory, the load average around
each step, the share of the machine's CPU time the hypervisor gave to other
guests during it (steal: this VM's speed drifts with it), and whether (b), (c)
and (d) give identical facts.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = Path(os.environ.get("NEWSFACTS_SHARED_DATA", ROOT.parent / "shared" / "data")
                     ) / "polnear" / "train" / "text"

# (a) and (b) with one BLAS thread, like every worker of (c) and (d)
ONE_PROCESS_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
ONE_PROCESS = ("parse", "extract")


def load_articles(folder: Path, limit: int | None) -> list[dict]:
    """The texts as jsonl-style dicts, dated from metadata.tsv beside text/ when present."""
    metadata = [m for m in (folder.parent / "metadata.tsv", folder.parent.parent / "metadata.tsv")
                if m.exists()]
    dates = read_dates(metadata[0]) if metadata else {}
    paths = sorted(folder.glob("*.txt"))[:limit]
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "published": dates.get(p.stem)}
            for p in paths]


def read_dates(metadata: Path) -> dict[str, str]:
    if not metadata.exists():
        return {}
    rows = [line.split("\t") for line in metadata.read_text(encoding="utf-8").splitlines()]
    name, date = rows[0].index("filename"), rows[0].index("publication_date")
    return {Path(row[name]).stem: row[date] for row in rows[1:] if len(row) > date}


def own_peak_mb() -> float:
    from newsfacts.batch.work import peak_rss_mb
    return peak_rss_mb()


def reset_own_peak() -> None:
    """Start this process's peak memory (VmHWM) afresh once the pipeline is
    loaded, so that the peak is the work's (Linux; elsewhere a no-op)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def digest(record: dict) -> str:
    """A record's fingerprint: (b) holds 840 of these, not 840 records, so that
    its Python heap (and the garbage collector's work) stays that of a batch run."""
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8")).hexdigest()


class OneProcess:
    """(a) or (b) in a process of its own that loads the pipeline once and
    times the chunks it is given."""

    def __init__(self, setting: str, articles: list[dict], batch_size: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_start, initargs=(setting, articles, batch_size))
        self.seconds = 0.0

    def ready(self):
        """A future of the seconds the process took to load its pipeline."""
        return self.pool.submit(_load_seconds)

    def time_chunk(self, start: int, end: int) -> None:
        self.seconds += self.pool.submit(_time_chunk, start, end).result()

    def close(self) -> dict:
        found = self.pool.submit(_finish).result()
        self.pool.shutdown()
        return dict(found, seconds=self.seconds)


_state: dict = {}


def _start(setting: str, articles: list[dict], batch_size: int) -> None:
    started = time.perf_counter()
    from newsfacts import load_nlp
    nlp = load_nlp()
    list(nlp.pipe(["Warm up the pipeline."]))
    _state.update(setting=setting, articles=articles, nlp=nlp, batch_size=batch_size,
                  digests={}, failed=[], load_seconds=time.perf_counter() - started)
    reset_own_peak()


def _load_seconds() -> float:
    return _state["load_seconds"]


def _time_chunk(start: int, end: int) -> float:
    """Wall seconds of the setting's work on articles[start:end]; (b) keeps a
    digest of each record (taken outside the clock), not the record."""
    chunk, nlp, batch_size = _state["articles"][start:end], _state["nlp"], _state["batch_size"]
    started = time.perf_counter()
    if _state["setting"] == "parse":
        for _ in nlp.pipe((a["text"] for a in chunk), batch_size=batch_size):
            pass
        return time.perf_counter() - started
    from newsfacts.api import extract_many
    records = [f.to_dict() for f in extract_many(
        chunk, nlp=nlp, batch_size=batch_size,
        on_error=lambda article, err: _state["failed"].append(article.id))]
    seconds = time.perf_counter() - started
    _state["digests"].update((r["article"]["id"], digest(r)) for r in records)
    return seconds


def _finish() -> dict:
    return {"peak_mb": {"main": round(own_peak_mb(), 1)}, "digests": _state["digests"],
            "failed": len(_state["failed"])}


def bench_one_process(settings: list[str], articles: list[dict], args, keep: dict,
                      round_number: int) -> dict[str, dict]:
    """(a) and/or (b), each in its own process, taking turns chunk by chunk."""
    runners = {name: OneProcess(name, articles, args.batch_size) for name in settings}
    # both load side by side, as the workers of (c) and (d) do, before the turns start
    for runner, loaded in [(runner, runner.ready()) for runner in runners.values()]:
        runner.seconds += loaded.result()
    for number, start in enumerate(range(0, len(articles), args.chunk)):
        order = settings if (number + round_number) % 2 == 0 else settings[::-1]
        for name in order:
            runners[name].time_chunk(start, start + args.chunk)
    results = {name: runner.close() for name, runner in runners.items()}
    if "extract" in results:
        keep["extract"] = results["extract"].pop("digests")
    return results


def bench_batch(source: Path, out: Path, engine: str, workers: int, batch_size: int,
                keep: dict) -> dict:
    from newsfacts.batch import read_facts, run
    if engine == "ray":
        start_ray_cluster(workers)
    report = run([source], out, engine=engine, workers=workers, batch_size=batch_size)
    if engine == "ray":  # Ray's own processes must not share the cores with the other settings
        import ray
        ray.shutdown()
    keep[engine] = {r["article"]["id"]: digest(r) for r in read_facts(out)}
    files = [p for p in out.rglob("*.parquet")]
    size = sum(p.stat().st_size for p in files)
    print(f"  {engine}: {len(files)} Parquet files, {size / max(report.done, 1) / 1024:.1f} KiB "
          f"per article", flush=True)
    return {"seconds": report.seconds, "peak_mb": report.peak_worker_rss_mb,
            "done": report.done, "failed": report.failed}


def start_ray_cluster(workers: int) -> None:
    """A local Ray as `newsfacts batch --engine ray` starts it, then one tiny
    Ray Data job, so that the run meets what a cluster running Ray Data has."""
    import ray.data
    from newsfacts.batch.ray_runner import ensure_ray
    ensure_ray(None, workers)
    ray.data.range(workers, override_num_blocks=workers).map_batches(_same).take_all()


def _same(batch):
    return batch


def cpu_ticks() -> tuple[int, int]:
    """(all, stolen) CPU ticks of the machine so far (Linux /proc/stat; else zeros).
    Stolen ticks are those the hypervisor gave to other guests."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    return sum(fields[:8]), fields[7] if len(fields) > 7 else 0


def run_step(step: list[str], articles: list[dict], source: Path, out: Path, args,
             keep: dict, round_number: int) -> dict[str, dict]:
    load_before, ticks_before = os.getloadavg()[0], cpu_ticks()
    if step[0] in ONE_PROCESS:
        results = bench_one_process(step, articles, args, keep, round_number)
    else:
        results = {step[0]: bench_batch(source, out, step[0], args.workers, args.batch_size, keep)}
    ticks = [after - before for after, before in zip(cpu_ticks(), ticks_before)]
    for result in results.values():
        result["load"] = (round(load_before, 2), round(os.getloadavg()[0], 2))
        result["stolen"] = ticks[1] / ticks[0] if ticks[0] else 0.0
        result["rate"] = len(articles) / result["seconds"]
    return results


def steps_of(settings: list[str]) -> list[list[str]]:
    """(a) and (b) as one step (they take turns chunk by chunk), each engine a step."""
    together = [name for name in settings if name in ONE_PROCESS]
    steps = [[name] for name in settings if name not in ONE_PROCESS]
    if together:
        first = min(settings.index(name) for name in together)
        steps.insert(sum(1 for name in settings[:first] if name not in ONE_PROCESS), together)
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--settings", default="parse,extract,local,ray")
    parser.add_argument("--repeat", type=int, default=2,
                        help="rounds, steps in alternating order ((a)+(b) c d, d c (a)+(b), "
                             "...); ratios count from the mean rates, as the machine's "
                             "speed drifts by 10-25%% within minutes")
    parser.add_argument("--chunk", type=int, default=48,
                        help="articles per turn of (a) and (b)")
    args = parser.parse_args()
    os.environ.update(ONE_PROCESS_ENV)  # before numpy is first imported
    articles = load_articles(args.texts, args.limit)
    settings = args.settings.split(",")
    keep: dict = {}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="nf_batch_bench_") as tmp:
        source = Path(tmp) / "articles.jsonl"
        source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        steps = steps_of(settings)
        for round_number in range(args.repeat):
            for step in steps if round_number % 2 == 0 else steps[::-1]:
                out = Path(tmp) / f"{step[0]}-{round_number}"
                for name, result in run_step(step, articles, source, out, args, keep,
                                             round_number).items():
                    record(results, name, result)
    report(results, len(articles), args.workers, keep)


def record(results: dict[str, dict], name: str, result: dict) -> None:
    kept = results.setdefault(name, {"runs": [], "total_s": 0.0, "loads": [], "stolen": [],
                                     "peak_mb": {}})
    kept["runs"].append(result["rate"])
    kept["total_s"] += result["seconds"]
    kept["loads"].append(result["load"])
    kept["stolen"].append(result["stolen"])
    if sum(result["peak_mb"].values()) > sum(kept["peak_mb"].values()):
        kept["peak_mb"] = result["peak_mb"]
    print(f"  {name}: {result['rate']:.2f} articles/s (load {result['load']}, "
          f"{result['stolen']:.0%} of the CPU stolen by the host)"
          f"{', %d failed' % result['failed'] if result.get('failed') else ''}", flush=True)


def report(results: dict[str, dict], count: int, workers: int, keep: dict) -> None:
    labels = {"parse": "(a) spaCy parse alone, 1 process", "extract": "(b) extract, 1 process",
              "local": f"(c) batch local engine, {workers} processes",
              "ray": f"(d) batch Ray engine, {workers} actors"}
    print(f"\n{count} articles, {os.cpu_count()} CPUs")
    print(f"{'setting':<38}{'mean a/s':>9}  {'every round':<20}"
          f"{'load avg before/after each round':<36}{'CPU stolen':<14}"
          f"peak MiB per worker (highest round)")
    mean = {name: count * len(r["runs"]) / r["total_s"] for name, r in results.items()}
    for name, r in results.items():
        print(f"{labels[name]:<38}{mean[name]:>9.2f}  "
              f"{', '.join(f'{x:.2f}' for x in r['runs']):<20}"
              f"{' '.join(f'{a}/{b}' for a, b in r['loads']):<36}"
              f"{' '.join(f'{x:.0%}' for x in r['stolen']):<14}"
              f"{', '.join(f'{v:.0f}' for v in r['peak_mb'].values())}")
    rounds = {name: r["runs"] for name, r in results.items()}
    for top, bottom, label, target in (("extract", "parse", "(b)/(a)", 0.8),
                                       ("local", "extract", "(c)/(b)", 1.6),
                                       ("ray", "extract", "(d)/(b)", 1.6)):
        if top in mean and bottom in mean:
            each = ", ".join(f"{t / b:.2f}" for t, b in zip(rounds[top], rounds[bottom]))
            print(f"{label} = {mean[top] / mean[bottom]:.2f} from the mean rates "
                  f"(target >= {target}); round by round {each}")
    if len(keep) > 1:
        first, *others = keep
        same = all(keep[o] == keep[first] for o in others)
        print(f"identical facts across {', '.join(keep)}: {same}")


if __name__ == "__main__":
    main()
