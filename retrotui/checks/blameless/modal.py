"""A modal with "have": hindsight when a past participle follows, owning when not.

"We should have caught it" judges by what is known now; "we should have
alerting on config load failures" asks to own something, and is not
hindsight. The participle is read with ``verbs`` (irregular forms included).
"""

from __future__ import annotations

import re

from retrotui.checks import verbs

_MODAL_HAVE = re.compile(
    r"\b(?:should|could|would|must|might|ought\s+to)(?:\s*n[o']?t|\s+not|n’t)?"
    r"(?:\s+have|\s*['’]?ve)\s+([a-z]+(?:\s+[a-z]+){0,2})",
    re.IGNORECASE,
)
_ADVERBS = frozenset(
    {"just", "simply", "really", "never", "not", "already", "also", "all", "first"}
    | {"probably", "definitely", "ideally", "immediately", "instead", "properly"}
    | {"clearly", "obviously", "actually", "at", "least", "maybe", "perhaps"}
)


def is_participle(word: str) -> bool:
    """ "caught", "been", "run": a word that can follow "should have" as hindsight."""
    low = word.lower()
    if low == "been":
        return True
    base = verbs.lemma(low)
    if base is None:  # a typo or a word not in the list: "recyled", "redeployed"
        return len(low) > 4 and low.endswith(("ed", "en"))
    return verbs.participle(base) == low


def has_possession(line: str, start: int, end: int) -> bool:
    """ "we should have alerting on X", "should have a runbook": "have" as owning.

    True when the modal + "have" in ``line[start:end]`` (or just after it) is
    followed by a word that is not a past participle, adverbs aside.
    """
    found = _MODAL_HAVE.search(line, max(0, start - 20), min(len(line), end + 40))
    if found is None or found.start() > end:
        return False
    words = found.group(1).split()
    word = next((w for w in words if w.lower() not in _ADVERBS), words[-1])
    return not is_participle(word)
