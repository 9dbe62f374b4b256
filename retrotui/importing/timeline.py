"""A timeline section (a table or timestamped lines) read into events, each
at its instant in the zone the document declares."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from retrotui.document.approx import is_unknown_label, read_approx
from retrotui.document.schema import Milestone, Precision
from retrotui.importing.blocks import Item, Paragraph, Section, Table
from retrotui.importing.report import Report, ZoneNeeded
from retrotui.importing.stamps import after, read_stamp
from retrotui.importing.zones import declared_zone

_TIME_HEADER = re.compile(r"\b(?:time|date|when|timestamp|utc|at)\b", re.I)
_EVENT_HEADER = re.compile(r"\b(?:event|description|what|action|details?)\b", re.I)
_MILESTONE_HEADER = re.compile(r"\bmilestone\b", re.I)
_SEPARATOR = re.compile(r"^\s*(?:[-—–:|>]+\s*|\)\s*)?")
_MILESTONES = {m.value: m for m in Milestone}


@dataclass
class Row:
    when: str
    text: str
    milestone: Milestone | None
    source: str  # the row as written, for the notes
    day_only: bool = False  # a line giving the date of the rows below


def _rows_of_table(table: Table, text_of: Callable[[str], str]) -> list[Row]:
    header = [cell.lower() for cell in table.header]
    time_col = next(
        (i for i, cell in enumerate(header) if _TIME_HEADER.search(cell)), 0
    )
    # "| Date | Time | Event |": the day and the clock in two columns.
    clock_col = next(
        (
            i
            for i, cell in enumerate(header)
            if i != time_col
            and re.search(r"\b(?:time|utc)\b", cell)
            and re.search(r"\bdate\b", header[time_col])
            and not re.search(r"\btime\b", header[time_col])
        ),
        None,
    )
    milestone_col = next(
        (i for i, cell in enumerate(header) if _MILESTONE_HEADER.search(cell)), None
    )
    others = [
        i for i in range(len(header)) if i not in (time_col, milestone_col, clock_col)
    ]
    event_col = next((i for i in others if _EVENT_HEADER.search(header[i])), None)
    if event_col is None and others:
        event_col = others[0]
    rows = []
    for number, cells in enumerate(table.rows):
        cells = cells + [""] * (len(header) - len(cells))
        parts = [text_of(cells[event_col])] if event_col is not None else []
        for i in others:
            if i != event_col and i < len(cells) and cells[i].strip():
                parts.append(f"{table.header[i]}: {text_of(cells[i])}")
        milestone = None
        if milestone_col is not None:
            word = text_of(cells[milestone_col]).strip(" *").lower()
            milestone = _MILESTONES.get(word)
        when = text_of(cells[time_col])
        if clock_col is not None:
            when = f"{when} {text_of(cells[clock_col])}".strip()
        rows.append(
            Row(
                when,
                "\n".join(p for p in parts if p),
                milestone,
                table.source[number + 2],
            )
        )
    return rows


def _rows_of_lines(
    section: Section, text_of: Callable[[str], str], report: Report
) -> list[Row]:
    rows = []

    def line_row(line: str) -> None:
        plain = text_of(line)
        stamp = read_stamp(plain, None, date(2000, 1, 1))
        if stamp is None:
            if not declared_zone(line):
                report.keep(
                    f"timeline: a line without a time was kept in the notes: "
                    f"{plain[:60]!r}",
                    line,
                )
            return
        rest = _SEPARATOR.sub("", plain[stamp.end :], count=1).strip()
        if not rest.strip("()[]. ") or declared_zone(rest):
            # "2015-10-21 (all times UTC)": the day of the lines below.
            rows.append(Row(plain[: stamp.end].strip(), "", None, line, True))
            return
        rows.append(Row(plain[: stamp.end].strip(), rest, None, line))

    for block in section.blocks:
        if isinstance(block, Item):
            for line in block.flat():
                line_row(line.lstrip(" -"))
        elif isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                line_row(line)
    return rows


def read_timeline(
    sections: list[Section],
    text_of: Callable[[str], str],
    zone: tzinfo | None,
    report: Report,
) -> list[dict[str, Any]]:
    """The events of the timeline ``sections``, oldest row first as written.

    A row whose time is a placeholder (``14:??``, ``--:--``) or only a date
    sits at the best instant known, not before the row above it on the same
    day; a row whose date cannot exist sits with the row above.  Both are
    warned about and kept verbatim in the notes.
    """
    rows: list[Row] = []
    for section in sections:
        for table in section.tables():
            rows += _rows_of_table(table, text_of)
        if not section.tables():
            rows += _rows_of_lines(section, text_of, report)
    events: list[dict[str, Any]] = []
    day: date | None = None
    previous: datetime | None = None
    homeless: list[tuple[Row, str | None]] = []
    for row in rows:
        stamp = read_stamp(row.when, zone, day)
        text = row.text or row.when
        if row.day_only:
            day = stamp.day if stamp is not None and stamp.day else day
            continue
        placed = _approximate(row.when, zone, previous, day)
        if placed is not None and placed[1] is Precision.unknown:
            _keep_unusual(row, report)
            events.append(_unknown(row, placed[0]))
            continue
        if placed is not None:
            # "2022-05-??", "2024-03-13 14:??", a date alone: shown as
            # written, placed in order, no duration worked out from it.
            at, precision = placed
            for lost, _ in homeless:
                events.append(_unknown(lost, at))
            homeless.clear()
            events.append(
                {
                    "at": at,
                    "text": text,
                    "milestone": row.milestone,
                    "precision": precision,
                }
            )
            day = at.date()
            previous = at if previous is None or at > previous else previous
            continue
        if (
            stamp is not None
            and stamp.day is not None
            and stamp.at is None
            and stamp.problem is None
            and zone is None
        ):
            raise ZoneNeeded(
                "the timeline does not say which time zone it is in "
                "(no 'All times in UTC' line): name one with --tz"
            )
        if stamp is None or stamp.at is None:
            why = stamp.problem if stamp is not None else "it has no time"
            _keep_unusual(row, report, why)
            if previous is None:
                homeless.append((row, why))
                continue
            events.append(_unknown(row, previous))
            continue
        at = stamp.at
        if stamp.guess:
            report.keep(f"timeline: {row.when!r}: {stamp.guess}", row.source)
        if not re.match(r"\s*\d{4,}", row.when) and stamp.day == day:
            at = after(previous, at)
        day = at.date()
        if not stamp.exact:
            if previous is not None and previous.date() == at.date() and at < previous:
                at = previous
            report.keep(
                f"timeline: {row.when!r} is not an exact time; the event is placed "
                f"at {at:%Y-%m-%d %H:%M}",
                row.source,
            )
        elif previous is not None and at < previous - timedelta(0):
            report.warnings.append(
                f"timeline: {row.when!r} is earlier than the row above it "
                "(kept at the time written)"
            )
        for lost, _ in homeless:
            events.append(_unknown(lost, at))
        homeless.clear()
        events.append({"at": at, "text": text, "milestone": row.milestone})
        previous = at if previous is None or at > previous else previous
    for lost, why in homeless:
        report.keep(f"timeline: {lost.when!r}: {why}; kept in the notes", lost.source)
    return events


def _keep_unusual(row: Row, report: Report, why: str = "no time") -> None:
    """A time written in a way retro cannot show again ("2021/22-??-??"):
    the row is kept as written in the notes."""
    if not is_unknown_label(row.when):
        report.keep(
            f"timeline: {row.when!r}: {why}; shown as 'time unknown', placed by "
            "the rows around it",
            row.source,
        )


def _unknown(row: Row, at: datetime) -> dict[str, Any]:
    """A row with no time retro can read: at ``at`` (a neighbour's), time
    unknown."""
    return {
        "at": at,
        "text": row.text or row.when,
        "milestone": row.milestone,
        "precision": Precision.unknown,
    }


def _approximate(
    when: str, zone: tzinfo | None, previous: datetime | None, day: date | None
) -> tuple[datetime, Precision] | None:
    """``when`` read as a time known to less than the minute, placed after
    ``previous`` (or on ``day``, a date line above); None when it is not one
    or (time unknown) there is nothing before it to place it by."""
    zone = zone or timezone.utc
    if previous is None and day is not None:
        previous = datetime.combine(day, time(0), tzinfo=zone)
    placed = read_approx(when, zone, previous, datetime.now(zone))
    if placed is not None and placed[1] is Precision.unknown and previous is None:
        return None
    return placed
