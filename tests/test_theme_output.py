"""Reused theme output: a warm build prints what MkDocs' own rendering prints, on every theme; whatever the
template reads (site options, theme files, the nav, other plugins' context) makes it render again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generated import generate
from sitekit import (
    attr,
    build_site,
    make_site,
    post_text,
    read_entry,
    read_report,
    snapshot,
    without_build_dates,
    write_entry,
)


def outputs(root: Path) -> tuple[int, int]:
    found = read_report(root)["theme_outputs"]
    return found["reused"], found["rendered"]


@pytest.mark.parametrize("theme", ["material", "mkdocs", "readthedocs"])
def test_reused_output_is_what_mkdocs_renders_itself(tmp_path: Path, theme: str) -> None:
    files, _ = generate(10)
    native = snapshot(build_site(make_site(tmp_path / "native", files, theme=theme, plugin={"cache": False})))
    config = make_site(tmp_path / "cached", files, theme=theme)
    cold = snapshot(build_site(config))
    reused, rendered = outputs(tmp_path / "cached")
    assert reused == 0 and rendered > 10
    # Stored without the page's HTML, which the warm build puts back from the page itself.
    stored = [read_entry(p) for p in (tmp_path / "cached" / ".cache" / "newsarchive" / "outputs").rglob("*.json")]
    assert len(stored) == rendered and all("content_at" in head["data"] for head, _ in stored)
    warm = snapshot(build_site(config))
    assert outputs(tmp_path / "cached") == (rendered, 0)
    assert without_build_dates(cold) == without_build_dates(native)
    assert without_build_dates(warm) == without_build_dates(native)


def test_one_post_edit_themes_again_only_the_pages_it_changes(tmp_path: Path) -> None:
    files, posts = generate(30)
    # Without stories: related posts would add the pages of the posts related to the edited one.
    config = make_site(tmp_path, files, theme="material", plugin={"per_page": 5, "stories": {"enabled": False}})
    before = snapshot(build_site(config))
    total = outputs(tmp_path)[1]
    target = tmp_path / "posts" / posts[7].rel
    target.write_text(post_text("A headline edited in place", categories=posts[7].categories,
                                author=posts[7].author, date=posts[7].date.strftime("%a, %d %b %Y %H:%M:%S GMT")),
                      encoding="utf-8")
    after = without_build_dates(snapshot(build_site(config)))
    before = without_build_dates(before)
    changed = {uri for uri in after if after[uri] != before.get(uri)}
    reused, rendered = outputs(tmp_path)
    assert rendered == len(changed) and reused == total - rendered
    assert 2 <= rendered <= 8


@pytest.mark.parametrize("change", ["site option", "theme option", "override file", "nav"])
def test_what_the_template_prints_renders_every_page_again(tmp_path: Path, change: str) -> None:
    files, _ = generate(8)
    config = make_site(tmp_path, files, theme={"name": "material", "custom_dir": "overrides"})
    (tmp_path / "overrides").mkdir()
    build_site(config)
    total = outputs(tmp_path)[1]
    if change == "site option":
        make_site(tmp_path, {}, theme={"name": "material", "custom_dir": "overrides"}, site_name="Renamed site")
        marker = "Renamed site"
    elif change == "theme option":
        make_site(tmp_path, {}, theme={"name": "material", "custom_dir": "overrides",
                                       "palette": {"primary": "deep-orange"}})
        marker = 'data-md-color-primary="deep-orange"'
    elif change == "override file":
        (tmp_path / "overrides" / "main.html").write_text(
            '{% extends "base.html" %}{% block footer %}<p id="overridden">Override</p>{% endblock %}',
            encoding="utf-8")
        marker = 'id="overridden"'
    else:  # a post in a year the nav has not listed yet
        (tmp_path / "posts" / "new-year.md").write_text(
            post_text("From another year", date="Mon, 01 Jan 2001 08:00:00 GMT"), encoding="utf-8")
        marker = "news/archive/2001/"  # the year's entry in the nav, as a link resolved from the page
    site = build_site(config)
    reused, rendered = outputs(tmp_path)
    assert reused == 0 and rendered >= total
    news = site.site_dir / "news"
    pages = [p.relative_to(site.site_dir).as_posix() for p in news.rglob("*.html")]  # posts included
    assert len(pages) == rendered
    for rel in pages:
        if change == "nav":
            page_url = rel.removesuffix("index.html")
            links = {site.resolve(page_url, attr(a, "href")) for a in site.html(page_url).select("nav a[href]")}
            assert marker in links, rel
        else:
            assert marker in (site.site_dir / rel).read_text(encoding="utf-8"), (change, rel)


HOOK = '''
class Token:
    def __repr__(self):
        return "Token()"

def on_page_context(context, page, config, nav):
    context["hook_label"] = LABEL
    context["hook_object"] = OBJECT
    return context
'''


@pytest.mark.parametrize(("value", "reusable"), [("Token()", True), ("object()", False)])
def test_other_plugins_context_entries_are_part_of_the_key(tmp_path: Path, value: str, reusable: bool) -> None:
    files, _ = generate(6)

    def write_hook(label: str) -> None:
        (tmp_path / "hooks.py").write_text(f"{HOOK}\nLABEL = {label!r}\nOBJECT = {value}\n", encoding="utf-8")

    write_hook("first")
    config = make_site(tmp_path, files, theme="material", hooks=["hooks.py"])
    build_site(config)
    total = outputs(tmp_path)[1]
    build_site(config)
    assert outputs(tmp_path) == ((total, 0) if reusable else (0, total))
    write_hook("second")  # a stable entry that changes: the pages render again
    build_site(config)
    assert outputs(tmp_path) == (0, total)


def test_corrupt_outputs_are_rendered_again(tmp_path: Path) -> None:
    files, _ = generate(4)
    config = make_site(tmp_path, files, theme="material")
    reference = snapshot(build_site(config))
    entries = sorted((tmp_path / ".cache" / "newsarchive" / "outputs").rglob("*.json"))
    entries[0].write_text("{not json", encoding="utf-8")
    head, html = read_entry(entries[1])
    head["data"]["logged"] = 42
    write_entry(entries[1], head, html)
    head, html = read_entry(entries[2])
    write_entry(entries[2], head, html[: len(html) // 2])  # truncated
    head, html = read_entry(entries[3])
    head["data"]["content_at"] = len(html) + 1  # where the page's HTML goes back in: past the end
    write_entry(entries[3], head, html)
    site = build_site(config)
    assert outputs(tmp_path) == (len(entries) - 4, 4)
    assert snapshot(site) == reference
    shutil.rmtree(tmp_path / ".cache")


def test_a_build_and_a_serve_session_keep_each_others_outputs(tmp_path: Path) -> None:
    """`serve` prints its own address into every page: its outputs live apart, and neither prunes the other."""
    files, _ = generate(6)
    config = make_site(tmp_path, files, theme="material")
    build_site(config)
    total = outputs(tmp_path)[1]
    build_site(config, command="serve")
    assert outputs(tmp_path) == (0, total)  # a first serve session themes its own
    build_site(config)
    assert outputs(tmp_path) == (total, 0)
    build_site(config, command="serve")
    assert outputs(tmp_path) == (total, 0)
    assert (tmp_path / ".cache" / "newsarchive" / "outputs-serve").is_dir()
