from __future__ import annotations

import os

import pytest

from sitekit import CORPUS

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def corpus() -> object:
    """The real corpus in ../shared: skipped when absent, but a failure in CI, which must have it."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the real corpus is missing at {CORPUS}")
        pytest.skip(f"real corpus not found at {CORPUS} (it lives in ../shared beside the checkout)")
    return CORPUS


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/*.md from the converter")
