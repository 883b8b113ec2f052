"""A folder of broken and hostile posts of our own, written by the tests (nothing big is committed).

`write_hostile_posts(folder)` writes every fixture and returns `{relative path: "page" | "skip"}`. Every
"page" fixture carries its own token (`token(name)`) in its title or body, so a test can find its page.
All payloads are inert test strings (`alert("xss")`); the only hosts are example.org and example.com.
"""

from __future__ import annotations

import base64
import os
import random
from pathlib import Path
from typing import Any

import yaml

# The line (1-based, in the file) of the YAML error in fm-malformed-yaml.md.
MALFORMED_YAML_LINE = 5
MIDNIGHT = "date-crosses-midnight.md"  # Sun, 31 Jul 2022 20:30:00 GMT: 1 Aug 04:30 in Asia/Shanghai
DUPLICATES = ("dup-title-a.md", "dup-title-b.md")
DUPLICATE_TITLE = "Duplicate title"
GB18030_TITLE = "简体中文标题：国家标准编码测试新闻𠮷"  # 𠮷 is a four-byte GB18030 character
GBK_TITLE = "简体中文标题：汉字内码扩展规范测试"
BIG5_TITLE = "繁體中文標題：香港與臺灣新聞測試"
# What the warnings of the non-UTF-8 files must name (case-insensitive): the encoding used.
ENCODINGS = {"enc-gb18030.md": ("gb18030",), "enc-gbk.md": ("gbk", "gb18030"), "enc-big5.md": ("big5",)}

SCRIPT_TITLE = '<script>alert("xss-title")</script><img src=x onerror=alert("xss-title-img")>'
SCRIPT_AUTHOR = '<svg onload=alert("xss-author")>Mallory</svg>'
SCRIPT_TAG = '<script>alert("xss-tag")</script>'
SCRIPT_CATEGORY = '<img src=x onerror=alert("xss-cat")>'
JS_CATEGORY = 'javascript:alert("xss-cat-url")'
# Names that must never become a file or folder outside the site (they come from `..` in post data).
ESCAPE_NAMES = ("escape-cat", "escape-author", "escape-tag", "escape-title")

# Titles shown exactly as written (the page's <h1> text).
TITLES: dict[str, str] = {}
# Files that must be warned about, by name (published after a repair or a guess, or skipped).
MUST_WARN: set[str] = set()

PAYLOAD_BODY = """
<p>Payload body, harmless text before the payloads.</p>
<script>alert("xss-script")</script>
<SCRIPT SRC="https://example.com/xss.js"></SCRIPT>
<img src="https://example.com/x.png" onerror="alert('xss-onerror')">
<img src=x onerror=alert("xss-onerror-unquoted")>
<body onload="alert('xss-onload')"><p>body tag text</p></body>
<div onclick="alert('xss-onclick')" onmouseover="alert('xss-mouse')">handler div text</div>
<a href="javascript:alert('xss-link')">js link</a>
<a href="  JaVaScRiPt:alert('xss-case')">mixed case link</a>
<a href="java&#x09;script:alert('xss-tab')">tab link</a>
<a href="&#106;avascript:alert('xss-entity')">entity link</a>
<a href="vbscript:msgbox('xss-vb')">vb link</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgieHNzIik8L3NjcmlwdD4=">data link</a>
<iframe src="javascript:alert('xss-iframe')"></iframe>
<iframe src="https://example.com/frame" srcdoc="&lt;script&gt;alert('xss-srcdoc')&lt;/script&gt;"></iframe>
<svg onload="alert('xss-svg')"><circle r="1"></circle></svg>
<svg><script>alert("xss-svg-script")</script><a xlink:href="javascript:alert('xss-xlink')"><text>svg</text></a></svg>
<div style="background:url(javascript:alert('xss-style'))">styled text</div>
<p style="color:red;background-image:url('javascript:alert(1)')">styled paragraph</p>
<object data="https://example.com/x.swf" type="application/x-shockwave-flash"><param name="movie" value="x"></object>
<embed src="https://example.com/x.swf">
<form action="https://example.com/collect" method="post"><input name="password" type="password">
<button formaction="javascript:alert('xss-formaction')">Send</button></form>
<noscript><p title="</noscript><img src=x onerror=alert('xss-noscript')>"></p></noscript>
<meta http-equiv="refresh" content="0;url=javascript:alert('xss-meta')">
<link rel="stylesheet" href="javascript:alert('xss-link-tag')">
<base href="javascript:alert('xss-base')//">
<video src="https://example.com/v.mp4" poster="javascript:alert('xss-poster')" onplay="alert('xss-play')"></video>
<details open ontoggle="alert('xss-toggle')"><summary>details</summary>details text</details>
<p>&lt;script&gt;alert("xss-escaped")&lt;/script&gt; escaped text stays text</p>
<p>&lt;img src=x onerror=alert("xss-escaped-img")&gt; also text</p>
<p>[markdown link](javascript:alert("xss-md")) and ![md image](javascript:alert("xss-mdimg"))</p>
<p>{{ config }} {% include "x" %} {# jinja #} text</p>
<pre><code class="language-html">&lt;script&gt;alert("xss-in-code")&lt;/script&gt;</code></pre>
<p>TOKEN</p>
<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-mxss")>
"""


def token(name: str) -> str:
    """The marker a "page" fixture carries in its title or body: letters and digits only, ending in the only
    capital, so that no token is part of another (`tokcatlistZ`, `tokcatlistoflistsZ`)."""
    return "tok" + "".join(ch for ch in name.removesuffix(".md").lower() if ch.isalnum()) + "Z"


def _post(meta: dict[str, Any] | None, body: str, *, date: str | None = None) -> str:
    """A post in the scraped format (blank line, front matter, raw HTML); `date` is written unquoted."""
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else ""
    date_line = f"date: {date}\n" if date is not None else ""
    return f"\n---\n{head}{date_line}---\n\n<div>\n{body}\n</div>\n"


def _body(name: str, text: str = "Body text") -> str:
    return f"<p>{text} {token(name)}.</p>"


ALIAS_BOMB = "fanout-alias-bomb.md"  # nine levels of nine aliases: 387 million values expanded
LONG_TITLE = "fanout-title.md"


def write_hostile_posts(folder: Path) -> dict[str, str]:
    """Write every hostile fixture into folder; return {path relative to folder: "page" or "skip"}."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    date = "Mon, 01 Aug 2022 03:47:12 GMT"

    def text(name: str, content: str, kind: str = "page", *, warn: bool = False, title: str | None = None) -> None:
        write(name, content.encode("utf-8"), kind, warn=warn, title=title)

    def write(name: str, data: bytes, kind: str = "page", *, warn: bool = False, title: str | None = None) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = kind
        if warn or kind == "skip":
            MUST_WARN.add(name)
        if title is not None:
            TITLES[name] = title

    def post(name: str, meta: dict[str, Any] | None, body: str | None = None, *, when: str | None = date,
             warn: bool = False, title: str | None = None) -> None:
        given = (meta or {}).get("title")
        if title is None and isinstance(given, str) and given.strip():
            title = given
        text(name, _post(meta, _body(name) if body is None else body, date=when), warn=warn, title=title)

    # Front matter ------------------------------------------------------------------------------------
    text("fm-malformed-yaml.md",
         f"\n---\ntitle: Malformed YAML post\ncategories: Tech\nauthor: a: b: c\ndate: {date}\n---\n\n"
         f"<p>Malformed front matter {token('fm-malformed-yaml.md')}.</p>\n", warn=True)
    # Line 1 is blank, line 2 `---`; the second `:` of `author: a: b: c` on line 5 is the error.
    text("fm-none.md", f"<div><p>No front matter at all, only HTML {token('fm-none.md')}.</p></div>\n", warn=True)
    text("fm-not-a-mapping.md", f"\n---\n- just\n- a list\n---\n\n{_body('fm-not-a-mapping.md')}\n", warn=True)
    text("fm-unterminated.md", f"\n---\ntitle: Never closed\ndate: {date}\n\n{_body('fm-unterminated.md')}\n",
         warn=True)
    write("fm-empty.md", b"", "skip")
    write("fm-whitespace-only.md", b"  \n\n\t\n", "skip")
    text("fm-only-front-matter.md", f"\n---\ntitle: Only front matter {token('fm-only-front-matter.md')}\n"
         f"date: {date}\n---\n", title=f"Only front matter {token('fm-only-front-matter.md')}")
    post("title-missing.md", {"author": "Author"}, warn=True)
    post("title-empty.md", {"title": "", "author": "Author"}, warn=True)
    post("title-space.md", {"title": " ", "author": "Author"}, warn=True)
    long_title = f"{token('title-400.md')} " + " ".join(f"word{i:03d}" for i in range(60))
    post("title-400.md", {"title": long_title[:400]})
    post("title-400-cjk.md", {"title": token("title-400-cjk.md") + "很长的中文标题" * 56 + "尾"})
    post("title-punctuation-only.md", {"title": "../../.."})
    post("title-dotdot-escape.md", {"title": "../../../../escape-title"})
    post("title-markdown.md", {"title": "*x* [a](b) **bold** _u_ `code` ~~s~~ ==m== ^^i^^ # h | t |"})
    post("title-jinja.md", {"title": "{{ x }} {% x %} {# c #} {{ config.site_name }}"})
    post("title-html.md", {"title": '<script>alert("xss")</script> & <b>bold</b> &amp; "quotes"'})

    # Dates ----------------------------------------------------------------------------------------
    post("date-missing.md", {"title": "Date missing"}, when=None)
    post("date-invalid.md", {"title": "Date invalid"}, when="Invalid Date", warn=True)
    post("date-unparseable.md", {"title": "Date unparseable"}, when="the day after next week", warn=True)
    post("date-future.md", {"title": "Date in the future"}, when="2099-12-31 12:00:00")
    post(MIDNIGHT, {"title": "Crosses midnight in Shanghai"}, when="Sun, 31 Jul 2022 20:30:00 GMT")

    # Categories, authors, tags --------------------------------------------------------------------
    post("cat-string.md", {"title": "Category string", "categories": "Plain category"})
    post("cat-list.md", {"title": "Category list", "categories": ["Finance", "Markets", "Bonds"]})
    post("cat-list-of-lists.md", {"title": "Category list of lists",
                                  "categories": [["Finance", "Markets"], ["Tech"], "Loose", [["Deep", "er"]]]})
    post("cat-path-chars.md", {"title": "Category path characters",
                               "categories": [["..", "../../escape-cat"], ["a/b", "c\\d"], [".", "..."],
                                              ["../../../../../../../../tmp/escape-cat"]]})
    post("author-missing.md", {"title": "Author missing"})
    post("author-list.md", {"title": "Author list", "author": ["Alice", "Bob", ["Carol"], {"name": "Dave"}]})
    post("author-path-chars.md", {"title": "Author path characters", "author": "../../escape-author"})
    post("tags-string.md", {"title": "Tags string", "tags": "single-tag"})
    post("tags-list.md", {"title": "Tags list", "tags": ["one", "two", "../../escape-tag", "a/b"]})
    for name, body in zip(DUPLICATES, ("first", "second"), strict=True):
        post(name, {"title": DUPLICATE_TITLE}, _body(name, f"Duplicate {body}"))

    # Payloads in the body and in every piece of metadata ------------------------------------------
    post("payload-body.md", {"title": "Payload body"},
         PAYLOAD_BODY.replace("TOKEN", token("payload-body.md")))
    post("payload-meta.md", {
        "title": SCRIPT_TITLE,
        "author": SCRIPT_AUTHOR,
        "tags": [SCRIPT_TAG, '" onmouseover="alert(\'xss-tag-attr\')'],
        "categories": [[SCRIPT_CATEGORY, JS_CATEGORY], ["[md](javascript:alert(\"xss\"))"]],
        "description": '"><script>alert("xss-description")</script>',
        "template": "../../../../escape-template.html",
        "headimg": 'javascript:alert("xss-headimg")',
    })
    post("payload-image.md", {"title": "Payload image", "headimg": 'https://example.com/a.png" onerror="alert(1)'})

    # Bytes -----------------------------------------------------------------------------------------
    # A PNG as it really is: signature, IHDR, then compressed (random-looking) data with few NUL bytes.
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
    write("bin-png.md", png + random.Random(1).randbytes(20_000) + b"\x00\x00\x00\x00IEND\xaeB`\x82", "skip")
    write("enc-utf8-bom.md", b"\xef\xbb\xbf" + _post({"title": "UTF-8 with BOM"}, _body("enc-utf8-bom.md"),
                                                      date=date).lstrip("\n").encode("utf-8"),
          title="UTF-8 with BOM")
    write("enc-utf16-bom.md", _post({"title": "UTF-16 with BOM"}, _body("enc-utf16-bom.md"), date=date)
          .encode("utf-16"), title="UTF-16 with BOM")
    write("enc-crlf.md", _post({"title": "CRLF line endings"}, _body("enc-crlf.md") + "\n<p>second line</p>",
                               date=date).replace("\n", "\r\n").encode("utf-8"), title="CRLF line endings")
    for name, title, codec in (("enc-gb18030.md", GB18030_TITLE, "gb18030"), ("enc-gbk.md", GBK_TITLE, "gbk"),
                               ("enc-big5.md", BIG5_TITLE, "big5")):
        body = f"<p>{title}。正文內容 {token(name)}。</p>"
        write(name, _post({"title": title, "categories": [title[:4]]}, body, date=date).encode(codec),
              warn=True, title=title)
    write("bytes-nul.md", _post({"title": "NUL\x00 bytes"}, _body("bytes-nul.md", "NUL\x00 in\x00 body"),
                                date=date).replace('"NUL\\0 bytes"', "NUL\x00 bytes").encode("utf-8"),
          warn=True, title="NUL bytes")

    # Size and depth ---------------------------------------------------------------------------------
    # Ten megabytes as scraped pages get there: a thousand long paragraphs and an inline base64 image. (Ten
    # megabytes of short paragraphs, ~70,000 elements, would take minutes per build even in linear time.)
    filler = "Filler text of the ten megabyte post, with words, numbers 12345 and punctuation; repeated. " * 54
    paragraphs = "".join(f"<p>Paragraph {i}: {filler}<b>bold</b> <a href=\"https://example.org/{i}\">link</a></p>\n"
                         for i in range(1000))
    image = base64.b64encode(random.Random(10).randbytes(3_750_000)).decode("ascii")
    post("size-10mb.md", {"title": "Ten megabyte post"},
         f"<p>{token('size-10mb.md')}</p>\n{paragraphs}<p><img src=\"data:image/png;base64,{image}\"></p>")
    depth = 20_000
    post("deep-div.md", {"title": "Deeply nested divs"},
         "<div>" * depth + f"deepest text {token('deep-div.md')}" + "</div>" * depth)
    post("deep-mixed.md", {"title": "Deeply nested mixed elements"},
         "<blockquote><ul><li><b>" * (depth // 4) + f"deepest text {token('deep-mixed.md')}"
         + "</b></li></ul></blockquote>" * (depth // 4))

    # Fan-out: one post that would multiply the site, each cut by a bound in `limits` -------------------
    text(ALIAS_BOMB, "\n---\ntitle: Alias bomb\ndate: 2022-08-01\nl0: &l0 [a, a, a, a, a, a, a, a, a]\n"
         + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
         + f"categories: *l9\ntags: *l9\n---\n{_body(ALIAS_BOMB)}\n", warn=True, title="Alias bomb")
    text("fanout-alias-loop.md", f"\n---\ntitle: Alias loop\ndate: 2022-08-01\ntags: &t [a, *t]\n---\n"
         f"{_body('fanout-alias-loop.md')}\n", warn=True, title="Alias loop")
    post("fanout-tags.md", {"title": "Twenty thousand tags", "tags": [f"tag{i}" for i in range(20_000)]}, warn=True)
    post("fanout-authors.md", {"title": "Five thousand authors", "author": [f"author{i}" for i in range(5_000)]},
         warn=True)
    post("fanout-category-depth.md", {"title": "A 400-level category path",
                                      "categories": [f"level{i}" for i in range(400)]}, warn=True)
    post("fanout-category-paths.md", {"title": "Five hundred category paths",
                                      "categories": [[f"path{i}"] for i in range(500)]}, warn=True)
    post(LONG_TITLE, {"title": "长" * 300_000}, warn=True, title="长" * 1_000 + "…")

    # Folders ---------------------------------------------------------------------------------------
    post("sub/deeper/nested-folder.md", {"title": "Nested folder"})
    os.symlink(".", folder / "loop")  # a symlink loop: loop/loop/loop/...
    os.symlink("..", folder / "sub" / "up")  # another, one level down
    return expected
