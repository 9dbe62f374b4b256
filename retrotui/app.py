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
from retrotui.storage import error_log
from screens import described_bindings, phase_screen_class
from screens.base import PhaseScreen
from screens.home import HomeScreen
from widgets.key_queue import KeyQueue

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store

SAVE_DELAY = 0.5
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


def _content(pm: Postmortem) -> str:
    """The document as saved, less the time stamp a save adds."""
    return pm.model_dump_json(exclude={"updated"})


def _entered(pm: Postmortem) -> str:
    """What the user entered: the document less where they were in it."""
    return pm.model_dump_json(exclude={"updated", "phase"})


class RetroApp(KeyQueue, App[int]):
    """``retro``: home screen, or straight into one postmortem."""

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "retro"
    ENABLE_COMMAND_PALETTE = True
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

        def __init__(self, pm: Postmortem, *, new: bool = False) -> None:
            super().__init__()
            self.pm = pm
            self.new = new

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
        self.pm: Postmortem | None = None
        self.error_line: str | None = None
        self._pm_id = pm_id
        self._new_title = new_title
        self._dirty = False
        # Every snapshot handed to a save gets a number; an older snapshot that
        # reaches the store after a newer one (a slow worker) is not written.
        self._snapshots = 0
        self._written = 0
        # What is on disk, so leaving without a change writes nothing (and
        # does not move the draft up the home list).
        self._on_disk = ""
        self._save_timer: Timer | None = None
        # A draft made by "new" as it was made: left without a single entry,
        # it is deleted rather than left in the list as an empty draft.
        self._as_created = ""
        self._discarded: set[str] = set()
        # Store calls come from worker threads and from the quit path.
        self._store_lock = threading.Lock()
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
            # autosave that was due is written now.
            self._kept_on_crash = self.pm is None or self.save_now()
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
        self.leave_document()
        self.exit(return_code=128 + signum)

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
            with self._store_lock:
                if self._new_title is not None:
                    pm = self.store.add(self._new_draft(self._new_title))
                else:
                    pm = self.store.get(self._pm_id or "")
        except RetroError as error:
            self.post_message(self.Failed(str(error)))
            return
        # A title given on the command line is an entry already.
        fresh = self._new_title is not None and not self._new_title.strip()
        self.post_message(self.Loaded(pm, new=fresh))

    def _new_draft(self, title: str) -> Postmortem:
        from retrotui.document.models import Postmortem

        when = self.clock()
        return Postmortem(
            title=title.strip() or f"Incident on {when:%Y-%m-%d}",
            phase=PHASE_KEYS[0],
            created=when,
            updated=when,
        )

    def on_retro_app_loaded(self, message: Loaded) -> None:
        self.pm = message.pm
        self._on_disk = _content(message.pm)
        self._as_created = _entered(message.pm) if message.new else ""
        self.open_phase(message.pm.phase or PHASE_KEYS[0])
        self.release_keys()

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
        self.pm = message.pm
        self.mark_dirty()

    def mark_dirty(self) -> None:
        self._dirty = True
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
        if self._dirty and self.pm is not None:
            self._dirty = False
            # A snapshot, so edits made while the worker writes are not torn.
            self._snapshots += 1
            self._save_in_worker(self.pm.model_copy(deep=True), self._snapshots)

    @work(thread=True, group="store")
    def _save_in_worker(self, pm: Postmortem, number: int) -> None:
        error = self._save(pm, number)
        if error is not None:
            self.call_from_thread(self._save_failed, error)

    def _save_failed(self, error: str) -> None:
        self._dirty = True
        self.notify(error, title="Not saved", severity="error", markup=False)

    def _save(self, pm: Postmortem, number: int) -> str | None:
        try:
            with self._store_lock:
                body = _content(pm)
                if (
                    number < self._written
                    or body == self._on_disk
                    or pm.id in self._discarded
                ):
                    return None
                self.store.save(pm)
                self._written = number
                self._on_disk = body
        except RetroError as error:
            log_error(self.db_path, f"saving {pm.id}: {error}")
            return str(error)
        except OSError as error:
            log_error(self.db_path, f"saving {pm.id}: {error}")
            return f"cannot save to {self.db_path}: {error.strerror}"
        return None

    def save_sync(self) -> bool:
        """Save the document as it is now, on this thread; True when nothing is lost.

        Used when leaving: it writes even with no change pending, because an
        autosave may still be on its way in a worker that the exit would cut short.
        """
        self._cancel_autosave()
        if isinstance(self.screen, PhaseScreen):
            # The screen holds the newest version (its Changed message may
            # still be on its way to the app), and text typed but not added.
            self.pm = self.screen.keep_unsent()
        if self.pm is None:
            return True
        return self.save_now()

    def save_now(self) -> bool:
        """Write the app's copy of the document on this thread; True when saved."""
        if self.pm is None:
            return True
        self._snapshots += 1
        error = self._save(self.pm, self._snapshots)
        self._dirty = error is not None
        return error is None

    # -- navigation -------------------------------------------------------

    def open_phase(self, phase: str) -> None:
        """Show ``phase`` for the current document, remembering it in ``pm.phase``."""
        if self.pm is None:
            return
        if isinstance(self.screen, PhaseScreen):
            kept = self.screen.keep_unsent()
            if kept is not self.pm:
                self.pm = kept
                self.mark_dirty()
        try:
            screen = phase_screen_class(phase)(self.pm)
        except Exception as error:
            # A step that cannot load must not end the session with the draft.
            log_error(self.db_path, error_log.crash_report(error))
            self.notify(
                f"Cannot open that step: {error}", severity="error", markup=False
            )
            return
        if self.pm.phase != phase:
            self.pm.phase = phase
            self.mark_dirty()
        if isinstance(self.screen, PhaseScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def leave_document(self) -> None:
        """Save the document for good, or delete it when it is a new draft
        in which nothing was entered (an ``n`` pressed by mistake)."""
        if isinstance(self.screen, PhaseScreen):
            self.pm = self.screen.keep_unsent()
        pm = self.pm
        if pm is None or not self._as_created or _entered(pm) != self._as_created:
            self.save_sync()
            return
        self._cancel_autosave()
        try:
            with self._store_lock:
                self._discarded.add(pm.id)
                self.store.delete(pm.id)
        except RetroError as error:
            log_error(self.db_path, f"discarding empty draft {pm.id}: {error}")
            return
        self.pm = None
        self._as_created = ""
        self._dirty = False
        self.notify("Nothing was entered: the empty draft was not kept.", timeout=3)

    def go_home(self) -> None:
        self.leave_document()
        below = self.screen_stack[:-1]
        if isinstance(self.screen, PhaseScreen) and any(
            isinstance(screen, HomeScreen) for screen in below
        ):
            self.pop_screen()
        elif isinstance(self.screen, PhaseScreen):
            self.switch_screen(HomeScreen(self.db_path, self.clock))
        elif not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen(self.db_path, self.clock))

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
        await self._settle()
        self.leave_document()
        self.exit(return_code=0)

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

    app.run()
    app.report_crash()
    if app.error_line:
        print(f"retro: {app.error_line}", file=sys.stderr)
    return app.return_code or 0
