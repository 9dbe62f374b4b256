"""Home: drafts to resume, recent postmortems, team retrospectives apart,
follow-up reviews, open and overdue action items.

Its cost follows what is on screen, not the store: a worker reads and orders
the summary index's listing; each table adds rows a page at a time
(``widgets.paged_table``); a filter key refills only the postmortem lists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from retrotui.errors import RetroError
from retrotui.learning.index_build import wait_built
from retrotui.storage.listing import (
    Entries,
    home_order,
    read_entries,
    read_open_refs,
    summarize_page,
)
from retrotui.storage.migration import moving_line, moving_size
from retrotui.storage.summary import Summary
from screens.home_data import (
    Found,
    OpenActions,
    Shelf,
    first_page,
    full_text_matches,
)
from screens.home_keys import HOME_KEYS
from screens.home_rows import (
    ListRows,
    action_rows,
    actions_title,
    add_action_columns,
    add_list_columns,
    header,
    retros_title,
    reviews_line,
    room,
)
from widgets.keys_footer import KeysFooter
from widgets.paged_table import PagedTable, Row
from widgets.team_sync import TeamSyncStatus

LISTS = ("#home-list", "#home-retros")


class HomeScreen(Screen[None]):
    """The first screen of ``retro``."""

    HELP = (
        "Drafts you can resume come first, then postmortems, newest first; "
        "more are added as you scroll. Team retrospectives are listed apart "
        "below them. Type in the filter to search titles, services and tags, "
        "and every word of every postmortem once the search index is built. "
        "Below are the follow-up reviews ahead (and missed ones whose items "
        "are still open), then the open action items of every postmortem; "
        "overdue ones come first and are marked."
    )
    help_title: ClassVar[str] = "Home"

    BINDINGS = HOME_KEYS

    @dataclass
    class Loaded(Message):
        shelf: Shelf
        due: list[Summary]
        drawn: threading.Event | None = None  # set once a first page is drawn

    @dataclass
    class ActionsLoaded(Message):
        found: OpenActions

    @dataclass
    class Filtered(Message):
        """Every key matching ``query``, worked out in a worker."""

        query: str
        found: Found

    class IndexBuilt(Message):
        """The term index was brought in step in another process."""

    @dataclass
    class OpenPostmortem(Message):
        pm_id: str  # the postmortem the user chose

    class NewPostmortem(Message):
        """The user asked for a new postmortem."""

    @dataclass
    class Moving(Message):
        line: str  # a big single-file store is moved first: a while

    @dataclass
    class Unreadable(Message):
        line: str  # why the database cannot be read at all

    def __init__(self, db_path: Path, clock: Callable[[], datetime]) -> None:
        super().__init__(id="home")
        self.db_path = db_path
        self.clock = clock
        self.shelf = Shelf(Entries(Path(), {}, [], {}), [])
        self.list_rows = ListRows(self.shelf.entries)
        self.found = OpenActions([], date.min)
        # The query shown; False while its rows are the quick matches only.
        self.shown_query: tuple[str, bool] = ("", True)
        self.latest_query = ""
        self.listed = False
        self.notified: set[str] = set()
        self.index_asked = False

    def compose(self) -> ComposeResult:
        yield Static(Text("retro · postmortems", style="bold"), id="home-header")
        yield TeamSyncStatus(self.db_path, self.clock, id="home-team")
        yield Input(
            placeholder="/ filter: title, service, tag, any word",
            id="home-filter",
            compact=True,
        )
        yield PagedTable(id="home-list", cursor_type="row")
        yield Static("", id="home-retros-title")
        yield PagedTable(id="home-retros", cursor_type="row")
        yield Static("", id="home-reviews")
        yield Static("", id="home-actions-title")
        yield PagedTable(id="home-actions", cursor_type="row")
        yield KeysFooter()

    def on_mount(self) -> None:
        for name in LISTS:
            add_list_columns(self.query_one(name, PagedTable))
        add_action_columns(self.query_one("#home-actions", PagedTable))
        # Hidden until their rows arrive: shown empty first, a table kept its
        # header measured without them (columns then misaligned).
        for name in ("#home-retros", "#home-retros-title", "#home-actions"):
            self.query_one(name).display = False
        self.query_one("#home-list").focus()

    def on_screen_resume(self) -> None:
        # After a paint: a worker parsing a large index holds the interpreter
        # lock, and home's first frame waited for it (2x as long at 20,000).
        self.call_after_refresh(self._load)

    def on_resize(self) -> None:
        if self.listed:
            self._filter(self.latest_query)
            self._show_actions()

    # -- reading, in workers -------------------------------------------------

    @on(TeamSyncStatus.Finished)  # the list shows what the sync brought in
    @work(thread=True, group="home-load", exclusive=True)
    def _load(self) -> None:
        try:
            if not self.listed:
                self._first_page()
                if size := moving_size(self.db_path):
                    self.post_message(self.Moving(moving_line(self.db_path, size)))
            # Without the store: its lock and TinyDB are not needed to read.
            entries = read_entries(self.db_path)
        except RetroError as error:
            self.post_message(self.Unreadable(str(error)))
            return
        shelf = Shelf(entries, home_order(entries.by_key))
        due = summarize_page(entries.by_key, shelf.with_review(), entries.skipped)
        self.post_message(self.Loaded(shelf, due))

    def _first_page(self) -> None:
        """Show the first page of each list, if the kept newest entries can
        tell it, before the whole index is read (1.1 s at 20,000)."""
        shelf = first_page(self.db_path)
        if shelf is not None:
            drawn = threading.Event()
            self.post_message(self.Loaded(shelf, [], drawn))
            # Parsing the index holds the interpreter lock the paint needs;
            # not forever if the screen is never drawn (another on top).
            drawn.wait(timeout=2)

    # Started once the list is drawn, which it would otherwise slow (the lock).
    @work(thread=True, group="home-actions", exclusive=True, description="actions")
    def _load_actions(self, shelf: Shelf) -> None:
        shelf.tables  # noqa: B018 (worked out here, not on the first key)
        try:
            refs = read_open_refs(shelf.entries)
        except RetroError as error:
            self.post_message(self.Unreadable(str(error)))
            return
        self.post_message(self.ActionsLoaded(OpenActions(refs, self._today())))

    # Described (default: the shelf's repr, 1.4 s); a stale one just returns.
    @work(thread=True, group="home-search", description="search")
    def _search(self, shelf: Shelf, query: str) -> None:
        found = full_text_matches(
            self.db_path, shelf, query, lambda: self.latest_query != query
        )
        if found is not None:
            self.post_message(self.Filtered(query, found))

    @work(thread=True, group="home-index")
    def _build_index(self) -> None:
        worker = get_current_worker()
        if wait_built(self.db_path, lambda: worker.is_cancelled):
            self.post_message(self.IndexBuilt())

    # -- showing -----------------------------------------------------------------

    def on_home_screen_loaded(self, message: Loaded) -> None:
        after_page = self.listed and not self.shelf.complete
        self.shelf = message.shelf
        self.list_rows = ListRows(message.shelf.entries)
        self.listed = True
        self._notify_skipped()
        if message.drawn is not None:  # a first page: the rest is being read
            self._show_lists("")
            self.call_after_refresh(message.drawn.set)
            return
        self._fill_reviews(message.due)
        # Shown unfiltered (the first page's rows kept), or filtered by what
        # was typed meanwhile.
        self._filter(self.query_one("#home-filter", Input).value.strip(), after_page)
        self.call_after_refresh(self._load_actions, message.shelf)

    def on_home_screen_moving(self, message: Moving) -> None:
        # Else an empty list for seconds: as if every postmortem were gone.
        line = Text(message.line, style="bold yellow")
        self.query_one("#home-header", Static).update(line)

    def on_home_screen_actions_loaded(self, message: ActionsLoaded) -> None:
        self.found = message.found
        self._notify_skipped()
        self._show_actions()

    def on_home_screen_filtered(self, message: Filtered) -> None:
        if message.query != self.latest_query:
            return  # typed on since
        self.shown_query = (message.query, True)
        self._show_lists(message.query, message.found)
        if not message.found.every_word and not self.index_asked:
            self.index_asked = True
            self.notify(
                "Building the search index in the background; until it is "
                "done the filter looks at titles, ids, services and tags.",
                title="Filter",
                timeout=6,
            )
            self._build_index()

    def on_home_screen_index_built(self) -> None:
        self.shelf.index_behind = False
        if self.latest_query:
            self._filter(self.latest_query)

    def _notify_skipped(self) -> None:
        skipped = self.shelf.entries.skipped
        names = [e.pm_id for e in skipped if e.pm_id not in self.notified]
        if names:
            self.notified.update(names)
            self.notify(
                f"Not listed, cannot be read: {', '.join(names)}. "
                "'retro list' says why.",
                title="Skipped postmortems",
                severity="warning",
                markup=False,
            )

    def _today(self) -> date:
        return self.clock().date()

    def _rows(self, keys: list[str]) -> list[Row]:
        width = room(self.query_one("#home-list", PagedTable))
        rows, failed = self.list_rows.rows(keys, width)
        if failed:  # fails its checks: named, not shown
            self.call_later(self._notify_skipped)
        return rows

    def _show_lists(
        self, query: str, found: Found | None = None, same: bool = False
    ) -> None:
        """Quick matches of ``query`` (found as shown), or the worker's.
        ``same``: the rows shown are those of the same query (more keys)."""
        shelf = self.shelf
        incidents, retros = shelf.matching(query) if found is None else found[:2]
        same = same or found is not None
        self.query_one("#home-list", PagedTable).show(incidents, self._rows, same)
        retro_table = self.query_one("#home-retros", PagedTable)
        retro_table.show(retros, self._rows, same)
        has_retros = bool(shelf.retro_count)
        retro_table.display = has_retros
        retro_title = self.query_one("#home-retros-title", Static)
        retro_title.update(retros_title(shelf, query, found))
        retro_title.display = has_retros
        self.query_one("#home-header", Static).update(header(shelf, query, found))

    def _fill_reviews(self, due: list[Summary]) -> None:
        line = reviews_line(due, self._today())
        widget = self.query_one("#home-reviews", Static)
        widget.update(line or "")
        widget.display = line is not None

    def _show_actions(self) -> None:
        found = self.found
        title = actions_title(len(found), found.overdue)
        self.query_one("#home-actions-title", Static).update(title)
        table = self.query_one("#home-actions", PagedTable)
        table.show([str(n) for n in range(len(found))], self._action_rows)
        table.display = bool(found)

    def _action_rows(self, keys: list[str]) -> list[Row]:
        width = room(self.query_one("#home-actions", PagedTable))
        return action_rows(self.found, keys, width)

    # -- the filter ----------------------------------------------------------------

    @on(Input.Changed, "#home-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._filter(event.value.strip())

    def _filter(self, query: str, same: bool = False) -> None:
        self.latest_query = query
        if not self.listed or (query and not self.shelf.complete):
            return  # applied once the (whole) list is in
        self.shown_query = (query, not query)
        self._show_lists(query, same=same and not query)
        if query:  # once the quick rows are drawn, which its work would slow
            self.call_after_refresh(self._search, self.shelf, query)

    @on(Input.Submitted, "#home-filter")
    def action_leave_filter(self) -> None:
        self.query_one("#home-list", DataTable).focus()

    # -- choosing ------------------------------------------------------------------

    @on(DataTable.RowSelected, "#home-list, #home-retros")
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
        draft = self.shelf.latest_draft()
        if draft is None:
            self.notify("No draft to resume; press n to start one", timeout=3)
            return
        self._open_id(draft)

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
