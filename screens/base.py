"""The base every interview phase screen builds on.

Contract (other screens rely on it, keep it stable):

- ``PHASE``: the phase key (one of ``retrotui.interview.script.PHASE_KEYS``).
- ``HELP``: Markdown shown by F1 for this screen.
- ``__init__(pm)``; ``self.pm`` is the document being edited.
- ``compose_body()``: the screen's own widgets; ``compose`` wraps them in the
  shared header (step indicator, phase and postmortem title) and the footer.
- ``changed(pm)``: call after every edit; the app keeps that document as the
  current one and autosaves it (debounced, in a worker).
- ``now()`` / ``today()``: the app's clock (fixed in tests), never the wall clock.
- Entry lines (text added with Enter) are ``EntryLine`` widgets; what is typed
  there but not added yet is kept in ``pm.unsent`` by ``keep_unsent()`` and put
  back when the screen opens. ``entry_key()`` says under which key.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, ListView, Static, TextArea

from retrotui.document.schema import now as wall_clock
from retrotui.interview.script import PHASES
from widgets.keys_footer import KeysFooter
from widgets.refit import show
from widgets.step_indicator import StepIndicator
from widgets.text_entry import EntryLine

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from widgets.happened_before import HappenedBefore

PHASE_TITLES = {phase.key: phase.title for phase in PHASES}
PHASE_PURPOSES = {phase.key: phase.purpose for phase in PHASES}


def title_line(phase: str, pm: Postmortem) -> Text:
    """``Timeline · <postmortem title>``; the title is user text, never markup."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(PHASE_TITLES[phase], style="bold")
    line.append(" · ")
    line.append(pm.title)
    return line


class PhaseScreen(Screen[None]):
    """One phase of the interview, editing ``self.pm``."""

    PHASE: ClassVar[str]
    HELP: ClassVar[str | None] = None
    # Set by the app when the screen is built again in the middle of a visit
    # (another writer's change merged in): text put back into an entry line is
    # what is being typed now, not something kept from an earlier visit.
    continuing = False

    class Changed(Message):
        """The document changed; the app keeps it and autosaves it."""

        def __init__(self, pm: Postmortem) -> None:
            super().__init__()
            self.pm = pm

    class OpenPhase(Message):
        """Go to ``phase`` (and to ``field`` on it, when the screen has one)."""

        def __init__(self, phase: str, field: str | None = None) -> None:
            super().__init__()
            self.phase = phase
            self.field = field

    def __init__(self, pm: Postmortem) -> None:
        super().__init__(classes="phase-screen")
        self.pm = pm

    def compose(self) -> ComposeResult:
        yield StepIndicator(self.PHASE, self.pm, id="steps")
        yield Static(title_line(self.PHASE, self.pm), id="phase-title")
        yield from self.compose_body()
        # The palette (ctrl+p) is named in F1 help; its footer hint would push
        # this screen's own keys off an 80-column line.
        yield KeysFooter()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between header and footer."""
        yield from ()

    def on_mount(self) -> None:
        self.restore_unsent()

    def on_key(self, event: events.Key) -> None:
        # A character no widget took (the focus was on a list or the page) is
        # typing meant for a field: it goes into the screen's entry line
        # rather than vanishing. Keys bound to something keep their meaning.
        if not event.is_printable or event.character is None:
            return
        if (
            isinstance(self.focused, (Input, TextArea))
            or event.key in self.active_bindings
        ):
            return
        box = next(
            (b for b in self.query(EntryLine) if not b.disabled and b.display),
            None,
        )
        if box is None:
            self.notify("Tab moves to a field to type in.", timeout=2)
            return
        event.stop()
        box.focus()
        box.insert_text_at_cursor(event.character)

    def changed(self, pm: Postmortem) -> None:
        """Record an edit: refresh the header and let the app autosave."""
        pm.unsent = self._merged_unsent(pm)
        self.pm = pm
        self.query_one(StepIndicator).pm = pm
        show(self.query_one("#phase-title", Static), title_line(self.PHASE, pm))
        # By type name, as FindingsPanel below: not every screen has one.
        for panel in self.query("HappenedBefore, FacilitatorHint"):
            panel.pm = pm  # type: ignore[attr-defined]
        self.post_message(self.Changed(pm))

    def on_happened_before_link(self, message: HappenedBefore.Link) -> None:
        """Link an earlier similar postmortem (or unlink it): an edit like any."""
        related = [other for other in self.pm.related if other != message.pm_id]
        if message.linked:
            related.append(message.pm_id)
        self.pm.related = related
        self.changed(self.pm)
        verb = "Linked" if message.linked else "Unlinked"
        self.notify(f"{verb} {message.pm_id} as related", timeout=3)

    # -- text typed but not added yet ----------------------------------------

    def unsent_key(self, name: str) -> str:
        """The key in ``pm.unsent`` for this screen's entry ``name``."""
        return f"{self.PHASE}:{name}"

    def entry_key(self, box: Input) -> str | None:
        """The key ``box``'s text is kept under; None when it is not to be kept."""
        return box.id

    def unsent(self) -> dict[str, str]:
        """What is typed in this screen's entry lines and not added yet."""
        kept: dict[str, str] = {}
        for box in self.query(EntryLine):
            key = self.entry_key(box)
            if key and box.value.strip():
                kept[self.unsent_key(key)] = box.value
        return kept

    def restore_unsent(self) -> Input | None:
        """Put text kept by an earlier visit back into its entry line; the
        first line restored has the focus and is returned."""
        restored: Input | None = None
        for box in self.query(EntryLine):
            key = self.entry_key(box)
            text = self.pm.unsent.get(self.unsent_key(key)) if key else None
            if text:
                box.value = text
                box.cursor_position = len(text)
                restored = restored or box
        if restored is not None and not restored.disabled:
            restored.focus()
        return restored

    def _merged_unsent(self, pm: Postmortem) -> dict[str, str]:
        # Other screens' keys stay: they are not on screen to be read again.
        merged = {
            key: text
            for key, text in pm.unsent.items()
            if not key.startswith(self.unsent_key(""))
        }
        merged.update(self.unsent())
        return merged

    def keep_unsent(self) -> Postmortem:
        """``self.pm`` with this screen's unsent text in it (a copy when it changed)."""
        merged = self._merged_unsent(self.pm)
        if merged != self.pm.unsent:
            self.pm = self.pm.model_copy(deep=True)
            self.pm.unsent = merged
        return self.pm

    def leave_blocker(self, phase: str) -> str | None:
        """Why the user may not step on to ``phase`` yet; None when they may."""
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rewrite":
            # Shown only while there is something to rewrite: the footer has no
            # room at 80 columns for a key that would do nothing.
            # By type name: importing FindingsPanel here would load the
            # blameless rules before the first screen is drawn.
            return any(panel.findings for panel in self.query("FindingsPanel"))
        if action == "to_factors":
            # A team retrospective has no factors step (unless it kept some).
            return self.pm.kind.value != "retro" or bool(self.pm.factors)
        if action == "focus_list":
            # "Go to the list" is noise while the list has the focus.
            return not isinstance(self.focused, ListView)
        return True

    def on_findings_panel_updated(self) -> None:
        self.refresh_bindings()

    @property
    def retro(self) -> bool:
        """A team retrospective (no incident, no factors): steps ask less."""
        return self.pm.kind.value == "retro"

    @property
    def help_title(self) -> str:
        return PHASE_TITLES[self.PHASE]

    def now(self) -> datetime:
        clock = getattr(self.app, "clock", None)
        return clock() if clock is not None else wall_clock()

    def today(self) -> date:
        return self.now().date()
