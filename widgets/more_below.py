"""One line under a scrolling form naming the parts still below the fold.

At 80x24 a form can be taller than the terminal; a new user who does not see
a part (Set the stage's participants) does not know it is there.  The line
names what is below and goes away once it is in view.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import ScrollableContainer
from textual.widgets import Static


class MoreBelow(Static):
    """Shown while any of ``parts`` (widget id, label) lies below the visible
    part of the scrolling container ``body``."""

    def __init__(self, body: str, parts: list[tuple[str, str]], **kwargs: str) -> None:
        super().__init__("", **kwargs)
        self._body = body
        self._parts = parts

    def on_mount(self) -> None:
        body = self.screen.query_one(f"#{self._body}", ScrollableContainer)
        for attribute in ("scroll_y", "virtual_size", "show_vertical_scrollbar"):
            self.watch(body, attribute, self.refresh_hint, init=False)
        self.call_after_refresh(self.refresh_hint)

    def below(self) -> list[str]:
        """The labels of the parts that start below what is shown."""
        body = self.screen.query_one(f"#{self._body}", ScrollableContainer)
        bottom = body.scroll_y + body.scrollable_content_region.height
        return [
            label
            for part, label in self._parts
            if self.screen.query_one(f"#{part}").virtual_region.y >= bottom
        ]

    def refresh_hint(self) -> None:
        below = self.below()
        self.display = bool(below)
        if below:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("▼ More below: ", style="bold")
            line.append(", ".join(below))
            line.append("  (Tab or scroll)", style="dim")
            self.update(line)
