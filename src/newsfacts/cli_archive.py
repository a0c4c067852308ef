"""Archive commands (ingest, entity, timeline, quotes, search, demo), added to the CLI group.

Each command is a thin shell over newsfacts.store.Archive; output formats live in
newsfacts.store.output.
"""
from __future__ import annotations

from pathlib import Path

import click

DB_OPTION = click.option("--db", "db_path", default="news.db", show_default=True,
                         envvar="NEWSFACTS_DB", type=click.Path(dir_okay=False),
                         help="The archive (SQLite file); also $NEWSFACTS_DB.")
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                             default="table", show_default=True)


def open_archive(db_path: str, *, readonly: bool = True):
    from .store import Archive
    try:
        return Archive(db_path, readonly=readonly)
    except FileNotFoundError:
        if Path(db_path).exists():  # a file of the package itself is missing: a broken install
            raise
        raise click.ClickException(f"{db_path}: no such archive; create it with "
                                   f"`newsfacts ingest PATH --db {db_path}` or `newsfacts demo`") from None


def ingest_command(inputs: tuple[str, ...], db_path: str, published: str | None,
                   batch_size: int, quiet: bool, parquet: str | None) -> None:
    """Extract articles and store them with all their facts: .txt, .html, news-please .json, .jsonl.

    Articles already stored (same text) are skipped; a failed input is reported and
    the rest go on. Killing the command leaves the archive consistent: run it again
    to finish. --parquet DIR loads the output of `newsfacts batch` instead, without
    extracting again.

    Example: newsfacts ingest articles/ more.jsonl --db news.db
    """
    from .ingest.readers import read_inputs
    from .store.progress import ingest_with_progress
    if bool(inputs) == bool(parquet):
        raise click.UsageError("give either INPUTS or --parquet DIR")
    archive = open_archive(db_path, readonly=False)
    with archive:
        if parquet:
            report = archive.ingest_parquet(parquet)
        else:
            report = ingest_with_progress(archive, read_inputs(list(inputs), published=published),
                                          batch_size=batch_size, quiet=quiet)
        click.echo(f"added {report.added}, skipped {report.skipped} (already stored), "
                   f"failed {len(report.failed)}; archive: {archive.count('articles')} articles, "
                   f"{archive.count('archive_entities')} entities")
        for name, reason in report.failed:
            click.echo(f"  failed: {name}: {reason}", err=True)


def entity_command(name: str, db_path: str, fmt: str) -> None:
    """Everything the archive knows about an entity: names, attributes over time,
    articles, why its mentions were joined, quotes by and about it, its timeline.

    Example: newsfacts entity "Steve Jobs" --db news.db
    """
    from .store.output import show_entity
    with open_archive(db_path) as archive:
        profile = archive.entity(name)
        if profile is None:
            raise click.ClickException(f"no entity called {name!r} in {db_path}")
        others = [e for e in archive.find_entities(name, limit=6) if e["id"] != profile["id"]]
    click.echo(show_entity(profile, others, fmt))


def timeline_command(name: str | None, story: str | None, db_path: str, fmt: str, limit: int) -> None:
    """Events in date order, for an entity (NAME) or a story (--story QUERY), each with
    its normalised date (vague dates placed at their start and marked), sentence and article.

    Example: newsfacts timeline "Steve Jobs" --db news.db; newsfacts timeline --story iPhone
    """
    from .store.output import render
    if not name and not story:
        raise click.UsageError("give an entity NAME or --story QUERY")
    from .resolve.timeline import label_story_rows
    with open_archive(db_path) as archive:
        events = archive.timeline(name, story=story, limit=limit)
        if story:  # each article labelled by its main event (read from its stored facts)
            events = label_story_rows([dict(e) for e in events], archive.facts)
    columns = ["sort_date", "vague", "date", "precision", "role", "event", "sentence", "title",
               "published", "article_id"]
    if story:
        columns = ["sort_date", "vague", "date", "precision", "main_event", "event", "sentence",
                   "published", "article_id"]
    click.echo(render(events, columns, fmt))


def quotes_command(speaker, about, since, contains, db_path, fmt, limit) -> None:
    """Quotes, filtered by who said them, whom they mention, date and words.

    Example: newsfacts quotes --speaker Jobs --contains iPhone --since 2007-01-01
    """
    from datetime import date
    from .store.output import render
    if since:
        try:
            since = date.fromisoformat(since).isoformat()
        except ValueError:
            raise click.BadParameter(f"{since!r} is not a date (YYYY-MM-DD)", param_hint="--since") from None
    with open_archive(db_path) as archive:
        found = archive.quotes(speaker=speaker, about=about, since=since, contains=contains,
                               limit=limit)
    click.echo(render(found, ["published", "speaker", "kind", "text", "title", "article_id"], fmt))


def search_command(text: str, db_path: str, fmt: str, limit: int) -> None:
    """Full-text search (SQLite FTS5) over article titles, texts and quotes.

    Plain words must all occur; FTS5 syntax ("exact phrase", OR, NOT, prefix*) works too.
    Example: newsfacts search "witch hunt" --db news.db
    """
    from .store.output import render
    with open_archive(db_path) as archive:
        found = archive.search(text, limit=limit)
    click.echo(render(found, ["kind", "published", "title", "snippet", "article_id"], fmt))


def demo_command(db_path: str, quiet: bool, no_serve: bool, host: str, port: int) -> None:
    """Build a demo archive from the bundled MEANTIME Wikinews articles (CC BY 4.0),
    print what to try next, then serve it as a web page (Ctrl+C stops; --no-serve
    only builds it).

    Example: newsfacts demo --db demo.db; newsfacts demo --no-serve
    """
    from .store.demo import DEMO_HINTS, demo_articles, demo_credits
    from .store.progress import ingest_with_progress
    archive = open_archive(db_path, readonly=False)
    with archive:
        report = ingest_with_progress(archive, demo_articles(), quiet=quiet)
        stats = archive.stats()
    click.echo(f"demo archive {db_path}: added {report.added}, skipped {report.skipped}; "
               f"{stats['articles']} articles, {stats['archive_entities']} entities, "
               f"{stats['quotes']} quotes, {stats['events']} events")
    click.echo(demo_credits())
    click.echo(DEMO_HINTS.format(db=db_path))
    if not no_serve:
        from .cli_web import serve_archive
        serve_archive(db_path, host, port)


def _command(cli: click.Group, name: str, func, *decorators) -> None:
    for decorate in reversed(decorators):
        func = decorate(func)
    cli.command(name=name, help=func.__doc__)(func)


def register_archive_commands(cli: click.Group) -> None:
    """Add the archive commands to the newsfacts command group."""
    quiet = click.option("--quiet", is_flag=True, help="No progress bar.")
    limit = click.option("--limit", default=200, show_default=True, help="At most this many rows.")
    _command(cli, "ingest", ingest_command, click.argument("inputs", nargs=-1),
             DB_OPTION, click.option("--published", help="Date (YYYY-MM-DD) for inputs that carry none."),
             click.option("--batch-size", default=16, show_default=True), quiet,
             click.option("--parquet", type=click.Path(exists=True, file_okay=False),
                          help="A `newsfacts batch` output folder to load instead of INPUTS."))
    _command(cli, "entity", entity_command, click.argument("name"), DB_OPTION, FORMAT_OPTION)
    _command(cli, "timeline", timeline_command, click.argument("name", required=False),
             click.option("--story", help="A full-text query that selects the story's articles."),
             DB_OPTION, FORMAT_OPTION, limit)
    _command(cli, "quotes", quotes_command, click.option("--speaker", help="Who said it."),
             click.option("--about", help="An entity mentioned in the quote."),
             click.option("--since", help="Published on or after YYYY-MM-DD."),
             click.option("--contains", help="Words in the quote (FTS5)."), DB_OPTION, FORMAT_OPTION, limit)
    _command(cli, "search", search_command, click.argument("text"), DB_OPTION, FORMAT_OPTION,
             click.option("--limit", default=20, show_default=True))
    _command(cli, "demo", demo_command,
             click.option("--db", "db_path", default="newsfacts-demo.db", show_default=True,
                          type=click.Path(dir_okay=False)), quiet,
             click.option("--no-serve", is_flag=True, help="Build the archive only; do not start the web server."),
             click.option("--host", default="127.0.0.1", show_default=True, help="Web server interface."),
             click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
                          help="Web server port."))
