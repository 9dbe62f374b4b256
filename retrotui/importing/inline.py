"""Inline Markdown turned back into the plain text a person typed."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from retrotui.reports.md_text import unescape

_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"(`+)(.+?)\1")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _link(match: re.Match[str]) -> str:
    text, url = match[1].strip(), match[2]
    if not url or text == url:
        return text or url
    return f"{text} ({url})" if text else url


def plain(markdown: str) -> str:
    """Text written in another tool's Markdown, as plain text: emphasis and
    code marks dropped, links as ``text (url)``, entities and ``<br>`` read."""
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(match[2].strip())
        return f"\x00{len(codes) - 1}\x00"

    text = _CODE.sub(keep_code, markdown)
    text = _BREAK.sub("\n", text)
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    text = re.sub("\x00(\\d+)\x00", lambda m: codes[int(m[1])], text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def reader(own_export: bool) -> Callable[[str], str]:
    """How a document's text is read back: retro's own export is undone
    exactly (``md_text.unescape``), anything else as plain text."""
    return unescape if own_export else plain
