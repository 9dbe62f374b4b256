"""A DataTable over a long list that adds its rows a page at a time.

Filling a DataTable costs per row (each cell is measured), so a list of
20,000 postmortems is never added whole: the table holds the keys in order
and adds the next page when the cursor reaches its last row or the view is
scrolled to the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.widgets import DataTable

PAGE = 40
Row = tuple[str, Sequence[Text]]
RowsFor = Callable[[list[str]], list[Row]]


class PagedTable(DataTable[Text]):
    """Shows ``keys`` in order; ``rows_for`` makes the rows of one page."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.keys_in_order: list[str] = []
        self.rows_for: RowsFor = lambda keys: []
        self.added = 0

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self.scrolled, init=False)

    def show(self, keys: list[str], rows_for: RowsFor) -> None:
        """Replace the rows: the first page of ``keys``; the cursor keeps
        its row where it can."""
        keep = self.cursor_row
        self.keys_in_order = keys
        self.rows_for = rows_for
        self.added = 0
        self.clear()
        self.more(max(PAGE, keep + 1))
        if self.row_count:
            self.move_cursor(row=min(keep, self.row_count - 1))

    def more(self, count: int = PAGE) -> None:
        """Add the next ``count`` rows, if any are left."""
        keys = self.keys_in_order[self.added : self.added + count]
        self.added += len(keys)
        for key, cells in self.rows_for(keys):
            self.add_row(*cells, key=key)

    @property
    def overflows(self) -> bool:
        """Will its rows (a header and every key) be more than it shows?"""
        shown = self.region.height or self.screen.size.height
        return len(self.keys_in_order) + 1 > shown

    @property
    def all_shown(self) -> bool:
        return self.added >= len(self.keys_in_order)

    def scrolled(self, value: float) -> None:
        if not self.all_shown and value >= self.max_scroll_y:
            self.more()

    @on(DataTable.RowHighlighted)
    def reached_end(self, event: DataTable.RowHighlighted) -> None:
        if not self.all_shown and event.cursor_row >= self.row_count - 1:
            self.more()
