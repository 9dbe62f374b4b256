"""The timeline editor: one line per event, typed or pasted, kept in order.

Attributes down, messages up: the screen sets ``events`` and ``clock``; the
editor posts ``TimelineEditor.Edited`` with the new list after every change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from retrotui.document.approx import when_text, years_shown
from retrotui.document.ids import new_item_id
from retrotui.document.models import (
    DURATION_NAMES,
    Milestone,
    Precision,
    TimelineEvent,
    format_duration,
)
from retrotui.document.stated import read_stated_line
from retrotui.document.timeparse import TimeParseError, split_timed
from widgets.timeline_keys import EventInput, EventTable

MILESTONE_WIDTH = 12
PLACEHOLDER = "14:02 paged on-call · +5m rolled back · now ... (enter adds)"


def typed_zone(at: datetime, zone: tzinfo) -> str:
    """The offset ``at`` was typed in (``+01:00``) when it is not ``zone``'s
    at that moment, else ""."""
    if at.utcoffset() == at.astimezone(zone).utcoffset():
        return ""
    offset = at.strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def event_line(event: TimelineEvent, zone: tzinfo) -> str:
    """The event as a line the input understands again (for editing): in the
    zone it was typed in, so an edit keeps it; a time not known to the minute
    as it is shown (``2022-06-02 ??:??``)."""
    if not event.exact:
        return f"{when_text(event.at, event.precision, zone, short=False)} {event.text}"
    if typed_zone(event.at, zone):
        return f"{event.at:%Y-%m-%d %H:%M} {typed_zone(event.at, zone)} {event.text}"
    return f"{event.at.astimezone(zone):%Y-%m-%d %H:%M} {event.text}"


def unique_ids(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """The events, any repeated id replaced (short random ids can collide,
    and imported documents may repeat them); the editor finds events by id."""
    seen: set[str] = set()
    result = []
    for event in events:
        while event.id in seen:
            event = event.model_copy(update={"id": new_item_id("e")})
        seen.add(event.id)
        result.append(event)
    return result


class TimelineEditor(Vertical):
    """Entry line, message line and the sorted list of events."""

    class Stated(Message):
        """A duration the record states was typed (``time to detect 30m``);
        ``duration`` None clears it."""

        def __init__(self, milestone: Milestone, duration: timedelta | None) -> None:
            super().__init__()
            self.milestone = milestone
            self.duration = duration

    class Edited(Message):
        """The events changed (sorted, oldest first)."""

        def __init__(self, events: list[TimelineEvent]) -> None:
            super().__init__()
            self.events = events

    def __init__(
        self,
        events: list[TimelineEvent],
        clock: Callable[[], datetime],
        **kwargs: str,
    ) -> None:
        super().__init__(**kwargs)
        self.clock = clock
        self.events = sorted(unique_ids(events), key=lambda e: e.at)
        self._editing: str | None = None
        self._last_added: datetime | None = None
        self._pending: list[str] = []
        self._deleted: TimelineEvent | None = None
        self._when_width = 11
        self._event_width = 0  # worked out on each fill

    @property
    def zone(self) -> tzinfo:
        zone = self.clock().tzinfo
        assert zone is not None
        return zone

    def compose(self) -> ComposeResult:
        # A half-typed line is not wiped by the first key after focus comes back.
        yield EventInput(
            placeholder=PLACEHOLDER,
            id="event-input",
            compact=True,
            select_on_focus=False,
        )
        yield Static("", id="timeline-message")
        yield EventTable(id="event-table", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(EventTable)
        self._fill()
        if self.events:
            table.move_cursor(row=len(self.events) - 1)
        self.query_one(EventInput).focus()

    # -- adding and editing -------------------------------------------------

    def _previous(self) -> datetime | None:
        if self._last_added is not None:
            return self._last_added
        return self.events[-1].at if self.events else None

    def _parse(
        self, line: str, previous: datetime | None
    ) -> tuple[datetime, Precision, str]:
        return split_timed(line, self.clock(), previous)

    @on(Input.Submitted, "#event-input")
    def _submitted(self, event: Input.Submitted) -> None:
        line = event.value.strip()
        if not line:
            return
        editing = next((e for e in self.events if e.id == self._editing), None)
        stated = self._stated(line) if editing is None else None
        if stated is not None:
            if stated:
                event.input.value = self._pending.pop(0) if self._pending else ""
            return
        # An edited event not known to the minute stays where it was placed.
        previous = editing.at if editing else self._previous()
        try:
            when, precision, text = self._parse(line, previous)
            if editing is not None:
                new = editing.model_copy(
                    update={"at": when, "text": text, "precision": precision}
                )
                TimelineEvent.model_validate(new.model_dump())
            else:
                new = TimelineEvent(at=when, text=text, precision=precision)
        except (TimeParseError, ValueError) as error:
            # The line is still in the entry: quoting it again pushed the
            # reason past the edge of an 80-column message line.
            reason = str(error).splitlines()[0].replace(f"'{line}'", "The line", 1)
            self.say(reason, error=True)
            return
        if editing is not None:
            self.events = [new if e.id == editing.id else e for e in self.events]
            self._editing = None
            self.say(Text(f"Changed: {new.text}"))
        else:
            self.events = [*self.events, new]
            self._last_added = new.at
            self.say(self._added_text(new))
        self._commit(select=new.id)
        event.input.value = self._pending.pop(0) if self._pending else ""
        if self._pending or event.input.value:
            self.say(
                f"Next line not understood yet, fix it and press enter "
                f"({len(self._pending) + 1} left)",
                error=True,
            )

    def _stated(self, line: str) -> bool | None:
        """``time to detect 30m``: a stated duration, posted up (True); False
        when its duration is not understood (said, the line kept); None when
        ``line`` is not one."""
        try:
            stated = read_stated_line(line)
        except TimeParseError as error:
            self.say(str(error), error=True)
            return False
        if stated is None:
            return None
        milestone, duration = stated
        self.post_message(self.Stated(milestone, duration))
        name = DURATION_NAMES[milestone]
        self.say(
            f"Time to {name} as stated: {format_duration(duration)} "
            "(shown beside what the timeline gives)"
            if duration is not None
            else f"Time to {name}: no stated duration now"
        )
        return True

    def _added_text(self, event: TimelineEvent) -> Text:
        line = Text(f"Added {when_text(event.at, event.precision, self.zone, False)}")
        if event.exact and typed_zone(event.at, self.zone):
            # Shown in this screen's zone; what was typed, in its own.
            line.append(f" ({event.at:%H:%M} {event.at.tzname()})")
        line.append(": ")
        line.append(event.text)
        return line

    @on(EventInput.Lines)
    def _pasted(self, message: EventInput.Lines) -> None:
        added: list[TimelineEvent] = []
        failed: list[str] = []
        previous = self._previous()
        for line in message.lines:
            if self._stated(line) is not None:
                continue
            try:
                when, precision, text = self._parse(line, previous)
                event = TimelineEvent(at=when, text=text, precision=precision)
            except (TimeParseError, ValueError):
                failed.append(line.strip())
                continue
            added.append(event)
            previous = when
        if added:
            self.events = [*self.events, *added]
            self._last_added = previous
            self._commit(select=added[-1].id)
        entry = self.query_one(EventInput)
        if failed:
            self._pending = failed[1:]
            entry.value = failed[0]
            self.say(
                f"Added {len(added)} events; {len(failed)} line(s) without a time "
                "are kept: fix the one shown and press enter",
                error=True,
            )
        else:
            self.say(f"Added {len(added)} events")

    def add_events(self, events: list[TimelineEvent]) -> None:
        """Events read elsewhere (evidence from a file), added at once."""
        if not events:
            return
        self.events = [*self.events, *events]
        self._commit(select=events[-1].id)
        self.say(f"Added {len(events)} events from evidence")

    @on(DataTable.RowSelected, "#event-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.start_edit(event.cursor_row)

    def start_edit(self, row: int) -> None:
        if not 0 <= row < len(self.events):
            return
        event = self.events[row]
        self._editing = event.id
        entry = self.query_one(EventInput)
        entry.value = event_line(event, self.zone)
        entry.focus()
        self.say("Editing: change the line and press enter (ctrl+u clears)")

    def unsent_text(self) -> str:
        """Lines typed or pasted but not added yet, one per line.

        A half-done edit of a saved event is left out: the event stays as saved.
        """
        lines = [] if self._editing else [self.query_one(EventInput).value]
        return "\n".join(line for line in [*lines, *self._pending] if line.strip())

    def put_back(self, text: str, kept: bool = True) -> None:
        """Show lines kept from an earlier visit (``kept``; else the lines being
        typed, after a rebuild), the first in the entry line."""
        first, *rest = text.splitlines() or [""]
        entry = self.query_one(EventInput)
        entry.value = first
        entry.cursor_position = len(first)
        self._pending = rest
        if not kept:
            return
        self.say(
            f"Kept from last time ({len(rest) + 1} lines), not added yet: "
            "add times, then enter"
            if rest
            else "Kept from last time, not added yet: give it a time if needed, "
            "then enter",
            error=True,
        )

    def first_unmarked(self) -> int | None:
        """The row of the first event without a milestone, if any."""
        return next(
            (row for row, e in enumerate(self.events) if e.milestone is None), None
        )

    def toggle_milestone(self, row: int, milestone: Milestone) -> bool:
        """Mark (or unmark) row ``row``; True when it was marked."""
        if not 0 <= row < len(self.events):
            return False
        event = self.events[row]
        value = None if event.milestone is milestone else milestone
        changed = event.model_copy(update={"milestone": value})
        self.events = [changed if e.id == event.id else e for e in self.events]
        table = self.query_one(EventTable)
        table.update_cell(event.id, "milestone", self._milestone_cell(changed))
        self.post_message(self.Edited(list(self.events)))
        if value is not None and not event.exact:
            self.say(f"Marked {value.value}: not to the minute, so no duration")
        return value is not None

    def delete(self, row: int) -> None:
        if not 0 <= row < len(self.events):
            return
        gone = self.events[row]
        self._deleted = gone
        self.events = [e for e in self.events if e.id != gone.id]
        self._commit(row=row)
        line = Text("Deleted: ")
        line.append(gone.text)
        line.append(" (u brings it back)")
        self.say(line)

    def undo(self) -> None:
        if self._deleted is None:
            self.say("Nothing to bring back")
            return
        event, self._deleted = self._deleted, None
        self.events = [*self.events, event]
        self._commit(select=event.id)
        self.say(Text(f"Restored: {event.text}"))

    # -- display ------------------------------------------------------------

    def say(self, message: str | Text, *, error: bool = False) -> None:
        text = message if isinstance(message, Text) else Text(message)
        if error:
            text.stylize("bold red")
        text.no_wrap = True
        text.overflow = "ellipsis"
        self.query_one("#timeline-message", Static).update(text)

    def _commit(self, select: str | None = None, row: int | None = None) -> None:
        self.events = sorted(unique_ids(self.events), key=lambda e: e.at)
        self._fill()
        table = self.query_one(EventTable)
        if select is not None:
            row = next(i for i, e in enumerate(self.events) if e.id == select)
        if row is not None and self.events:
            table.move_cursor(row=min(row, len(self.events) - 1))
        self.post_message(self.Edited(list(self.events)))

    @staticmethod
    def _milestone_cell(event: TimelineEvent) -> Text:
        if event.milestone is None:
            return Text("")
        return Text(event.milestone.value, style="bold")

    def _fill(self) -> None:
        table = self.query_one(EventTable)
        zone = self.zone
        # Month and day only, unless the events span years (an incident over
        # New Year, a write-up's earlier history): then every row's year.
        short = len(years_shown(self.events, zone)) <= 1
        when = 11 if short else 16
        table.clear(columns=True)
        table.add_column("when", width=when, key="when")
        table.add_column("milestone", width=MILESTONE_WIDTH, key="milestone")
        # The rest, each event cut with an ellipsis: sized by the longest, the
        # table scrolled sideways and cut long events with nothing to say so.
        self._when_width = when
        self._event_width = self._event_room(when)
        table.add_column("event", width=self._event_width, key="event")
        for event in self.events:
            table.add_row(
                Text(when_text(event.at, event.precision, zone, short=short)),
                self._milestone_cell(event),
                Text(event.text, no_wrap=True, overflow="ellipsis"),
                key=event.id,
            )

    def _event_room(self, when: int) -> int:
        """The event column's width, beside the time and milestone."""
        return self.query_one(EventTable).room_left(when, MILESTONE_WIDTH, least=20)

    def on_resize(self) -> None:
        if self._event_room(self._when_width) != self._event_width:
            table = self.query_one(EventTable)
            row = table.cursor_row
            self._fill()
            if self.events:
                table.move_cursor(row=row)
