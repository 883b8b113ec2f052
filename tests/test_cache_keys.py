"""What each cache key is made of: changing an input it names changes it, changing anything else does not."""

from __future__ import annotations

from pathlib import Path

from mkdocs_newsarchive.cache.keys import PACKAGE_DIR, code_hash, engine_hash


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_the_code_hash_covers_every_python_file_in_every_subpackage(tmp_path: Path) -> None:
    files = {"plugin.py": "a = 1\n", "engine/read/meta.py": "b = 2\n", "cache/store.py": "c = 3\n"}
    before = code_hash(_tree(tmp_path / "one", files))
    assert code_hash(_tree(tmp_path / "two", files)) == before  # where the package lies does not count
    deep = code_hash(_tree(tmp_path / "three", {**files, "engine/read/meta.py": "b = 3\n"}))
    moved = code_hash(_tree(tmp_path / "four", {"plugin.py": "a = 1\n", "engine/meta.py": "b = 2\n",
                                                 "cache/store.py": "c = 3\n"}))
    added = code_hash(_tree(tmp_path / "five", {**files, "adapter/new.py": ""}))
    assert len({before, deep, moved, added}) == 4


def test_the_code_hash_ignores_what_is_not_python(tmp_path: Path) -> None:
    files = {"plugin.py": "a = 1\n"}
    assert code_hash(_tree(tmp_path / "one", files)) == code_hash(
        _tree(tmp_path / "two", {**files, "templates/post.md.j2": "x", "__pycache__/plugin.pyc": "y"}))


def test_the_engine_hash_is_the_whole_package() -> None:
    assert PACKAGE_DIR.name == "mkdocs_newsarchive" and (PACKAGE_DIR / "plugin.py").is_file()
    assert engine_hash() == code_hash(PACKAGE_DIR)
