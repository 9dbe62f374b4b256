"""The owner and due date typed inside an action item, for a form to fill in.

"@mia add a lag alert on orders-db by Friday" already says who and when; the
quick flow and the action form offer those as the owner and due answers
(shown and editable) so nobody types them twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from retrotui.checks.smart.check import check_action
from retrotui.lazy_re import lazy

# "by Friday pls" -> "Friday": the words around a date that are not the date.
# "before" stays: "before christmas" is the day before.
_LEAD = lazy(r"^(?:by|due|until|till|til|for)\b\s*:?\s*", re.IGNORECASE)
_TRAIL = lazy(r"(?:[\s,.!]+(?:pls|plz|please|thx|thanks|ty))+[\s,.!]*$", re.IGNORECASE)


@dataclass(frozen=True)
class TypedFields:
    owner: str  # "" when the text names none
    due: str  # the date as typed, without "by" and "pls"; "" when none


def typed_fields(text: str, as_of: date | None = None) -> TypedFields:
    """The owner and due date the action item's own text names."""
    result = check_action(text, as_of=as_of)
    due = _TRAIL.sub("", _LEAD.sub("", (result.due_text or "").strip())).strip()
    return TypedFields(result.owner or "", due)
