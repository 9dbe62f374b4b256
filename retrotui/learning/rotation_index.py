"""The facilitator rotation's spellings gathered inside the term index.

``facilitators.spellings`` over every postmortem's facts costs the caller
reading each of them (at 20,000, half a second of Python holding the
interpreter's lock, and as much again collecting the garbage: typing on Set
the stage stalled). Here SQLite reads the kept facts and groups them by the
name as written, so the caller gets one row per spelling; SQLite lets other
threads run meanwhile. Same answer as ``facilitators.spellings`` over the
same facts read in the index's order (tests hold the two together).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrotui.learning.facilitators import Spelling

if TYPE_CHECKING:
    from retrotui.learning.term_index import TermIndex

# A postmortem's place in the order read and a name's place in it, in one
# number: people first (their place in the list), then the facilitator.
_PLACES = 1 << 20

_SPELLINGS = f"""
WITH seen(name, day, at, facilitated) AS MATERIALIZED (
    SELECT json_extract(p.value, '$[0]'), d.date, d.doc * {_PLACES} + p.key, 0
      FROM docs d, json_each(d.facts, '$.people') p
     WHERE d.id IS NOT :skip
    UNION ALL
    SELECT json_extract(d.facts, '$.facilitator'), d.date,
           d.doc * {_PLACES} + {_PLACES - 1}, 1
      FROM docs d
     WHERE d.id IS NOT :skip
),
latest(name, day) AS (SELECT name, max(day) FROM seen GROUP BY name)
SELECT seen.name, latest.day,
       min(CASE WHEN seen.day = latest.day THEN seen.at END),
       max(CASE WHEN seen.facilitated THEN seen.day END),
       sum(seen.facilitated)
  FROM seen JOIN latest ON seen.name = latest.name
 WHERE seen.name IS NOT NULL
 GROUP BY seen.name
"""


def spellings_indexed(index: TermIndex, skip_id: str | None = None) -> list[Spelling]:
    """``facilitators.spellings`` of every indexed postmortem but ``skip_id``."""
    return [
        Spelling(
            name,
            day,
            divmod(at, _PLACES),
            last_facilitated,
            times,
        )
        for name, day, at, last_facilitated, times in index.db.execute(
            _SPELLINGS, {"skip": skip_id}
        )
    ]
