"""The MkDocs adapter: options, claimed folders, nav placement, templates, labels, strict mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generated import generate
from sitekit import build_site, found, make_site, post_text, read_report


@pytest.mark.parametrize(("option", "value", "message"), [
    ("timezone", "Mars/Olympus", "Mars/Olympus"),
    ("per_page", 0, "per_page"),
    ("post_url", "{root}/{year}", "slug"),
    ("slug", "random", "slug"),
    ("colour", "blue", "colour"),  # unknown options fail too, naming the option
    ("drop_selectors", [".ok", "p["], "'p['"),  # a selector cssselect cannot read, named
])
def test_bad_options_fail_naming_the_option(tmp_path: Path, option: str, value: object, message: str,
                                            caplog: pytest.LogCaptureFixture) -> None:
    config = make_site(tmp_path, {}, plugin={option: value})
    with pytest.raises((ConfigurationError, Abort)):
        load_config(str(config))
    assert message in caplog.text or message in str(caplog.records)


def test_posts_folder_inside_docs_is_claimed(tmp_path: Path) -> None:
    config = make_site(tmp_path, {}, plugin={"source": "docs/posts"},
                       docs={"index.md": "# Home\n", "posts/a.md": post_text("Claimed post", categories=["X"])})
    site = build_site(config)
    assert not (site.site_dir / "posts" / "a" / "index.html").exists()  # not rendered raw
    assert (site.site_dir / "news" / "2022" / "08" / "claimed-post" / "index.html").exists()


def test_nav_goes_where_the_user_nav_names_the_archive_home(tmp_path: Path) -> None:
    files, _ = generate(3)
    config = make_site(tmp_path, files, docs={"index.md": "# Home\n", "about.md": "# About\n"},
                       nav=[{"Home": "index.md"}, {"Latest news": "news/index.md"}, {"About": "about.md"}])
    site = build_site(config)
    nav = [a.get_text(" ", strip=True) for a in site.html("").select(".navbar-nav > li > a")]
    assert nav[:3] == ["Home", "Latest news", "About"]
    assert "Categories" in site.html("").select(".navbar-nav > li")[1].get_text()


def test_nav_without_placeholder_goes_at_the_configured_place(tmp_path: Path) -> None:
    files, _ = generate(3)
    config = make_site(tmp_path, files, plugin={"nav_position": "start", "nav_title": "Press"},
                       docs={"index.md": "# Home\n", "about.md": "# About\n"})
    site = build_site(config)
    nav = [a.get_text(" ", strip=True) for a in site.html("").select(".navbar-nav > li > a")]
    assert nav[0] == "Press" and "About" in nav


def test_nav_none_leaves_the_nav_alone(tmp_path: Path) -> None:
    files, _ = generate(3)
    site = build_site(make_site(tmp_path, files, plugin={"nav_position": "none"},
                                docs={"index.md": "# Home\n", "about.md": "# About\n"}))
    assert "Categories" not in found(site.html("").select_one(".navbar-nav")).get_text()
    assert (site.site_dir / "news" / "category" / "index.html").exists()


def test_site_without_home_gets_the_archive_home(tmp_path: Path) -> None:
    files, posts = generate(3)
    site = build_site(make_site(tmp_path, files, docs={}))
    titles = [a.get_text() for a in site.html("").select("article h2 a")]
    assert titles == [p.title for p in sorted(posts, key=lambda p: p.date, reverse=True)]


def test_templates_can_be_overridden_from_custom_dir(tmp_path: Path) -> None:
    files, _posts = generate(2)
    override = tmp_path / "overrides" / "newsarchive" / "post.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# {{ post.title | md }}\n\n**Custom footer for {{ post.meta.authors | join(', ') }}**\n\n"
                        "{{ post.markdown }}\n", encoding="utf-8")
    site = build_site(make_site(tmp_path, files, theme={"name": "mkdocs", "custom_dir": "overrides"}))
    page = next(p for p in site.pages() if "/2021/" in p.as_posix())
    assert "Custom footer for" in page.read_text(encoding="utf-8")


def test_chinese_labels_and_dates_follow_the_theme_language(tmp_path: Path) -> None:
    files, _ = generate(3)
    site = build_site(make_site(tmp_path, files, plugin={"timezone": "Asia/Shanghai"},
                                theme={"name": "material", "language": "zh"}))
    home = site.html("news/")
    assert found(home.find("h1")).get_text() == "新闻归档"
    assert "年" in found(home.select_one("article .newsarchive-meta")).get_text()
    assert "分类" in found(site.html("news/category/").find("h1")).get_text()


def test_labels_can_be_overridden(tmp_path: Path) -> None:
    files, _ = generate(2)
    site = build_site(make_site(tmp_path, files, plugin={"labels": {"archive_title": "Wire"}}))
    assert found(site.html("news/").find("h1")).get_text() == "Wire"


def test_required_markdown_extensions_are_enabled_and_the_source_watched(tmp_path: Path) -> None:
    config = load_config(str(make_site(tmp_path, {"a.md": post_text("A")})))
    config.plugins.on_config(config)
    assert {"attr_list", "md_in_html", "tables", "def_list"} <= set(config.markdown_extensions)
    assert str((tmp_path / "posts").resolve()) in config.watch


def test_a_source_inside_docs_is_not_watched_twice(tmp_path: Path) -> None:
    config = load_config(str(make_site(tmp_path, {}, plugin={"source": "docs/posts"},
                                       docs={"index.md": "# Home\n", "posts/a.md": post_text("A")})))
    config.plugins.on_config(config)
    assert not any("posts" in watched for watched in config.watch)


def test_strict_build_fails_on_a_post_with_a_bad_date(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    posts = {"ok.md": post_text("Fine"), "bad.md": post_text("Bad date", date="Invalid Date")}
    with pytest.raises(Abort):
        build_site(make_site(tmp_path, posts), strict=True)
    assert "bad.md" in caplog.text
    site = build_site(make_site(tmp_path, posts))  # without --strict the post is published, undated
    assert "Bad date" in [a.get_text() for a in site.html("news/archive/undated/").select("article h2 a")]


def test_post_image_shown_unless_the_body_starts_with_it(tmp_path: Path) -> None:
    posts = {
        "a.md": post_text("With image", headimg="https://img.example/a.png", body="<p>text</p>"),
        "b.md": post_text("Body has it", headimg="https://img.example/b.png",
                          body='<p><img src="https://img.example/b.png"></p><p>text</p>'),
    }
    site = build_site(make_site(tmp_path, posts))
    a = site.html("news/2022/08/with-image/")
    b = site.html("news/2022/08/body-has-it/")
    assert [i["src"] for i in a.select("[role=main] img")] == ["https://img.example/a.png"]
    assert [i["src"] for i in b.select("[role=main] img")] == ["https://img.example/b.png"]
    assert found(a.select_one("img"))["referrerpolicy"] == "no-referrer"


def test_duplicate_titles_get_distinct_stable_urls(tmp_path: Path) -> None:
    posts = {"one.md": post_text("Same", date="Mon, 01 Aug 2022 03:47:12 GMT", body="<p>first</p>"),
             "two.md": post_text("Same", date="Tue, 02 Aug 2022 03:47:12 GMT", body="<p>second</p>")}
    site = build_site(make_site(tmp_path, posts))
    oldest = site.html("news/2022/08/same/")
    assert "first" in oldest.get_text()
    others = [p for p in site.pages() if p.parent.name.startswith("same-")]
    assert len(others) == 1 and "second" in others[0].read_text(encoding="utf-8")


def test_build_report_names_every_file(tmp_path: Path) -> None:
    posts = {"ok.md": post_text("Fine"), "undated.md": post_text("Undated", date="Invalid Date")}
    config = make_site(tmp_path, posts)
    (tmp_path / "posts" / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "posts" / "binary.md").write_bytes(b"\x89PNG\x00\x00\x00\x00" * 100)
    site = build_site(config)
    report = read_report(tmp_path)
    assert report["files_seen"] == 4
    assert report["posts_published"] == 2
    assert report["posts_repaired"] == 1
    assert {Path(s["path"]).name: s["reason"] for s in report["files_skipped"]} == {
        "empty.md": "empty file", "binary.md": "binary file (not text)"}
    assert not list(site.site_dir.rglob("*.json*")) or all("report" not in p.name for p in site.site_dir.rglob("*"))


def test_images_no_referrer_site_wide(tmp_path: Path) -> None:
    body = '<p><img src="https://img.example/a.png"></p><p>text</p>'
    site = build_site(make_site(tmp_path, {"a.md": post_text("Pics", body=body)},
                                plugin={"images_no_referrer": True}))
    img = found(site.html("news/2022/08/pics/").select_one("[role=main] img[src='https://img.example/a.png']"))
    assert img["referrerpolicy"] == "no-referrer"


def test_drop_selectors_remove_matching_elements_from_every_body(tmp_path: Path) -> None:
    """Selectors see the `id`, `style` and `data-` attributes the allow-list otherwise drops, the document
    from `html` down, and no script (gone before they match); the rest of the body is untouched."""
    body = ('<p>Kept paragraph.</p><p class="editor">责任编辑：张三</p>'
            '<div id="share"><p>Share this</p></div><p data-tracker="1">Tracked</p>'
            '<p style="display:none">Hidden</p><p>Also kept <span class="ad">AD</span> here.</p>'
            '<p>line one</br>line two</p><section><p>Boxed</p></section>'
            '<p>Last paragraph</p><script>var x = 1;</script>')
    selectors = [".editor", "#share", "[data-tracker]", "p[style*='display:none']", "p > span.ad",
                 "html body > div > p:last-child", "section:has(p)"]
    site = build_site(make_site(tmp_path, {"a.md": post_text("Selected", body=body)},
                                plugin={"drop_selectors": selectors}))
    main = found(site.html("news/2022/08/selected/").select_one("[role=main]"))
    text = " ".join(main.get_text().split())
    assert "Kept paragraph." in text and "Also kept here." in text
    for dropped in ("责任编辑", "Share this", "Tracked", "Hidden", "AD", "Last paragraph", "Boxed"):
        assert dropped not in text
    assert main.find("br") is not None and "line one" in text and "line two" in text
    assert not main.select("[data-tracker], [style*=display], #share")


def test_a_page_that_lost_source_text_warns_naming_the_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A hook that edits the Markdown after the plugin wrote it (another plugin could): the audit of the
    rendered page names the post and what it lost; `--strict` fails; the report lists it."""
    (tmp_path / "hooks.py").write_text(
        "def on_page_markdown(markdown, page, config, files):\n"
        "    return markdown.replace('Second paragraph.', '')\n", encoding="utf-8")
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    config = make_site(tmp_path, {"lossy.md": post_text("Lossy", body=body)}, hooks=["hooks.py"])
    with pytest.raises(Abort):
        build_site(config, strict=True)
    assert "lossy.md: 1 fragment(s) of the source missing from the page; first: text 'Secondparagraph.'" \
        in caplog.text
    build_site(config)
    [lost] = read_report(tmp_path)["audit_losses"]
    assert lost["path"].endswith("lossy.md") and lost["lost"] == ["text 'Secondparagraph.'"]
