"""A site built from the real corpus in ../shared: every file is a page, titled and linked."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

from sitekit import Site, build_site, found, make_site


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> tuple[Site, Path]:
    corpus: Path = request.getfixturevalue("corpus")
    root = tmp_path_factory.mktemp("corpus")
    config = make_site(root, {}, plugin={"source": str(corpus), "timezone": "Asia/Shanghai", "per_page": 10},
                       theme={"name": "material", "language": "zh"})
    return build_site(config), corpus


def corpus_titles(corpus: Path) -> dict[str, str]:
    titles = {}
    for path in sorted(corpus.rglob("*.md")):
        text = path.read_text(encoding="utf-8").lstrip()
        title = str(frontmatter.loads(text).get("title") or "")
        titles[path.relative_to(corpus).as_posix()] = " ".join(title.split())  # shown whitespace-collapsed
    return titles


def test_every_corpus_post_is_a_page_with_its_title(corpus_site: tuple[Site, Path]) -> None:
    site, corpus = corpus_site
    titles = corpus_titles(corpus)
    h1s = []
    for page in site.pages():
        soup = site.html(page.relative_to(site.site_dir).as_posix())
        if soup.select_one(".newsarchive-meta .newsarchive-date"):
            h1s.append(found(soup.find("h1")).get_text())
    assert len(h1s) == len(titles) == 63
    named = [t for t in titles.values() if t]
    assert sorted(h for h in h1s if h in named) == sorted(named)


def test_corpus_listings_cover_every_post(corpus_site: tuple[Site, Path]) -> None:
    site, _corpus = corpus_site
    linked = set()
    for page in (site.site_dir / "news").glob("**/index.html"):
        rel = page.relative_to(site.site_dir).as_posix()
        if rel.startswith("news/page/") or rel == "news/index.html":
            linked |= {a["href"] for a in site.html(rel).select("article h2 a")}
    assert len(linked) == 63


def test_corpus_pages_carry_no_script_from_posts(corpus_site: tuple[Site, Path]) -> None:
    site, _ = corpus_site
    for page in (site.site_dir / "news").rglob("*.html"):
        main = site.html(page.relative_to(site.site_dir).as_posix()).select_one("article")
        if main is None:
            continue
        assert not main.find(["script", "style", "object", "embed", "form"])
        for tag in main.find_all(True):
            assert not any(attr.startswith("on") or attr == "style" for attr in tag.attrs), (page, tag.name)
