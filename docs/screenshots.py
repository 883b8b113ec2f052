"""Screenshots of the example site for the README, taken with the browser tests' Chromium. One command:

    .venv/bin/python docs/screenshots.py

It builds a copy of example-site/ with Material (as configured) and with the built-in `mkdocs` and
`readthedocs` themes, serves each build on a free localhost port, and writes into docs/images/, at a
1280x800 viewport: the archive home in Material's light and dark (slate) palettes (as the reader's system
scheme chooses), a listing with thumbnails, a post page, and the archive home in the two built-in themes.

The example posts' images live on picsum.photos, which this machine cannot reach: the browser is handed a
generated stand-in (a gradient, its hue taken from the image's URL) for every image from another host, so the
screenshots show where the images go. Everything else from another host (Google Fonts) is refused, as in
the browser tests.
"""

from __future__ import annotations

import colorsys
import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import CHROMIUM_ARGS, chromium_or_skip, serve_folder
from images import png

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "images"
VIEWPORT = {"width": 1280, "height": 800}  # from 1220 pixels wide, Material shows its sidebars
POST = "news/2021/04/a-new-css-color-function-is-now-supported-in-every-major/"
THEMES: dict[str, dict[str, Any]] = {
    "material": {},  # the example's own theme settings
    "mkdocs": {"name": "mkdocs", "locale": "zh_CN"},
    "readthedocs": {"name": "readthedocs", "locale": "zh_CN"},
}


@dataclass(frozen=True)
class Shot:
    name: str  # docs/images/<name>.png
    theme: str
    path: str  # under the site's root
    dark: bool = False
    scroll_to: str = ""  # a CSS selector brought to the top of the viewport first


SHOTS = [
    Shot("archive-home-light", "material", "news/"),
    Shot("archive-home-dark", "material", "news/", dark=True),
    Shot("listing-thumbnails", "material", "news/category/tech/", scroll_to="article.newsarchive-entry"),
    Shot("post-page", "material", POST),
    Shot("theme-mkdocs", "mkdocs", "news/"),
    Shot("theme-readthedocs", "readthedocs", "news/"),
]


def build(theme: str, work: Path) -> Path:
    """The example site built with the theme; returns its site folder."""
    root = work / theme
    shutil.copytree(REPO / "example-site", root, ignore=shutil.ignore_patterns("site", ".cache"))
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    if THEMES[theme]:
        config["theme"] = THEMES[theme]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
    return root / "site"


def stand_in_image(url: str) -> bytes:
    """A 400x225 diagonal gradient whose hue comes from the URL, so each image looks different."""
    hue = hashlib.sha1(url.encode()).digest()[0] / 255
    width, height = 400, 225
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(0, width, 8):  # eight-pixel blocks: smooth enough, and eight times faster
            shade = 0.45 + 0.4 * (x / width + y / height) / 2
            red, green, blue = colorsys.hsv_to_rgb(hue, 0.55, shade)
            row += bytes((int(red * 255), int(green * 255), int(blue * 255))) * 8
        rows.append(bytes(row))
    return png(width, height, b"".join(rows))


def route(route: Any) -> None:
    request = route.request
    if request.url.startswith("http://127.0.0.1"):
        route.continue_()
    elif request.resource_type == "image":
        route.fulfill(status=200, content_type="image/png", body=stand_in_image(request.url))
    else:
        route.abort()


def take(browser: Any, base: str, shot: Shot) -> Path:
    # The dark shot asks for the system's dark scheme, as a reader's browser would: the example's palette
    # follows it (its `media` queries) until the reader toggles.
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1,
                                  color_scheme="dark" if shot.dark else "light")
    context.route("**/*", route)
    page = context.new_page()
    page.goto(f"{base}/{shot.path}", wait_until="domcontentloaded")
    if shot.scroll_to:
        page.locator(shot.scroll_to).first.evaluate("element => window.scrollTo(0, element.offsetTop - 80)")
    page.wait_for_function("[...document.images].filter(i => i.getBoundingClientRect().top < innerHeight)"
                           ".every(i => i.complete)", timeout=15_000)
    path = OUT / f"{shot.name}.png"
    page.screenshot(path=str(path), type="png", animations="disabled")  # the header's title fades
    context.close()
    return path


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_or_skip(), args=CHROMIUM_ARGS)
        for theme in THEMES:
            site = build(theme, Path(work))
            with contextlib.contextmanager(serve_folder)(site) as server:
                for shot in (shot for shot in SHOTS if shot.theme == theme):
                    path = take(browser, server.base, shot)
                    print(f"{path.relative_to(REPO)}: {path.stat().st_size // 1024} KB")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
