from __future__ import annotations

import os
import random

import pytest
from hypothesis import settings

import profiles  # noqa: F401  # registers the Hypothesis profiles
from sitekit import CORPUS

pytest_plugins = ["browser"]  # the browser tests' fixtures: chromium, browser_page

settings.load_profile("ci")  # `--hypothesis-profile=fuzz` replaces it (see profiles.py)

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


@pytest.hookimpl(tryfirst=True)  # before Hypothesis' plugin reads the seed
def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("hypothesis_profile", None) == "fuzz" and config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(random.randrange(2**32))


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.getoption("hypothesis_seed", None)
    profile = config.getoption("hypothesis_profile", None) or "ci"
    shown = f", seed {seed} (again: --hypothesis-seed={seed})" if seed is not None else " (derandomized)"
    return f"property tests: Hypothesis profile {profile!r}{shown}"
