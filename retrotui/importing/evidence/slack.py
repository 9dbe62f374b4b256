"""A Slack channel export: a JSON list of messages (``ts``, ``user``,
``text``), one file a day; mentions and links written back as people read them."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone, tzinfo
from typing import Any

from retrotui.importing.evidence.found import Found, Reading

_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def looks_like(data: Any) -> bool:
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(m, dict) for m in data[:20])
        and any("ts" in m and "text" in m for m in data[:20])
    )


# Messages that say who came and went, not what happened.
_NOISE = {"channel_join", "channel_leave", "group_join", "group_leave", "bot_add"}


def _text(raw: str, names: dict[str, str]) -> str:
    def link(match: re.Match[str]) -> str:
        target, label = match[1], match[2]
        if target.startswith(("@", "#")):
            name = label or names.get(target[1:])
            return f"{target[0]}{name}" if name else target
        if target.startswith("!"):
            return f"@{target[1:].split('^')[0]}"
        return f"{label} ({target})" if label and label != target else target

    return html.unescape(_LINK.sub(link, raw))


def read_slack(
    data: list[Any], zone: tzinfo, names: dict[str, str] | None = None
) -> Reading:
    """The messages of one day file; ``names`` maps user ids to names."""
    names = names or {}
    reading = Reading("Slack export")
    for message in data:
        if not isinstance(message, dict) or message.get("subtype") in _NOISE:
            continue
        ts, text = message.get("ts"), message.get("text")
        try:
            at = datetime.fromtimestamp(float(str(ts)), timezone.utc).astimezone(zone)
        except (TypeError, ValueError, OverflowError, OSError):
            reading.skipped.append(str(text)[:80])
            continue
        profile = message.get("user_profile")
        who = (
            (
                (profile.get("real_name") or profile.get("display_name"))
                if isinstance(profile, dict)
                else None
            )
            or names.get(str(message.get("user")))
            or message.get("username")
            or message.get("user")
        )
        body = _text(text if isinstance(text, str) else "", names)
        files = message.get("files")
        if isinstance(files, list):
            shared = [str(f.get("name")) for f in files if isinstance(f, dict)]
            body = "\n".join([body, *(f"[file: {n}]" for n in shared)]).strip()
        if not body:
            continue
        reading.events.append(Found(at, f"{who}: {body}" if who else body, "slack"))
    return reading
