"""The archive: SQLite storage of articles and facts, queries, migrations."""
from .archive import Archive, IngestReport
from .migrations import SCHEMA_VERSION, migrate

__all__ = ["Archive", "IngestReport", "SCHEMA_VERSION", "migrate"]
