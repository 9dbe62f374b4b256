"""Cleaning of user text: no terminal escape sequences or control characters."""

from __future__ import annotations

import re

# ESC-introduced sequences (CSI, OSC, DCS/PM/APC strings, two-byte escapes) and
# their 8-bit C1 forms.  They would let pasted text move the cursor, retitle the
# terminal or hide content, so they are removed entirely, payload included.
_ESCAPES = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?      # OSC ... BEL or ST
  | \x1b[P^_X][^\x1b]*(?:\x1b\\)?           # DCS, PM, APC, SOS ... ST
  | \x1b\[[0-?]*[ -/]*[@-~]                 # CSI
  | \x9b[0-?]*[ -/]*[@-~]                   # 8-bit CSI
  | \x9d[^\x07\x9c]*(?:\x07|\x9c)?          # 8-bit OSC
  | \x1b[ -/]*[0-~]                         # other ESC sequences
    """,
    re.VERBOSE,
)
# C0 and C1 controls and DEL, except tab and newline.  Every sequence above
# starts with one of them (as does CR), so text without any is left as it is:
# listings clean every field of every postmortem.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """Return ``value`` without escape sequences or control characters.

    Newlines and tabs stay; CRLF and lone CR become newlines.
    """
    if not value or not _CONTROLS.search(value):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPES.sub("", value)
    return _CONTROLS.sub("", value)


def clean_line(value: str) -> str:
    """Clean ``value`` and fold it onto one line, trimmed."""
    if value.isprintable() and "  " not in value and value.strip(" ") == value:
        # Nothing to remove or fold (no control, escape, tab, newline or
        # other space): listings clean every field they show.
        return value
    return " ".join(clean_text(value).split())


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"
