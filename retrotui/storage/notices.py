"""What the store tells the user while it works, through whoever shows it.

The core has no screen: the command line sets ``moving`` to print on
standard error at start-up (this module imports nothing, so every command
can set it for free); the app's home says the same from its own check
(``migration.moving_size``) before it reads.
"""

from __future__ import annotations

from collections.abc import Callable

# Told before a big single-file store is moved to one file per postmortem.
moving: Callable[[str], None] | None = None
