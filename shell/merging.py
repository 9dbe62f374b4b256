"""Another writer's change merged in: shown on screen, and said.

The phase screen is built again from the merged document, between two keys:
keys wait (the key queue is held) while it is rebuilt, and the field that had
the focus gets it back with its cursor where it was, so typing goes on in the
right place and order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.widget import Widget

from screens.base import PhaseScreen

if TYPE_CHECKING:
    from retrotui.session.session import Outcome, Session

# Conflicting fields named in the notice; the Review checklist lists them all.
NAMED_CONFLICTS = 4
# Where a widget's cursor is kept: Input, TextArea, lists and tables.
CURSORS = ("cursor_position", "cursor_location", "cursor_coordinate", "index")


def merge_notice(outcome: Outcome) -> tuple[str, str]:
    """What to tell the user about a merge, and how loudly (a severity)."""
    said = "Another writer changed this postmortem: their changes are merged in."
    if outcome.recreated:
        said = "This postmortem was deleted elsewhere: your copy was saved again."
    if not outcome.conflicts:
        return said, "information"
    fields = ", ".join(outcome.conflicts[:NAMED_CONFLICTS])
    said += (
        f" Both changed {fields}: both versions are kept, one in the field and "
        "the other on the Review checklist and in the report; edit the field to "
        "reconcile it."
    )
    return said, "warning"


@dataclass(frozen=True)
class Spot:
    """Where the user was on a screen: the focused widget and its cursor."""

    widget_id: str | None
    # Its place in the focus chain, for a widget without an id.
    order: int
    cursor: dict[str, object]

    @classmethod
    def on(cls, screen: PhaseScreen) -> Spot | None:
        focused = screen.focused
        if focused is None:
            return None
        chain = screen.focus_chain
        order = chain.index(focused) if focused in chain else -1
        cursor = {
            name: getattr(focused, name) for name in CURSORS if hasattr(focused, name)
        }
        return cls(focused.id, order, cursor)

    def find(self, screen: PhaseScreen) -> Widget | None:
        if self.widget_id is not None:
            found = screen.query(f"#{self.widget_id}")
            return found.first() if found else None
        chain = screen.focus_chain
        return chain[self.order] if 0 <= self.order < len(chain) else None

    def restore(self, screen: PhaseScreen) -> None:
        widget = self.find(screen)
        if widget is None or not widget.focusable:
            return
        widget.focus()
        for name, value in self.cursor.items():
            # A list may be shorter now: its own bounds apply.
            try:
                setattr(widget, name, value)
            except (ValueError, IndexError, TypeError):
                continue


class ShowsMerges(App):  # type: ignore[type-arg]
    """Mixin for the App: a merge reaches the screen."""

    session: Session

    def show_merge(self, outcome: Outcome) -> None:
        """Put the merged document on screen (between keys); say what happened."""
        if isinstance(self.screen, PhaseScreen):
            self.hold_keys()
            self.when_keys_idle(partial(self._rebuild_merged, outcome))
            return
        self._say_merged(outcome)

    def _rebuild_merged(self, outcome: Outcome) -> None:
        screen = self.screen
        if not isinstance(screen, PhaseScreen):
            self.release_keys()
            self._say_merged(outcome)
            return
        spot = Spot.on(screen)
        self.session.edit(screen.keep_unsent())
        self.reopen(screen.PHASE, continuing=True)
        self.session.adopted()
        self.call_after_refresh(self._back_to, spot, outcome)

    def _back_to(self, spot: Spot | None, outcome: Outcome) -> None:
        if spot is not None and isinstance(self.screen, PhaseScreen):
            spot.restore(self.screen)
        self.release_keys()
        self._say_merged(outcome)

    def _say_merged(self, outcome: Outcome) -> None:
        said, severity = merge_notice(outcome)
        self.notify(said, title="Merged", severity=severity, timeout=8, markup=False)
