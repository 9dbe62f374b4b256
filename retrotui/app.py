"""The Textual app: the guided postmortem interview.

``RetroApp`` puts the app shell together: it holds the one ``Session`` (the
open postmortem), reads it in a worker and moves between phase screens. Its
parts, one job each, are in the top-level ``shell/`` package: the command table, autosave
and the watch for other writers, merges on screen, leaving (with the question
when the database refuses), hang-ups and crash reports; the key queue is in
``widgets/key_queue.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen

from retrotui.document.schema import now as wall_clock
from retrotui.errors import RetroError, StoreBusy
from retrotui.interview.script import PHASE_KEYS, phase_keys
from retrotui.storage import error_log
from screens import phase_screen_class
from screens.base import PhaseScreen
from screens.home import HomeScreen
from shell.commands import app_bindings, palette_commands
from shell.crash import CrashReports, log_error
from shell.hangup import HangUp
from shell.leaving import Leaving
from shell.merging import ShowsMerges
from shell.saving import LOCK_WAIT, Autosave
from widgets.key_queue import KeyQueue

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.session.session import Session
    from retrotui.storage.store import Store

# How long opening a postmortem waits for another process's lock, in all.
LOCK_TIMEOUT = 30.0


class RetroApp(
    KeyQueue, CrashReports, HangUp, Leaving, Autosave, ShowsMerges, App[int]
):
    """``retro``: home screen, or straight into one postmortem."""

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "retro"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = app_bindings()

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
        new_kind: str = "incident",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        # Over SSH every animation frame is a redraw sent down the link; no
        # function needs one. TEXTUAL_ANIMATIONS=full brings them back.
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        self.db_path = Path(db_path)
        self.clock: Callable[[], datetime] = clock or wall_clock
        self._pm_id = pm_id
        self._new_title = new_title
        self._new_kind = new_kind
        # The open postmortem: loaded, edited, saved and merged there.
        self._session: Session | None = None

    @cached_property
    def store(self) -> Store:
        """The database; opened on first use, in a worker, off the first paint."""
        from retrotui.storage.store import Store

        # A lock held elsewhere is waited for briefly, then retried by the
        # shell while the user is told (shell/saving.py, shell/leaving.py).
        return Store(self.db_path, lock_timeout=LOCK_WAIT)

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
        self.install_signal_handlers()
        if self._new_title is not None or self._pm_id:
            self.hold_keys()
            self._load_initial()
        else:
            self.go_home()

    def on_unmount(self) -> None:
        if self.crashed:
            # The screens are gone but the document they edited is not: the
            # autosave that was due is written now (or to a recovery copy).
            self.kept_on_crash = self.save_or_copy()
        self.remove_signal_handlers()

    @work(thread=True, group="store")
    def _load_initial(self) -> None:
        # Another process's lock is waited out as long as the CLI would,
        # with a word to the user; there is no edit yet to keep.
        for attempt in range(int(LOCK_TIMEOUT / LOCK_WAIT)):
            try:
                if self._new_title is not None:
                    pm = self.session.create(
                        self._new_title, phase=PHASE_KEYS[0], kind=self._new_kind
                    )
                else:
                    pm = self.session.open(self._pm_id or "")
            except StoreBusy as error:
                busy = error
                if attempt == 0:
                    self.call_from_thread(
                        self.notify,
                        "Waiting for another retro to finish writing the database.",
                        title="Opening",
                    )
                continue
            except RetroError as error:
                self.post_message(self.Failed(str(error)))
                return
            self.post_message(self.Loaded(pm))
            return
        self.post_message(self.Failed(str(busy)))

    def on_retro_app_loaded(self, message: Loaded) -> None:
        keys = phase_keys(message.pm.kind.value)
        # A step its kind has not (a retrospective left on Factors): the first.
        self.open_phase(message.pm.phase if message.pm.phase in keys else keys[0])
        self.release_keys()
        self.watch_for_changes()

    def on_retro_app_failed(self, message: Failed) -> None:
        self.release_keys()
        self.fail(message.line)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A blinking cursor redraws twice a second: traffic on a slow SSH link
        # and a moving target for snapshots. A steady cursor does the same job;
        # Input and TextArea show it steadily once cursor_blink is off.
        widget = event.widget
        if getattr(widget, "cursor_blink", False):
            widget.cursor_blink = False  # type: ignore[attr-defined]

    # -- documents ----------------------------------------------------------

    def start_new(self, title: str = "", kind: str = "incident") -> None:
        """Create a draft (saved at once) and open its first phase."""
        self._new_title = title
        self._new_kind = kind
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
        if self.pm is not None:
            self.session.edit(message.pm)
            self.mark_dirty()

    def on_phase_screen_open_phase(self, message: PhaseScreen.OpenPhase) -> None:
        self.open_phase(message.phase)
        if message.field is not None:
            self.call_after_refresh(self._show_field, message.field)

    def _show_field(self, field: str) -> None:
        show_field = getattr(self.screen, "show_field", None)
        if show_field is not None:
            show_field(field)

    # -- navigation -------------------------------------------------------

    def open_phase(self, phase: str) -> None:
        """Show ``phase`` for the current document, remembering it in ``pm.phase``."""
        if self.pm is None:
            return
        self.take_screen_copy()
        if self.pm.phase != phase:
            self.session.edit(self.pm.model_copy(update={"phase": phase}))
            self.mark_dirty()
        self.reopen(phase)

    def reopen(self, phase: str, continuing: bool = False) -> None:
        """Show ``phase`` with the session's document, in place of a phase
        screen; ``continuing`` the same visit (after a merge)."""
        try:
            screen = phase_screen_class(phase)(self.session.pm)  # type: ignore[arg-type]
            screen.continuing = continuing
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
            self.run_worker(self.leave_then(self._to_home))

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
        keys = phase_keys(self.pm.kind.value)
        index = keys.index(self.screen.PHASE) + offset
        if 0 <= index < len(keys):
            blocker = self.screen.leave_blocker(keys[index])
            if blocker:
                self.notify(blocker, severity="warning", markup=False)
                return
            self.open_phase(keys[index])

    # -- actions (the table is in shell/commands.py) ------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_phase = isinstance(self.screen, PhaseScreen)
        if action in ("sync", "new_retro"):
            return isinstance(self.screen, HomeScreen)
        if action in ("next_phase", "previous_phase", "home"):
            if not on_phase:
                return False
            phase = self.screen.PHASE  # type: ignore[attr-defined]
            keys = phase_keys(self.pm.kind.value) if self.pm else PHASE_KEYS
            if action == "next_phase" and phase == keys[-1]:
                return None
            if action == "previous_phase" and phase == keys[0]:
                return None
        return on_phase or action != "save"

    def action_next_phase(self) -> None:
        self._step(1)

    def action_previous_phase(self) -> None:
        self._step(-1)

    def action_new_retro(self) -> None:
        self.start_new("", kind="retro")

    def action_home(self) -> None:
        self.go_home()

    def action_sync(self) -> None:
        from widgets.team_sync import TeamSyncStatus

        self.screen.query_one(TeamSyncStatus).sync()

    def action_save(self) -> None:
        if self.save_sync():
            self.notify("Saved", timeout=2)

    async def action_quit(self) -> None:
        await self.leave_then(self.quit_now)

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return palette_commands(self, screen)


def run_app(app: RetroApp) -> int:
    """Run ``app`` in the terminal; print its one error line; its exit status."""
    import sys

    app.owns_process = True
    app.run()
    app.report_crash()
    if app.error_line:
        print(f"retro: {app.error_line}", file=sys.stderr)
    return app.return_code or 0
