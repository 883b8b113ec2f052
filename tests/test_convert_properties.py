"""Properties of the conversion on any HTML: it never raises, and the rendered page keeps all the text."""

from __future__ import annotations

import html

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_newsarchive.engine.convert.audit import audit
from mkdocs_newsarchive.engine.convert.blocks import Block, join_markdown
from mkdocs_newsarchive.engine.convert.body import convert_body
from mkdocs_newsarchive.engine.problems import ProblemLog

from profiles import examples

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "def_list"]
WORDS = st.sampled_from(["中文", "English", "1.", "- ", "*", "_", "#", "[x](y)", "<tag>", "|", "***", "`",
                         "&", "\\", "{", "}", "~~", "==", "　　", " ", "\n", "加粗。", "x", "42"])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=8)), min_size=1, max_size=6).map("".join)
INLINE = ["b", "strong", "i", "em", "span", "font", "code", "del", "sub", "sup", "a"]
BLOCK = ["p", "div", "blockquote", "h2", "h3", "li-list", "table", "pre"]


def element(children: list[str], tag: str) -> str:
    inner = "".join(children)
    if tag == "a":
        return f'<a href="https://example.org/{len(inner)}">{inner}</a>'
    if tag == "li-list":
        return f"<ul><li>{inner}</li><li>item</li></ul>"
    if tag == "table":
        return f"<table><tr><th>h</th><th>k</th></tr><tr><td>{inner}</td><td>v</td></tr></table>"
    if tag == "pre":
        return f"<pre><code>{html.escape(''.join(children))}</code></pre>"
    return f"<{tag}>{inner}</{tag}>"


def text_node(value: str) -> str:
    return html.escape(value)


FRAGMENT = st.recursive(
    TEXT.map(text_node) | st.just("<br>") | st.just('<img src="https://example.org/i.png">'),
    lambda inner: st.builds(element, st.lists(inner, min_size=1, max_size=3), st.sampled_from(INLINE + BLOCK)),
    max_leaves=12,
)


def render(body: str) -> tuple[list[Block], str]:
    blocks, _ = convert_body(body, ProblemLog("fuzz"))
    return blocks, markdown.markdown(join_markdown(blocks), extensions=EXTENSIONS)


@settings(max_examples=examples(300))
@given(st.lists(FRAGMENT, min_size=1, max_size=4).map("".join))
def test_any_html_converts_and_keeps_its_text(body: str) -> None:
    blocks, rendered = render(body)
    assert audit(blocks, rendered) == []


@settings(max_examples=examples(200))
@given(st.text(max_size=300))
def test_any_string_converts(body: str) -> None:
    render(body)


def test_twenty_thousand_nested_elements_keep_their_text() -> None:
    body = "<p>start</p>" + "<div><span>" * 10_000 + "deep text" + "</span></div>" * 10_000 + "<p>end</p>"
    blocks, rendered = render(body)
    assert "deep text" in rendered and "start" in rendered and "end" in rendered
    assert audit(blocks, rendered) == []


def test_a_body_that_looks_like_a_url_or_file_name_is_just_text() -> None:
    for body in ("http://example.com", "a.html"):
        _blocks, rendered = render(body)  # filterwarnings=error: bs4's locator warning would raise here
        assert body in rendered


def test_audit_names_the_text_links_images_and_code_a_page_lost() -> None:
    body = ('<p>Kept words.</p><p>Lost words.</p><p><a href="https://example.org/gone">a link</a></p>'
            '<p><img src="https://example.org/gone.png"></p><pre><code>print("gone")\n</code></pre>')
    blocks, _ = convert_body(body, ProblemLog("lossy"))
    full = markdown.markdown(join_markdown(blocks), extensions=EXTENSIONS)
    assert audit(blocks, full) == []
    damaged = (full.replace("Lost words.", "").replace("https://example.org/gone.png", "x.png")
               .replace('href="https://example.org/gone"', 'href="#"').replace("gone", "kept"))
    assert [(loss.kind, loss.fragment) for loss in audit(blocks, damaged)] == [
        ("text", "Lostwords."), ("link", "https://example.org/gone"), ("image", "https://example.org/gone.png"),
        ("text", 'print("gone")'), ("code", 'print("gone")')]
    assert [loss.kind for loss in audit(blocks, "")] == ["text"] * 4  # the image block has no text
