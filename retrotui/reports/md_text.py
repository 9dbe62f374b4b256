"""User text inside Markdown: shown as typed, never read as structure; reversible.

Markdown gives meaning to characters anywhere in a line (``*``, ``[``, ``<``,
``|``...) and to whole lines (``---`` under text is a heading, four spaces make
a code block, ``1)`` starts a list).  Every ``escape_*`` function here writes
text that CommonMark, GitHub and GitLab render as the characters the user
typed, and ``unescape`` gives those characters back, so a report can be read
back in (the Markdown importer uses the same pair).

- Characters with inline meaning get a backslash (CommonMark's escape for
  ASCII punctuation); ``&`` too, so ``&amp;`` stays five characters.
- A line's first character gets one when it could open a block (``#``, ``>``,
  ``-``, ``+``, ``=``...); after digits, the ``.`` or ``)`` of a list number.
- Spaces and tabs at either end of a line become ``&#32;`` and ``&#9;``:
  indentation that cannot make a code block, trailing spaces that cannot make
  a line break, and neither is lost.
- A line break inside a block ends the line with a backslash (a hard break),
  so lines stay lines; in a table cell it is ``<br>``.
"""

from __future__ import annotations

import re

# Punctuation with meaning anywhere in a line, in CommonMark or in GitHub's and
# GitLab's extensions ($ is maths, ~ strikethrough, | a table column).
_INLINE = re.compile(r"([\\`*_\[\]<>|~#&$])")
# What may still open a block at the start of a line once inline escapes are
# done: a list bullet, a setext underline, a list number.
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")
_EDGE_SPACE = re.compile(r"^[ \t]+|[ \t]+$")
_ENTITIES = {" ": "&#32;", "\t": "&#9;"}
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|&#32;|&#9;|<br>")
HARD_BREAK = "\\"
CELL_BREAK = "<br>"


def _edges(line: str) -> str:
    return _EDGE_SPACE.sub(lambda m: "".join(_ENTITIES[c] for c in m.group()), line)


def escape_inline(text: str) -> str:
    """One line of user text where only inline Markdown applies (a heading's
    text, a value after a label)."""
    return _edges(_INLINE.sub(r"\\\1", text))


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line)
    if not line.startswith((" ", "\t")):
        line = _BLOCK_START.sub(
            lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line, count=1
        )
    return _edges(line)


def escape_block(text: str, indent: str = "") -> str:
    """User text that starts a block (a paragraph, a list item's content).

    ``indent`` goes before every line after the first: the continuation
    indent of the list item the text is in.
    """
    lines = [_escape_line(line) for line in text.split("\n")]
    out = []
    for number, line in enumerate(lines):
        if number:
            out.append("\n" + (indent if line else ""))
        out.append(line)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if line and following:
            out.append(HARD_BREAK)
    return "".join(out)


def escape_cell(text: str) -> str:
    """User text in a table cell: one line, pipes escaped, breaks as ``<br>``."""
    return CELL_BREAK.join(escape_inline(line) for line in text.split("\n"))


def unescape(markdown: str, indent: str = "") -> str:
    """The user text that ``escape_inline``, ``escape_block`` (with the same
    ``indent``) or ``escape_cell`` turned into ``markdown``."""
    lines = []
    for number, line in enumerate(markdown.split("\n")):
        if number and indent and line.startswith(indent):
            line = line[len(indent) :]
        trailing = len(line) - len(line.rstrip("\\"))
        if trailing % 2:
            line = line[:-1]
        lines.append(line)
    return _UNESCAPE.sub(_unescaped, "\n".join(lines))


def _unescaped(match: re.Match[str]) -> str:
    if match[1] is not None:
        return match[1]
    return {"&#32;": " ", "&#9;": "\t", CELL_BREAK: "\n"}[match[0]]
