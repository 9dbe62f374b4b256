"""One line on home about the team repository, and the sync it offers.

Says whether a team repository is set, when this store last synced and how
many postmortems changed here since; ``sync()`` runs ``retro sync`` in a
worker thread (git and the store never block typing), shows each step on the
line, then the outcome or the error in one line, and posts ``Finished`` so
the screen lists what the sync brought in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static

from retrotui.errors import RetroError
from retrotui.teamrepo.status import TeamState, ago, team_state

if TYPE_CHECKING:
    from retrotui.teamrepo.sync import SyncResult


# Seconds between looks at whether the screen is back on top (no IO).
TICK = 2.0


class TeamSyncStatus(Static):
    """``Team repo sre/postmortems.git · synced 5 min ago · 2 changed here``."""

    class Finished(Message):
        """A sync ended (``error`` empty when it worked): the store may hold
        what others pushed."""

        def __init__(
            self, summary: str, error: str, notices: tuple[str, ...] = ()
        ) -> None:
            super().__init__()
            self.summary = summary
            self.error = error
            self.notices = notices

    class _Read(Message):
        def __init__(self, state: TeamState | None, error: str) -> None:
            super().__init__()
            self.state = state
            self.error = error

    class _Step(Message):
        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

    def __init__(
        self, db_path: Path, clock: Callable[[], datetime], **kwargs: object
    ) -> None:
        super().__init__("Team repo: …", markup=False, **kwargs)  # type: ignore[arg-type]
        self.db_path = db_path
        self.clock = clock
        self.state: TeamState | None = None
        self.running = False
        self._outcome = ""
        self._was_current = True
        self._ticks = 0

    def on_mount(self) -> None:
        self.refresh_state()
        self.set_interval(TICK, self._tick)

    def _tick(self) -> None:
        """Read the state again when the screen is back on top (a postmortem
        was edited meanwhile), and every minute for ``synced 5 min ago``."""
        current = self.screen.is_current
        self._ticks += 1
        if current and (not self._was_current or self._ticks * TICK >= 60):
            self._ticks = 0
            self.refresh_state()
        self._was_current = current

    def refresh_state(self) -> None:
        """Read the state again (in a worker) and show it."""
        if not self.running:
            self._read()

    @work(thread=True, group="team-state", exclusive=True)
    def _read(self) -> None:
        try:
            self.post_message(self._Read(team_state(self.db_path), ""))
        except RetroError as error:
            self.post_message(self._Read(None, str(error)))

    def on_team_sync_status__read(self, message: _Read) -> None:
        message.stop()
        if self.running:
            return
        self.state = message.state
        if message.error:
            self._show(f"Team repo: {message.error}", failed=True)
            return
        self._show_state()

    def sync(self) -> bool:
        """Start a sync; False (and nothing started) when one is running or no
        team repository is set."""
        if self.running:
            self.app.notify("A sync is already running", timeout=3)
            return False
        if self.state is not None and not self.state.remote:
            self.app.notify(
                "No team repository is set: run retro repo init URL_OR_PATH "
                "in a shell, then sync here",
                title="Sync",
                severity="warning",
                markup=False,
            )
            return False
        self.running = True
        self._show("Team repo: syncing…")
        self._sync()
        return True

    @work(thread=True, group="team-sync", exclusive=True)
    def _sync(self) -> None:
        from retrotui.storage.store import Store
        from retrotui.teamrepo.sync import skipped_line, sync

        notes: list[str] = []

        def step(line: str) -> None:
            self.post_message(self._Step(line))

        try:
            result = sync(Store(self.db_path), self.db_path, False, notes.append, step)
        except RetroError as error:
            self.post_message(self.Finished("", str(error)))
            return
        except OSError as error:  # a full disk, a folder gone: still one line
            self.post_message(self.Finished("", f"sync failed: {error}"))
            return
        # A postmortem it could not read is an error the user must see, even
        # though the others were synced.
        error = skipped_line(result.skipped) if result.skipped else ""
        notices = tuple(f"kept: {line}" for line in result.kept)
        self.post_message(self.Finished(outcome(result, notes), error, notices))

    def on_team_sync_status__step(self, message: _Step) -> None:
        message.stop()
        if self.running:
            self._show(f"Team repo: syncing: {message.line}…")

    def on_team_sync_status_finished(self, message: Finished) -> None:
        # Not stopped: the screen lists what the sync brought in.
        self.running = False
        for line in message.notices:
            self.app.notify(line, title="Sync", severity="warning", markup=False)
        if message.error:
            self._outcome = ""
            # A partial sync's line says "synced the rest" itself.
            failed = "" if message.summary else "Sync failed: "
            self._show(f"{failed}{message.error}", failed=True)
            title = "Synced, but not everything" if message.summary else "Sync failed"
            self.app.notify(message.error, title=title, severity="error", markup=False)
            return
        self._outcome = message.summary
        self.refresh_state()

    def _show_state(self) -> None:
        state = self.state
        if state is None or not state.remote:
            self._show("Team repo: not set · retro repo init URL in a shell to share")
            return
        line = f"Team repo {short_remote(state.remote)} · "
        if state.last_sync is None:
            line += "never synced"
        else:
            line += f"synced {ago(state.last_sync, self.clock())}"
        # What waits to be shared matters more than what the last sync did.
        if state.changed:
            line += f" · {state.changed} changed here"
        elif self._outcome:
            line += f": {self._outcome}"
        self._show(line + " · y sync")

    def _show(self, line: str, failed: bool = False) -> None:
        self.set_class(failed, "-failed")
        text = Text(line, no_wrap=True, overflow="ellipsis")
        self.update(text)


def short_remote(remote: str) -> str:
    """The last two parts of a URL or path: ``acme/postmortems.git``."""
    tail = remote.rstrip("/").replace(":", "/").split("/")
    return "/".join(part for part in tail[-2:] if part) or remote


def outcome(result: SyncResult, notes: list[str]) -> str:
    """A sync's result in a few words: ``2 shared, 1 imported, 1 kept``."""
    counts = (
        ("shared", len(result.exported)),
        ("imported", len(set(result.imported))),
        ("deleted", len(result.deleted)),
        ("kept over a deletion", len(result.kept)),
    )
    parts = [f"{count} {label}" for label, count in counts if count]
    if result.pushed and not result.exported:
        parts.append("pushed what the last sync kept")
    return ", ".join(parts + notes[:1]) or "up to date"
