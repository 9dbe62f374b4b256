"""Leaving a postmortem (home, quit): saved for good, an untouched new draft
dropped, and when the database refuses, the user chooses what happens.

A lock held by another process is waited for in the background: the question
says so at once (within the store's short lock wait) and offers the ways out
that keep the edit; the save is tried again every second and the question
closes by itself once it went through.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.app import App
from textual.timer import Timer

from retrotui.errors import RetroError, StoreBusy
from screens.unsaved import COPY, DISCARD, RETRY, SAVED, UnsavedScreen
from shell.crash import log_error
from shell.saving import copy_line

# How often a save waiting for another process's lock is tried again while
# the question is shown.
BUSY_RETRY_EVERY = 1.0


class Leaving(App):  # type: ignore[type-arg]
    """Mixin for the App: leave the open postmortem, then go on.

    Uses the app's ``session`` and ``pm`` and ``shell.saving``'s autosave."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Work thrown away on request still ends with a failing status.
        self.discarded_work = False
        self._question: UnsavedScreen | None = None
        self._busy_retry: Timer | None = None
        self._busy_trying = False

    async def leave_then(self, then: Callable[[], None]) -> None:
        """Save the document for good (or drop an untouched new draft), then
        ``then``; when the database refuses, the user chooses what happens."""
        await self.settle_typed_keys()
        self.cancel_autosave()
        self.take_screen_copy()
        if self.pm is None:
            then()
            return
        try:
            outcome = await asyncio.to_thread(self.session.leave)
        except RetroError as error:
            log_error(self.db_path, f"saving on leaving: {error}")
            self._ask_unsaved(self._reason(error), then)
            if isinstance(error, StoreBusy):
                self._retry_while_busy()
            return
        if outcome.discarded:
            self.notify("Nothing was entered: the empty draft was not kept.", timeout=3)
        then()

    def _reason(self, error: RetroError) -> str:
        if not isinstance(error, StoreBusy):
            return str(error)
        return (
            f"Another retro is writing {self.db_path} right now (it holds the "
            "database's lock). Your changes are kept here; saving is tried "
            "again every second and this closes by itself once they are saved."
        )

    def _retry_while_busy(self) -> None:
        if self._busy_retry is None:
            self._busy_retry = self.set_interval(BUSY_RETRY_EVERY, self._try_again)

    def _stop_retrying(self) -> None:
        if self._busy_retry is not None:
            self._busy_retry.stop()
            self._busy_retry = None

    def _try_again(self) -> None:
        if not self._busy_trying and self._question is not None:
            self._busy_trying = True
            self.run_worker(self._save_while_asked(), group="leave-retry")

    async def _save_while_asked(self) -> None:
        """One try, in the background, while the question is shown. A save,
        not a leave: the user may still choose to keep editing."""
        try:
            await asyncio.to_thread(self.session.save)
        except StoreBusy:
            return
        except RetroError as error:
            # Not busy any more but refused: the question stays, with why.
            self._stop_retrying()
            if self._question is not None:
                self._question.explain(str(error))
            return
        finally:
            self._busy_trying = False
        if self._question is not None:
            self._question.dismiss(SAVED)

    def _ask_unsaved(self, reason: str, then: Callable[[], None]) -> None:
        from retrotui.session.recovery import recovery_dir, save_recovery_copy

        def chosen(choice: str | None) -> None:
            self._question = None
            self._stop_retrying()
            if choice in (RETRY, SAVED):
                # Saved meanwhile: leaving now only closes (or drops the draft).
                self.run_worker(self.leave_then(then))
            elif choice == COPY and self.pm is not None:
                try:
                    where = save_recovery_copy(self.pm)
                except RetroError as error:
                    self._ask_unsaved(str(error), then)
                    return
                self.error_line = copy_line(self.db_path, where)
                self.session.close()
                then()
            elif choice == DISCARD and self.pm is not None:
                self.error_line = f"changes to {self.pm.id} discarded: {reason}"
                self.discarded_work = True
                self.session.close()
                then()
            else:
                self.mark_dirty()

        self._question = UnsavedScreen(reason, str(recovery_dir()))
        # The question says where the save stands; an autosave's earlier
        # 'Waiting for another retro' lay over its corner and border.
        self.clear_notifications()
        self.push_screen(self._question, chosen)

    def quit_now(self) -> None:
        """End the app; work thrown away on request ends with a failing status."""
        self.exit(return_code=1 if self.discarded_work else 0)
