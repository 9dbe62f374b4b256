"""One Textual screen per interview phase, plus home and help.

A phase screen lives in ``screens/<phase key>.py`` and defines one
``PhaseScreen`` subclass whose ``PHASE`` is that key; the app finds it there.
"""

from __future__ import annotations

import importlib

from retrotui.interview import PHASE_KEYS
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
