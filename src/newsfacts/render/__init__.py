"""Renderers: Facts -> text for people (markdown fact sheets)."""
from .markdown import render_markdown

__all__ = ["render_markdown"]
