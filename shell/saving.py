"""Autosave: the open postmortem written shortly after each edit, in a
worker, and another writer's change looked for while it is open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.timer import Timer

from retrotui.errors import RetroError, StoreBusy
from screens.base import PhaseScreen
from shell.crash import log_error

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.session.session import Session

SAVE_DELAY = 0.5
# How often an open postmortem is compared with the stored one (a file stamp
# unless it changed).
WATCH_EVERY = 1.5
# How long one save waits for another process's lock (the app's store gives
# up after this): then the user is told, keeps typing, and the save is tried
# again. The store's own default (30 s) is for the CLI.
LOCK_WAIT = 1.0
# Tries of the last save on a hang-up or crash before a recovery copy.
LAST_SAVE_TRIES = 3


def copy_line(db_path: Path, where: Path) -> str:
    """The error line for work kept in a recovery copy, with how to put it back."""
    return (
        f"not saved to {db_path}; a copy is in {where} "
        f"(retro import {where} --replace puts it back)"
    )


class Autosave(App):  # type: ignore[type-arg]
    """Mixin for the App: saving the session's postmortem, now or soon."""

    db_path: Path
    session: Session
    pm: Postmortem | None
    error_line: str | None

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._save_timer: Timer | None = None
        self._watch: Timer | None = None
        # Saves are waiting for another process's lock (the user was told).
        self.lock_busy = False

    def mark_dirty(self) -> None:
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self._autosave)
        else:
            self._save_timer.reset()

    def cancel_autosave(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def watch_for_changes(self) -> None:
        """Another writer's change shows within a couple of seconds."""
        if self._watch is None:
            self._watch = self.set_interval(WATCH_EVERY, self._look_for_changes)

    def _autosave(self) -> None:
        self._save_timer = None
        if self.pm is not None:
            self._store_in_worker(save=True)

    def _look_for_changes(self) -> None:
        busy = any(w.group == "store" and w.is_running for w in self.workers)
        if self.pm is not None and self._save_timer is None and not busy:
            self._store_in_worker(save=False)

    @work(thread=True, group="store")
    def _store_in_worker(self, save: bool) -> None:
        """Save (or look for another writer's change) off the UI thread."""
        try:
            outcome = self.session.save() if save else self.session.refresh()
        except StoreBusy:
            # A look waits for the next tick; a save says so and tries again.
            if save:
                self.call_from_thread(self.save_busy)
            return
        except RetroError as error:
            log_error(self.db_path, f"saving: {error}")
            self.call_from_thread(self._save_failed, str(error))
            return
        if save and self.lock_busy:
            self.call_from_thread(self._busy_over)
        if outcome.merged or outcome.recreated:
            # shell.merging puts the merged document on screen.
            self.call_from_thread(self.show_merge, outcome)

    def save_busy(self) -> None:
        """Another process holds the lock: say so once, try again soon."""
        if not self.lock_busy:
            self.lock_busy = True
            self.notify(
                "Waiting for another retro to finish writing the database; "
                "your changes are kept here and saved as soon as it is done.",
                title="Saving",
                timeout=4,
            )
        self.mark_dirty()

    def _busy_over(self) -> None:
        self.lock_busy = False
        self.notify("Saved: the database is free again.", timeout=3)

    def _save_failed(self, error: str) -> None:
        self.notify(
            f"{error}. Your changes are kept here; saving is retried with the "
            "next change, ctrl+s, or on quit.",
            title="Not saved",
            severity="error",
            markup=False,
        )

    def take_screen_copy(self) -> None:
        """The screen's newest version (its Changed message may still be on
        its way) and the text typed but not added, into the session."""
        if isinstance(self.screen, PhaseScreen) and self.pm is not None:
            self.session.edit(self.screen.keep_unsent())

    def save_sync(self) -> bool:
        """Save the document as it is now, on this thread; True when nothing is lost."""
        self.cancel_autosave()
        self.take_screen_copy()
        if self.pm is None:
            return True
        try:
            self.session.save()
        except StoreBusy:
            self.save_busy()
            return False
        except RetroError as error:
            log_error(self.db_path, f"saving: {error}")
            self._save_failed(str(error))
            return False
        return True

    def save_or_copy(self, leave: bool = False) -> bool:
        """Save (or leave) on this thread; a recovery copy when that fails.
        True when the work is kept somewhere."""
        if self.pm is None:
            return True
        for _ in range(LAST_SAVE_TRIES):
            try:
                if leave:
                    self.session.leave()
                else:
                    self.session.save()
                return True
            except RetroError as error:
                log_error(self.db_path, f"saving {self.pm.id}: {error}")
                if not isinstance(error, StoreBusy):
                    break
        from retrotui.session.recovery import save_recovery_copy

        try:
            where = save_recovery_copy(self.pm)
        except RetroError as error:
            log_error(self.db_path, f"no recovery copy of {self.pm.id}: {error}")
            return False
        self.error_line = copy_line(self.db_path, where)
        return True
