"""One Textual screen per interview phase, plus home and help.

A phase screen lives in ``screens/<phase key>.py`` and defines one
``PhaseScreen`` subclass whose ``PHASE`` is that key; the app finds it there.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from textual.binding import ActiveBinding
from textual.screen import Screen

from retrotui.interview.script import PHASE_KEYS
from screens.base import PhaseScreen


def phase_screen_class(phase: str) -> type[PhaseScreen]:
    """The screen class for ``phase`` (a key of ``PHASE_KEYS``)."""
    if phase not in PHASE_KEYS:
        raise KeyError(f"unknown phase {phase!r}")
    module = importlib.import_module(f"screens.{phase}")
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and issubclass(value, PhaseScreen)
            and value.__module__ == module.__name__
            and getattr(value, "PHASE", None) == phase
        ):
            return value
    raise LookupError(f"screens.{phase} defines no PhaseScreen with PHASE = {phase!r}")


def _from_textual(active: ActiveBinding) -> bool:
    """A stock binding of a Textual widget (cursor moves and the like)."""
    return any(
        active.binding in getattr(cls, "BINDINGS", ())
        for cls in type(active.node).__mro__
        if cls.__module__.startswith("textual.")
    )


def described_bindings(screen: Screen) -> Iterator[ActiveBinding]:
    """The screen's own actions (app, screen, focused widget), once each.

    Help and the command palette both list exactly these.
    """
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system or binding.action in seen:
            continue
        if _from_textual(active):
            continue
        seen.add(binding.action)
        yield active
