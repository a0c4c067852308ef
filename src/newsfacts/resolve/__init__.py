"""Cross-article resolution: one archive entity per person or organisation; timelines."""
from .entities import resolve_archive, resolve_candidates
from .timeline import date_sort_key

__all__ = ["resolve_archive", "resolve_candidates", "date_sort_key"]
