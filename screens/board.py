"""The action board: every action item of every postmortem, reachable from home.

Views: open, overdue, done and dropped, all; a filter by owner; keys to mark
the highlighted item done, reopen it, change its due date (the SMART check's
due-date phrases) or open its postmortem.  Changes are written by
``retrotui.followup.items`` on the stored version, in a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from retrotui.document.models import ActionItem
from retrotui.document.schema import ActionStatus
from retrotui.errors import BadDocument, RetroError
from retrotui.followup import items
from retrotui.followup.board import BoardRow, board, filtered, read_sources
from widgets.keys_footer import KeysFooter
from widgets.paged_table import PagedTable, Row

VIEWS = ("open", "overdue", "done and dropped", "all")
OWNER_WIDTH = 12
STATUS_LABEL = {"done": "done", "not_doing": "dropped"}


def in_view(rows: list[BoardRow], view: str, owner: str) -> list[BoardRow]:
    """The rows one view of the board shows, filtered by ``owner`` if given."""
    kept = filtered(
        rows,
        owner=owner or None,
        overdue=view == "overdue",
        include_closed=view != "open" and view != "overdue",
    )
    if view == "done and dropped":
        kept = [row for row in kept if row.item.status is not ActionStatus.open]
    return kept


def key_of(row: BoardRow) -> str:
    return f"{row.pm_id}/{row.item.id}"


def board_cells(row: BoardRow, room: int) -> tuple[Text, ...]:
    """An item's cells: due, postmortem, owner, text cut to ``room``."""
    item = row.item
    due = item.due.isoformat() if item.due else (item.due_text or "-")
    style = "bold red" if row.overdue else ""
    owner = Text(item.owner or "no owner", no_wrap=True)
    owner.truncate(OWNER_WIDTH, overflow="ellipsis")
    text = Text(no_wrap=True)
    if item.status is not ActionStatus.open:
        text.append(f"[{STATUS_LABEL[item.status.value]}] ", style="dim")
    text.append(" ".join(item.text.split()), style=style)
    text.truncate(room, overflow="ellipsis")
    return (
        Text(("!" if row.overdue else "") + due, style=style),
        Text(row.pm_id),
        owner,
        text,
    )


class BoardScreen(Screen["str | None"]):
    """Action items across postmortems; ``a`` on home opens it.

    Dismissed with the id of the postmortem to open, or None for home.
    """

    HELP = (
        "Every action item of every postmortem. **v** switches between open, "
        "overdue, done and dropped, and all; **/** filters by owner. On the "
        "highlighted item: **d** marks it done (with a note or link, which may be "
        "empty), **r** opens it again, **e** "
        "changes its due date (2027-03-31, Friday, in 2 weeks, end of Q1 ...), "
        "**o** or Enter opens its postmortem. Esc goes back home."
    )
    help_title: ClassVar[str] = "Action board"

    BINDINGS = [
        Binding("v", "next_view", "View", id="board-view", tooltip="Switch view"),
        Binding("slash", "owner", "Owner", id="board-owner", tooltip="Filter by owner"),
        Binding("d", "done", "Done", id="board-done", tooltip="Mark the item done"),
        Binding("e", "due", "Due", id="board-due", tooltip="Change the due date"),
        Binding("r", "reopen", "Reopen", id="board-reopen", tooltip="Open it again"),
        Binding("o", "open", "Open", id="board-open", tooltip="Open its postmortem"),
        Binding("escape", "back", "Home", id="board-back", tooltip="Back home"),
    ]

    class Loaded(Message):
        def __init__(self, rows: list[BoardRow]) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, db_path: Path, clock: Callable[[], datetime]) -> None:
        super().__init__(id="board")
        self.db_path = db_path
        self.clock = clock
        self.rows: list[BoardRow] = []
        self.by_key: dict[str, BoardRow] = {}
        self.view = VIEWS[0]
        self.loaded = False
        # The item the line under the table is asking about, and what for.
        self.asking: tuple[BoardRow, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="board-header")
        yield Input(placeholder="/ owner", id="board-owner", compact=True)
        # 89,500 open items at 20,000 postmortems: added a page at a time
        # (filling them all held the screen 8 s).
        yield PagedTable(id="board-table", cursor_type="row")
        yield Static("", id="board-detail")
        yield Input(id="board-line", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#board-table", DataTable)
        table.add_column("due", width=11, key="due")
        table.add_column("from", width=6, key="from")
        table.add_column("owner", width=OWNER_WIDTH, key="owner")
        table.add_column("action", key="action")
        self.query_one("#board-line", Input).display = False
        self._show_header()
        table.focus()
        self._load()

    def _today(self) -> date:
        return self.clock().date()

    # -- reading and writing, in workers ------------------------------------

    @work(thread=True, group="board", exclusive=True)
    def _load(self) -> None:
        skipped: list[BadDocument] = []
        try:
            sources = read_sources(self.db_path, skipped)
        except RetroError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        if skipped:
            names = ", ".join(error.pm_id for error in skipped)
            self.app.call_from_thread(
                self._failed,
                f"Not listed, cannot be read: {names}. 'retro list' says why.",
            )
        self.post_message(self.Loaded(board(sources, self._today())))

    @work(thread=True, group="board-write")
    def _change(
        self, row: BoardRow, change: Callable[[ActionItem], ActionItem], said: str
    ) -> None:
        from retrotui.storage.store import Store

        try:
            items.change_item(Store(self.db_path), row.pm_id, row.item.id, change)
        except RetroError as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self.notify, said, timeout=3, markup=False)
        self._load()

    def _failed(self, line: str) -> None:
        self.notify(line, severity="error", markup=False)

    # -- drawing --------------------------------------------------------------

    def on_board_screen_loaded(self, message: Loaded) -> None:
        self.rows = message.rows
        self.by_key = {key_of(row): row for row in self.rows}
        self.loaded = True
        self._fill()

    def _shown(self) -> list[BoardRow]:
        owner = self.query_one("#board-owner", Input).value
        return in_view(self.rows, self.view, owner)

    def _show_header(self) -> None:
        line = Text("Action items", style="bold")
        if not self.loaded:
            line.append(" · reading ...", style="dim")
            self.query_one("#board-header", Static).update(line)
            return
        open_rows = [r for r in self.rows if r.item.status is ActionStatus.open]
        overdue = sum(r.overdue for r in open_rows)
        line.append(f" · {len(open_rows):,} open")
        if overdue:
            line.append(" · ")
            line.append(f" {overdue:,} OVERDUE ", style="bold reverse red")
        line.append(" · view: ")
        line.append(self.view, style="bold")
        line.append(" (v)")
        self.query_one("#board-header", Static).update(line)

    def _fill(self) -> None:
        table = self.query_one("#board-table", PagedTable)
        current = self._current()
        keys = [key_of(row) for row in self._shown()]
        table.show(keys, self._rows_for)
        # The same item stays highlighted when a change moves it.
        if current is not None and key_of(current) in self.by_key:
            try:
                place = keys.index(key_of(current))
            except ValueError:
                place = None
            if place is not None:
                if place >= table.added:
                    table.more(place + 1 - table.added)
                table.move_cursor(row=place)
        self._show_header()
        self._show_detail()

    def _rows_for(self, keys: list[str]) -> list[Row]:
        table = self.query_one("#board-table", PagedTable)
        # Beside the fixed columns, not the screen's width less them: that drew
        # a row 2 cells too wide (a sideways scrollbar, the ellipsis cut off).
        room = table.room_left(11, 6, OWNER_WIDTH, least=10)
        return [(key, board_cells(self.by_key[key], room)) for key in keys]

    def _current(self) -> BoardRow | None:
        table = self.query_one("#board-table", DataTable)
        if not table.row_count:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.by_key.get(str(key.value))

    def _show_detail(self) -> None:
        row = self._current()
        detail = Text(no_wrap=True, overflow="ellipsis")
        if row is None:
            detail.append(
                "Nothing in this view." if self.loaded else "Reading ...", style="dim"
            )
        else:
            detail.append(row.ref, style="bold")
            detail.append(f" · {row.pm_title}")
            if row.item.closed_on:
                detail.append(f" · closed {row.item.closed_on.isoformat()}")
            if row.item.closing_note:
                detail.append(f": {' '.join(row.item.closing_note.split())}")
        self.query_one("#board-detail", Static).update(detail)

    @on(DataTable.RowHighlighted, "#board-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(Input.Changed, "#board-owner")
    def _owner_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#board-owner")
    def _owner_done(self) -> None:
        self.query_one("#board-table", DataTable).focus()

    # -- actions --------------------------------------------------------------

    def action_next_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self._fill()

    def action_owner(self) -> None:
        self.query_one("#board-owner", Input).focus()

    def action_done(self) -> None:
        row = self._current()
        if row is None or row.item.status is ActionStatus.done:
            return
        self._ask(row, "note", f"how {row.ref} was done: a PR, a link (may be empty)")

    def action_reopen(self) -> None:
        row = self._current()
        if row is None or row.item.status is ActionStatus.open:
            return
        self._change(row, items.reopened, f"{row.ref} open again")

    def action_due(self) -> None:
        row = self._current()
        if row is not None:
            self._ask(row, "due", f"new due date for {row.ref}: Friday, EOQ ...")

    def _ask(self, row: BoardRow, what: str, placeholder: str) -> None:
        """Open the line under the table for ``what`` (``due`` or ``note``)
        about ``row``; the answer goes to that item even if the list changes."""
        self.asking = (row, what)
        line = self.query_one("#board-line", Input)
        line.placeholder = placeholder
        line.value = ""
        line.display = True
        line.focus()
        self._show_hint("")

    def _show_hint(self, typed: str) -> None:
        detail = self.query_one("#board-detail", Static)
        if self.asking is None:
            return
        if self.asking[1] == "note":
            detail.update(Text("Enter marks it done, Esc cancels", style="dim"))
            return
        if not typed.strip():
            detail.update(Text("Enter sets the date, Esc cancels", style="dim"))
            return
        try:
            when = items.read_due_date(typed, self._today())
        except RetroError as error:
            detail.update(Text(str(error).removeprefix("retro actions: "), style="dim"))
        else:
            detail.update(Text(f"→ {when:%a %Y-%m-%d}  (Enter to set, Esc to cancel)"))

    @on(Input.Changed, "#board-line")
    def _line_typed(self, event: Input.Changed) -> None:
        self._show_hint(event.value)

    @on(Input.Submitted, "#board-line")
    def _line_entered(self, event: Input.Submitted) -> None:
        if self.asking is None:
            return
        row, what = self.asking
        typed = event.value
        today = self._today()
        if what == "note":
            self._close_line()
            self._change(
                row,
                lambda i: items.mark_done(i, typed.strip(), today),
                f"{row.ref} done",
            )
            return
        try:
            when = items.read_due_date(typed, today)
        except RetroError as error:
            self.notify(
                str(error).removeprefix("retro actions: "),
                severity="warning",
                markup=False,
            )
            return
        self._close_line()
        self._change(
            row,
            lambda i: items.with_due(i, when, typed),
            f"{row.ref} due {when:%a %Y-%m-%d}",
        )

    def _close_line(self) -> None:
        self.asking = None
        self.query_one("#board-line", Input).display = False
        self.query_one("#board-table", DataTable).focus()
        self._show_detail()

    def action_open(self) -> None:
        row = self._current()
        if row is not None:
            self.dismiss(row.pm_id)

    @on(DataTable.RowSelected, "#board-table")
    def _row_chosen(self) -> None:
        self.action_open()

    def action_back(self) -> None:
        if self.asking is not None:
            self._close_line()
            return
        if self.focused is self.query_one("#board-owner", Input):
            self.query_one("#board-table", DataTable).focus()
            return
        self.dismiss(None)
