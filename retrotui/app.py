"""The Textual app: the guided postmortem interview.

The only core module that imports Textual and ``screens``. It keeps the
current document, autosaves it (debounced, in a worker thread), moves between
phase screens, and makes sure nothing is lost or shown as a traceback when the
SSH session drops or something unexpected happens.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from retrotui.document.schema import now as wall_clock
from retrotui.errors import RetroError
from retrotui.interview.script import PHASE_KEYS
from retrotui.session.ending import end_process_soon
from retrotui.storage import error_log
from screens import described_bindings, phase_screen_class
from screens.base import PhaseScreen
from screens.home import HomeScreen
from widgets.key_queue import KeyQueue

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.session.session import Outcome, Session
    from retrotui.storage.store import Store

SAVE_DELAY = 0.5
# Seconds a hang-up's orderly exit may take before the process ends anyway.
HANG_UP_GRACE = 5.0
# How often an open postmortem is compared with the stored one (a file stamp
# unless it changed), and when a save waiting for the lock says so.
WATCH_EVERY = 1.5
LOCK_NOTICE_AFTER = 1.0
# How long a hang-up waits for typed keys to land before saving anyway.
HANG_UP_PATIENCE = 2.0
SETTLE_ROUNDS = 12
log = logging.getLogger("retrotui")


@dataclass(frozen=True)
class Command:
    """One app-wide action: its binding, footer label and palette entry."""

    id: str
    keys: str
    action: str
    description: str
    help: str
    show: bool = True
    key_display: str | None = None


# The one list behind the app's key bindings, the footer and the palette.
APP_COMMANDS: tuple[Command, ...] = (
    Command("help", "f1", "help", "Help", "Help and keys for this screen"),
    # Autosave makes this rare: kept off the crowded 80-column footer.
    Command("save", "ctrl+s", "save", "Save", "Save the postmortem now", show=False),
    Command(
        "previous-phase",
        "f5,ctrl+o",
        "previous_phase",
        "Prev",
        "Go to the previous interview step",
    ),
    Command(
        "next-phase", "f6,ctrl+n", "next_phase", "Next", "Go to the next interview step"
    ),
    Command(
        "home", "escape", "home", "Home", "Back to the list of postmortems", show=False
    ),
    Command("quit", "ctrl+q", "quit", "Quit", "Save and quit"),
)


class RetroApp(KeyQueue, App[int]):
    """``retro``: home screen, or straight into one postmortem."""

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "retro"
    ENABLE_COMMAND_PALETTE = True
    # True when run as the process's own program (run_app), not inside a test
    # runner: only then may a hang-up end the process itself.
    owns_process = False
    BINDINGS = [
        Binding(
            c.keys,
            c.action,
            c.description,
            show=c.show,
            id=c.id,
            tooltip=c.help,
            priority=c.id != "home",
            key_display=c.key_display,
        )
        for c in APP_COMMANDS
    ]

    class Loaded(Message):
        """The postmortem to start with was read (or created)."""

        def __init__(self, pm: Postmortem) -> None:
            super().__init__()
            self.pm = pm

    class Failed(Message):
        """The database could not be used at start: one line, then exit 1."""

        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

    def __init__(
        self,
        db_path: Path | str,
        pm_id: str | None = None,
        new_title: str | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        # Over SSH every animation frame is a redraw sent down the link; no
        # function needs one. TEXTUAL_ANIMATIONS=full brings them back.
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        self.db_path = Path(db_path)
        self.clock: Callable[[], datetime] = clock or wall_clock
        self.error_line: str | None = None
        self._pm_id = pm_id
        self._new_title = new_title
        # The open postmortem: loaded, edited, saved and merged there.
        self._session: Session | None = None
        self._save_timer: Timer | None = None
        self._watch: Timer | None = None
        self._discarded_work = False
        # Textual has no public hook for an unhandled exception (textual#5931):
        # it ends the app with return code 1 and prints its traceback to
        # error_console once the terminal is restored. The traceback comes here
        # instead, for the error log; the terminal gets one line (report_crash).
        self._traceback = io.StringIO()
        self.error_console = Console(file=self._traceback, width=100, color_system=None)
        self._kept_on_crash = False

    @cached_property
    def store(self) -> Store:
        """The database; opened on first use, in a worker, off the first paint."""
        from retrotui.storage.store import Store

        return Store(self.db_path)

    @property
    def session(self) -> Session:
        if self._session is None:
            from retrotui.session.session import Session

            self._session = Session(self.store, self.clock)
        return self._session

    @property
    def pm(self) -> Postmortem | None:
        """The open postmortem (None on the home screen)."""
        return None if self._session is None else self._session.pm

    # -- start and stop ---------------------------------------------------

    def on_mount(self) -> None:
        self._install_signal_handlers()
        if self._new_title is not None or self._pm_id:
            self.hold_keys()
            self._load_initial()
        else:
            self.go_home()

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self.hang_up, sig)
        except (NotImplementedError, RuntimeError, AttributeError):
            # No signals on this platform or thread (tests, Windows): nothing to hook.
            return

    def on_unmount(self) -> None:
        if self.crashed:
            # The screens are gone but the document they edited is not: the
            # autosave that was due is written now (or to a recovery copy).
            self._kept_on_crash = self._save_or_copy()
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.remove_signal_handler(sig)
        except (NotImplementedError, RuntimeError, AttributeError):
            return

    def hang_up(self, signum: int = signal.SIGHUP) -> None:
        """The terminal went away (or we were told to stop): save, then exit."""
        asyncio.get_running_loop().create_task(self._hang_up(int(signum)))

    async def _hang_up(self, signum: int) -> None:
        await self._settle()
        # Nobody is there to ask: what the database refuses goes to a copy.
        self._take_screen_copy()
        self._save_or_copy(leave=True)
        if self.owns_process:
            # The terminal may be gone: Textual's driver can then block for
            # good while shutting down on it, and the work is saved by now.
            end_process_soon(128 + signum, HANG_UP_GRACE)
        self.exit(return_code=128 + signum)

    def _save_or_copy(self, leave: bool = False) -> bool:
        """Save (or leave) on this thread; a recovery copy when that fails.
        True when the work is kept somewhere."""
        if self._session is None or self.pm is None:
            return True
        try:
            if leave:
                self._session.leave()
            else:
                self._session.save()
            return True
        except RetroError as error:
            log_error(self.db_path, f"saving {self.pm.id}: {error}")
        from retrotui.session.recovery import save_recovery_copy

        try:
            where = save_recovery_copy(self.pm)
        except RetroError as error:
            log_error(self.db_path, f"no recovery copy of {self.pm.id}: {error}")
            return False
        self.error_line = f"not saved to {self.db_path}; a copy is in {where}"
        return True

    async def _settle(self) -> None:
        """Let keys typed just before a quit or hang-up reach the document.

        They may still wait in widget queues; each Changed message then climbs
        one queue per level to the screen, whose handler tells the app. Enough
        rounds for the deepest form, bounded in time.
        """
        deadline = asyncio.get_running_loop().time() + HANG_UP_PATIENCE
        for _ in range(SETTLE_ROUNDS):
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return
            await self._drain_messages(timeout=remaining)

    async def _drain_messages(self, timeout: float) -> None:
        """Wait until the current screen's widgets processed what is queued."""
        # Not the app itself: a quit runs inside the app's own message handling,
        # so its queue cannot move until we return. The screen's document is
        # read directly by save_sync instead of waiting for its Changed message.
        try:
            nodes = list(self.screen.walk_children(with_self=True))
        except Exception:  # noqa: BLE001 - no screen yet: nothing queued there
            return
        pending = 0
        drained = asyncio.Event()

        def one_done() -> None:
            nonlocal pending
            pending -= 1
            if pending == 0:
                drained.set()

        for node in nodes:
            if node.call_later(one_done):
                pending += 1
        if pending:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(drained.wait(), timeout)

    @work(thread=True, group="store")
    def _load_initial(self) -> None:
        try:
            if self._new_title is not None:
                pm = self.session.create(self._new_title, phase=PHASE_KEYS[0])
            else:
                pm = self.session.open(self._pm_id or "")
        except RetroError as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Loaded(pm))

    def on_retro_app_loaded(self, message: Loaded) -> None:
        self.open_phase(message.pm.phase or PHASE_KEYS[0])
        self.release_keys()
        # Another writer's change shows within a couple of seconds.
        if self._watch is None:
            self._watch = self.set_interval(WATCH_EVERY, self._look_for_changes)

    def on_retro_app_failed(self, message: Failed) -> None:
        self.release_keys()
        self.fail(message.line)

    def fail(self, line: str) -> None:
        """Stop with one line on stderr and exit status 1."""
        self.error_line = line
        self.exit(return_code=1)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A blinking cursor redraws twice a second: traffic on a slow SSH link
        # and a moving target for snapshots. A steady cursor does the same job;
        # Input and TextArea show it steadily once cursor_blink is off.
        widget = event.widget
        if getattr(widget, "cursor_blink", False):
            widget.cursor_blink = False  # type: ignore[attr-defined]

    # -- documents and saving ----------------------------------------------

    def start_new(self, title: str = "") -> None:
        """Create a draft (saved at once) and open its first phase."""
        self._new_title = title
        self._pm_id = None
        # Keys typed after "n" are for the first field, not the home list.
        self.hold_keys()
        self._load_initial()

    def open_id(self, pm_id: str) -> None:
        """Read postmortem ``pm_id`` (in a worker) and continue where it was left."""
        self._new_title = None
        self._pm_id = pm_id
        self.hold_keys()
        self._load_initial()

    def on_phase_screen_changed(self, message: PhaseScreen.Changed) -> None:
        if self._session is not None and self._session.pm is not None:
            self._session.edit(message.pm)
            self.mark_dirty()

    def on_phase_screen_open_phase(self, message: PhaseScreen.OpenPhase) -> None:
        self.open_phase(message.phase)
        if message.field is not None:
            self.call_after_refresh(self._show_field, message.field)

    def _show_field(self, field: str) -> None:
        show_field = getattr(self.screen, "show_field", None)
        if show_field is not None:
            show_field(field)

    def mark_dirty(self) -> None:
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self._autosave)
        else:
            self._save_timer.reset()

    def _cancel_autosave(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

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
        waiting = threading.Timer(
            LOCK_NOTICE_AFTER, self.call_from_thread, (self._waiting_for_lock,)
        )
        waiting.start()
        try:
            outcome = self.session.save() if save else self.session.refresh()
        except RetroError as error:
            log_error(self.db_path, f"saving: {error}")
            self.call_from_thread(self._save_failed, str(error))
            return
        finally:
            waiting.cancel()
        if outcome.merged or outcome.recreated:
            self.call_from_thread(self._show_merge, outcome)

    def _waiting_for_lock(self) -> None:
        self.notify(
            "Waiting for another retro to finish writing the database; "
            "your changes are kept here.",
            title="Saving",
            timeout=3,
        )

    def _save_failed(self, error: str) -> None:
        self.notify(
            f"{error}. Your changes are kept here; saving is retried with the "
            "next change, ctrl+s, or on quit.",
            title="Not saved",
            severity="error",
            markup=False,
        )

    def _show_merge(self, outcome: Outcome) -> None:
        """Put the merged document on screen; say what happened."""
        if isinstance(self.screen, PhaseScreen) and self._session is not None:
            self._session.edit(self.screen.keep_unsent())
            self._reopen(self.screen.PHASE)
            self._session.adopted()
        said = "Another writer changed this postmortem: their changes are merged in."
        if outcome.recreated:
            said = "This postmortem was deleted elsewhere: your copy was saved again."
        severity = "information"
        if outcome.conflicts:
            fields = ", ".join(outcome.conflicts[:4])
            said += (
                f" Both changed {fields}: yours is kept, theirs is listed on the "
                "Review checklist and in the report; edit the field to reconcile it."
            )
            severity = "warning"
        self.notify(said, title="Merged", severity=severity, timeout=8, markup=False)

    def _take_screen_copy(self) -> None:
        """The screen's newest version (its Changed message may still be on
        its way) and the text typed but not added, into the session."""
        if isinstance(self.screen, PhaseScreen) and self.pm is not None:
            self.session.edit(self.screen.keep_unsent())

    def save_sync(self) -> bool:
        """Save the document as it is now, on this thread; True when nothing is lost."""
        self._cancel_autosave()
        self._take_screen_copy()
        if self._session is None:
            return True
        try:
            self._session.save()
        except RetroError as error:
            log_error(self.db_path, f"saving: {error}")
            self._save_failed(str(error))
            return False
        return True

    # -- navigation -------------------------------------------------------

    def open_phase(self, phase: str) -> None:
        """Show ``phase`` for the current document, remembering it in ``pm.phase``."""
        if self.pm is None:
            return
        self._take_screen_copy()
        if self.pm.phase != phase:
            self.session.edit(self.pm.model_copy(update={"phase": phase}))
            self.mark_dirty()
        self._reopen(phase)

    def _reopen(self, phase: str) -> None:
        try:
            screen = phase_screen_class(phase)(self.session.pm)  # type: ignore[arg-type]
        except Exception as error:
            # A step that cannot load must not end the session with the draft.
            log_error(self.db_path, error_log.crash_report(error))
            self.notify(
                f"Cannot open that step: {error}", severity="error", markup=False
            )
            return
        if isinstance(self.screen, PhaseScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    async def _leave(self, then: Callable[[], None]) -> None:
        """Save the document for good (or drop an untouched new draft), then
        ``then``; when the database refuses, the user chooses what happens."""
        await self._settle()
        self._cancel_autosave()
        self._take_screen_copy()
        if self._session is None or self.pm is None:
            then()
            return
        notice = self.set_timer(LOCK_NOTICE_AFTER, self._waiting_for_lock)
        try:
            outcome = await asyncio.to_thread(self._session.leave)
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
                self.run_worker(self._leave(then))
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
                self._discarded_work = True
                self.session.close()
                then()
            else:
                self.mark_dirty()

        self.push_screen(UnsavedScreen(reason, str(recovery_dir())), chosen)

    def _to_home(self) -> None:
        below = self.screen_stack[:-1]
        if isinstance(self.screen, PhaseScreen) and any(
            isinstance(screen, HomeScreen) for screen in below
        ):
            self.pop_screen()
        elif isinstance(self.screen, PhaseScreen):
            self.switch_screen(HomeScreen(self.db_path, self.clock))
        elif not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen(self.db_path, self.clock))

    def go_home(self) -> None:
        if self.pm is None:
            self._to_home()
        else:
            self.run_worker(self._leave(self._to_home))

    def on_home_screen_open_postmortem(
        self, message: HomeScreen.OpenPostmortem
    ) -> None:
        self.open_id(message.pm_id)

    def on_home_screen_new_postmortem(self, message: HomeScreen.NewPostmortem) -> None:
        self.start_new("")

    def on_home_screen_unreadable(self, message: HomeScreen.Unreadable) -> None:
        self.fail(message.line)

    def _step(self, offset: int) -> None:
        if not isinstance(self.screen, PhaseScreen) or self.pm is None:
            return
        index = PHASE_KEYS.index(self.screen.PHASE) + offset
        if 0 <= index < len(PHASE_KEYS):
            blocker = self.screen.leave_blocker(PHASE_KEYS[index])
            if blocker:
                self.notify(blocker, severity="warning", markup=False)
                return
            self.open_phase(PHASE_KEYS[index])

    # -- actions ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_phase = isinstance(self.screen, PhaseScreen)
        if action in ("next_phase", "previous_phase", "home"):
            if not on_phase:
                return False
            phase = self.screen.PHASE  # type: ignore[attr-defined]
            if action == "next_phase" and phase == PHASE_KEYS[-1]:
                return None
            if action == "previous_phase" and phase == PHASE_KEYS[0]:
                return None
        return on_phase or action != "save"

    def action_next_phase(self) -> None:
        self._step(1)

    def action_previous_phase(self) -> None:
        self._step(-1)

    def action_home(self) -> None:
        self.go_home()

    def action_save(self) -> None:
        if self.save_sync():
            self.notify("Saved", timeout=2)

    async def action_quit(self) -> None:
        await self._leave(self._quit)

    def _quit(self) -> None:
        # Work thrown away on request still ends with a failing status.
        self.exit(return_code=1 if self._discarded_work else 0)

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Every binding of the screen (app, screen and focused widget) that has
        # a description, so the palette always offers what the footer shows.
        for active in described_bindings(screen):
            binding = active.binding
            key = self.get_key_display(binding)
            yield SystemCommand(
                f"{binding.description} ({key})",
                binding.tooltip or binding.description,
                partial(self._run_from_palette, binding.action, active.node),
            )
        yield SystemCommand(
            "Theme", "Change the colour theme", self.action_change_theme
        )

    async def _run_from_palette(self, action: str, node: object) -> None:
        await self.run_action(action, node)  # type: ignore[arg-type]

    # -- errors -----------------------------------------------------------

    @property
    def crashed(self) -> bool:
        """Ended by an unhandled exception: return code 1 (Textual's, documented
        on ``App.return_code``) without a failure of ours to explain it."""
        return self.return_code == 1 and self.error_line is None

    def report_crash(self) -> None:
        """After the app ended: log the traceback of a crash and say it in one
        line (``error_line``); never a traceback on the terminal."""
        if not self.crashed:
            return
        report, last = error_log.rendered_crash_report(self._traceback.getvalue())
        where = error_log.record(
            self.db_path, report or "unexpected error, no traceback"
        )
        kept = (
            "; your draft was saved"
            if self.pm is not None and self._kept_on_crash
            else ""
        )
        self.error_line = f"unexpected error: {last or 'no details'} ({where}){kept}"


def log_error(db_path: Path, text: str) -> None:
    """Append ``text`` with a timestamp to the error log, if it can be written."""
    error_log.record(db_path, text)


def run_app(app: RetroApp) -> int:
    """Run ``app`` in the terminal; print its one error line; its exit status."""
    import sys

    app.owns_process = True
    app.run()
    app.report_crash()
    if app.error_line:
        print(f"retro: {app.error_line}", file=sys.stderr)
    return app.return_code or 0
