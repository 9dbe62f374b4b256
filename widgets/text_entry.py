"""A one-line entry for a field of the postmortem, sized to what the field holds."""

from __future__ import annotations

import time

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from retrotui.document.schema import MAX_TEXT

# Typing on into a full field would otherwise repeat the message on every key.
_QUIET_SECONDS = 3.0
UNDO_STEPS = 20


def removed_text(before: str, after: str) -> bool:
    """Whether going from ``before`` to ``after`` lost more than one typed
    character: a cleared line, a deleted word, a selection typed over."""
    if not before:
        return False
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while (
        end < min(len(before), len(after)) - start
        and before[-1 - end] == after[-1 - end]
    ):
        end += 1
    return len(before) - start - end > 1


class TextEntry(Input):
    """An input that never drops text in silence and never overflows its field.

    Textual's input keeps only the first line of a paste and refuses, with a
    bell, a paste that would pass ``max_length``; a long incident log pasted
    into an answer vanished. Here the lines of a paste are joined with spaces,
    what does not fit is cut with a message saying so, and typing into a full
    field says why nothing happens.

    Focus never selects the text (Textual's default does), so the first key
    after Tab cannot replace a filled field; whatever removes text (ctrl+u,
    ctrl+w, a selection typed over) can be taken back with ctrl+z.
    """

    BINDINGS = [
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            show=False,
            id="entry.undo",
            tooltip="Put back the text as it was before the last change that removed some",
        ),
    ]

    # Input sets its virtual size to its text's width on each key, and the
    # virtual size is a layout reactive: every typed key laid the whole screen
    # out again (two thirds of a key on the action-items screen). An entry's
    # size is set by its container, never by its text; its own scrolling
    # reads the virtual size, which is still set: only the layout is skipped.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0))

    def __init__(
        self,
        value: str = "",
        *,
        limit: int,
        select_on_focus: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(
            value,
            max_length=limit,
            select_on_focus=select_on_focus,
            **kwargs,  # type: ignore[arg-type]
        )
        self._said_full = 0.0
        self._before: list[str] = []
        self._last = value
        self._submitted: str | None = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self:
            self._submitted = event.value

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        # A line emptied once Enter added it is not text lost: nothing to undo.
        added = not event.value and self._last == self._submitted
        if not added and removed_text(self._last, event.value):
            self._before = [*self._before[-(UNDO_STEPS - 1) :], self._last]
        self._last = event.value
        self._submitted = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to undo: ctrl+z goes on to the screen (the why chain's "take back").
        if action == "undo":
            return bool(self._before)
        return super().check_action(action, parameters)

    def action_undo(self) -> None:
        if not self._before:
            return
        text = self._before.pop()
        self._last = text
        self.value = text
        self.cursor_position = len(text)

    def on_paste(self, event: events.Paste) -> None:
        # Input's own handler would keep only the first line: prevent_default
        # stops Textual from calling it after this one.
        event.prevent_default()
        event.stop()
        text = " ".join(
            line.strip() for line in event.text.splitlines() if line.strip()
        )
        if not text:
            return
        start, end = sorted(self.selection)
        room = self.max_length - (len(self.value) - (end - start))
        if len(text) > room:
            text = text[: max(room, 0)]
            self._say_full("Pasted text was cut to fit")
        self.replace(text, start, end)

    def restricted(self) -> None:
        self._say_full("This field is full")

    def _say_full(self, what: str) -> None:
        now = time.monotonic()
        if now - self._said_full < _QUIET_SECONDS:
            return
        self._said_full = now
        self.notify(
            f"{what}: it holds at most {self.max_length:,} characters.",
            severity="warning",
            markup=False,
        )


class EntryLine(TextEntry):
    """A line whose text becomes a new entry on Enter (an answer, a factor, a
    "because", a takeaway). The phase screens keep what is typed here but not
    added yet; focus never selects it, so the first key after Tab or after a
    restore cannot wipe a half-typed answer."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(limit=MAX_TEXT, **kwargs)
