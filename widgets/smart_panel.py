"""A live SMART panel for one action item: six criteria, each with its hint."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from retrotui.checks.smart import LABELS, SmartResult, check_action
from retrotui.document.duedate import read_due
from widgets.refit import refit

MARKS = {True: ("✓", "green"), False: ("✗", "red"), None: ("–", "dim")}


def due_line(typed: str, resolved: date | None) -> Text:
    """What was typed next to the date it resolves to."""
    line = Text("Due  ", style="bold")
    if not typed.strip():
        line.append("none given (try 'in 2 weeks', 'end of Q1', 2027-01-15)", "dim")
        return line
    line.append(repr(typed.strip()))
    if resolved is None:
        line.append("  ->  not a date", "red")
    else:
        line.append(f"  ->  {resolved.isoformat()} ({resolved:%a})", "bold")
    return line


def due_reading(text: str, as_of: date) -> Text:
    """The date a due phrase resolves to, shown on its own line of the form."""
    if not text.strip():
        return Text("")
    reading = read_due(text, as_of)
    if reading is None:
        return Text("✗ not a date", style="red")
    if reading.date is None:
        options = " or ".join(f"{d:%a %Y-%m-%d}" for d in reading.choices[:2])
        return Text(f"? {options}", style="yellow")
    return Text(f"→ {reading.date:%a %Y-%m-%d}", style="green")


EMPTY = (
    "Type the action item: each SMART criterion is checked as you type, "
    "with a hint for whatever is missing."
)


# Relevant, in a retrospective: nothing to link, so it is not judged.
RETRO_RELEVANT = "Not judged: a retrospective links no contributing factor"


class SmartPanel(Widget):
    """Shows how an action item does against each SMART criterion.

    The screen sets ``text``, ``owner``, ``due``, ``factor`` and ``as_of``;
    the check runs again on every change (it takes well under a millisecond).
    """

    # Repainted on a change, laid out only when its height changes (refit).
    text: reactive[str] = reactive("")
    owner: reactive[str] = reactive("")
    due: reactive[str] = reactive("")
    factor: reactive[str] = reactive("")
    as_of: reactive[date | None] = reactive(None)

    def __init__(
        self,
        *,
        as_of: date | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        without_factors: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(SmartPanel.as_of, as_of)
        # A team retrospective has no factors: "none linked" is no gap there.
        self.without_factors = without_factors
        self.border_title = "SMART check"

    def _refit(self) -> None:
        refit(self)

    watch_text = watch_owner = watch_due = watch_factor = watch_as_of = _refit

    @property
    def result(self) -> SmartResult:
        """The check for the current attributes."""
        return check_action(
            self.text,
            owner=self.owner.strip() or None,
            due=self.due.strip() or None,
            factor=self.factor.strip() or None,
            as_of=self.as_of,
        )

    def _subtitle(self, line: str) -> None:
        # Set only when it changes: setting it asks for the widget's place on
        # screen, which (inside a render) lays out every widget of the screen
        # again (40 ms a key with 100 action items listed).
        if (self.border_subtitle or "") != line:
            self.border_subtitle = line

    def render(self) -> Group:
        if not (self.text.strip() or self.owner.strip() or self.due.strip()):
            # Six failures for a form not yet touched would read as an error.
            self._subtitle("")
            return Group(Text(EMPTY, style="dim"))
        result = self.result
        failing = len(result.problems())
        self._subtitle("ready" if result.ok else f"{failing} to fix")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True)
        # A fixed width: measured, the longest label touched its message.
        grid.add_column(no_wrap=True, width=max(map(len, LABELS.values())) + 1)
        grid.add_column(ratio=1)
        for key, criterion in result.criteria.items():
            mark, style = MARKS[criterion.ok]
            body = Text(criterion.message)
            if key == "relevant" and criterion.ok is None and self.without_factors:
                body = Text(RETRO_RELEVANT)
            if criterion.ok is not True and criterion.hint:
                body.append("\n")
                body.append(criterion.hint, style="italic dim")
            grid.add_row(
                Text(mark, style=style),
                Text(LABELS.get(key, key), style="bold"),
                body,
            )
        return Group(grid, due_line(self.due, result.due))
