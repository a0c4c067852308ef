import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("NEWSFACTS_SHARED_DATA", ROOT.parent / "shared" / "data"))
SEED = SHARED_DATA / "seed" / "carroll-trump-closing-arguments.txt"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared development data is not beside this clone")
    return path


@pytest.fixture(scope="session")
def nlp():
    from newsfacts import load_nlp
    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract(text, published=...) -> Facts, sharing one loaded pipeline."""
    from newsfacts import extract as _extract

    def run(text, published="2024-01-26", **meta):
        return _extract(text, published=published, nlp=nlp, **meta)
    return run


@pytest.fixture(scope="session")
def seed_facts(extract):
    return extract(need_shared(SEED).read_text(encoding="utf-8"), published="2024-01-26")
