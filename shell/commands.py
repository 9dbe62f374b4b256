"""The one table of app-wide commands: key bindings, footer and palette."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from screens import described_bindings


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
    # A priority key works whatever has focus; a letter must not be one, or
    # it could never be typed.
    priority: bool = True


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
        "home",
        "escape",
        "home",
        "Home",
        "Back to the list of postmortems",
        show=False,
        priority=False,
    ),
    # Home only (check_action); its status line names the key.
    Command(
        "sync",
        "y",
        "sync",
        "Sync",
        "Share postmortems with the team repository: commit yours, merge and "
        "import others', push",
        show=False,
        priority=False,
    ),
    # Home only (check_action), like n for an incident's postmortem.
    Command(
        "new-retro",
        "R",
        "new_retro",
        "Retro",
        "Start a team retrospective: went well, could improve, puzzled us, actions",
        priority=False,
    ),
    Command("quit", "ctrl+q", "quit", "Quit", "Save and quit"),
)


def app_bindings() -> list[Binding]:
    """The app's ``BINDINGS``; escape (home) and y (sync) yield to a screen
    or field that uses them."""
    return [
        Binding(
            c.keys,
            c.action,
            c.description,
            show=c.show,
            id=c.id,
            tooltip=c.help,
            priority=c.priority,
            key_display=c.key_display,
        )
        for c in APP_COMMANDS
    ]


def palette_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
    """Every binding of ``screen`` (app, screen and focused widget) that has a
    description, so the palette always offers what the footer shows."""
    for active in described_bindings(screen):
        binding = active.binding
        key = app.get_key_display(binding)
        yield SystemCommand(
            f"{binding.description} ({key})",
            binding.tooltip or binding.description,
            partial(app.run_action, binding.action, active.node),
        )
    yield SystemCommand("Theme", "Change the colour theme", app.action_change_theme)
