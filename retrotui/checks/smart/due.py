"""Finding the due date inside an action item's text ("... by end of Q1")."""

from __future__ import annotations

import re
from datetime import date

from retrotui.document.due_words import START_WORDS
from retrotui.document.duedate import DueReading, read_due
from retrotui.lazy_re import lazy

_TOKEN = lazy(r"\S+")
_MAX_DUE_WORDS = 7
_EDGE = ".,;:()[]!?—–-"
# Words that may follow a due date inside a sentence; any other lower-case word
# means the "date" was part of a longer phrase ("on Friday afternoons").
_AFTER_DATE = frozenset(
    [
        "and",
        "or",
        "so",
        "then",
        "with",
        "to",
        "at",
        "in",
        "for",
        "as",
        "the",
        "we",
        "i",
        "latest",
        "via",
        "using",
        "because",
        "once",
        "after",
        "when",
        "if",
        "unless",
        "please",
        "pls",
        "thx",
        "thanks",
        "cc",
        "fyi",
        "owner",
        "owned",
        "assigned",
        "-",
        "–",
        "—",
        "by",
        "morning",
        "noon",
        "afternoon",
        "evening",
        "night",
        "eod",
        "cob",
    ]
)
# "2x", "5m" or "v1.2" are not the start of a date; "28/02", "3rd", "2027-W10"
# and "W7" are.
_DIGIT_START = lazy(
    r"^\d[\d/.-]*(?:st|nd|rd|th|w\d+|d|wks?)?$|^\d{4}-w\d|^w\d{1,2}$", re.I
)


def _ends_phrase(text: str, end: int, following: re.Match[str] | None) -> bool:
    """Whether a date phrase can end here: "on Friday" but not "on Friday nights"."""
    if following is None or text[end - 1] in ".,;:)]!?":
        return True
    word = following.group()
    return not word[:1].islower() or word.strip(_EDGE) in _AFTER_DATE or word in "-–—"


def _starts(word: str) -> bool:
    bare = word.lower().strip(_EDGE)
    if bare in START_WORDS or bare.split("'")[0] in START_WORDS:
        return True
    if bare.endswith("day") and 6 <= len(bare) <= 11:
        return True  # a weekday, perhaps misspelt ("wenesday")
    return bool(_DIGIT_START.match(bare)) or bare.startswith(
        ("wk", "q1", "q2", "q3", "q4")
    )


def locate_due(text: str, as_of: date) -> tuple[int, int, DueReading] | None:
    """The last date phrase in ``text``, taken as wide as it reads: (start, end, reading).

    "by end of Q1" is one phrase, not "Q1" with leftovers.
    """
    tokens = list(_TOKEN.finditer(text))
    for index in range(len(tokens) - 1, -1, -1):
        if not _starts(tokens[index].group()):
            continue
        for last in range(min(len(tokens), index + _MAX_DUE_WORDS), index, -1):
            end = tokens[last - 1].end()
            if not _ends_phrase(
                text, end, tokens[last] if last < len(tokens) else None
            ):
                continue
            while end > tokens[index].start() and text[end - 1] in _EDGE:
                end -= 1
            found = read_due(text[tokens[index].start() : end], as_of)
            if found is None:
                continue
            start = tokens[index].start()
            for earlier in range(index - 1, max(-1, index - _MAX_DUE_WORDS), -1):
                if not _starts(tokens[earlier].group()):
                    continue
                wider = read_due(text[tokens[earlier].start() : end], as_of)
                if wider is not None:
                    start, found = tokens[earlier].start(), wider
            return start, end, found
    return None


def find_due(text: str, as_of: date) -> tuple[str, date] | None:
    """The due-date phrase in an action item's text and the date it names."""
    cleaned = " ".join(text.split())
    found = locate_due(cleaned, as_of)
    if found is None or found[2].date is None:
        return None
    start, end, reading = found
    return cleaned[start:end].strip(_EDGE + " "), reading.date
