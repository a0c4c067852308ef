"""`newsfacts serve`: the web page and JSON API over an archive (a thin shell over newsfacts.web)."""
from __future__ import annotations

import os
from pathlib import Path

import click

from .web.settings import DEFAULT_MAX_BODY, ENV_DB, ENV_MAX_BODY


def serve_archive(db_path: str, host: str, port: int, workers: int = 1,
                  max_body: int = DEFAULT_MAX_BODY) -> None:
    """Run the web app over db_path with uvicorn until interrupted."""
    import uvicorn
    if not Path(db_path).is_file():
        raise click.ClickException(f"{db_path}: no such archive; create it with "
                                   f"`newsfacts ingest PATH --db {db_path}` or `newsfacts demo`")
    click.echo(f"newsfacts: serving {db_path} at http://{host}:{port}/ (Ctrl+C stops)")
    if workers > 1:  # several processes: each builds its app from the environment
        os.environ[ENV_DB], os.environ[ENV_MAX_BODY] = db_path, str(max_body)
        uvicorn.run("newsfacts.web.app:create_app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
        return
    from .web import create_app
    uvicorn.run(create_app(db_path, max_body=max_body), host=host, port=port, log_level="warning")


def serve_command(db_path: str, host: str, port: int, workers: int, max_body: int) -> None:
    """Serve an archive as a web page and a JSON API (FastAPI on uvicorn).

    Pages: articles with every fact highlighted, entities with their timeline chart,
    search over articles and quotes, a form to paste an article. JSON under /api,
    described by /openapi.json.

    Example: newsfacts serve --db news.db --port 8000
    """
    serve_archive(db_path, host, port, workers, max_body)


def register_web_commands(cli: click.Group) -> None:
    from .cli_archive import DB_OPTION
    command = serve_command
    for decorate in reversed([
            DB_OPTION,
            click.option("--host", default="127.0.0.1", show_default=True,
                         help="Interface to listen on (0.0.0.0 for every one)."),
            click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535)),
            click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
                         help="Server processes."),
            click.option("--max-body", default=DEFAULT_MAX_BODY, show_default=True,
                         type=click.IntRange(1), help="Largest request body in bytes (larger: 413).")]):
        command = decorate(command)
    cli.command(name="serve", help=serve_command.__doc__)(command)
