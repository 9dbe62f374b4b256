"""Timeline: the fastest way to type what happened when."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from retrotui.document.models import (
    DURATION_NAMES,
    Milestone,
    TimelineEvent,
    format_duration,
)
from retrotui.document.schema import MAX_TEXT
from screens.base import PhaseScreen
from widgets.timeline_editor import TimelineEditor


def zone_label(moment: datetime) -> str:
    """``UTC``, or ``CET (+01:00)``: the zone times are typed and shown in."""
    name = moment.tzname() or ""
    offset = moment.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    if name in ("UTC", "GMT") and offset in ("+00:00", ""):
        return name
    if not name or name == f"UTC{offset}":
        return f"UTC{offset}"
    return f"{name} ({offset})"


def _short(value: timedelta | None) -> str:
    """``3d`` for ``3d 00h 00m``: the stats line has 80 columns for three."""
    return format_duration(value).replace(" 00h 00m", "").removesuffix(" 00m")


class TimelineScreen(PhaseScreen):
    PHASE = "timeline"
    HELP = (
        "Type one event per line and press **enter**: `14:02 paged on-call`, "
        "`+5m rolled back` (five minutes after the previous event), "
        "`2026-11-21 23:50 deploy started`, `30m ago ...` or `now ...`. A zone "
        "after the time (`14:05 CET ...`) is kept. A time "
        "without a date takes the date of the previous event. Pasting several "
        "lines adds several events.\n\n"
        "**up** moves to the list, **i** back to the entry line. In the list: "
        "**s d a m r** mark the event as started, detected, acknowledged, "
        "mitigated or resolved (again to unmark), **e** or **enter** edits, "
        "**x** deletes, **u** brings back the last deleted one.\n\n"
        "A time known only so far is kept as such and shown with `??`: "
        "`2022-06-02 ...` (a date, no time), `14:?? ...`, `2022-05-?? ...`, "
        "`?? ...` (time unknown, placed after the event before). It is never "
        "used to work out a duration.\n\n"
        "Time to detect, mitigate and resolve count from the *started* "
        "milestone. A duration the record states without a start event is "
        "typed as a line of its own: `time to detect 30m` (also `ttd`, `tta`, "
        "`ttm`, `ttr`; `time to detect -` clears it); it is shown as stated, "
        "beside what the timeline gives.\n\n"
        "**ctrl+t** adds events from a file or pasted text (a Slack export, shell "
        "history, logs, CSV, git log, kubectl events) after a preview; events "
        "already in the timeline are not added twice."
    )

    BINDINGS = [
        Binding(
            "ctrl+t",
            "evidence",
            "File",
            id="timeline-evidence",
            tooltip="Add events from a file or pasted text: Slack export, shell "
            "history, logs, CSV, git log, kubectl events",
        ),
    ]

    def action_evidence(self) -> None:
        from screens.evidence import EvidenceScreen

        moment = self.now()
        assert moment.tzinfo is not None
        screen = EvidenceScreen(self.pm, moment.tzinfo, zone_label(moment))
        self.app.push_screen(screen, self._evidence_added)

    def _evidence_added(self, events: list[TimelineEvent] | None) -> None:
        if events:
            self.query_one(TimelineEditor).add_events(events)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="timeline-stats")
        yield Static("", id="timeline-warnings")
        yield TimelineEditor(list(self.pm.timeline), self.now, id="timeline-editor")

    def on_mount(self) -> None:
        self._show_stats()

    def unsent(self) -> dict[str, str]:
        text = self.query_one(TimelineEditor).unsent_text()
        return {self.unsent_key("event-input"): text[:MAX_TEXT]} if text else {}

    def restore_unsent(self) -> None:
        text = self.pm.unsent.get(self.unsent_key("event-input"))
        if text:
            self.query_one(TimelineEditor).put_back(text, kept=not self.continuing)

    @on(TimelineEditor.Stated)
    def _stated(self, message: TimelineEditor.Stated) -> None:
        stated = dict(self.pm.stated_minutes)
        if message.duration is None:
            stated.pop(message.milestone, None)
        else:
            stated[message.milestone] = round(message.duration.total_seconds() / 60)
        self.pm.stated_minutes = stated
        self.changed(self.pm)
        self._show_stats()

    @on(TimelineEditor.Edited)
    def _edited(self, message: TimelineEditor.Edited) -> None:
        self.pm.timeline = message.events
        self.changed(self.pm)
        self._show_stats()

    def _show_stats(self) -> None:
        pm = self.pm
        line = Text(no_wrap=True, overflow="ellipsis")
        for milestone in (Milestone.detected, Milestone.mitigated, Milestone.resolved):
            line.append(f"{DURATION_NAMES[milestone]} ", style="dim")
            derived, stated = pm.time_to(milestone), pm.stated(milestone)
            shown = derived if derived is not None else stated
            line.append(_short(shown), style="bold")
            if stated is not None and derived != stated:
                # Said, not worked out from the milestones.
                line.append(
                    " stated" if derived is None else f" (stated {_short(stated)})",
                    style="italic",
                )
            line.append("  ")
        line.append(f"{len(pm.timeline)} events", style="dim")
        line.append(f"  times in {zone_label(self.now())}", style="dim")
        self.query_one("#timeline-stats", Static).update(line)
        warnings = pm.milestone_warnings()
        warning = Text(no_wrap=True, overflow="ellipsis")
        if warnings:
            warning.append("Order: " + warnings[0], style="yellow")
            if len(warnings) > 1:
                warning.append(f" (+{len(warnings) - 1} more)", style="yellow")
        warnings_widget = self.query_one("#timeline-warnings", Static)
        warnings_widget.update(warning)
        warnings_widget.display = bool(warnings)
