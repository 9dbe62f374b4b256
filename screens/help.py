"""F1: what the current screen is for, and every key it answers to."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Markdown, Static

from screens import described_bindings

GENERAL = (
    "Everything is saved as you type. Keys in the footer work on this screen; "
    "**ctrl+p** opens the command palette, which lists every action."
)


class HelpScreen(ModalScreen[None]):
    """Help text for one screen and a table of its keys."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Close help", id="help-close"),
    ]

    def __init__(self, title: str, text: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.help_title = title
        self.help_text = text
        self.keys = keys

    @classmethod
    def for_screen(cls, screen: Screen) -> HelpScreen:
        """Help for ``screen``: its ``HELP`` text and its active key bindings."""
        app = screen.app
        keys = [
            (app.get_key_display(a.binding), a.binding.tooltip or a.binding.description)
            for a in described_bindings(screen)
        ]
        title = getattr(screen, "help_title", None) or screen.title or "retro"
        return cls(title, screen.HELP or "", keys)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text(self.help_title, style="bold"), id="help-title")
            yield Markdown(f"{self.help_text}\n\n{GENERAL}", id="help-text")
            yield Static(self._key_table(), id="help-keys")
        yield Footer()

    def _key_table(self) -> Table:
        table = Table(show_header=True, header_style="bold", box=None, expand=True)
        table.add_column("Key", no_wrap=True)
        table.add_column("Does")
        for key, does in self.keys:
            table.add_row(Text(key), Text(does))
        return table

    def action_close(self) -> None:
        self.dismiss()
