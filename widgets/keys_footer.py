"""The footer of every screen, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen) -> tuple[Any, ...]:
    """What the footer would show for ``screen``: each key, its label, whether
    it is enabled and its tooltip."""
    return tuple(
        (binding, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeysFooter(Footer):
    """Textual's footer rebuilds all its keys whenever the bindings may have
    changed, which is every focus change: Tab between two fields with the same
    keys cost a full rebuild and re-layout. This one skips a rebuild that
    would show exactly what is already there."""

    def __init__(self, **kwargs: Any) -> None:
        # The palette (ctrl+p) is named in F1 help; its footer hint would push
        # a screen's own keys off an 80-column line.
        super().__init__(compact=True, show_command_palette=False, **kwargs)
        self._shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = shown_keys(screen)
            # The first call always goes through: it is what makes the
            # footer show any key at all.
            if self._shown is not None and shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
