"""Code to Markdown: inline code (`code`, `kbd`, `samp`) in backticks, `pre` as a fenced or indented block."""

from __future__ import annotations

import re

from mkdocs_newsarchive.engine.convert.clean import Element, text_of
from mkdocs_newsarchive.engine.convert.markdown_inline import chomp
from mkdocs_newsarchive.engine.convert.markdown_walk import ElementWalker

LANGUAGE_CLASS = re.compile(r"^(?:language-|lang-)(\S+)$")
BACKTICK_RUNS = re.compile(r"`+")


def _language(pre: Element) -> str:
    """The code's language, from a `language-*`/`lang-*` class or highlight.js's `hljs <language>`."""
    for node in (pre, next(pre.iterdescendants("code"), None)):
        if node is None:
            continue
        classes = (node.get("class") or "").split()
        for i, cls in enumerate(classes):
            match = LANGUAGE_CLASS.match(cls)
            if match:
                return re.sub(r"[^\w+#.-]", "", match.group(1)).lower()
            if cls == "hljs" and i + 1 < len(classes):
                return re.sub(r"[^\w+#.-]", "", classes[i + 1]).lower()
    return ""


class CodeElements(ElementWalker):
    """The `convert_<tag>` handlers of code, inline and in blocks."""

    def convert_code(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, text = chomp(text)
        if not text:
            return ""
        longest = max((len(run) for run in BACKTICK_RUNS.findall(text)), default=0)
        if longest:
            text = f" {text} "
        delimiter = "`" * (longest + 1)
        return f"{prefix}{delimiter}{text}{delimiter}{suffix}"

    convert_kbd = convert_samp = convert_code

    def convert_pre(self, el: Element, text: str, parent_tags: set[str]) -> str:
        code = text_of(el).strip("\n")
        if not code.strip():
            return ""
        if parent_tags & {"li", "blockquote", "dd"}:
            # fenced_code does not work inside nested blocks; indented code does. Right after a list, it
            # would continue the list's last item: a zero-width paragraph ends that item first.
            previous = el.getprevious()
            separator = "&#8203;\n\n" if previous is not None and previous.tag in ("ul", "ol", "dl") else ""
            return "\n\n" + separator + "\n".join("    " + line for line in code.split("\n")) + "\n\n"
        runs = [len(run) for run in BACKTICK_RUNS.findall(code)]
        fence = "`" * max(3, max(runs, default=0) + 1)
        return f"\n\n{fence}{_language(el)}\n{code}\n{fence}\n\n"
