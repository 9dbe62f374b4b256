"""The team repository's state in a few words, for the home screen.

Cheap enough to read whenever home is shown: the settings file and the
store's summary index, no git command.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from retrotui.teamrepo import config

DRAFT = "draft"


@dataclass(frozen=True)
class TeamState:
    """What home says about sharing; ``remote`` empty when none is set."""

    remote: str = ""
    last_sync: datetime | None = None
    # Postmortems (not drafts) saved here after the last sync: what the next
    # sync would share, as far as the index tells.
    changed: int = 0


def team_state(db_path: Path) -> TeamState:
    """The state for the store at ``db_path`` (RetroError: damaged settings)."""
    from retrotui.storage.listing import read_summaries

    settings = config.load(db_path)
    if settings is None:
        return TeamState()
    last = parse_stamp(settings.last_sync)
    changed = 0
    if last is not None:
        for summary in read_summaries(db_path).summaries:
            updated = _when(summary.updated)
            # The stamp is to the second: a save in that second went out with it.
            saved = updated is not None and updated.replace(microsecond=0) > last
            changed += summary.status != DRAFT and saved
    return TeamState(config.describe_remote(settings.remote), last, changed)


def parse_stamp(text: str) -> datetime | None:
    """A last-sync stamp as written in the settings (older ones by the minute)."""
    for layout in (config.STAMP, "%Y-%m-%d %H:%M UTC"):
        try:
            return datetime.strptime(text, layout).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None


def _when(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def ago(then: datetime, now: datetime) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, ``2 days ago``."""
    minutes = int((now - then).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // (24 * 60)} days ago"
