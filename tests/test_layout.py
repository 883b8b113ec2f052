"""The layout is the architecture: the engine is pure (no MkDocs, no adapter, no cache: what it remembers
goes through its Memory port), entry points alone at the top, and modules and functions small enough to read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mkdocs_newsarchive"


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


ENGINE = sorted((PACKAGE / "engine").rglob("*.py"))


@pytest.mark.parametrize("path", ENGINE, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_the_engine_imports_nothing_from_mkdocs_the_adapter_or_the_cache(path: Path) -> None:
    forbidden = {module for module in imported_modules(path)
                 if module.split(".")[0] in ("mkdocs", "properdocs", "material")
                 or module.startswith(("mkdocs_newsarchive.adapter", "mkdocs_newsarchive.plugin",
                                       "mkdocs_newsarchive.config", "mkdocs_newsarchive.cache"))}
    assert not forbidden, f"{path.relative_to(PACKAGE)} imports {sorted(forbidden)}"


def test_the_top_level_holds_only_entry_points() -> None:
    modules = {path.name for path in PACKAGE.glob("*.py")}
    assert modules <= {"__init__.py", "__main__.py", "plugin.py", "config.py", "cli.py"}, modules
    assert {path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"} == {
        "engine", "cache", "adapter", "console", "templates", "assets"}


MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 450, 50


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, long
