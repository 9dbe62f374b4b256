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

    @property
    def row_width(self) -> int:
        """Cells a row may take beside the scrollbar gutter (kept stable, so
        the same with the scrollbar or without). Before the table's first
        layout: the screen's width less that gutter and the table's edges."""
        return self.scrollable_content_region.width or self.app.size.width - 4
