"""The layout is the architecture: the engine is pure (no MkDocs, no adapter), and nothing reaches into
MkDocs' private API outside the one module that documents why."""

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
def test_the_engine_imports_nothing_from_mkdocs_or_the_adapter(path: Path) -> None:
    forbidden = {module for module in imported_modules(path)
                 if module.split(".")[0] in ("mkdocs", "properdocs", "material")
                 or module.startswith(("mkdocs_newsarchive.adapter", "mkdocs_newsarchive.plugin",
                                       "mkdocs_newsarchive.config"))}
    assert not forbidden, f"{path.relative_to(PACKAGE)} imports {sorted(forbidden)}"


def test_the_top_level_holds_only_entry_points() -> None:
    modules = {path.name for path in PACKAGE.glob("*.py")}
    assert modules <= {"__init__.py", "__main__.py", "plugin.py", "config.py", "cli.py"}, modules
    assert {path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"} == {
        "engine", "cache", "adapter", "templates", "assets"}
