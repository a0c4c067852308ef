"""Parse texts once per pipeline and cache the Docs (DocBin) under the temp folder."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from spacy.tokens import Doc, DocBin


def cache_dir() -> Path:
    return Path(os.environ.get("NEWSFACTS_EVAL_CACHE", Path(tempfile.gettempdir()) / "nf_cache_archive"))


def parse_cached(texts: list[str], name: str, nlp=None) -> list[Doc]:
    from ..pipeline.nlp import load_nlp
    nlp = nlp or load_nlp()
    digest = hashlib.sha1("\x00".join([nlp.meta.get("name", ""), ",".join(nlp.pipe_names), *texts]).encode()).hexdigest()[:16]
    path = cache_dir() / f"{name}-{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs
