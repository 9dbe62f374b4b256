"""MeasuredTable: a column sized by its cells fits them in the first frame
drawn after rows are added, before DataTable's own idle pass measures them."""

from __future__ import annotations

import ast
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from widgets.measured_table import MeasuredTable

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ["Rollout of build 4411 to web-3", "Error rate alert fired at 5%"]


class OneTable(App[None]):
    def __init__(self, table: DataTable[Text]) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield self.table

    def on_mount(self) -> None:
        self.table.add_column("when", width=11)
        self.table.add_column("event")  # as wide as its widest cell


async def painted_first_and_later(table: DataTable[Text]) -> tuple[str, str]:
    app = OneTable(table)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for number, text in enumerate(EVENTS):
            table.add_row(Text(f"12-02 10:0{number}"), Text(text))
        first = table.render_line(2).text  # before the table's idle pass
        await pilot.pause()
        return first, table.render_line(2).text


async def test_a_row_is_drawn_whole_in_the_frame_right_after_it_is_added() -> None:
    first, later = await painted_first_and_later(MeasuredTable())
    assert "Error rate alert fired at 5%" in first
    assert "Error rate alert fired at 5%" in later


async def test_a_plain_data_table_clips_that_frame() -> None:
    """What MeasuredTable is for (if a Textual release measures rows as they
    are added, this says so and MeasuredTable can go)."""
    first, _ = await painted_first_and_later(DataTable())
    assert "Error rate alert fired at 5%" not in first


def test_every_table_on_a_screen_is_a_measured_table() -> None:
    """No plain DataTable is made or subclassed in screens/ or widgets/."""
    plain = []
    for path in [*ROOT.glob("screens/**/*.py"), *ROOT.glob("widgets/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Call):
                names = [node.func]
            elif isinstance(node, ast.ClassDef):
                names = [getattr(base, "value", base) for base in node.bases]
            for name in names:
                if (
                    isinstance(name, ast.Name)
                    and name.id == "DataTable"
                    and path.name != "measured_table.py"
                ):
                    plain.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert plain == []
