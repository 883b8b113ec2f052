"""Tags added to a page's `<head>` after the theme has written it (MkDocs' on_post_page): works the same with
every theme and leaves a user's template overrides alone."""

from __future__ import annotations

HEAD_END = "</head>"


def with_head_tags(html: str, tags: str) -> str:
    """`html` with `tags` just before its `</head>`; unchanged when there are no tags or no head."""
    if not tags:
        return html
    at = html.find(HEAD_END)
    return html if at < 0 else f"{html[:at]}{tags}\n{html[at:]}"
