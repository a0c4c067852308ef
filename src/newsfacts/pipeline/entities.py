"""Entities: NER mentions grouped into entities by in-document coreference.

The work is done in the package newsfacts.pipeline.entity (see docs/entities.md);
this module keeps the interface the other extractors import.
"""
from __future__ import annotations

from .entity import EntityLookup, extract_entities
from .entity.mentions import KEEP

__all__ = ["extract_entities", "EntityLookup", "KEEP"]
