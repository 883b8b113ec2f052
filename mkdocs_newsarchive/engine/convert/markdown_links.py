"""Links, images, figures and embedded media (iframes, video, audio) to Markdown."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from mkdocs_newsarchive.engine.convert.clean import Element
from mkdocs_newsarchive.engine.convert.markdown_escape import escape_markdown
from mkdocs_newsarchive.engine.convert.markdown_walk import ElementWalker

EMBED_HOSTS = ("youtube.com", "youtube-nocookie.com", "player.bilibili.com", "player.vimeo.com",
               "v.qq.com", "player.youku.com")


def _url(url: str) -> str:
    url = url.strip()
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _title(title: str) -> str:
    return f' "{html.escape(title)}"' if title else ""


def _host_label(url: str) -> str:
    return escape_markdown(urlsplit(url).hostname or url)


class LinkElements(ElementWalker):
    """The `convert_<tag>` handlers of links, images, figures and embedded media."""

    no_referrer: bool  # set by the converter: whether every image asks not to send a referrer

    def convert_img(self, el: Element, text: str, parent_tags: set[str]) -> str:
        src = (el.get("src") or "").strip()
        if not src:
            return ""
        alt = escape_markdown(" ".join((el.get("alt") or "").split()))
        attrs = []
        if self.no_referrer or el.get("referrerpolicy") == "no-referrer":
            attrs.append('referrerpolicy="no-referrer"')
        for dim in ("width", "height"):
            value = el.get(dim) or ""
            if value.isdigit():
                attrs.append(f'{dim}="{value}"')
        suffix = "{ " + " ".join(attrs) + " }" if attrs else ""
        return f"![{alt}]({_url(src)}{_title(el.get('title') or '')}){suffix}"

    def convert_a(self, el: Element, text: str, parent_tags: set[str]) -> str:
        href = (el.get("href") or "").strip()
        if not text.strip():
            return text
        if not href or href.startswith("#") or "_noformat" in parent_tags:
            return text
        return f"[{text.strip()}]({_url(href)}{_title(el.get('title') or '')})"

    def convert_figure(self, el: Element, text: str, parent_tags: set[str]) -> str:
        caption = next(el.iterdescendants("figcaption"), None)
        if caption is None or "_inline" in parent_tags:
            return f"\n\n{text.strip()}\n\n"
        body = text.strip()
        caption_md = self.process_tag(caption, parent_tags | {"_inline", "figure"}).strip()
        if caption_md and body.endswith(caption_md):
            body = body[: -len(caption_md)].strip()
        return (f'\n\n<figure markdown="span">\n{body}\n<figcaption markdown="span">{caption_md}'
                f"</figcaption>\n</figure>\n\n")

    def convert_figcaption(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if "figure" in parent_tags:
            return f"\n\n{text.strip()}"
        return f"\n\n{text.strip()}\n\n"

    def convert_iframe(self, el: Element, text: str, parent_tags: set[str]) -> str:
        src = (el.get("src") or "").strip()
        if not src:
            return ""
        if src.startswith("//"):
            src = "https:" + src
        host = (urlsplit(src).hostname or "").lower()
        if any(host == h or host.endswith("." + h) for h in EMBED_HOSTS) and src.startswith("https://"):
            return (f'\n\n<iframe src="{html.escape(src)}" loading="lazy" allowfullscreen '
                    f'width="640" height="360"></iframe>\n\n')
        return f"\n\n[{_host_label(src)}]({_url(src)})\n\n"

    def convert_video(self, el: Element, text: str, parent_tags: set[str]) -> str:
        sources = (s.get("src") or "" for s in el.iterdescendants("source"))
        src = (el.get("src") or "").strip() or next((s for s in sources if s), "")
        poster = (el.get("poster") or "").strip()
        if not src:
            return f"![]({_url(poster)})" if poster else text
        label = f"![{escape_markdown(text.strip())}]({_url(poster)})" if poster else f"▶ {_host_label(src)}"
        return f"\n\n[{label}]({_url(src)})\n\n"

    convert_audio = convert_video
