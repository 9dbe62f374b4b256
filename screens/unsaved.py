"""Leaving with work the database would not take: the user decides.

Shown when a save on quit (or on the way home) failed: disk full, read-only,
permissions, another retro holding the lock. Nothing is dropped without an
explicit choice. While another retro holds the lock the app keeps trying and
closes this itself once the save went through (``SAVED``).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

RETRY, COPY, KEEP, DISCARD = "retry", "copy", "keep", "discard"
# Not a key: the app saved after all while the question was shown.
SAVED = "saved"


class UnsavedScreen(ModalScreen[str]):
    """Not saved: retry, save a copy elsewhere, keep editing, or discard."""

    BINDINGS = [
        Binding("r", "choose('retry')", "Retry", id="unsaved-retry"),
        Binding("c", "choose('copy')", "Save a copy", id="unsaved-copy"),
        Binding("escape,k", "choose('keep')", "Keep editing", id="unsaved-keep"),
        Binding("d", "choose('discard')", "Discard", id="unsaved-discard"),
    ]

    def __init__(self, reason: str, copy_folder: str) -> None:
        super().__init__()
        self.reason = reason
        self.copy_folder = copy_folder

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-body"):
            yield Static(Text("Your changes are not saved", style="bold"))
            # The reason may quote a path or a document: never markup.
            yield Static(Text(self.reason), id="unsaved-reason")
            yield Static(
                Text(
                    "r  try again\n"
                    f"c  save a copy in {self.copy_folder}\n"
                    "k  keep editing (escape)\n"
                    "d  discard the changes and leave"
                ),
                id="unsaved-choices",
            )
        yield Footer()

    def explain(self, reason: str) -> None:
        """Show a new reason (the lock is free now, but the save still failed)."""
        self.reason = reason
        self.query_one("#unsaved-reason", Static).update(Text(reason))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
