"""Filling an action item's owner and due fields from what its text names."""

from __future__ import annotations

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


def split_steps(typed: str) -> list[str]:
    """An action item's sub-steps typed on one line, separated by semicolons."""
    return [step.strip() for step in typed.split(";") if step.strip()]
