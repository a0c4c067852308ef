"""Archive commands (ingest, entity, timeline, quotes, search, demo), added to the CLI group."""
from __future__ import annotations

import click


def register_archive_commands(cli: click.Group) -> None:
    """Add the archive commands to the newsfacts command group."""
