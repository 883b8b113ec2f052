"""Material's privacy plugin keeps the posts' images: it downloads every external image of the built pages
into the site and points the pages at the copies, so the archive survives the news site deleting them.
Offline: the images come from a local HTTP server, Google Fonts are off and Mermaid's script (which
Material's bundle names) is excluded."""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from browser import StaticServer, serve_folder
from generated import generate
from images import striped_png
from sitekit import Site, attr, build_site, make_site, post_text, read_report, run_cli

COLOURS = [(200, 60, 60), (60, 120, 200), (240, 200, 80), (90, 170, 90)]


@pytest.fixture
def image_host(tmp_path: Path) -> Iterator[tuple[StaticServer, dict[str, bytes]]]:
    """A news site's image host on a free localhost port: four PNGs, each of its own colours."""
    folder = tmp_path / "host"
    (folder / "img").mkdir(parents=True)
    images = {f"img/{n}.png": striped_png(64, 36, [COLOURS[n], COLOURS[(n + 1) % 4]]) for n in range(4)}
    for rel, data in images.items():
        (folder / rel).write_bytes(data)
    with contextlib.contextmanager(serve_folder)(folder) as server:
        yield server, images


def image_posts(base: str) -> dict[str, str]:
    """Three posts with a cover (headimg) and a body image each; posts 1 and 2 share their body image."""
    return {
        f"src/{n}.md": post_text(f"Post {n}", categories=["News"], date=f"Mon, 0{n + 1} Aug 2022 03:47:12 GMT",
                                 headimg=f"{base}/img/{n}.png",
                                 body=f'<p>Text {n}.</p><p><img src="{base}/img/{3 if n else 0}.png"></p>')
        for n in range(3)}


def privacy_site(root: Path, posts: dict[str, str]) -> Path:
    """A Material site of the posts with `privacy` after the archive, its cache kept under root."""
    config = make_site(root, posts, theme={"name": "material", "font": False},
                       plugin={"timezone": "UTC"})
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    cfg["plugins"].append({"privacy": {"cache_dir": str(root / ".cache" / "privacy"),
                                       "assets_exclude": ["unpkg.com/*"]}})
    config.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return config


def images_on(site: Site, page: str) -> list[bytes]:
    """The content's images of a page, in order, read from the files they point at inside the site."""
    found = []
    for img in site.html(page).select(".md-content img"):
        src = attr(img, "src")
        assert not urlparse(src).netloc, f"{page}: {src} still points at another host"
        path = site.site_dir / site.resolve(page, src)
        assert path.is_file(), f"{page}: {src} has no file in the site"
        assert path.resolve().is_relative_to(site.site_dir.resolve())
        found.append(path.read_bytes())
    return found


def assert_images_kept(site: Site, images: dict[str, bytes], host: str) -> None:
    post0, post1 = "news/2022/08/post-0/", "news/2022/08/post-1/"
    assert images_on(site, post0) == [images["img/0.png"]]  # its cover is its body's image, shown once
    assert sorted(images_on(site, post1)) == sorted([images["img/1.png"], images["img/3.png"]])
    # The listing's thumbnails: every cover, newest first.
    assert images_on(site, "news/") == [images[f"img/{n}.png"] for n in (2, 1, 0)]
    for page in (post0, post1, "news/"):
        # What the browser loads; link previews' og:image and twitter:image keep the news site's address:
        # the privacy plugin rewrites what a page loads, not its <meta> tags (README, "Preserving images").
        loaded = [value for tag in site.html(page).find_all(True) if tag.name != "meta"
                  for name in ("src", "href", "srcset", "style") if isinstance(value := tag.get(name), str)]
        assert loaded and not [value for value in loaded if f"//{host}" in value]
        assert any(f"//{host}" in attr(meta, "content") for meta in site.html(page).select("meta[content]")) \
            == (page != "news/")  # post pages name their image for link previews; listings have no such tags


def test_privacy_plugin_stores_the_posts_images(
        tmp_path: Path, image_host: tuple[StaticServer, dict[str, bytes]]) -> None:
    """Covers, body images and listing thumbnails become files of the site with the host's bytes, each
    downloaded once; the pages no longer name the host."""
    server, images = image_host
    site = build_site(privacy_site(tmp_path, image_posts(server.base)), strict=True)
    assert_images_kept(site, images, urlparse(server.base).netloc)
    assert sorted(server.requests) == sorted(f"/{rel}" for rel in images)


def test_images_outlive_their_host(tmp_path: Path, image_host: tuple[StaticServer, dict[str, bytes]]) -> None:
    """Once downloaded, the images stay in the privacy plugin's cache: with the host gone, a new build of
    the site (the archive's cache reused too) still publishes every image."""
    server, images = image_host
    config = privacy_site(tmp_path, image_posts(server.base))
    build_site(config, strict=True)
    (tmp_path / "host" / "img").rename(tmp_path / "host" / "gone")
    shutil.rmtree(tmp_path / "site")
    count = len(server.requests)
    site = build_site(config, strict=True)
    assert_images_kept(site, images, urlparse(server.base).netloc)
    assert len(server.requests) == count, "the second build asked the host again"


def test_privacy_beside_render_ahead_workers(tmp_path: Path,
                                            image_host: tuple[StaticServer, dict[str, bytes]]) -> None:
    """From 64 pages, a cold build renders pages in forked workers, which run every plugin's page events,
    privacy's downloads included: `mkdocs build` in its own process (workers fork only a single-threaded
    one), and still every page shows local copies with the host's bytes."""
    server, images = image_host
    files, _ = generate(70)
    covers = {rel: re.sub(r"https://picsum\.photos/id/(\d+)/800/450",
                          lambda found: f"{server.base}/img/{int(found[1]) % 4}.png", text)
              for rel, text in files.items()}
    config = privacy_site(tmp_path, covers)
    result = run_cli("build", "--strict", cwd=config.parent)
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path)
    if sys.platform == "linux":
        assert read_report(tmp_path)["pages"]["by_workers"] > 0, "no page was rendered ahead"
    pages = [page.relative_to(site.site_dir).parent.as_posix() + "/" for page in site.pages()
             if "/news/" in "/" + page.relative_to(site.site_dir).as_posix()]
    shown = [image for page in pages for image in images_on(site, page)]
    assert len(shown) > len(files) and set(shown) == set(images.values())  # the covers: ids 10 to 79, mod 4
