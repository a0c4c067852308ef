"""`newsfacts batch`: a thin shell over newsfacts.batch.run."""
from __future__ import annotations

import json

import click

from .errors import NewsfactsError


def batch_command(inputs: tuple[str, ...], out: str, engine: str, workers: int | None,
                  address: str | None, published: str | None, batch_size: int,
                  articles_per_file: int, quiet: bool) -> None:
    """Extract facts from INPUTS into a Parquet dataset (one table per fact kind).

    INPUTS are files or folders: jsonl, Parquet (columns id, text, published, ...),
    txt, html, news-please json and WARC (e.g. CC-NEWS). Rerunning on the same
    --out skips the articles already done. Failures go to the errors table.

    Example: newsfacts batch news.jsonl crawl.warc.gz --out facts/ --workers 2
    """
    try:
        from .batch import run
        report = run(inputs, out, engine=engine, workers=workers, address=address,
                     published=published, batch_size=batch_size,
                     articles_per_file=articles_per_file, quiet=quiet)
    except ImportError as err:
        raise click.ClickException(f"{err}: install the batch extra: pip install 'newsfacts[batch]'")
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None
    click.echo(json.dumps(report.as_dict(), indent=2))


def register_batch_commands(cli: click.Group) -> None:
    """Add `newsfacts batch` to the newsfacts command group."""
    options = [
        click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True)),
        click.option("--out", required=True, type=click.Path(file_okay=False),
                     help="Output folder of the Parquet tables (resumed when it exists)."),
        click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
                     show_default=True),
        click.option("--workers", type=int, help="Worker processes or Ray actors [default: CPUs]."),
        click.option("--address", help="Ray cluster to join (ray engine); none starts a local one."),
        click.option("--published", help="Date (YYYY-MM-DD) for inputs that carry none."),
        click.option("--batch-size", default=16, show_default=True, help="nlp.pipe batch size."),
        click.option("--articles-per-file", default=10_000, show_default=True,
                     help="Articles per Parquet part file."),
        click.option("--quiet", is_flag=True, help="No progress lines."),
    ]
    command = batch_command
    for decorate in reversed(options):
        command = decorate(command)
    cli.command(name="batch", help=batch_command.__doc__)(command)
