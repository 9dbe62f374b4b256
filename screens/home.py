"""Home: drafts to resume, recent postmortems, follow-up reviews, open and
overdue action items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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

from retrotui.errors import RetroError
from retrotui.followup.schedule import reviews
from retrotui.storage.listing import read_summaries
from retrotui.storage.summary import ActionSummary, Summary
from widgets.keys_footer import KeysFooter

DRAFT = "draft"
OWNER_WIDTH = 12


@dataclass(frozen=True)
class OpenAction:
    item: ActionSummary
    overdue: bool


def ordered(pms: list[Summary]) -> list[Summary]:
    """Drafts first (most recently touched first), then the rest, newest first."""
    drafts = sorted(
        (pm for pm in pms if pm.status == DRAFT),
        key=lambda pm: pm.updated,
        reverse=True,
    )
    others = sorted(
        (pm for pm in pms if pm.status != DRAFT),
        key=lambda pm: pm.incident_date,
        reverse=True,
    )
    return drafts + others


def open_actions(pms: list[Summary], today: date) -> list[OpenAction]:
    """Open action items of every postmortem: overdue first, then by due date."""
    found = [
        OpenAction(item, item.is_overdue(today))
        for pm in pms
        for item in pm.open_actions
    ]
    return sorted(
        found, key=lambda a: (not a.overdue, a.item.due or date.max, a.item.pm_id)
    )


class HomeScreen(Screen[None]):
    """The first screen of ``retro``."""

    HELP = (
        "Drafts you can resume come first, then recent postmortems. Type in the "
        "filter to search titles, services and tags. Below are the follow-up "
        "reviews ahead (and missed ones whose items are still open), then the "
        "open action items of every postmortem; overdue ones come first and "
        "are marked."
    )
    help_title: ClassVar[str] = "Home"

    BINDINGS = [
        Binding("n", "new", "New", id="home-new", tooltip="Start a new postmortem"),
        Binding(
            "r",
            "resume",
            "Resume",
            id="home-resume",
            tooltip="Continue the most recent draft where it was left",
        ),
        Binding(
            "o",
            "open",
            "Open",
            id="home-open",
            tooltip="Open the highlighted postmortem (or the action item's)",
        ),
        Binding("slash", "filter", "Filter", id="home-filter", tooltip="Search"),
        Binding(
            "a",
            "actions",
            "Actions",
            id="home-actions",
            tooltip="The action board: open, overdue and done items; "
            "mark done, change a due date",
        ),
        Binding(
            "s",
            "stats",
            "Stats",
            id="home-stats",
            tooltip="Figures over time: incidents, time to detect and resolve, "
            "follow-through",
        ),
    ]

    class Loaded(Message):
        def __init__(self, pms: list[Summary]) -> None:
            super().__init__()
            self.pms = pms

    class OpenPostmortem(Message):
        """The user chose postmortem ``pm_id``."""

        def __init__(self, pm_id: str) -> None:
            super().__init__()
            self.pm_id = pm_id

    class NewPostmortem(Message):
        """The user asked for a new postmortem."""

    class Unreadable(Message):
        """The database cannot be read at all: ``line`` says why."""

        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

    def __init__(self, db_path: Path, clock: Callable[[], datetime]) -> None:
        super().__init__(id="home")
        self.db_path = db_path
        self.clock = clock
        self.pms: list[Summary] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("retro · postmortems", style="bold"), id="home-header")
        yield Input(
            placeholder="/ filter by title, service or tag",
            id="home-filter",
            compact=True,
        )
        yield DataTable(id="home-list", cursor_type="row", zebra_stripes=False)
        yield Static("", id="home-reviews")
        yield Static("", id="home-actions-title")
        yield DataTable(id="home-actions", cursor_type="row")
        # The palette (ctrl+p) is named in F1 help; its footer hint would push
        # this screen's own keys off an 80-column line.
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#home-list", DataTable)
        table.add_column("id", width=6, key="id")
        table.add_column("status", width=9, key="status")
        table.add_column("sev", width=5, key="sev")
        table.add_column("date", width=10, key="date")
        table.add_column("title", key="title")
        actions = self.query_one("#home-actions", DataTable)
        actions.add_column("due", width=11, key="due")
        actions.add_column("from", width=6, key="from")
        actions.add_column("owner", width=OWNER_WIDTH, key="owner")
        actions.add_column("action", key="action")
        # Hidden until its rows arrive: shown empty first, it kept the header
        # measured without them (columns then misaligned).
        actions.display = False
        table.focus()

    def on_screen_resume(self) -> None:
        self._load()

    def on_resize(self) -> None:
        self._fill()

    def _room(self, table: DataTable) -> int:
        """Cells the last column has: the screen less the other columns, their
        padding and a scrollbar, so long text ends in an ellipsis rather than
        running off the edge behind a horizontal scrollbar."""
        columns = list(table.columns.values())
        used = sum(column.width for column in columns[:-1])
        padding = 2 * table.cell_padding * len(columns)
        return max(10, self.size.width - used - padding - 2)

    @staticmethod
    def _fit(text: str, width: int, style: str = "") -> Text:
        line = Text(text, style=style, no_wrap=True)
        line.truncate(width, overflow="ellipsis")
        return line

    @work(thread=True, group="home-load", exclusive=True)
    def _load(self) -> None:
        try:
            # Without the store: its lock and TinyDB are not needed to read.
            listing = read_summaries(self.db_path)
        except RetroError as error:
            self.post_message(self.Unreadable(str(error)))
            return
        if listing.skipped:
            names = ", ".join(error.pm_id for error in listing.skipped)
            self.app.call_from_thread(
                self.notify,
                f"Not listed, cannot be read: {names}. 'retro list' says why.",
                title="Skipped postmortems",
                severity="warning",
                markup=False,
            )
        self.post_message(self.Loaded(listing.summaries))

    def on_home_screen_loaded(self, message: Loaded) -> None:
        self.pms = ordered(message.pms)
        self._fill()

    def _today(self) -> date:
        return self.clock().date()

    def _fill(self) -> None:
        query = self.query_one("#home-filter", Input).value
        shown = [pm for pm in self.pms if pm.matches(query)]
        table = self.query_one("#home-list", DataTable)
        keep = table.cursor_row
        room = self._room(table)
        table.clear()
        for pm in shown:
            table.add_row(
                Text(pm.id),
                Text(
                    pm.status.replace("_", " "),
                    style="bold" if pm.status == DRAFT else "",
                ),
                Text(pm.severity),
                Text(pm.incident_date),
                self._fit(pm.title, room),
                key=pm.id,
            )
        if shown:
            table.move_cursor(row=min(keep, len(shown) - 1))
        header = self.query_one("#home-header", Static)
        drafts = sum(pm.status == DRAFT for pm in self.pms)
        line = Text("retro · postmortems", style="bold")
        if not self.pms:
            line.append(" · none yet: press n to start one")
        else:
            line.append(f" · {len(self.pms)} in all, {drafts} draft(s)")
            if query:
                line.append(f" · {len(shown)} match")
        header.update(line)
        self._fill_reviews()
        self._fill_actions()

    def _fill_reviews(self) -> None:
        today = self._today()
        found = reviews(self.pms, today)
        line = Text("Reviews:", style="bold")
        for review in found:
            missed = review.missed(today)
            line.append("  ")
            line.append(review.on.isoformat(), style="bold red" if missed else "")
            line.append(f" {review.pm_id} ({review.when(today)}", style="")
            line.append(", missed" if missed else "", style="bold red")
            line.append(")")
        widget = self.query_one("#home-reviews", Static)
        widget.update(line)
        widget.display = bool(found)

    def _fill_actions(self) -> None:
        found = open_actions(self.pms, self._today())
        overdue = sum(a.overdue for a in found)
        title = Text(f"Open action items: {len(found)}", style="bold")
        if overdue:
            title.append("  ")
            title.append(f" {overdue} OVERDUE ", style="bold reverse red")
        self.query_one("#home-actions-title", Static).update(title)
        table = self.query_one("#home-actions", DataTable)
        room = self._room(table)
        table.clear()
        for index, entry in enumerate(found):
            item = entry.item
            due = item.due.isoformat() if item.due else (item.due_text or "-")
            style = "bold red" if entry.overdue else ""
            table.add_row(
                Text(("!" if entry.overdue else "") + due, style=style),
                Text(item.pm_id),
                self._fit(
                    item.owner or "no owner",
                    OWNER_WIDTH,
                    "" if item.owner else "italic",
                ),
                self._fit(item.text, room, style),
                key=f"{index}:{item.pm_id}",
            )
        table.display = bool(found)

    @on(Input.Changed, "#home-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#home-filter")
    def _filter_done(self) -> None:
        self.query_one("#home-list", DataTable).focus()

    @on(DataTable.RowSelected, "#home-list")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self._open_id(str(event.row_key.value))

    @on(DataTable.RowSelected, "#home-actions")
    def _action_chosen(self, event: DataTable.RowSelected) -> None:
        self._open_id(str(event.row_key.value).split(":", 1)[1])

    def _open_id(self, pm_id: str) -> None:
        self.post_message(self.OpenPostmortem(pm_id))

    def action_new(self) -> None:
        self.post_message(self.NewPostmortem())

    def action_resume(self) -> None:
        draft = next((pm for pm in self.pms if pm.status == DRAFT), None)
        if draft is None:
            self.notify("No draft to resume; press n to start one", timeout=3)
            return
        self._open_id(draft.id)

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, DataTable) and focused.row_count:
            row_key, _ = focused.coordinate_to_cell_key(focused.cursor_coordinate)
            value = str(row_key.value)
            self._open_id(value.split(":", 1)[1] if ":" in value else value)
            return
        table = self.query_one("#home-list", DataTable)
        if table.row_count:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            self._open_id(str(row_key.value))

    def action_filter(self) -> None:
        self.query_one("#home-filter", Input).focus()

    def action_actions(self) -> None:
        from screens.board import BoardScreen

        def chosen(pm_id: str | None) -> None:
            if pm_id:
                self._open_id(pm_id)

        self.app.push_screen(BoardScreen(self.db_path, self.clock), chosen)

    def action_stats(self) -> None:
        from screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.db_path, self.clock))
