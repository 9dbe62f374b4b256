"""A list of checkboxes drawn as ``[x]`` / ``[ ]``, readable without colour."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ToggleList(OptionList):
    """Items identified by an id; space or Enter toggles the highlighted one.

    Textual's SelectionList marks the selected ones by colour alone, which
    disappears under NO_COLOR.
    """

    BINDINGS = [
        Binding(
            "space",
            "toggle",
            "Link/unlink",
            id="toggle.toggle",
            tooltip="Tick or untick the highlighted entry",
        ),
    ]

    class Changed(Message):
        """The ticked ids changed."""

        def __init__(self, toggle_list: ToggleList, selected: list[str]) -> None:
            super().__init__()
            self.toggle_list = toggle_list
            self.selected = selected

        @property
        def control(self) -> ToggleList:
            return self.toggle_list

    def __init__(self, *, id: str | None = None, compact: bool = True) -> None:
        super().__init__(id=id, compact=compact)
        self._labels: dict[str, str] = {}
        self._ticked: set[str] = set()

    @property
    def selected(self) -> list[str]:
        """The ticked ids, in list order."""
        return [key for key in self._labels if key in self._ticked]

    def set_items(
        self, items: Iterable[tuple[str, str]], ticked: Iterable[str]
    ) -> None:
        """Replace the entries (id, label) and which of them are ticked."""
        self._labels = dict(items)
        self._ticked = set(ticked) & set(self._labels)
        highlighted = self.highlighted
        self.set_options(Option(self._prompt(key), id=key) for key in self._labels)
        if self._labels:
            self.highlighted = min(highlighted or 0, len(self._labels) - 1)

    def _prompt(self, key: str) -> Text:
        text = Text("[x] " if key in self._ticked else "[ ] ", style="bold")
        text.append(self._labels[key], style="")
        return text

    def action_toggle(self) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        self._ticked ^= {option.id}
        self.replace_option_prompt(option.id, self._prompt(option.id))
        self.post_message(self.Changed(self, self.selected))

    @on(OptionList.OptionSelected)
    def _enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()
