"""`mkdocs serve` watches the posts folder: adding, editing and deleting a post shows on the next reload."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generated import generate
from sitekit import make_site, post_text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(check: Callable[[], bool], seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    files, _ = generate(3)
    make_site(tmp_path, files)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: "Story 1" in fetch(base + "/news/")), "serve did not start"
        yield base, tmp_path / "posts"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_add_edit_delete_show_on_reload(served: tuple[str, Path]) -> None:
    base, posts = served
    new = posts / "added.md"
    new.write_text(post_text("Freshly added post", categories=["Tech"]), encoding="utf-8")
    assert wait_for(lambda: "Freshly added post" in fetch(base + "/news/"))
    new.write_text(post_text("Edited title", categories=["Tech"]), encoding="utf-8")
    assert wait_for(lambda: "Edited title" in fetch(base + "/news/") and "Freshly" not in fetch(base + "/news/"))
    new.unlink()
    assert wait_for(lambda: "Edited title" not in fetch(base + "/news/"))
