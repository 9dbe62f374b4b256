"""Repaint a widget whose words changed, laying the screen out only when
its height changed.

A layout of a phase screen measures and places every widget on it: on the
action-items screen that was two thirds of a typed key's cost, though a key
seldom changes how tall a panel is.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static


def refit(widget: Widget) -> None:
    """Repaint ``widget`` (height auto, width set by its container) after its
    content changed; a layout only when the content is now taller or shorter."""
    widget.refresh()
    if not widget.is_mounted or not widget.display:
        # Hidden: it takes no room; showing it lays the screen out anyway.
        return
    outer = widget.outer_size
    content = Region(0, 0, outer.width, outer.height).shrink(widget.styles.gutter)
    if not content.width:
        # Not laid out yet: its first layout is still to come.
        widget.refresh(layout=True)
        return
    viewport = widget.app.size
    height = widget.get_content_height(widget.container_size, viewport, content.width)
    if height != content.height:
        widget.refresh(layout=True)


def _look(content: object) -> object:
    # Rich's Text equality leaves out the whole text's style and wrapping.
    if isinstance(content, Text):
        return (
            content.plain,
            content.spans,
            content.style,
            content.justify,
            content.overflow,
            content.no_wrap,
        )
    return content


def show(static: Static, content: VisualType) -> None:
    """Put ``content`` in ``static`` (its width set by its container); nothing
    when it shows that already, a layout only when its height changes."""
    if _look(static.content) != _look(content):
        static.update(content, layout=False)
        refit(static)
