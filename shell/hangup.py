"""A hang-up (SSH dropped, SIGHUP) or SIGTERM: save what is typed, then exit."""

from __future__ import annotations

import asyncio
import signal

from textual.app import App

from retrotui.session.ending import end_process_soon

# Seconds a hang-up's orderly exit may take before the process ends anyway.
HANG_UP_GRACE = 5.0
SIGNALS = (signal.SIGHUP, signal.SIGTERM)


class HangUp(App):  # type: ignore[type-arg]
    """Mixin for the App: the end of the terminal saves the work."""

    # True when run as the process's own program (run_app), not inside a test
    # runner: only then may a hang-up end the process itself.
    owns_process = False

    def install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in SIGNALS:
                loop.add_signal_handler(sig, self.hang_up, sig)
        except (NotImplementedError, RuntimeError, AttributeError):
            # No signals on this platform or thread (tests, Windows): nothing to hook.
            return

    def remove_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in SIGNALS:
                loop.remove_signal_handler(sig)
        except (NotImplementedError, RuntimeError, AttributeError):
            return

    def hang_up(self, signum: int = signal.SIGHUP) -> None:
        """The terminal went away (or we were told to stop): save, then exit."""
        asyncio.get_running_loop().create_task(self._hang_up(int(signum)))

    async def _hang_up(self, signum: int) -> None:
        await self.settle_typed_keys()
        # Nobody is there to ask: what the database refuses goes to a copy.
        self.take_screen_copy()
        self.save_or_copy(leave=True)
        if self.owns_process:
            # The terminal may be gone: Textual's driver can then block for
            # good while shutting down on it, and the work is saved by now.
            end_process_soon(128 + signum, HANG_UP_GRACE)
        self.exit(return_code=128 + signum)
