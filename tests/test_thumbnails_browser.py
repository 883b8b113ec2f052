"""Listing thumbnails in a real browser: each is a fixed box, so an entry is as tall whether its image
loaded, failed or (the same box) is still loading."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import StaticServer, browser_page, chromium, serve_folder  # noqa: F401 (fixtures)
from sitekit import build_site, make_site, post_text

BODY = "<p>The same text in every post, so that only the image can make two entries differ.</p>"


def png(width: int, height: int) -> bytes:
    """A grey PNG of this size: a wide image, to show it is cropped into the box, not stretched."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(params=["material", "mkdocs", "readthedocs"])
def site(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[StaticServer]:
    posts = {
        "loaded.md": post_text("Loaded", body=BODY, date="2022-08-03", headimg="/images/wide.png"),
        "missing.md": post_text("Missing", body=BODY, date="2022-08-02", headimg="/images/missing.png"),
        "outside.md": post_text("Outside", body=BODY, date="2022-08-01", headimg="https://img.example.com/a.jpg"),
    }
    config = make_site(tmp_path, posts, theme={"name": request.param})
    (tmp_path / "docs" / "images").mkdir()
    (tmp_path / "docs" / "images" / "wide.png").write_bytes(png(600, 100))
    yield from serve_folder(build_site(config).site_dir)


def test_entries_keep_their_height_whatever_the_image_does(
        site: StaticServer, browser_page: tuple[Any, Any]) -> None:  # noqa: F811 (the fixture)
    page, _console = browser_page
    page.goto(site.base + "/news/", wait_until="load")
    # Lazy images do not hold back the load event: each thumbnail loaded or failed before measuring.
    page.wait_for_function("[...document.querySelectorAll('img.newsarchive-thumb')].every(img => img.complete)")
    boxes = page.eval_on_selector_all("article.newsarchive-entry", """entries => entries.map(entry => {
        const img = entry.querySelector('img.newsarchive-thumb');
        return {title: entry.querySelector('h2').textContent, height: entry.getBoundingClientRect().height,
                width: img.getBoundingClientRect().width, imgHeight: img.getBoundingClientRect().height,
                loaded: img.complete && img.naturalWidth > 0};
    })""")
    assert [box["title"] for box in boxes] == ["Loaded", "Missing", "Outside"]
    assert [box["loaded"] for box in boxes] == [True, False, False]
    assert {(box["width"], box["imgHeight"]) for box in boxes} == {(160, 90)}  # the 600×100 image is cropped
    assert len({box["height"] for box in boxes}) == 1
