"""The newsfacts command line: thin commands over the library."""
from __future__ import annotations

import importlib
import json
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import click

from .api import extract_many
from .article import Article, parse_published
from .cli_archive import register_archive_commands
from .errors import NewsfactsError, NewsfactsWarning
from .ingest.readers import Failure, Item, read_inputs
from .pipeline.nlp import load_nlp
from .render.markdown import render_markdown
from .schema import Facts


@click.group()
@click.version_option(package_name="newsfacts")
def cli() -> None:
    """newsfacts: news articles in, checkable facts out."""


@contextmanager
def reported_warnings() -> Iterator[None]:
    """Show newsfacts' warnings on stderr as one plain line each, every time."""
    def show(message, category, filename, lineno, file=None, line=None):
        click.echo(f"warning: {message}", err=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always", NewsfactsWarning)
        warnings.showwarning = show
        yield


def check_published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return parse_published(value, name="--published")
    except NewsfactsError as err:
        raise click.BadParameter(str(err)) from None


published_option = click.option(
    "--published", callback=check_published, metavar="YYYY-MM-DD",
    help="Publication date for inputs that carry none of their own.")
pipeline_option = click.option(
    "--pipeline", metavar="NAME|PATH", default=None,
    help="spaCy pipeline to use (default: the pinned en_core_web_sm, or $NEWSFACTS_PIPELINE).")


class FailureLog:
    """Counts inputs and reports each failed one on stderr, naming it and the reason."""

    def __init__(self) -> None:
        self.failed = 0
        self.seen = 0

    def articles(self, items: Iterable[Item]) -> Iterator[Article]:
        for item in items:
            self.seen += 1
            if isinstance(item, Failure):
                self.report(str(item))
            else:
                yield item

    def report(self, message: str) -> None:
        self.failed += 1
        click.echo(f"error: {message}", err=True)

    def on_error(self, article: Article, err: Exception) -> None:
        name = article.id or "article"
        self.report(f"{name}: extraction failed ({type(err).__name__}: {err})")

    def finish(self) -> None:
        """Exit non-zero when any input failed, after everything else came out."""
        if self.failed:
            click.echo(f"{self.failed} of {self.seen} input(s) failed.", err=True)
            raise SystemExit(1)


def render(facts: Facts, fmt: str) -> str:
    if fmt == "jsonl":
        return facts.to_json()
    if fmt == "json":
        return facts.to_json(indent=2)
    return render_markdown(facts)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@published_option
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "jsonl"]),
              default="markdown", show_default=True,
              help="markdown: a fact sheet; json: the newsfacts/1 record (an array for "
                   "several articles); jsonl: one record a line.")
@pipeline_option
def extract(inputs: tuple[str, ...], published: str | None, fmt: str,
            pipeline: str | None) -> None:
    """Extract the facts of articles in INPUTS: .txt, .html, news-please .json and
    .jsonl files, folders of them, or - for standard input.

    A bad input is reported on stderr and skipped; the exit code is then 1.

    Example: newsfacts extract story.txt --published 2024-01-26
    """
    log = FailureLog()
    try:
        nlp = load_nlp(pipeline) if pipeline else load_nlp()  # one cache entry for the default
    except NewsfactsError as err:
        raise click.ClickException(str(err)) from None
    stdin = click.get_binary_stream("stdin")
    with reported_warnings():
        items = read_inputs(inputs, published=published, stdin=stdin)
        results = extract_many(log.articles(items), nlp=nlp, on_error=log.on_error)
        _write(results, fmt)
    log.finish()


def _write(results: Iterable[Facts], fmt: str) -> None:
    if fmt == "json":  # one object, or an array when there are several
        records = [facts.to_dict() for facts in results]
        if records:
            shown = records[0] if len(records) == 1 else records
            click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    for number, facts in enumerate(results):
        if fmt == "markdown" and number:
            click.echo("---\n")
        click.echo(render(facts, fmt))


EVALS = {
    "timeml": "TimeML files with <DCT> and gold <TIMEX3> (TempEval-3 scoring).",
    "meantime": "MEANTIME CAT XML files: TIMEX3 annotations scored like TempEval-3.",
    "polnear": "PolNeAR folder with text/, attributions/ and metadata.tsv.",
    "meantime-xdoc": "MEANTIME cross-document entity coreference (MUC, B3, CEAF-e, CoNLL F1).",
    "meantime-entities": "MEANTIME in-document entity coreference (MUC, B3, CEAF-e, CoNLL F1).",
    "timeline": "SemEval-2015 Task 4 TimeLine data: per-entity timelines from raw articles.",
    "meantime-values": "MEANTIME CAT XML: amounts (VALUE) and event triggers (EVENT_MENTION), P/R/F1.",
    "timeml-events": "TimeML files: event triggers and event-time links (Event.time), P/R/F1.",
    "polnear-agreement": "PolNeAR: annotator against annotator on the articles annotated twice, with the measures of `eval polnear` (the human ceiling).",
    "5w1h": "Giveme5W1H news-please JSON: the main event (who/what/when/where/why/how), P/R.",
}
EVAL_MODULES = {"5w1h": "fivew1h"}  # eval names that are not valid module names


@cli.group(name="eval")
def eval_group() -> None:
    """Score the extractors on annotated data."""


def _make_eval(name: str, help_text: str) -> None:
    @eval_group.command(name=name, help=help_text)
    @click.argument("directory", type=click.Path(exists=True, file_okay=False))
    @click.option("--out", type=click.Path(file_okay=False),
                  help="Write predictions here in the data set's own format.")
    def command(directory: str, out: str | None) -> None:
        module = importlib.import_module(
            f"newsfacts.eval.{EVAL_MODULES.get(name, name.replace('-', '_'))}")
        try:
            table, summary = module.run(directory, out=out)
        except NewsfactsError as err:
            raise click.ClickException(str(err)) from None
        click.echo(table)
        click.echo(json.dumps(summary, indent=2))


for _name, _help in EVALS.items():
    _make_eval(_name, _help)


register_archive_commands(cli)
importlib.import_module("newsfacts.cli_batch").register_batch_commands(cli)
importlib.import_module("newsfacts.cli_web").register_web_commands(cli)


def main() -> None:
    cli()
