"""Shell history with times: bash with ``HISTTIMEFORMAT`` (``#1700000000``
lines before each command) and zsh's extended history
(``: 1700000000:0;command``)."""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo

from retrotui.importing.evidence.found import Found, Reading

BASH_STAMP = re.compile(r"^#(\d{9,11})\s*$")
ZSH_LINE = re.compile(r"^: (\d{9,11}):\d+;(.*)$")


def _at(epoch: str, zone: tzinfo) -> datetime:
    return datetime.fromtimestamp(int(epoch), timezone.utc).astimezone(zone)


def read_bash(text: str, zone: tzinfo) -> Reading:
    reading = Reading("bash history")
    stamp: str | None = None
    for line in text.split("\n"):
        if (match := BASH_STAMP.match(line)) is not None:
            stamp = match[1]
        elif line.strip() and stamp is not None:
            reading.events.append(Found(_at(stamp, zone), f"$ {line}", "shell"))
            stamp = None
        elif line.strip():
            reading.skipped.append(line)
    return reading


def read_zsh(text: str, zone: tzinfo) -> Reading:
    reading = Reading("zsh history")
    last: list[str] | None = None
    stamp = ""
    for line in text.split("\n"):
        if (match := ZSH_LINE.match(line)) is not None:
            if last is not None:
                reading.events.append(
                    Found(_at(stamp, zone), "$ " + "\n".join(last), "shell")
                )
            stamp, last = match[1], [match[2]]
        elif last is not None and last[-1].endswith("\\"):
            last.append(line)  # a command continued on the next line
        elif line.strip():
            reading.skipped.append(line)
    if last is not None:
        reading.events.append(Found(_at(stamp, zone), "$ " + "\n".join(last), "shell"))
    return reading
