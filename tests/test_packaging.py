"""What `pip install .` (not editable) puts in the package: every file the code
reads at run time, so the Quickstart's `pip install . && newsfacts demo` works."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsfacts"


def shipped_data() -> set[Path]:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["newsfacts"]
    return {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}


def test_package_data_covers_every_file_the_package_reads():
    needed = {path for path in PACKAGE.rglob("*")
              if path.is_file() and path.suffix not in (".py", ".pyc")}
    assert needed, "the package has data files"
    missing = sorted(str(path.relative_to(PACKAGE)) for path in needed - shipped_data())
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
