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


WEB_DEMO_ARTICLES = (1, 6, 11, 14, 21, 26, 28, 29)  # demo articles with quotes, Steve Jobs, vague dates


@pytest.fixture(scope="session")
def web_archive(tmp_path_factory, nlp):
    """A small real archive (8 bundled demo articles) for the web tests; read-only by
    convention: a test that writes copies it first."""
    from newsfacts.store import Archive
    from newsfacts.store.demo import demo_articles
    path = tmp_path_factory.mktemp("web") / "demo8.db"
    chosen = [a for i, a in enumerate(demo_articles()) if i in WEB_DEMO_ARTICLES]
    with Archive(path) as archive:
        archive.ingest(chosen, nlp=nlp)
    return path
