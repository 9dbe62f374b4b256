"""The cells of home's rows and lines, from summaries: plain Rich text."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import DataTable

from retrotui.document.schema import severity_column
from retrotui.errors import BadDocument
from retrotui.followup.schedule import reviews
from retrotui.storage.listing import DRAFT, Entries
from retrotui.storage.summary import Summary, summarize
from screens.home_data import Found, OpenAction, OpenActions, Shelf
from widgets.paged_table import PagedTable, Row

OWNER_WIDTH = 12


def add_list_columns(table: DataTable) -> None:
    table.add_column("id", width=6, key="id")
    table.add_column("status", width=9, key="status")
    table.add_column("sev", width=5, key="sev")
    table.add_column("date", width=10, key="date")
    table.add_column("title", key="title")


def add_action_columns(table: DataTable) -> None:
    table.add_column("due", width=11, key="due")
    table.add_column("from", width=6, key="from")
    table.add_column("owner", width=OWNER_WIDTH, key="owner")
    table.add_column("action", key="action")


def room(table: PagedTable) -> int:
    """Cells the last column has: the table's width (the screen's until it
    is laid out) less the other columns, their padding and the table's
    scrollbar when its rows overflow it, so long text ends in an ellipsis
    rather than running off the edge behind a horizontal scrollbar."""
    width = table.region.width or table.screen.size.width
    columns = list(table.columns.values())
    used = sum(column.width for column in columns[:-1])
    padding = 2 * table.cell_padding * len(columns)
    scrollbar = table.styles.scrollbar_size_vertical if table.overflows else 0
    return max(10, width - used - padding - scrollbar)


def fit(text: str, width: int, style: str = "") -> Text:
    line = Text(text, style=style, no_wrap=True)
    line.truncate(width, overflow="ellipsis")
    return line


class ListRows:
    """The rows of postmortems by key, each summarized (checked and
    cleaned) once, when first shown."""

    def __init__(self, entries: Entries) -> None:
        self.entries = entries
        self.summaries: dict[str, Summary] = {}
        self.failed: set[str] = set()

    def rows(self, keys: list[str], width: int) -> tuple[list[Row], bool]:
        """The rows of ``keys``; True too when one failed its checks (it is
        added to ``entries.skipped`` and left out)."""
        entries = self.entries
        failed = False
        for key in keys:
            if key in self.summaries or key in self.failed:
                continue
            try:
                self.summaries[key] = summarize(entries.by_key[key])
            except BadDocument as error:
                entries.skipped.append(error)
                self.failed.add(key)
                failed = True
        shown = [self.summaries[key] for key in keys if key in self.summaries]
        return [(pm.id, pm_cells(pm, width)) for pm in shown], failed


def pm_cells(pm: Summary, width: int) -> tuple[Text, ...]:
    status = Text(
        pm.status.replace("_", " "), style="bold" if pm.status == DRAFT else ""
    )
    return (
        Text(pm.id),
        status,
        Text(severity_column(pm.severity, pm.kind)),
        Text(pm.incident_date),
        fit(pm.title, width),
    )


def action_rows(found: OpenActions, keys: list[str], width: int) -> list[Row]:
    """Home's rows of open items: ``keys`` are their places in ``found``;
    one that fails its checks is left out."""
    shown = [(key, found.at(int(key))) for key in keys]
    return [
        (f"{key}:{entry.item.pm_id}", action_cells(entry, width))
        for key, entry in shown
        if entry is not None
    ]


def action_cells(entry: OpenAction, width: int) -> tuple[Text, ...]:
    item = entry.item
    due = item.due.isoformat() if item.due else (item.due_text or "-")
    style = "bold red" if entry.overdue else ""
    owner = fit(item.owner or "no owner", OWNER_WIDTH, "" if item.owner else "italic")
    return (
        Text(("!" if entry.overdue else "") + due, style=style),
        Text(item.pm_id),
        owner,
        fit(item.text, width, style),
    )


def reviews_line(due: list[Summary], today: date) -> Text | None:
    """The follow-up reviews ahead and missed ones; None when there are none."""
    found = reviews(due, today)
    if not found:
        return None
    line = Text("Reviews:", style="bold")
    for review in found:
        missed = review.missed(today)
        line.append("  ")
        line.append(review.on.isoformat(), style="bold red" if missed else "")
        line.append(f" {review.pm_id} ({review.when(today)}", style="")
        line.append(", missed" if missed else "", style="bold red")
        line.append(")")
    return line


def _matched(found: Found | None, *tables: int) -> str:
    """How many of ``tables`` match; until counted, that they do."""
    if found is None:
        return "counting matches"
    return f"{sum(len(found[n]) for n in tables)} match"


def header(shelf: Shelf, query: str, found: Found | None) -> Text:
    """The screen's first line: counts, and what the filter matches."""
    line = Text("retro · postmortems", style="bold")
    if not shelf.total:
        line.append(" · none yet: press n to start one")
        return line
    line.append(f" · {shelf.total:,} in all, {shelf.drafts:,} draft(s)")
    if query:
        line.append(f" · {_matched(found, 0, 1)}")
    return line


def retros_title(shelf: Shelf, query: str, found: Found | None) -> Text:
    title = Text(f"Team retrospectives: {shelf.retro_count:,}", style="bold")
    if query:
        title.append(f" · {_matched(found, 1)}")
    return title


def actions_title(count: int, overdue: int) -> Text:
    """``Open action items: 12   3 OVERDUE`` (the count marked when any)."""
    title = Text(f"Open action items: {count:,}", style="bold")
    if overdue:
        title.append("  ")
        title.append(f" {overdue:,} OVERDUE ", style="bold reverse red")
    return title
