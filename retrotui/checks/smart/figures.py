"""The figures in an action item: numbers that say when it is done, and versions.

HTTP statuses ("the 502s", "5xx") are numbers that measure nothing, unless a
unit follows or a setting is given them; dates ("on 2027-02-01") never do.
"""

from __future__ import annotations

import re

from retrotui.lazy_re import lazy

_NUMBER = lazy(
    r"(?<![\w/.@-])(?:[<>]=?\s*)?(?:v?\d+(?:[.,:]\d+)*(?:\s*%|[a-z]{0,3}\b)"
    r"|p\d{2,3}(?:\.\d+)?\b)"
    r"|\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|ninety|hundred|thousand)\b",
    re.IGNORECASE,
)
# Numbers that do not say when an item is done: HTTP codes ("the 502s", "5xx").
# Only codes in use: "120s" and "300s" are seconds, not statuses.
_CODE = lazy(
    r"^(?:10[0-3]|20[0-8]|226|30[1-8]|4[0-2]\d|431|451|50\d|51[01]|[1-5]xx)s?$",
    re.IGNORECASE,
)
# ... unless a unit follows: "100 requests per second", "500 ms".
_COUNTED = lazy(
    r"\s*(?:requests?|reqs?|rps|qps|ms|milliseconds?|seconds?|secs?|minutes?|mins?|"
    r"connections?|conns?|messages?|msgs?|rows?|users?|pods?|nodes?|replicas?|items?|"
    r"jobs?|workers?|threads?|files?|[kmgt]i?b|per|percent)\b",
    re.IGNORECASE,
)
# ... or it is compared with: "fewer than 100 downloads", "over 500 rows".
_COMPARED = lazy(
    r"\b(?:than|over|above|below|under|exceeds?|exceeding|at\s+(?:least|most)|"
    r"up\s+to)\s*$",
    re.IGNORECASE,
)
# ... or a setting is given it: "set the pool size of api-gw to 200".
_SET_TO = lazy(
    r"\b(?:size|sizes|limits?|count|max\w*|min\w*|timeouts?|connections|replicas|"
    r"pool|workers|threads|capacity|quotas?|concurrency|batch|buffer|ttl|retention|"
    r"interval|heap|memory|cpu|qps|rps)\b[^.;,]{0,40}?(?:\bto|=|:)\s*$",
    re.IGNORECASE,
)
_VERSION = lazy(r"^v\d", re.IGNORECASE)


# A date says when, not how much: "the spike on 2027-02-01", "since 01/02/2027".
_DATE = lazy(r"\d{4}-\d{1,2}-\d{1,2}\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")


def read_figures(body: str) -> tuple[list[str], list[str]]:
    """(figures, versions) as typed, in order."""
    figures: list[str] = []
    versions: list[str] = []
    for match in _NUMBER.finditer(body):
        token = match.group().strip()
        if _DATE.match(body, match.start()):
            continue
        if (
            _CODE.match(token)
            and not _COUNTED.match(body, match.end())
            and not _SET_TO.search(body, max(0, match.start() - 60), match.start())
            and not _COMPARED.search(body, max(0, match.start() - 20), match.start())
        ):
            continue
        (versions if _VERSION.match(token) else figures).append(token)
    return figures, versions
