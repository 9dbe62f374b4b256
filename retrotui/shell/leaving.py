"""Leaving a postmortem (home, quit): saved for good, an untouched new draft
dropped, and when the database refuses, the user chooses what happens."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.app import App

from retrotui.errors import RetroError
from retrotui.shell.crash import log_error
from retrotui.shell.saving import LOCK_NOTICE_AFTER


class Leaving(App):  # type: ignore[type-arg]
    """Mixin for the App: leave the open postmortem, then go on.

    Uses the app's ``session`` and ``pm`` and ``shell.saving``'s autosave."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Work thrown away on request still ends with a failing status.
        self.discarded_work = False

    async def leave_then(self, then: Callable[[], None]) -> None:
        """Save the document for good (or drop an untouched new draft), then
        ``then``; when the database refuses, the user chooses what happens."""
        await self.settle_typed_keys()
        self.cancel_autosave()
        self.take_screen_copy()
        if self.pm is None:
            then()
            return
        notice = self.set_timer(LOCK_NOTICE_AFTER, self.waiting_for_lock)
        try:
            outcome = await asyncio.to_thread(self.session.leave)
        except RetroError as error:
            log_error(self.db_path, f"saving on leaving: {error}")
            self._ask_unsaved(str(error), then)
            return
        finally:
            notice.stop()
        if outcome.discarded:
            self.notify("Nothing was entered: the empty draft was not kept.", timeout=3)
        then()

    def _ask_unsaved(self, reason: str, then: Callable[[], None]) -> None:
        from retrotui.session.recovery import recovery_dir, save_recovery_copy
        from screens.unsaved import COPY, DISCARD, RETRY, UnsavedScreen

        def chosen(choice: str | None) -> None:
            if choice == RETRY:
                self.run_worker(self.leave_then(then))
            elif choice == COPY and self.pm is not None:
                try:
                    where = save_recovery_copy(self.pm)
                except RetroError as error:
                    self._ask_unsaved(str(error), then)
                    return
                self.error_line = (
                    f"not saved to {self.db_path}; a copy is in {where} "
                    f"(retro import {where} --replace puts it back)"
                )
                self.session.close()
                then()
            elif choice == DISCARD and self.pm is not None:
                self.error_line = f"changes to {self.pm.id} discarded: {reason}"
                self.discarded_work = True
                self.session.close()
                then()
            else:
                self.mark_dirty()

        self.push_screen(UnsavedScreen(reason, str(recovery_dir())), chosen)

    def quit_now(self) -> None:
        """End the app; work thrown away on request ends with a failing status."""
        self.exit(return_code=1 if self.discarded_work else 0)
