"""A list of the postmortem's entries (factors, answers, items, takeaways)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import ListView


class ItemList(ListView):
    """ListView with Home and End: Textual's own moves one row at a time, and
    the letter keys of these lists act on the highlighted row."""

    BINDINGS = [
        Binding("home", "first", "First", show=False, id="list.first"),
        Binding("end", "last", "Last", show=False, id="list.last"),
    ]

    def action_first(self) -> None:
        if len(self):
            self.index = 0

    def action_last(self) -> None:
        if len(self):
            self.index = len(self) - 1
