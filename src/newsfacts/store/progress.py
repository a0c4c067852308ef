"""Ingest with a rich progress bar that counts added, skipped and failed articles."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .archive import Archive, IngestReport


def ingest_with_progress(archive: Archive, items: Iterable[Any], *, batch_size: int = 16,
                         quiet: bool = False) -> IngestReport:
    if quiet:
        return archive.ingest(items, batch_size=batch_size)
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.completed} inputs"), TimeElapsedColumn())
    from rich.console import Console
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task("ingesting", total=None)

        def update(report: IngestReport) -> None:
            progress.update(task, completed=report.added + report.skipped + len(report.failed),
                            description=f"added {report.added} · skipped {report.skipped}"
                                        f" · failed {len(report.failed)}")
        report = archive.ingest(items, batch_size=batch_size, on_progress=update)
        progress.update(task, description=f"added {report.added} · skipped {report.skipped}"
                                          f" · failed {len(report.failed)} · resolved")
    return report
