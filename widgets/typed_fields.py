"""Filling an action item's owner and due fields from what its text names."""

from __future__ import annotations

import re
from datetime import date

from textual.widgets import Input

from retrotui.checks.smart import typed_fields


def fill_typed_fields(text: Input, owner: Input, due: Input, today: date) -> None:
    """An owner or due date typed in ``text`` fills its field when that is empty.

    Shown in the field and editable there, so nobody types it twice; a field
    that already holds something is left alone.
    """
    typed = typed_fields(text.value, today)
    for box, value in ((owner, typed.owner), (due, typed.due)):
        if value and not box.value.strip():
            box.value = value
            box.cursor_position = len(value)


# What a semicolon inside does not split: `code`, "quotes", (brackets), an
# HTML entity copied from a Markdown source (&amp;), an escaped one (\;).
_KEPT = re.compile(r'`[^`]*`|"[^"]*"|\([^()]*\)|\[[^\[\]]*\]|&#?\w+;|\\;|;')


def _parts(typed: str) -> list[str]:
    """``typed`` cut at its bare semicolons, ``\\;`` read as ``;``."""
    parts, current, position = [], "", 0
    for match in _KEPT.finditer(typed):
        current += typed[position : match.start()]
        if match[0] == ";":
            parts.append(current)
            current = ""
        else:
            current += ";" if match[0] == "\\;" else match[0]
        position = match.end()
    return [*parts, current + typed[position:]]


def split_steps(typed: str) -> list[str]:
    """An action item's sub-steps typed on one line, separated by semicolons;
    one inside `code`, quotes or brackets, or written ``\\;``, stays in its
    step (```systemctl stop x; systemctl start x``` is one step)."""
    return [step.strip() for step in _parts(typed) if step.strip()]


def join_steps(steps: list[str]) -> str:
    """The steps on one line again, each bare semicolon in a step written
    ``\\;``, so that editing an item never splits one of its steps."""
    return "; ".join(
        _KEPT.sub(lambda m: "\\;" if m[0] == ";" else m[0], step) for step in steps
    )
