"""The newsfacts command line: thin commands over the library."""
from __future__ import annotations

import importlib
import json

import click

from .cli_archive import register_archive_commands
from .errors import NewsfactsError


@click.group()
@click.version_option(package_name="newsfacts")
def cli() -> None:
    """newsfacts: news articles in, checkable facts out."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "jsonl"]),
              default="markdown", show_default=True)
def extract(inputs: tuple[str, ...], published: str | None, fmt: str) -> None:
    """Extract the facts of articles: .txt, .html, news-please .json, .jsonl or - (stdin).

    Example: newsfacts extract story.txt --published 2024-01-26
    """
    from .api import extract_many
    from .ingest.readers import read_inputs  # noqa: F401  (being written)
    raise click.ClickException("extract: being written")


EVALS = {
    "timeml": "TimeML files with <DCT> and gold <TIMEX3> (TempEval-3 scoring).",
    "meantime": "MEANTIME CAT XML files: TIMEX3 annotations scored like TempEval-3.",
    "polnear": "PolNeAR folder with text/, attributions/ and metadata.tsv.",
    "meantime-xdoc": "MEANTIME cross-document entity coreference (MUC, B3, CEAF-e, CoNLL F1).",
    "timeline": "SemEval-2015 Task 4 TimeLine data: per-entity timelines from raw articles.",
}


@cli.group(name="eval")
def eval_group() -> None:
    """Score the extractors on annotated data."""


def _make_eval(name: str, help_text: str) -> None:
    @eval_group.command(name=name, help=help_text)
    @click.argument("directory", type=click.Path(exists=True, file_okay=False))
    @click.option("--out", type=click.Path(file_okay=False),
                  help="Write predictions here in the data set's own format.")
    def command(directory: str, out: str | None) -> None:
        module = importlib.import_module(f"newsfacts.eval.{name.replace('-', '_')}")
        try:
            table, summary = module.run(directory, out=out)
        except NewsfactsError as err:
            raise click.ClickException(str(err)) from None
        click.echo(table)
        click.echo(json.dumps(summary, indent=2))


for _name, _help in EVALS.items():
    _make_eval(_name, _help)


register_archive_commands(cli)


def main() -> None:
    cli()
