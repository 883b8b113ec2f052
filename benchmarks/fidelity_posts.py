"""Posts for the fidelity benchmark: ``generate_posts.py``'s posts plus the structures converters get wrong.

Same format as ``generate_posts.py`` (an optional blank line, Hexo front matter, the raw HTML of the news
site inside a ``<div>``), same sources, sentences and paragraphs, and in every post a footer repeated by every
post of its source: the source's line of text and a QR code image (:data:`QR_IMAGE`). On top of that each
post carries a deterministic selection (at least three) of:

- tables: some with a ``|`` inside a cell, some glued right after a paragraph (``<p>…</p><table>`` on one
  line), some without ``<thead>`` (a first row of ``<th>``);
- lists nested three deep (``ol > li > ul > li > ol|ul > li``), with and without whitespace between tags;
- code blocks ``<pre><code class="language-python">`` with ``&lt;``/``&amp;``, some with a Markdown fence
  (three backticks) inside, some with blank lines (one or several in a row) inside;
- captioned images: ``figure > img + figcaption`` and ``div.img_wrapper > img + span.img_descr``, and lazy
  images (a ``data:`` placeholder ``src`` and the real URL in ``data-src``);
- ``<font cms-style="strong-Bold">`` and ``<del>``;
- text that looks like Markdown: ``1. `` at the start of a paragraph or of a line after ``<br>``, ``*stars*``,
  ``_under_``, ``# hash``, ``[x](y)``, ``&lt;tag&gt;`` as text, ``|``, ``> quote``, ``- dash``, ``+ plus``;
- links whose URL has a query string with ``&``, parentheses, or Chinese characters.

Only the footer repeats verbatim across posts: a paragraph before a glued table and the first paragraph of
look-alikes carry a varying sentence, and each code block starts with a numbered comment line. (A block
repeated at the head or tail of several posts of a source is what boilerplate detection removes.)

All text is our own. The output is deterministic: the same ``index`` (and ``seed``) always gives the same post.

Usage::

    python benchmarks/fidelity_posts.py N OUTDIR    # writes OUTDIR/<source>/<index>.md
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_posts import (
    CAPTIONS_EN,
    CAPTIONS_ZH,
    CODE_SNIPPETS,
    EN_CLAUSES,
    EN_KEYWORDS,
    INDENT,
    SOURCES,
    ZH_CLAUSES,
    ZH_KEYWORDS,
    Source,
    _date,
    _en_sentence,
    _heading,
    _image,
    _list,
    _paragraph,
    _title,
    _zh_sentence,
    post_file,
)

QR_IMAGE = "https://example.com/qr.png"

# Code with what breaks converters: `<` and `&`, a Markdown fence inside, runs of blank lines.
FIDELITY_CODE = (
    'def clamp(x, lo, hi):\n    """Keep x in [lo, hi]."""\n    if x < lo:\n        return lo\n\n'
    "    return hi if x > hi else x\n",
    'README = """\n```python\nprint("hello")\n```\n"""\n\n\nprint(README.count("`"))\n',
    'rows = [r for r in data if r["score"] <= 0.5 and r["name"] != "<none>"]\n\n'
    "# `rows` is a list & may be empty\nprint(len(rows))\n",
    'import re\n\nPATTERN = re.compile(r"<(\\w+)>")\n\n\n\nfor tag in PATTERN.findall("<a><b>"):\n'
    '    print(f"*{tag}* and _{tag}_")\n',
    "total = 0\nfor n in range(10):\n    total += n ** 2\n\n    # ``` is not a fence here\n\nprint(total)\n",
)

ZH_LOOKALIKES = (
    "1. 首先需要说明的是，这并不是一个列表，而是正文的一句话。",
    "# 不是标题：话题标签 #新能源# 本周持续升温。",
    "代码里常见 *stars* 和 _under_ 写法，变量名如 snake_case_name 也很常见。",
    "Markdown 的链接写作 [x](y)，表格列用 a | b 分隔，标签写作 <tag>。",
    "> 这一行以大于号开头，但它不是引用。",
    "- 这一行以减号开头，但它不是列表。",
    "+ 加号开头的一行，同样只是文字。",
    "价格区间为 10~20 元，涨幅 **约三成**，详见 <附表>。",
)
EN_LOOKALIKES = (
    "1. This sentence starts with a number and a dot, but it is not a list.",
    "# Not a heading: the hashtag #chips trended all week.",
    "Developers wrote *stars* and _under_ around words, and names like snake_case_name.",
    "A Markdown link is written [x](y), a table cell is a | b, and a tag is written <tag>.",
    "> This line starts with a greater-than sign but is not a quote.",
    "- This line starts with a dash but is not a list item.",
    "+ A plus sign starts this line, and it is still just text.",
    "Prices ranged from $10~$20, up **about a third**, see <appendix>.",
)
PIPE_CELLS_ZH = ("A股 | 港股", "营收|利润", "上调 | 下调", "Q1 | Q2")
PIPE_CELLS_EN = ("A | B shares", "revenue|profit", "up | down", "Q1 | Q2")
TRICKY_LINKS = (
    "https://news.example.com/search?q=chips&page=2&sort=new",
    "https://en.example.org/wiki/Foo_(bar)",
    "https://news.example.com/专题/芯片?id=42",
    "https://news.example.com/story/2022/08/01/a_b_c",
)

Feature = Callable[[random.Random, bool, int], str]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sentence(rng: random.Random, chinese: bool) -> str:
    return _zh_sentence(rng) if chinese else _en_sentence(rng)


def _clause(rng: random.Random, chinese: bool) -> str:
    return rng.choice(ZH_CLAUSES) if chinese else rng.choice(EN_CLAUSES)[5:].capitalize()


def _rows(rng: random.Random, chinese: bool, pipe: bool) -> list[list[str]]:
    names = rng.sample(ZH_KEYWORDS if chinese else EN_KEYWORDS, 3)
    rows = []
    for name in names:
        now, before = rng.randint(100, 999), rng.randint(100, 999)
        rows.append([name, str(now), str(before), f"{(now - before) / before:+.1%}"])
    if pipe:
        rows[rng.randrange(3)][rng.randrange(4)] = rng.choice(PIPE_CELLS_ZH if chinese else PIPE_CELLS_EN)
    return rows


def _table(rng: random.Random, chinese: bool, index: int) -> str:
    """A data table; half with a `|` in a cell, half glued to the paragraph before it, some without thead."""
    head = ("指标", "本期", "上期", "同比") if chinese else ("Metric", "This period", "Last period", "YoY")
    pipe = rng.random() < 0.5
    glued = rng.random() < 0.5
    rows = _rows(rng, chinese, pipe)
    header = "<tr>" + "".join(f"<th>{_esc(cell)}</th>" for cell in head) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    if rng.random() < 0.3:
        table = f"<table>{header}{body}</table>"
    else:
        table = f"<table><thead>{header}</thead><tbody>{body}</tbody></table>"
    if glued:  # the paragraph before differs from post to post: only the footer is boilerplate
        intro = f"{_sentence(rng, chinese)}下表列出了主要数据：" if chinese else \
            f"{_sentence(rng, chinese)} The main figures are in the table below:"
        return f"<p>{INDENT if chinese else ''}{intro}</p>{table}"
    return table


def _nested_list(rng: random.Random, chinese: bool, index: int) -> str:
    """`ol > li > ul > li > (ol|ul) > li`: three levels, with or without whitespace between the tags."""
    inner_tag = rng.choice(("ol", "ul"))
    inner = "".join(f"<li>{_esc(_clause(rng, chinese))}</li>" for _ in range(rng.randint(2, 3)))
    middle_items = [f"<li>{_esc(_clause(rng, chinese))}<{inner_tag}>{inner}</{inner_tag}></li>"]
    middle_items += [f"<li>{_esc(_clause(rng, chinese))}</li>" for _ in range(rng.randint(1, 2))]
    rng.shuffle(middle_items)
    middle = "<ul>" + "".join(middle_items) + "</ul>"
    outer = [f"<li>{_esc(_clause(rng, chinese))}{middle}</li>"]
    outer += [f"<li>{_esc(_clause(rng, chinese))}</li>" for _ in range(rng.randint(1, 2))]
    html = "<ol>" + "".join(outer) + "</ol>"
    if rng.random() < 0.5:  # scraped HTML is often pretty-printed
        for tag in ("<li>", "<ul>", "<ol>", "</ul>", "</ol>"):
            html = html.replace(tag, "\n  " + tag)
    return html


def _code(rng: random.Random, chinese: bool, index: int) -> str:
    code = rng.choice(FIDELITY_CODE if rng.random() < 0.75 else CODE_SNIPPETS)
    code = f"# example {index}-{rng.randint(1, 99)}\n{code}"  # unique: a code block repeated is boilerplate
    return f'<pre><code class="language-python">{_esc(code)}</code></pre>'


def _picture(rng: random.Random) -> str:
    return f"https://picsum.photos/id/{rng.randint(1, 1000)}/800/450"


def _caption(rng: random.Random, chinese: bool) -> str:
    return rng.choice(CAPTIONS_ZH if chinese else CAPTIONS_EN)


def _figure(rng: random.Random, chinese: bool, index: int) -> str:
    return (f'<figure><img src="{_picture(rng)}" alt="" referrerpolicy="no-referrer">'
            f"<figcaption>{_caption(rng, chinese)}</figcaption></figure>")


def _img_wrapper(rng: random.Random, chinese: bool, index: int) -> str:
    return (f'<div class="img_wrapper"><img src="{_picture(rng)}" alt referrerpolicy="no-referrer">'
            f'<span class="img_descr">{_caption(rng, chinese)}</span></div>')


def _lazy_image(rng: random.Random, chinese: bool, index: int) -> str:
    placeholder = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    return f'<p><img src="{placeholder}" data-src="{_picture(rng)}" alt=""></p>'


def _bold_font(rng: random.Random, chinese: bool, index: int) -> str:
    first, second = _sentence(rng, chinese), _sentence(rng, chinese)
    sep = "" if chinese else " "
    return f'<p>{INDENT if chinese else ""}<font cms-style="strong-Bold">{first}</font>{sep}{second}</p>'


def _deleted(rng: random.Random, chinese: bool, index: int) -> str:
    if chinese:
        was, now = rng.randint(100, 999), rng.randint(10, 99)
        return f"<p>{INDENT}原价<del>{was} 元</del>，现价 {now} 元。{_zh_sentence(rng)}</p>"
    return f"<p>It was <del>${rng.randint(100, 999)}</del>, now ${rng.randint(10, 99)}. {_en_sentence(rng)}</p>"


def _lookalikes(rng: random.Random, chinese: bool, index: int) -> str:
    """Paragraphs whose text reads as Markdown: at the start of the paragraph, or of a line after <br>."""
    pool = ZH_LOOKALIKES if chinese else EN_LOOKALIKES
    picks = rng.sample(pool, 3)
    blocks = [f"<p>{_esc(picks[0])} {_esc(_sentence(rng, chinese))}</p>"]
    intro = "要点如下：" if chinese else "In short:"
    blocks.append(f"<p>{intro}<br>{_esc(picks[1])}<br>2. {_esc(_clause(rng, chinese))}</p>")
    blocks.append(f"<p>{_esc(_sentence(rng, chinese))} {_esc(picks[2])}</p>")
    return "\n".join(blocks)


def _tricky_link(rng: random.Random, chinese: bool, index: int) -> str:
    href = _esc(rng.choice(TRICKY_LINKS))
    word = "相关报道" if chinese else "related coverage"
    return f'<p>{_esc(_sentence(rng, chinese))} <a href="{href}" target="_blank">{word}</a></p>'


FEATURES: tuple[Feature, ...] = (_table, _nested_list, _code, _figure, _img_wrapper, _lazy_image, _bold_font,
                                 _deleted, _lookalikes, _tricky_link)


def footer(source: Source) -> str:
    """The footer every post of ``source`` ends with: its line of text and the QR code image."""
    return f'{source.footer}\n<img src="{QR_IMAGE}">'


def _body(rng: random.Random, source: Source, chinese: bool, index: int) -> str:
    blocks: list[str] = []
    img_no = 0
    for _ in range(rng.randint(4, 9)):
        roll = rng.random()
        if roll < 0.65:
            blocks.append(_paragraph(rng, chinese, index))
        elif roll < 0.8:
            blocks.append(_image(rng, chinese, img_no))
            img_no += 1
        elif roll < 0.9:
            blocks.append(_heading(rng, chinese))
        else:
            blocks.append(_list(rng, chinese))
    chosen = [feature for feature in FEATURES if rng.random() < 0.4]
    # Every post has at least three features, and every feature shows up in at least every tenth post.
    must = FEATURES[index % len(FEATURES)]
    if must not in chosen:
        chosen.append(must)
    while len(chosen) < 3:
        extra = rng.choice(FEATURES)
        if extra not in chosen:
            chosen.append(extra)
    for feature in chosen:
        blocks.insert(rng.randint(1, len(blocks)), feature(rng, chinese, index))
    blocks.insert(rng.randint(1, len(blocks)), "<!-- 正文下方推荐位 -->" if chinese else "<!-- related-stories -->")
    blocks.append(footer(source))
    return "\n".join(blocks)


def post(index: int, seed: int = 2022) -> tuple[str, str]:
    """Return ``(relative path, file text)`` of post number ``index``; independent of how many are made."""
    rng = random.Random(seed * 1_000_003 + index)
    source = SOURCES[rng.randrange(len(SOURCES))]
    section = rng.choice(source.sections)
    chinese = rng.random() < source.chinese
    title = _title(rng, chinese, index)
    cover = _picture(rng)
    date = _date(rng)
    return post_file(source, section, title, cover, date, _body(rng, source, chinese, index), index)


def posts(n: int, seed: int = 2022) -> list[tuple[str, str]]:
    """``(relative path, file text)`` of posts ``0 … n-1``."""
    return [post(index, seed) for index in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="number of posts")
    parser.add_argument("outdir", type=Path, help="folder to write <source>/<index>.md into")
    parser.add_argument("--seed", type=int, default=2022, help="random seed (default: 2022)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("n must be >= 0")
    for rel, text in posts(args.n, args.seed):
        path = args.outdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"{args.n} posts in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
