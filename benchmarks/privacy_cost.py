"""What keeping the posts' images costs: Material's privacy plugin at N posts (default 1,000).

N posts are generated (``tests/generated.py``), each with a cover (``headimg``) and a body image of its own on
a local HTTP image host (a thread on a free port; noisy PNGs of ``--image-kb`` KB, about a compressed news
thumbnail, so the site grows by realistic bytes). The same site (Material, fonts off so nothing needs the
network) is built with ``mkdocs build`` in a subprocess, timed, in four ways:

- **plain**: ``search`` and ``newsarchive``, cold (no cache) then warm (the archive's cache kept);
- **privacy**: the same with ``privacy`` after them, cold (both caches empty: every image is downloaded)
  then warm (both caches kept: no image is asked for again).

Printed per build: seconds, the site's size and file count, the images the host served; then the ratios of
privacy to plain. The host is local, so download time here is the floor: over the internet each image costs
its round trip, spread over the plugin's threads (``concurrency``, cores - 1 by default).

Usage::

    python benchmarks/privacy_cost.py [N] [--image-kb 40]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import StaticServer, serve_folder
from generated import generate
from images import png

HOST_FOLDER: dict[str, Path] = {}  # each image host's base URL: the folder it serves


@dataclass
class Run:
    name: str
    seconds: float
    site_bytes: int
    site_files: int
    served: int
    remote_pages: int  # pages whose HTML still names the image host
    bad_copies: int  # stored images whose bytes differ from the host's


def noisy_png(size_kb: int, seed: int) -> bytes:
    """A PNG of random pixels: it hardly compresses, so it weighs about size_kb."""
    width = 160
    height = max(1, size_kb * 1024 // (width * 3))
    return png(width, height, random.Random(seed).randbytes(width * height * 3))


def write_host(folder: Path, count: int, size_kb: int) -> None:
    (folder / "img").mkdir(parents=True)
    for n in range(count):
        (folder / "img" / f"cover-{n}.png").write_bytes(noisy_png(size_kb, 2 * n))
        (folder / "img" / f"body-{n}.png").write_bytes(noisy_png(size_kb, 2 * n + 1))


def write_site(root: Path, count: int, base: str, privacy: bool) -> None:
    files, _ = generate(count)
    for n, (rel, text) in enumerate(sorted(files.items())):
        head, _, body = text.rpartition("---\n")
        head = head.replace("headimg: https://picsum.photos/", f"headimg: {base}/img/cover-{n}.png\n#")
        path = root / "posts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'{head}---\n{body}<p><img src="{base}/img/body-{n}.png"></p>\n', encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    plugins: list[object] = ["search", {"newsarchive": {"source": "posts", "timezone": "Asia/Shanghai"}}]
    if privacy:
        plugins.append({"privacy": {"assets_exclude": ["unpkg.com/*"]}})  # Mermaid's script: not ours
    config = {"site_name": "Privacy cost", "theme": {"name": "material", "font": False}, "plugins": plugins}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def build(root: Path, name: str, server: StaticServer) -> Run:
    served = len(server.requests)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
    seconds = time.perf_counter() - start
    files = [p for p in (root / "site").rglob("*") if p.is_file()]
    remote, bad = checked(root / "site", server.base)
    return Run(name, seconds, sum(p.stat().st_size for p in files), len(files), len(server.requests) - served,
               remote, bad)


def checked(site: Path, base: str) -> tuple[int, int]:
    """Pages still naming the host, and stored copies whose bytes are not the host's."""
    remote = sum(f'src="{base}' in page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    host = HOST_FOLDER.get(base)
    copies = site / "assets" / "external" / base.removeprefix("http://")
    bad = 0
    if host is not None and copies.is_dir():
        bad = sum(copy.read_bytes() != (host / copy.relative_to(copies)).read_bytes() for copy in copies.rglob("*.png"))
    return remote, bad


def measure(count: int, size_kb: int, work: Path) -> list[Run]:
    write_host(work / "host", count, size_kb)
    runs = []
    with contextlib.contextmanager(serve_folder)(work / "host") as server:
        HOST_FOLDER[server.base] = work / "host"
        for privacy in (False, True):
            root = work / ("privacy" if privacy else "plain")
            write_site(root, count, server.base, privacy)
            label = "privacy" if privacy else "plain"
            runs.append(build(root, f"{label} cold", server))
            shutil.rmtree(root / "site")
            runs.append(build(root, f"{label} warm", server))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--image-kb", type=int, default=40)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        runs = measure(args.count, args.image_kb, Path(work))
    print(f"{args.count} posts, 2 images each of {args.image_kb} KB on a local host")
    print(f"{'build':<14}{'seconds':>9}{'site MB':>10}{'files':>8}{'served':>8}{'remote pages':>14}{'bad copies':>12}")
    for run in runs:
        print(f"{run.name:<14}{run.seconds:>9.1f}{run.site_bytes / 1e6:>10.1f}{run.site_files:>8}{run.served:>8}"
              f"{run.remote_pages:>14}{run.bad_copies:>12}")
    by_name = {run.name: run for run in runs}
    for state in ("cold", "warm"):
        plain, kept = by_name[f"plain {state}"], by_name[f"privacy {state}"]
        print(f"privacy/plain {state}: time {kept.seconds / plain.seconds:.2f}x, "
              f"size {kept.site_bytes / plain.site_bytes:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
