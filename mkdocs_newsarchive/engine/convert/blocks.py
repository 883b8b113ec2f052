"""A post body as a list of top-level blocks: the unit of boilerplate detection, excerpts and the audit."""

from __future__ import annotations

from dataclasses import dataclass


# Not frozen: a frozen dataclass's __init__ costs several times more, and an archive makes many blocks.
@dataclass(slots=True)
class Block:
    markdown: str
    text: str  # the block's text without any white space: what the page must still say
    # Text usable in an excerpt; empty for headings, sub-heads, code, tables and captions.
    summary: str = ""
    # Whether the block may be boilerplate: paragraphs, images, wrappers; never headings, code or tables.
    repeatable: bool = True
    # What the rendered page must still contain (the audit's expectations).
    links: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    code: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """What identifies the block across posts: its whitespace-free text and the URLs it links and shows
        ("查看讨论" linking to a different page in each post is not boilerplate). Derived, not stored: it
        would be a fourth copy of the text in memory and in the cache."""
        return " ".join([self.text, *self.links, *self.images]).strip()


def join_markdown(blocks: list[Block]) -> str:
    return "\n\n".join(b.markdown for b in blocks if b.markdown) + "\n"
