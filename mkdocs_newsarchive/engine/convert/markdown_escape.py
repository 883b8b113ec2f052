"""Escaping text for Python-Markdown, so that it renders literally."""

from __future__ import annotations

import functools
import html
import re

# Characters Python-Markdown (with `tables`, always on in MkDocs) reads as markup anywhere in a line.
INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|])")
LINE_START_SPECIALS = re.compile(r"^(\s*)(?:([#+\-=>])|(\d+)([.)])(?=\s|$))")
DOUBLED_EXTENSION_MARKS = re.compile(r"([~^=])(?=\1)")


@functools.lru_cache(maxsize=1 << 16)  # a post's title and excerpt are escaped once per listing it is on
def escape_markdown(text: str) -> str:
    """Make text render literally, whichever common Markdown extensions the site enables."""
    text = html.escape(text, quote=False)
    text = INLINE_SPECIALS.sub(r"\\\1", text)
    text = DOUBLED_EXTENSION_MARKS.sub(lambda m: f"&#{ord(m.group(1))};", text)
    return LINE_START_SPECIALS.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark, number, dot = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{number}\\{dot}"
