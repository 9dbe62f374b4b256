"""A one-line entry for a field of the postmortem, sized to what the field holds."""

from __future__ import annotations

import time

from textual import events
from textual.widgets import Input

from retrotui.document.schema import MAX_TEXT

# Typing on into a full field would otherwise repeat the message on every key.
_QUIET_SECONDS = 3.0


class TextEntry(Input):
    """An input that never drops text in silence and never overflows its field.

    Textual's input keeps only the first line of a paste and refuses, with a
    bell, a paste that would pass ``max_length``; a long incident log pasted
    into an answer vanished. Here the lines of a paste are joined with spaces,
    what does not fit is cut with a message saying so, and typing into a full
    field says why nothing happens.
    """

    def __init__(self, value: str = "", *, limit: int, **kwargs: object) -> None:
        super().__init__(value, max_length=limit, **kwargs)  # type: ignore[arg-type]
        self._said_full = 0.0

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
        super().__init__(limit=MAX_TEXT, select_on_focus=False, **kwargs)
