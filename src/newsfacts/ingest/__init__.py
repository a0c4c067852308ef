"""Ingestion: files, folders, stdin, HTML and news-please JSON -> Articles."""
from .html import html_fields, read_html
from .readers import Failure, Item, iter_files, read_bytes, read_file, read_inputs

__all__ = ["Failure", "Item", "html_fields", "iter_files", "read_bytes", "read_file",
           "read_html", "read_inputs"]
