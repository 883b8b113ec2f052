"""Golden conversions: input HTML and the Markdown we judged right, read and reviewed when written.

Regenerate after a deliberate change with `pytest tests/test_golden.py --update-goldens`, then review the
diff of tests/golden/*.md before committing it.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_newsarchive.engine.convert.audit import audit
from mkdocs_newsarchive.engine.convert.blocks import join_markdown
from mkdocs_newsarchive.engine.convert.body import convert_body
from mkdocs_newsarchive.engine.problems import ProblemLog

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.html"))
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "def_list"]


def convert(name: str) -> str:
    html = (GOLDEN / f"{name}.html").read_text(encoding="utf-8")
    blocks, _ = convert_body(html, ProblemLog(name))
    return join_markdown(blocks)


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, request: pytest.FixtureRequest) -> None:
    expected_file = GOLDEN / f"{name}.md"
    actual = convert(name)
    if request.config.getoption("--update-goldens"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_golden_renders_completely(name: str) -> None:
    """Rendered with what the plugin enables, the page keeps every block, link, image and code block of the
    cleaned source, and shows no Markdown syntax that the source did not have as text."""
    source = (GOLDEN / f"{name}.html").read_text(encoding="utf-8")
    blocks, _ = convert_body(source, ProblemLog(name))
    html = markdown.markdown(join_markdown(blocks), extensions=EXTENSIONS)
    assert audit(blocks, html) == []
    shown = BeautifulSoup(html, "lxml").get_text()
    source_text = BeautifulSoup(source, "lxml").get_text()
    for marker in ("**", "](", "{ ", "\\", "&amp;", "&lt;", 'markdown="', "<"):
        assert shown.count(marker) <= source_text.count(marker), (name, marker, shown)
