"""Generate N synthetic news posts in the scraped Hexo format, for benchmarks.

Each post is what the RSS scrapers write: an optional blank line, YAML front matter (quoted title, a
three-level ``categories`` path ``[top, source, section]``, author, ``comments: false``, a date, ``headimg``
and ``thumbnail``), then the raw HTML of the news site. Bodies average about 4.2 KB of HTML, roughly half
the posts in Chinese and half in English, with full-width-space indented paragraphs, ``<font
cms-style="strong-Bold">``, images (some in captioned ``img_wrapper`` divs), lists, links, an occasional
table and Python code block, an HTML comment and a footer repeated for every post of a source.

All text is our own. The output is deterministic: the same ``n`` (and ``seed``) always gives the same files.

Usage::

    python benchmarks/generate_posts.py N OUTDIR    # writes OUTDIR/<source>/<index>.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

INDENT = "\u3000\u3000"


@dataclass(frozen=True)
class Source:
    """A news site: folder name, display name (the author), top-level category, sections and footer."""

    key: str
    name: str
    top: str
    sections: tuple[str, ...]
    footer: str
    chinese: float  # share of its posts written in Chinese


SOURCES: tuple[Source, ...] = (
    Source("shili-caijing", "示例财经", "金融", ("国内", "国际", "股市", "基金"),
           "<p>海量资讯、精准解读，尽在示例财经APP</p>", 0.9),
    Source("jinri-licai", "今日理财", "金融", ("银行", "保险", "理财"),
           "<p>更多理财资讯，请下载今日理财客户端</p>", 0.8),
    Source("market-wire", "Market Wire", "金融", ("Markets", "Economy", "Companies"),
           "<p>Get the Market Wire app for live quotes and breaking news.</p>", 0.1),
    Source("byteline", "Byteline", "Tech", ("Chips", "Cloud", "AI", "Security"),
           "<p>Byteline — independent technology reporting since 2009.</p>", 0.1),
    Source("kaifazhe", "开发者周刊", "Tech", ("前端", "后端", "运维"),
           "<p>关注开发者周刊公众号，获取每周技术精选</p>", 0.7),
    Source("xinmeiti-kr", "新潮科技", "新媒体", ("资讯", "创投", "深度", "快讯"),
           "<p>本文由新潮科技原创，转载请注明出处</p>", 0.8),
    Source("pixel-news", "像素游报", "游戏", ("新闻", "评测", "电竞"),
           "<p>想了解更多游戏资讯，请关注像素游报</p>", 0.8),
    Source("gamefront", "GameFront", "游戏", ("Reviews", "Industry", "Esports"),
           "<p>Follow GameFront for reviews, previews and industry news.</p>", 0.2),
    Source("lumen", "Lumen", "Science", ("Space", "Biology", "Climate", "Physics"),
           "<p>Lumen is supported by readers. Subscribe for the weekly digest.</p>", 0.1),
    Source("kexue-ribao", "科学日报", "Science", ("天文", "医学", "环境"),
           "<p>科学日报：让科学走进每一天</p>", 0.9),
    Source("dongman-zhan", "动漫站", "动漫", ("番剧", "漫画", "周边"),
           "<p>动漫站 — 二次元的每一天</p>", 0.9),
    Source("anime-digest", "Anime Digest", "动漫", ("Seasonal", "Manga", "Events"),
           "<p>Anime Digest: your weekly guide to what's airing.</p>", 0.2),
)

ZH_SUBJECTS = ("公司", "市场", "研究团队", "监管部门", "分析人士", "开发者", "玩家社区", "投资者", "科学家",
               "工程师", "业内人士", "用户", "平台", "制作组", "观察人士", "研究机构")
ZH_VERBS = ("表示", "认为", "指出", "透露", "预计", "强调", "发现", "确认", "宣布", "提到")
ZH_CLAUSES = (
    "今年下半年的整体需求将保持稳定增长", "新一代产品在能耗方面有明显改善", "行业竞争格局正在发生深刻变化",
    "相关数据仍需要更长时间的观察", "成本压力在短期内难以完全缓解", "这一变化对中小企业的影响更加明显",
    "海外市场的表现好于此前的预期", "技术路线的选择将决定未来几年的走向", "用户对价格的敏感程度有所上升",
    "供应链的恢复速度超出了多数人的判断", "新的规则将从下个季度开始正式实施", "项目的第一阶段已经顺利完成",
    "更多细节将在下个月的发布会上公布", "团队计划在年底前推出测试版本", "这项研究为后续工作提供了新的思路",
    "整体来看风险依然处于可控范围之内", "相关功能目前只向部分地区开放", "社区对这一调整的反馈总体积极",
    "数据显示活跃用户数量同比增长了近三成", "多家机构已经上调了全年的预测",
)
ZH_CONNECTORS = ("此外，", "与此同时，", "不过，", "值得注意的是，", "据了解，", "从长期来看，", "另一方面，", "")
ZH_KEYWORDS = ("核心观点", "关键数据", "重要提示", "最新进展", "主要风险", "市场预期")
ZH_TITLE_A = ("深度解读", "一文看懂", "独家", "观察", "快讯", "专访", "盘点", "前瞻", "复盘", "速递")
ZH_TITLE_B = ("新能源汽车", "芯片产业", "云计算", "人工智能", "消费电子", "游戏出海", "银行理财", "基金市场",
              "航天探索", "气候变化", "新番动画", "开源社区", "移动支付", "在线教育", "电子竞技", "基因编辑")
ZH_TITLE_C = ("迎来新一轮增长", "的下一个十年", "面临哪些挑战", "为何突然升温", "背后的逻辑", "进入关键阶段",
              "还有多少空间", "的三个变化", "正在改变行业", "热度持续不减", "能否走出低谷", "的机会与风险")

EN_SUBJECTS = ("The company", "Analysts", "The research team", "Regulators", "Developers", "Investors",
               "Players", "Scientists", "Engineers", "Industry insiders", "Early users", "The studio")
EN_VERBS = ("said", "noted", "expect", "argued", "reported", "confirmed", "announced", "warned", "found")
EN_CLAUSES = (
    "that demand should remain steady through the second half of the year",
    "that the new generation uses noticeably less power than the last",
    "that competition in the sector is changing faster than expected",
    "that more data is needed before drawing firm conclusions",
    "that cost pressure is unlikely to ease in the short term",
    "that smaller firms are feeling the change most",
    "that overseas sales came in ahead of forecasts",
    "that the choice of architecture will shape the next few years",
    "that customers have become more sensitive to price",
    "that supply chains recovered sooner than most had predicted",
    "that the new rules take effect at the start of next quarter",
    "that the first phase of the project is now complete",
    "that further details will be shared at next month's event",
    "that a public beta is planned before the end of the year",
    "that the results open a new line of inquiry",
    "that overall risk remains within a manageable range",
    "that the feature is only available in some regions for now",
    "that community feedback on the change has been largely positive",
)
EN_CONNECTORS = ("Meanwhile, ", "However, ", "In addition, ", "Notably, ", "Over the longer term, ", "")
EN_KEYWORDS = ("Key takeaway", "By the numbers", "What to watch", "Why it matters", "The catch", "Bottom line")
EN_TITLE_A = ("Inside", "Why", "How", "Explainer:", "Analysis:", "Exclusive:", "Preview:", "Review:")
EN_TITLE_B = ("the chip shortage", "cloud pricing", "open-source AI", "electric vehicles", "the console market",
              "central bank policy", "the Mars sample mission", "ocean warming", "seasonal anime", "esports leagues",
              "quantum sensors", "mobile payments", "streaming bundles", "gene therapy", "indie game studios")
EN_TITLE_C = ("is changing the industry", "enters a new phase", "faces its biggest test yet", "could reshape 2022",
              "explained in five charts", "and what comes next", "hits a turning point", "keeps surprising analysts")

CAPTIONS_ZH = ("资料图", "图片来源：网络", "现场照片", "产品渲染图", "数据来源：公开资料", "截图自官方视频")
CAPTIONS_EN = ("File photo", "Image: company handout", "Screenshot from the official trailer", "Source: public data")

CODE_SNIPPETS = (
    'import statistics\n\nprices = [12.5, 13.1, 12.9, 14.2]\nprint(f"median: {statistics.median(prices)}")\n',
    "def moving_average(values, window=3):\n    return [sum(values[i:i + window]) / window\n"
    "            for i in range(len(values) - window + 1)]\n",
    "from pathlib import Path\n\nfor path in sorted(Path('data').glob('*.csv')):\n"
    "    print(path.name, path.stat().st_size)\n",
    "if score < 0 and total > 10:\n    warn('score & total look odd: <check>')\n",
)


def _zh_sentence(rng: random.Random) -> str:
    return f"{rng.choice(ZH_CONNECTORS)}{rng.choice(ZH_SUBJECTS)}{rng.choice(ZH_VERBS)}，{rng.choice(ZH_CLAUSES)}。"


def _en_sentence(rng: random.Random) -> str:
    connector = rng.choice(EN_CONNECTORS)
    subject = rng.choice(EN_SUBJECTS)
    if connector:
        subject = subject[0].lower() + subject[1:]
    return f"{connector}{subject} {rng.choice(EN_VERBS)} {rng.choice(EN_CLAUSES)}."


def _paragraph(rng: random.Random, chinese: bool, index: int) -> str:
    sentence = _zh_sentence if chinese else _en_sentence
    parts = [sentence(rng) for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.25:  # the source's bold marker around a sentence
        at = rng.randrange(len(parts))
        parts[at] = f'<font cms-style="strong-Bold">{parts[at]}</font>'
    if rng.random() < 0.2:
        at = rng.randrange(len(parts))
        word = "详情" if chinese else "details"
        href = f"https://news.example.com/story/{index}/{rng.randint(1, 9999)}"
        parts[at] += f' <a href="{href}" target="_blank">{word}</a>'
    text = "" if chinese else " "
    return f"<p>{INDENT if chinese else ''}{text.join(parts)}</p>"


def _image(rng: random.Random, chinese: bool, img_no: int) -> str:
    src = f"https://picsum.photos/id/{rng.randint(1, 1000)}/800/450"
    if rng.random() < 0.5:
        caption = rng.choice(CAPTIONS_ZH if chinese else CAPTIONS_EN) if rng.random() < 0.7 else ""
        return (f'<div class="img_wrapper"><img id="{img_no}" src="{src}" alt referrerpolicy="no-referrer">'
                f'<span class="img_descr">{caption}</span></div>')
    return f'<p><img src="{src}" alt="" referrerpolicy="no-referrer"></p>'


def _list(rng: random.Random, chinese: bool) -> str:
    tag = rng.choice(("ul", "ol"))
    items = [(rng.choice(ZH_CLAUSES) + "；") if chinese else rng.choice(EN_CLAUSES)[5:].capitalize() + ";"
             for _ in range(rng.randint(3, 5))]
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _table(rng: random.Random, chinese: bool) -> str:
    head = ("指标", "本期", "上期", "同比") if chinese else ("Metric", "This period", "Last period", "YoY")
    names = ZH_KEYWORDS if chinese else EN_KEYWORDS
    rows = []
    for name in rng.sample(names, 3):
        now, before = rng.randint(100, 999), rng.randint(100, 999)
        rows.append(f"<tr><td>{name}</td><td>{now}</td><td>{before}</td><td>{(now - before) / before:+.1%}</td></tr>")
    header = "".join(f"<th>{cell}</th>" for cell in head)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _code(rng: random.Random) -> str:
    code = rng.choice(CODE_SNIPPETS).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<pre><code class="language-python">{code}</code></pre>'


def _heading(rng: random.Random, chinese: bool) -> str:
    return f"<h2>{rng.choice(ZH_KEYWORDS if chinese else EN_KEYWORDS)}</h2>"


def _title(rng: random.Random, chinese: bool, index: int) -> str:
    if chinese:
        return f"{rng.choice(ZH_TITLE_A)}｜{rng.choice(ZH_TITLE_B)}{rng.choice(ZH_TITLE_C)}（{index % 97 + 1}）"
    return f"{rng.choice(EN_TITLE_A)} {rng.choice(EN_TITLE_B)} {rng.choice(EN_TITLE_C)} ({index % 97 + 1})"


def _body(rng: random.Random, source: Source, chinese: bool, index: int) -> str:
    target = rng.randint(1600, 5900)  # bytes of UTF-8; the last block overshoots, so the mean is about 4.2 KB
    blocks: list[str] = []
    size = 0
    img_no = 0
    extras_done = rng.random() < 0.6  # most posts have neither a table nor code
    while size < target:
        roll = rng.random()
        if roll < 0.62:
            block = _paragraph(rng, chinese, index)
        elif roll < 0.77:
            block = _image(rng, chinese, img_no)
            img_no += 1
        elif roll < 0.86:
            block = _heading(rng, chinese)
        elif roll < 0.95:
            block = _list(rng, chinese)
        elif not extras_done:
            block = _table(rng, chinese) if rng.random() < 0.5 else _code(rng)
            extras_done = True
        else:
            block = _paragraph(rng, chinese, index)
        blocks.append(block)
        size += len(block.encode("utf-8")) + 1
    comment_at = rng.randrange(1, len(blocks) + 1)
    blocks.insert(comment_at, "<!-- 正文下方推荐位 -->" if chinese else "<!-- related-stories -->")
    blocks.append(source.footer)
    return "\n".join(blocks)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _date(rng: random.Random) -> str:
    start = dt.datetime(2018, 6, 1, tzinfo=dt.timezone.utc)
    when = start + dt.timedelta(seconds=rng.randrange(4 * 365 * 24 * 3600))
    if rng.random() < 0.85:
        return when.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return when.strftime("%Y-%m-%d %H:%M:%S")


def post(index: int, seed: int = 2022) -> tuple[str, str]:
    """Return ``(relative path, file text)`` of post number ``index``; independent of how many are made."""
    rng = random.Random(seed * 1_000_003 + index)
    source = SOURCES[rng.randrange(len(SOURCES))]
    section = rng.choice(source.sections)
    chinese = rng.random() < source.chinese
    title = _title(rng, chinese, index)
    cover = f"https://picsum.photos/id/{rng.randint(1, 1000)}/800/450"
    date = _date(rng)
    return post_file(source, section, title, cover, date, _body(rng, source, chinese, index), index)


def post_file(source: Source, section: str, title: str, cover: str, date: str, body: str,
              index: int) -> tuple[str, str]:
    """``(relative path, file text)`` in the scraped format: every other file opens with a blank line."""
    head = (
        f"---\ntitle: {_quote(title)}\ncategories: \n - {source.top}\n - {source.name}\n - {section}\n"
        f"headimg: {_quote(cover)}\nauthor: {source.name}\ncomments: false\ndate: {date}\n"
        f"thumbnail: {_quote(cover)}\n---\n\n"
    )
    text = ("\n" if index % 2 == 0 else "") + head + "<div>   \n" + body + "\n</div>\n"
    return f"{source.key}/{index:05d}.md", text


def generate(n: int, outdir: str | Path, seed: int = 2022) -> list[Path]:
    """Write ``n`` posts to ``outdir/<source>/<index>.md`` and return their paths."""
    root = Path(outdir)
    paths: list[Path] = []
    for index in range(n):
        rel, text = post(index, seed)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="number of posts")
    parser.add_argument("outdir", type=Path, help="folder to write <source>/<index>.md into")
    parser.add_argument("--seed", type=int, default=2022, help="random seed (default: 2022)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("n must be >= 0")
    paths = generate(args.n, args.outdir, args.seed)
    total = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} posts, {total / 1024:.0f} KiB, in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
