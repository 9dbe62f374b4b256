"""A DataTable over a long list that adds its rows a page at a time.

Filling a DataTable costs per row (each cell is measured), so a list of
20,000 postmortems is never added whole: the table takes its keys in order,
as many as it shows (a filter's matches are found as they are asked for),
and adds the next page when the cursor reaches its last row or the view is
scrolled to the end. Shown the same first rows again (a filter's full answer
after its quick one), it keeps them and only takes the new keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from rich.text import Text
from textual import on
from textual.widgets import DataTable

from widgets.measured_table import MeasuredTable

PAGE = 20  # rows added at a time, at least: a screenful when that is more
Row = tuple[str, Sequence[Text]]
RowsFor = Callable[[list[str]], list[Row]]


class PagedTable(MeasuredTable):
    """Shows ``keys`` in order; ``rows_for`` makes the rows of one page."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.keys_in_order: list[str] = []  # taken so far
        self.rest: Iterator[str] = iter(())
        self.rows_for: RowsFor = lambda keys: []
        self.added = 0
        self.filled = False  # overflowed when its rows were made

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self.scrolled, init=False)

    def show(self, keys: Iterable[str], rows_for: RowsFor, same: bool = False) -> None:
        """Replace the rows: the first page of ``keys``; the cursor keeps
        its row where it can. ``same``: the rows ``rows_for`` makes are those
        shown for the same keys (only the keys changed), so the rows already
        shown are kept where the new keys begin with theirs."""
        shown = self.keys_in_order[: self.added]
        self.rest = iter(keys)
        self.keys_in_order = list(islice(self.rest, len(shown)))
        self.rows_for = rows_for
        # With a scrollbar or without, the rows have other widths.
        if same and self.keys_in_order == shown and self.overflows == self.filled:
            if self.added < self.page:
                self.more(self.page - self.added)
            return
        keep = self.cursor_row
        self.added = 0
        self.filled = self.overflows
        self.clear()
        self.more(max(self.page, keep + 1))
        if self.row_count:
            self.move_cursor(row=min(keep, self.row_count - 1))

    def _take(self, count: int) -> None:
        """Have at least ``count`` keys taken, if there are that many."""
        missing = count - len(self.keys_in_order)
        if missing > 0:
            self.keys_in_order += islice(self.rest, missing)

    @property
    def page(self) -> int:
        return max(PAGE, self.region.height or self.screen.size.height)

    def more(self, count: int | None = None) -> None:
        """Add the next ``count`` rows (a page), if any are left."""
        count = count or self.page
        self._take(self.added + count)
        keys = self.keys_in_order[self.added : self.added + count]
        self.added += len(keys)
        rows = self.rows_for(keys)
        for key, cells in rows:
            self.add_row(*cells, key=key)

    @property
    def overflows(self) -> bool:
        """Will its rows (a header and every key) be more than it shows?"""
        shown = self.region.height or self.screen.size.height
        self._take(shown)
        return len(self.keys_in_order) + 1 > shown

    @property
    def all_shown(self) -> bool:
        self._take(self.added + 1)
        return self.added >= len(self.keys_in_order)

    def scrolled(self, value: float) -> None:
        if not self.all_shown and value >= self.max_scroll_y:
            self.more()

    @on(DataTable.RowHighlighted)
    def reached_end(self, event: DataTable.RowHighlighted) -> None:
        if not self.all_shown and event.cursor_row >= self.row_count - 1:
            self.more()
