"""Matching an item's lead verb without compiling every verb at start-up.

One regular expression of all ~300 verbs in all their forms took most of a
``retro smart`` run to compile. A lead verb is matched at the start of the
text, so only the verbs whose stem begins with the text's first two letters
can match: those few are compiled together, once per two letters, on first
use. Order and forms are those of the single expression, so what matches is
the same.
"""

from __future__ import annotations

import re

from retrotui.lazy_re import compile_pattern


class VerbLead:
    """``match(text)`` like ``re.compile("^(?:verb|...)").match``, built lazily."""

    __slots__ = ("_alternatives", "_flags", "_by_start")

    def __init__(self, alternatives: list[tuple[str, str]], flags: int) -> None:
        # (literal stem, regex) in the order the alternation tries them.
        self._alternatives = alternatives
        self._flags = flags
        self._by_start: dict[str, re.Pattern[str] | None] = {}

    def match(self, text: str) -> re.Match[str] | None:
        start = text[:2].lower()
        if start not in self._by_start:
            self._by_start[start] = self._compile(start)
        pattern = self._by_start[start]
        return pattern.match(text) if pattern is not None else None

    def _compile(self, start: str) -> re.Pattern[str] | None:
        parts = [regex for stem, regex in self._alternatives if start.startswith(stem)]
        if not parts:
            return None
        return compile_pattern(r"(?:" + "|".join(parts) + r")(?![\w])", self._flags)
