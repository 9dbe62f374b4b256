"""A DataTable whose columns fit their cells as soon as rows are added.

DataTable measures new rows only in its next idle pass, and caches the cells
it draws until the rows change, not when a column widens. A frame drawn
between the two (a busy machine, a worker's message first) drew a column
sized by its cells as wide as its label and kept it so: under load home
showed 'Check' for 'Checkout down during promotion', the board and the
timeline 'limit' for a whole event. Every table of retro is one of these.
"""

from __future__ import annotations

from rich.text import Text
from textual.render import measure
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, RowKey


class MeasuredTable(DataTable[Text]):
    """Widens the columns sized by their cells to each added row at once."""

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: Text | str | None = None,
    ) -> RowKey:
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        console = self.app.console
        for column, cell in zip(self.ordered_columns, cells, strict=False):
            if column.auto_width:
                width = measure(console, cell, 1)
                column.content_width = max(column.content_width, width)
        return row_key

    def room_left(self, *fixed: int, least: int) -> int:
        """The width left for one column beside columns ``fixed`` wide, every
        column's padding taken off, and at least ``least``. A row's width is
        what the table shows beside its scrollbar gutter (kept stable, so the
        same with the scrollbar or without); before the table's first layout,
        the screen's width less that gutter and the table's edges."""
        row = self.scrollable_content_region.width or self.app.size.width - 4
        padding = 2 * self.cell_padding * (len(fixed) + 1)
        return max(least, row - sum(fixed) - padding)
