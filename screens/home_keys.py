"""The keys of the home screen (its footer, help and command palette read them)."""

from textual.binding import Binding

HOME_KEYS = [
    Binding("n", "new", "New", id="home-new", tooltip="Start a new postmortem"),
    Binding(
        "r",
        "resume",
        "Resume",
        id="home-resume",
        tooltip="Continue the most recent draft where it was left",
    ),
    Binding(
        "o",
        "open",
        "Open",
        id="home-open",
        tooltip="Open the highlighted postmortem (or the action item's)",
    ),
    Binding("slash", "filter", "Filter", id="home-filter", tooltip="Search"),
    Binding("escape", "leave_filter", "List", show=False, id="home-leave-filter"),
    # The tables bind down themselves: this reaches only the filter, whose
    # matches are below it.
    Binding("down", "leave_filter", "List", show=False, id="home-filter-to-list"),
    Binding(
        "a",
        "actions",
        "Actions",
        id="home-actions",
        tooltip="The action board: open, overdue and done items; "
        "mark done, change a due date",
    ),
    Binding(
        "s",
        "stats",
        "Stats",
        id="home-stats",
        tooltip="Figures over time: incidents, time to detect and resolve, "
        "follow-through",
    ),
]
