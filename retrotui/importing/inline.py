"""Inline Markdown turned back into the plain text a person typed."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from retrotui.document.schema import MAX_TEXT
from retrotui.reports.md_text import unescape

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_BREAK = re.compile(r"<br\s*/?>", re.I)
_SPACE_RUN = re.compile(r"[ \t]{64,}")
# Longer text is cut to a field's size after reading anyway; reading no more
# than twice that bounds the work a hostile line can cause.
_READ_AT_MOST = 2 * MAX_TEXT


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # markdown-it-py (CommonMark, as Rich and Textual use it) rather than
    # hand-written patterns: its inline rules stay linear on hostile input
    # ('[' or '*a ' repeated), where regular expressions went quadratic.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True})


def _render(tokens: list[Token]) -> str:
    out: list[str] = []
    links: list[tuple[str, int]] = []
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline"):
            out.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "html_inline":
            out.append("\n" if _BREAK.fullmatch(token.content) else token.content)
        elif kind == "link_open":
            links.append((str(token.attrs.get("href", "")), len(out)))
        elif kind == "link_close" and links:
            href, start = links.pop()
            label = "".join(out[start:]).strip()
            if href and label != href:
                out.append(f" ({href})" if label else href)
        elif kind == "image":
            alt = _render(token.children or [])
            src = str(token.attrs.get("src", ""))
            out.append(f"{alt} ({src})" if alt else src)
        elif token.children:
            out.append(_render(token.children))
    return "".join(out)


def plain(markdown: str) -> str:
    """Text written in another tool's Markdown, as plain text: emphasis and
    code marks dropped, links as ``text (url)``, entities, escapes and
    ``<br>`` read; other HTML stays as the characters written."""
    # Rendered Markdown shows a run of spaces as one: a hostile run must not
    # push the words after it past the cut.
    markdown = _SPACE_RUN.sub(" ", markdown)
    tokens = _parser().parseInline(markdown[:_READ_AT_MOST])
    text = "".join(_render(token.children or []) for token in tokens)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def reader(own_export: bool) -> Callable[[str], str]:
    """How a document's text is read back: retro's own export is undone
    exactly (``md_text.unescape``), anything else as plain text."""
    return unescape if own_export else plain
