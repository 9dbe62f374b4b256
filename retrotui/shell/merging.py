"""Another writer's change merged in: shown on screen, and said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from screens.base import PhaseScreen

if TYPE_CHECKING:
    from retrotui.session.session import Outcome, Session

# Conflicting fields named in the notice; the Review checklist lists them all.
NAMED_CONFLICTS = 4


def merge_notice(outcome: Outcome) -> tuple[str, str]:
    """What to tell the user about a merge, and how loudly (a severity)."""
    said = "Another writer changed this postmortem: their changes are merged in."
    if outcome.recreated:
        said = "This postmortem was deleted elsewhere: your copy was saved again."
    if not outcome.conflicts:
        return said, "information"
    fields = ", ".join(outcome.conflicts[:NAMED_CONFLICTS])
    said += (
        f" Both changed {fields}: yours is kept, theirs is listed on the "
        "Review checklist and in the report; edit the field to reconcile it."
    )
    return said, "warning"


class ShowsMerges(App):  # type: ignore[type-arg]
    """Mixin for the App: a merge reaches the screen."""

    session: Session

    def show_merge(self, outcome: Outcome) -> None:
        """Put the merged document on screen; say what happened."""
        if isinstance(self.screen, PhaseScreen):
            self.session.edit(self.screen.keep_unsent())
            self.reopen(self.screen.PHASE)
            self.session.adopted()
        said, severity = merge_notice(outcome)
        self.notify(said, title="Merged", severity=severity, timeout=8, markup=False)
