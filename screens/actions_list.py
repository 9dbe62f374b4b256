"""The action-items screen's list: one row an item, then a row to start a new one."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class ActionList(OptionList):
    """The action items and a last row to start a new one (Home and End
    move to the first and last, as in the other lists)."""

    BINDINGS = [
        Binding(
            "d,delete",
            "screen.delete",
            "Delete",
            id="actions.delete",
            tooltip="Delete the highlighted action item",
        ),
        Binding(
            "n",
            "screen.new_item",
            "New",
            show=False,
            id="actions.new_n",
            tooltip="Start a new action item",
        ),
    ]

    # Stopping at the ends, as the other lists do (an OptionList wraps round).
    def action_cursor_up(self) -> None:
        self.highlighted = max(0, (self.highlighted or 0) - 1)

    def action_cursor_down(self) -> None:
        last = self.option_count - 1
        at = self.highlighted
        self.highlighted = min(last, -1 if at is None else at + 1)
