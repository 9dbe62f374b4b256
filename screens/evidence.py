"""Adding timeline evidence from the timeline screen: a path or pasted text,
read as ``retro timeline add`` reads it, with a preview of what will be added
and the zone its times were read in."""

from __future__ import annotations

from datetime import date, tzinfo
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from retrotui.document.models import Postmortem, TimelineEvent
from retrotui.errors import RetroError
from retrotui.importing.evidence import adding
from retrotui.importing.evidence.found import Reading
from retrotui.importing.evidence.reader import read_source, read_text
from widgets.measured_table import MeasuredTable

PROMPT = (
    "A file path (Slack export day file or folder, shell history, log, CSV, "
    "git log, kubectl events -o json), or paste the lines here."
)


class EvidenceScreen(ModalScreen[list[TimelineEvent] | None]):
    """Returns the events to add, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+g", "add", "Add events", id="evidence-add"),
        Binding("escape", "cancel", "Cancel", id="evidence-cancel"),
    ]

    def __init__(self, pm: Postmortem, zone: tzinfo, zone_label: str) -> None:
        super().__init__()
        self.pm = pm
        self.zone = zone
        self.zone_label = zone_label
        self.events: list[TimelineEvent] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-body"):
            yield Static(Text("Add evidence to the timeline", style="bold"))
            yield Static(PROMPT, id="evidence-prompt")
            yield TextArea(id="evidence-source", soft_wrap=False)
            yield Static("", id="evidence-summary")
            yield MeasuredTable(id="evidence-preview", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self._columns()
        self.query_one(TextArea).focus()

    def _columns(self) -> None:
        """The preview's columns, the event's as wide as the rest of a row
        (sized by the longest line, the preview scrolled sideways and cut long
        lines with nothing to say so)."""
        table = self.query_one(MeasuredTable)
        table.clear(columns=True)
        table.add_column("when", width=11)
        table.add_column("source", width=10)
        table.add_column("event", width=table.room_left(11, 10, least=20))

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self.events = []
        self._read(self.query_one(TextArea).text)

    @work(thread=True, exclusive=True)
    def _read(self, content: str) -> None:
        first = min((e.at for e in self.pm.timeline), default=None)
        day = first.astimezone(self.zone).date() if first else date.today()
        stripped = content.strip()
        try:
            if not stripped:
                self.app.call_from_thread(self._show, None, None, "")
                return
            path = Path(stripped).expanduser() if "\n" not in stripped else None
            if path is not None and path.exists():
                reading = read_source(str(path), self.zone, day)
            else:
                reading = read_text(content, "the pasted text", self.zone, day)
            plan = adding.plan(self.pm, reading.events)
        except (RetroError, OSError) as error:
            self.app.call_from_thread(self._show, None, None, str(error))
            return
        self.app.call_from_thread(self._show, reading, plan, "")

    def _show(
        self, reading: Reading | None, plan: adding.Plan | None, error: str
    ) -> None:
        self._columns()
        table = self.query_one(MeasuredTable)
        summary = self.query_one("#evidence-summary", Static)
        if reading is None or plan is None:
            self.events = []
            summary.update(Text(error, style="bold red") if error else "")
            return
        self.events = plan.events
        line = Text(
            f"{reading.kind}: {len(plan.events)} to add, {plan.already} already "
            f"there, {len(reading.skipped)} without a time; times in "
            f"{self.zone_label}",
            no_wrap=True,
            overflow="ellipsis",
        )
        summary.update(line)
        for event in plan.events:
            table.add_row(
                Text(f"{event.at.astimezone(self.zone):%m-%d %H:%M}"),
                Text(event.source),
                Text(" ".join(event.text.split()), no_wrap=True, overflow="ellipsis"),
            )

    def action_add(self) -> None:
        if not self.events:
            self.notify("Nothing to add yet: give a path or paste lines with times")
            return
        self.dismiss(list(self.events))

    def action_cancel(self) -> None:
        self.dismiss(None)
