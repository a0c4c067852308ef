"""newsfacts: news articles in, checkable facts out."""
import logging

from .api import extract, extract_article, extract_many, schema_path, validate
from .article import Article, make_article
from .errors import NewsfactsError
from .pipeline.nlp import load_nlp
from .schema import SCHEMA, Facts

__all__ = ["extract", "extract_article", "extract_many", "schema_path", "validate", "Article", "make_article",
           "Facts", "SCHEMA", "NewsfactsError", "load_nlp"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
