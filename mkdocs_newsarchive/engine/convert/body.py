"""A post's body, HTML in: allow-listed, cleaned, converted to Markdown blocks."""

from __future__ import annotations

from mkdocs_newsarchive.engine.convert import clean, sanitize
from mkdocs_newsarchive.engine.convert import markdown as convert
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.problems import ProblemLog


def convert_body(body: str, log: ProblemLog, drop_selectors: tuple[str, ...] = (),
                 no_referrer: bool = False) -> tuple[list[Block], str | None]:
    """Body HTML to Markdown blocks and the first image URL."""
    root = clean.parse_body(sanitize.sanitize_html(body, selectable=bool(drop_selectors)))
    clean.drop_selected(root, drop_selectors)
    root = clean.clean_tree(root)
    first = next(root.iter("img"), None)
    first_image = (first.get("src") or None) if first is not None else None
    try:
        blocks = convert.convert_blocks(root, no_referrer)
    except RecursionError:
        log.warn("body nests too deeply to convert; published as plain text")
        text = "\n\n".join(root.itertext())
        flat = "".join(text.split())
        blocks = [Block(convert.escape_markdown(text), flat, summary=" ".join(text.split()))]
    return blocks, first_image
