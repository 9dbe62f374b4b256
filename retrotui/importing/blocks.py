"""Markdown split into what a postmortem is made of: headed sections holding
paragraphs, bullet lists (with their nesting) and tables.

Only the block structure is read here, line by line, and every line keeps
its source text: what the text means is decided by the section readers, and
what they do not understand goes back to the user verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Every pattern here is linear in the line's length (no two runs of spaces
# that could split a line between them): hostile files may hold huge lines.
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_BULLET = re.compile(r"^([ \t]*)(?:[-*+•]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)")
_TABLE_RULE = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*(?:\|[ \t]*)?$"
)
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class Item:
    """One bullet: its text (continuation lines joined by newlines) and the
    bullets nested under it."""

    text: str
    children: list[Item] = field(default_factory=list)

    def flat(self) -> list[str]:
        """This bullet and everything under it, one indented line each (a
        loop, not recursion: a hostile file may nest bullets thousands deep)."""
        lines = []
        stack: list[tuple[Item, int]] = [(self, 0)]
        while stack:
            item, depth = stack.pop()
            lines.append(("  " * min(depth, 20) + "- " if depth else "") + item.text)
            stack += [(child, depth + 1) for child in reversed(item.children)]
        return lines


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    source: list[str]


@dataclass
class Paragraph:
    text: str


Block = Item | Table | Paragraph


@dataclass
class Section:
    level: int
    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    source: list[str] = field(default_factory=list)

    def items(self) -> list[Item]:
        return [b for b in self.blocks if isinstance(b, Item)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]

    def text(self) -> str:
        """The section's own source lines, blank edges trimmed."""
        return "\n".join(self.source).strip("\n")


@dataclass
class Document:
    preamble: Section
    sections: list[Section]
    comments: list[str]


def cells(line: str) -> list[str]:
    """A table row's cells, source text kept (``\\|`` stays escaped)."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip() for cell in _CELL_SPLIT.split(body)]


def _heading_text(text: str) -> str:
    """A heading's text without its optional closing ``#`` run."""
    text = text.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip()
    return text


def parse(text: str) -> Document:
    """The sections of ``text``, each heading opening one under the last
    heading of a higher level."""
    comments = _COMMENT.findall(text)
    lines = _COMMENT.sub("", text).split("\n")
    root = Section(0, "")
    stack = [root]
    current = root
    fence: str | None = None
    index = 0
    paragraph: list[str] = []
    lists: list[tuple[int, Item]] = []
    after_blank = False

    def flush() -> None:
        if paragraph:
            current.blocks.append(Paragraph("\n".join(paragraph)))
            paragraph.clear()

    while index < len(lines):
        line = lines[index]
        index += 1
        if fence is not None:
            current.source.append(line)
            paragraph.append(line)
            if line.strip().startswith(fence):
                fence = None
                flush()
            continue
        if (match := _FENCE.match(line)) is not None:
            flush()
            lists.clear()
            fence = match[1]
            current.source.append(line)
            paragraph.append(line)
            continue
        if (match := _HEADING.match(line)) is not None:
            flush()
            lists.clear()
            level = len(match[1])
            while stack[-1].level >= level:
                stack.pop()
            current = Section(level, _heading_text(match[2] or ""))
            stack[-1].children.append(current)
            stack.append(current)
            continue
        current.source.append(line)
        if not line.strip():
            flush()
            after_blank = True
            continue
        blank_before, after_blank = after_blank, False
        if "|" in line and index < len(lines) and _TABLE_RULE.match(lines[index]):
            flush()
            lists.clear()
            source = [line, lines[index]]
            header = cells(line)
            current.source.append(lines[index])
            index += 1
            rows = []
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                source.append(lines[index])
                current.source.append(lines[index])
                rows.append(cells(lines[index]))
                index += 1
            current.blocks.append(Table(header, rows, source))
            continue
        if (match := _BULLET.match(line)) is not None and not _TABLE_RULE.match(line):
            flush()
            indent = len(match[1].expandtabs(4))
            item = Item((match[2] or "").strip())
            while lists and lists[-1][0] >= indent:
                lists.pop()
            if lists:
                lists[-1][1].children.append(item)
            else:
                current.blocks.append(item)
            lists.append((indent, item))
            continue
        if lists and (line[:1].isspace() or not blank_before):
            # A lazy or indented continuation of the last bullet's text.
            last = lists[-1][1]
            joint = "\n\n" if blank_before else "\n"
            last.text = (
                f"{last.text}{joint}{line.strip()}" if last.text else line.strip()
            )
            continue
        lists.clear()
        paragraph.append(line.strip())
    flush()
    return Document(root, [s for s in _walk(root)], comments)


def _walk(section: Section) -> list[Section]:
    found = []
    for child in section.children:
        found.append(child)
        found += _walk(child)
    return found
