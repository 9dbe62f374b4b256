"""The header line every phase screen shares: all phases, the current one
highlighted, a tick on those that are complete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from retrotui.checks.completeness import phase_status
from widgets.refit import show

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

# Short enough that all six fit on one 80-column line with their numbers.
SHORT_TITLES = {
    "stage": "Stage",
    "timeline": "Timeline",
    "insights": "Insights",
    "factors": "Factors",
    "actions": "Actions",
    "review": "Review",
}


def render_steps(current: str, done: dict[str, bool]) -> Text:
    """``✓1 Stage  [2 Timeline]  3 Insights ...`` as styled text.

    The current step is bracketed as well as highlighted, so it still stands
    out without colour (NO_COLOR, TERM=dumb).
    """
    line = Text(no_wrap=True, overflow="ellipsis")
    # ``done`` has the document's own steps, in order (a retrospective has four).
    for number, key in enumerate(done, 1):
        if number > 1:
            line.append(" ")
        mark = "✓" if done.get(key) else " "
        label = f"{number} {SHORT_TITLES[key]}"
        if key == current:
            line.append(f"[{mark}{label}]", style="bold reverse")
        else:
            line.append(f" {mark}{label} ", style="green" if done.get(key) else "dim")
    return line


class StepIndicator(Static):
    """Steps of the interview; set ``pm`` to refresh the ticks."""

    pm: reactive[Postmortem | None] = reactive(None, always_update=True)

    def __init__(self, phase: str, pm: Postmortem, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.phase = phase
        self.set_reactive(StepIndicator.pm, pm)

    def on_mount(self) -> None:
        self._draw()

    def watch_pm(self, _pm: Postmortem | None) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.pm is not None:
            # Each key of an edit sets ``pm``: the same line again is no work.
            show(self, render_steps(self.phase, phase_status(self.pm)))
