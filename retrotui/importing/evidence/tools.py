"""Output of tools: ``git log`` (its default format, or ``--date=iso``) and
``kubectl get events -o json``."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any

from retrotui.importing.evidence.found import Found, Reading

_COMMIT = re.compile(r"^commit ([0-9a-f]{7,64})\b")
_DATE = re.compile(r"^(?:Date|AuthorDate|CommitDate):(.*)$")
_AUTHOR = re.compile(r"^Author:(.*)$")


def looks_like_git(text: str) -> bool:
    return bool(_COMMIT.match(text.lstrip())) and "\nDate:" in text[:2000]


def _git_date(value: str) -> datetime | None:
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace(" +", "+").replace(" -", "-"))
    except ValueError:
        pass
    try:
        # "Thu Nov 20 14:02:00 2026 +0100": git's default, RFC 2822 in order.
        parts = value.split()
        if len(parts) == 6:
            value = (
                f"{parts[0]}, {parts[2]} {parts[1]} {parts[4]} {parts[3]} {parts[5]}"
            )
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def read_git(text: str, zone: tzinfo) -> Reading:
    reading = Reading("git log")
    commit = author = ""
    at: datetime | None = None
    message: list[str] = []

    def flush() -> None:
        if commit and at is not None:
            subject = next((m.strip() for m in message if m.strip()), "")
            who = f" ({author})" if author else ""
            reading.events.append(
                Found(at, f"commit {commit[:10]}{who}: {subject}", "git")
            )
        elif commit:
            reading.skipped.append(f"commit {commit}")

    for line in text.split("\n"):
        if (match := _COMMIT.match(line)) is not None:
            flush()
            commit, author, at, message = match[1], "", None, []
        elif (match := _AUTHOR.match(line)) is not None:
            author = match[1].split("<", 1)[0].strip()  # the name, not the address
        elif (match := _DATE.match(line)) is not None:
            found = _git_date(match[1])
            at = found if found is None or found.tzinfo else found.replace(tzinfo=zone)
        elif line.startswith("    "):
            message.append(line[4:])
    flush()
    return reading


def looks_like_kubectl(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and data.get("kind") in ("EventList", "List")
        and (isinstance(data.get("items"), list))
    )


def _k8s_time(item: dict[str, Any]) -> datetime | None:
    series = item.get("series") if isinstance(item.get("series"), dict) else {}
    for key in ("lastTimestamp", "eventTime", "firstTimestamp"):
        value = item.get(key) or (
            series.get("lastObservedTime") if key == "eventTime" else None
        )
        if isinstance(value, str) and value:
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
    metadata = item.get("metadata")
    created = metadata.get("creationTimestamp") if isinstance(metadata, dict) else None
    if isinstance(created, str):
        try:
            return datetime.fromisoformat(created.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def read_kubectl(data: dict[str, Any], zone: tzinfo) -> Reading:
    reading = Reading("kubectl events")
    for item in data.get("items", []):
        if not isinstance(item, dict):
            continue
        at = _k8s_time(item)
        obj = item.get("involvedObject") or item.get("regarding") or {}
        obj = obj if isinstance(obj, dict) else {}
        what = "/".join(
            str(part)
            for part in (obj.get("namespace"), obj.get("kind"), obj.get("name"))
            if part
        )
        parts = [str(item.get(k)) for k in ("type", "reason") if item.get(k)]
        text = (
            f"{' '.join(parts)} {what}: {item.get('message') or item.get('note') or ''}"
        )
        if item.get("count") and int(item.get("count") or 1) > 1:
            text += f" (x{item['count']})"
        if at is None:
            reading.skipped.append(text)
            continue
        reading.events.append(
            Found(
                at.astimezone(zone) if at.tzinfo else at.replace(tzinfo=zone),
                text.strip(),
                "kubernetes",
            )
        )
    return reading
