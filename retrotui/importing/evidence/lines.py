"""Text with a time at the start of its lines: notes typed during the
incident ("14:02 paged"), application logs (ISO timestamps), syslog
("Nov 20 14:02:01 db-2 kernel: ..."), and CSV with a time column."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, tzinfo

from retrotui.importing.evidence.found import Found, Reading
from retrotui.importing.stamps import MONTHS, after, read_stamp

_SYSLOG = re.compile(
    r"^(?:[A-Z][a-z]{2}\s+)?(?P<mon>[A-Z][a-z]{2})\s+(?P<day>\d{1,2})\s+"
    r"(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})\s+"
)
_SEPARATOR = re.compile(r"^\s*(?:[-—–:|>]+\s+|\]\s*)?")
_TIME_HEADER = re.compile(r"time|date|when|timestamp|^ts$|^at$", re.I)
_TEXT_HEADER = re.compile(r"message|event|text|description|summary|what|msg", re.I)
MAX_LINE = 20_000


def _syslog(line: str, zone: tzinfo, year: int) -> tuple[datetime, str] | None:
    match = _SYSLOG.match(line)
    if match is None or match["mon"].lower() not in MONTHS:
        return None
    try:
        day = date(year, MONTHS[match["mon"].lower()], int(match["day"]))
        clock = time(int(match["h"]), int(match["m"]), int(match["s"]))
    except ValueError:
        return None
    return datetime.combine(day, clock, tzinfo=zone), line[match.end() :]


def read_lines(text: str, zone: tzinfo, day: date, source: str = "log") -> Reading:
    """One event per line that starts with a time; an indented line without
    one continues the event above (a stack trace, a wrapped message)."""
    reading = Reading("lines with times")
    previous: datetime | None = None
    events: list[list] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        found = _syslog(line, zone, day.year)
        if found is None:
            stamp = read_stamp(line, zone, previous.date() if previous else day)
            if stamp is not None and stamp.at is not None and stamp.end < len(line):
                at = stamp.at
                if not re.match(r"\s*[\[(]?\d{4}", line):
                    at = after(previous, at)
                found = at, _SEPARATOR.sub("", line[stamp.end :], count=1)
        if found is None:
            if events and line[:1].isspace():
                events[-1][1].append(line)
            else:
                reading.skipped.append(line)
            continue
        previous = found[0]
        events.append([found[0], [found[1].strip()]])
    reading.events = [
        Found(at, "\n".join(parts).strip()[:MAX_LINE], source)
        for at, parts in events
        if "\n".join(parts).strip()
    ]
    return reading


def looks_like_csv(text: str) -> bool:
    head = text.split("\n", 1)[0]
    if not any(sep in head for sep in (",", ";", "\t")):
        return False
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return False
    header = next(csv.reader([head], dialect), [])
    return any(_TIME_HEADER.search(cell.strip()) for cell in header)


def read_csv(text: str, zone: tzinfo, day: date) -> Reading:
    reading = Reading("CSV")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    rows = list(csv.reader(io.StringIO(text), dialect))
    header = [cell.strip() for cell in rows[0]]
    time_col = next(i for i, c in enumerate(header) if _TIME_HEADER.search(c))
    text_col = next(
        (i for i, c in enumerate(header) if i != time_col and _TEXT_HEADER.search(c)),
        None,
    )
    previous: datetime | None = None
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))
        stamp = read_stamp(cells[time_col], zone, previous.date() if previous else day)
        parts = (
            [cells[text_col]]
            if text_col is not None
            else [
                f"{header[i]}: {cell}"
                for i, cell in enumerate(cells)
                if i != time_col and cell.strip() and i < len(header)
            ]
        )
        if text_col is not None:
            parts += [
                f"{header[i]}: {cell}"
                for i, cell in enumerate(cells)
                if i not in (time_col, text_col) and cell.strip() and i < len(header)
            ]
        body = "\n".join(p for p in parts if p.strip())
        if stamp is None or stamp.at is None or not body:
            reading.skipped.append(",".join(row)[:200])
            continue
        previous = stamp.at
        reading.events.append(Found(stamp.at, body[:MAX_LINE], "csv"))
    return reading
