"""The SMART check for action items: explainable verdicts from rules kept as data.

It runs on every keystroke in the TUI, so it is a pure function over short
text: the rules in ``data/smart_rules.json`` are read and compiled once, and
only the standard library is imported.

The text is read in passes, each its own module: the due date ("... by end of
Q1", ``due``) and the owner ("owner: payments", "@maria to ...", "... — Omar",
``owner``) are taken out of the line when they were not given separately;
what is left is judged on its wording (``wording``: the lead verb, vague or
hedging phrases, figures, checkable artifacts), criterion by criterion
(``criteria``, ``relevance``).
"""

from retrotui.checks.smart.check import check_action
from retrotui.checks.smart.due import find_due
from retrotui.checks.smart.fields import TypedFields, typed_fields
from retrotui.checks.smart.result import (
    CRITERIA,
    LABELS,
    REQUIRED,
    Criterion,
    SmartResult,
)

__all__ = [
    "CRITERIA",
    "LABELS",
    "REQUIRED",
    "Criterion",
    "SmartResult",
    "TypedFields",
    "check_action",
    "find_due",
    "typed_fields",
]
