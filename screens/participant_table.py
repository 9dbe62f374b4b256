"""Set the stage's list of participants (its own module: stage.py is long)."""

from __future__ import annotations

from textual.binding import Binding

from widgets.measured_table import MeasuredTable


class ParticipantTable(MeasuredTable):
    """The participants; its keys act on the highlighted person."""

    BINDINGS = [
        Binding(
            "space",
            "toggle_consent",
            "Named?",
            id="stage-consent",
            tooltip="Toggle whether this person agreed to be named in the report",
        ),
        Binding(
            "r",
            "next_role",
            "Role",
            id="stage-role",
            tooltip="Change this person's role",
        ),
        Binding(
            "delete,x",
            "remove",
            "Remove",
            id="stage-remove",
            tooltip="Remove this person",
        ),
    ]

    def action_toggle_consent(self) -> None:
        self.screen.edit_participant(self.cursor_row, "consent")  # type: ignore[attr-defined]

    def action_next_role(self) -> None:
        self.screen.edit_participant(self.cursor_row, "role")  # type: ignore[attr-defined]

    def action_remove(self) -> None:
        self.screen.edit_participant(self.cursor_row, "remove")  # type: ignore[attr-defined]
