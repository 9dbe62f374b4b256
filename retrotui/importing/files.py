"""Files handed to an import: read whole, refused with one clear line when they
cannot be a postmortem or evidence (too big, binary, not UTF-8)."""

from __future__ import annotations

import sys
from pathlib import Path

from retrotui.errors import RetroError, UsageError

MAX_BYTES = 8 * 1024 * 1024
# Extensions a folder import reads; a file without one is read too (some teams
# name their postmortems without ".md").
TEXT_SUFFIXES = {".md", ".markdown", ".mdown", ".txt", ""}
_TEXT_CONTROLS = {7, 8, 9, 10, 12, 13, 27}
_SKIP_NAMES = ("readme", "license", "licence", "changelog", "contributing", "code_of")


def read_bytes(source: str) -> bytes:
    """The bytes of ``source`` (a path, or ``-`` for standard input)."""
    name = shown(source)
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(source, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError as error:
        raise UsageError(f"retro: {name} is a folder") from error
    except OSError as error:
        raise UsageError(f"retro: cannot read {name}: {error.strerror}") from error
    if len(raw) > MAX_BYTES:
        raise RetroError(
            f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB: not one "
            "postmortem or one incident's evidence; split it"
        )
    return raw


def decode(raw: bytes, source: str) -> str:
    """``raw`` as text; binary data or another encoding is refused by name."""
    name = shown(source)
    head = raw[:8192]
    # Terminal output pasted in (colours, titles: ESC, BEL, backspace) is
    # text to clean; NULs or many other controls are not text at all.
    if b"\0" in head or (
        head and sum(b < 32 and b not in _TEXT_CONTROLS for b in head) > len(head) // 10
    ):
        raise RetroError(f"{name} is binary data, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RetroError(
            f"{name} is not UTF-8 text (byte 0x{raw[error.start]:02x} at offset "
            f"{error.start}); convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


def read_text(source: str) -> str:
    return decode(read_bytes(source), source)


def shown(source: str) -> str:
    """How a path appears in messages: standard input by name, bytes that are
    not UTF-8 escaped."""
    if source == "-":
        return "standard input"
    return source.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def folder_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The files of ``folder`` to read as postmortems, and those passed over
    (hidden, READMEs and licences, other kinds of file)."""
    take, skip = [], []
    for path in sorted(folder.iterdir()):
        lower = path.name.lower()
        # "PM2021-011 - Log4j v2.17 fix" has no extension, whatever pathlib says.
        suffix = path.suffix.lower()
        if " " in suffix or suffix[1:2].isdigit():
            suffix = ""
        if (
            not path.is_file()
            or lower.startswith((".", *_SKIP_NAMES))
            or suffix not in TEXT_SUFFIXES
        ):
            skip.append(path)
        else:
            take.append(path)
    return take, skip
