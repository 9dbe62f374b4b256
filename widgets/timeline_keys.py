"""The timeline editor's two keyboard parts: the entry line and the event list.

The list's keys act on the highlighted event through the ``TimelineEditor``
that holds both.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input

from retrotui.document.models import Milestone
from widgets.measured_table import MeasuredTable

MILESTONE_KEYS = {
    "s": Milestone.started,
    "d": Milestone.detected,
    "a": Milestone.acknowledged,
    "m": Milestone.mitigated,
    "r": Milestone.resolved,
}
# The trailing space: the compact footer otherwise runs the label into the next key.
_MILESTONE_GROUP = Binding.Group("Milestone ")


class EventInput(Input):
    """The entry line; a paste of several lines becomes several events."""

    # As TextEntry's: the text's width is no reason to lay the screen out.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0))

    BINDINGS = [
        Binding(
            "up",
            "to_list",
            "To list",
            show=False,
            id="timeline-to-list",
            tooltip="Move to the list of events",
        ),
    ]

    class Lines(Message):
        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    def on_paste(self, event: events.Paste) -> None:
        # One line is left to Input's own handler, which Textual calls after
        # this one unless the default is prevented.
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.stop()
            event.prevent_default()
            self.post_message(self.Lines(lines))

    def action_to_list(self) -> None:
        table = self.screen.query_one(EventTable)
        if table.row_count:
            # Up from the line below the list lands on the row just above it.
            table.arrived_by_up = True
            table.move_cursor(row=table.row_count - 1)
            table.focus()


class EventTable(MeasuredTable):
    """The events, oldest first; keys act on the highlighted one."""

    BINDINGS = [
        *(
            Binding(
                key,
                f"milestone('{milestone.value}')",
                milestone.value,
                id=f"timeline-{milestone.value}",
                tooltip=f"Mark as the '{milestone.value}' milestone (again to unmark)",
                group=_MILESTONE_GROUP,
            )
            for key, milestone in MILESTONE_KEYS.items()
        ),
        Binding("e", "edit", "Edit", id="timeline-edit", tooltip="Edit this event"),
        Binding(
            "x,delete",
            "delete",
            "Delete",
            id="timeline-delete",
            tooltip="Delete this event",
        ),
        Binding(
            "u",
            "undo",
            "Undo delete",
            show=False,
            id="timeline-undo",
            tooltip="Bring back the last deleted event",
        ),
        Binding("home", "scroll_top", "First event", show=False, id="timeline-first"),
        Binding("end", "scroll_bottom", "Last event", show=False, id="timeline-last"),
        Binding(
            "i",
            "to_input",
            "Type",
            show=False,
            id="timeline-type",
            tooltip="Back to the entry line to add events",
        ),
    ]

    def _editor(self) -> Any:
        # By name: the editor imports this module (no import circle).
        return self.query_ancestor("TimelineEditor")

    arrived_by_up = False

    def on_focus(self) -> None:
        # Tabbed to (the cursor was left on the last row added), start where
        # marking milestones starts: the first event without one, so s, d, m,
        # r pressed in a row mark successive events.
        if self.arrived_by_up:
            self.arrived_by_up = False
            return
        row = self._editor().first_unmarked()
        if row is not None:
            self.move_cursor(row=row)

    def action_milestone(self, value: str) -> None:
        row = self.cursor_row
        if self._editor().toggle_milestone(row, Milestone(value)):
            self.move_cursor(row=min(row + 1, self.row_count - 1))

    def action_edit(self) -> None:
        self._editor().start_edit(self.cursor_row)

    def action_delete(self) -> None:
        self._editor().delete(self.cursor_row)

    def action_undo(self) -> None:
        self._editor().undo()

    def action_to_input(self) -> None:
        self._editor().query_one(EventInput).focus()
