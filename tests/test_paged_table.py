"""PagedTable: what is painted, whatever the order of its events."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from widgets.paged_table import PagedTable, Row

TITLES = {"k7m2qx": "Checkout down during promotion", "b3xk9p": "Cache stampede"}


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield PagedTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.add_column("id", width=6)
        table.add_column("title")  # as wide as its widest cell


def rows_for(keys: list[str]) -> list[Row]:
    return [(key, (Text(key), Text(TITLES[key]))) for key in keys]


async def test_rows_painted_before_the_table_measures_them_are_not_clipped() -> None:
    """A frame drawn between adding rows and the table's own idle pass (which
    measures new rows) drew the title column as wide as its label and kept it
    so (its cells are cached until rows change): under load home showed
    'Check' for 'Checkout down during promotion'."""
    app = OneTable()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(PagedTable)
        await pilot.pause()
        table.show(list(TITLES), rows_for)
        painted_at_once = table.render_line(1).text  # before the table's idle
        await pilot.pause()
        painted_later = table.render_line(1).text
        for line in (painted_later, painted_at_once):
            assert "Checkout down during promotion" in line
