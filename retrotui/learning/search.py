"""Typo-tolerant search over every field of every postmortem.

Words are indexed once (word -> the pieces of text holding it); a query word
is compared with the vocabulary by rapidfuzz in C, so a typo costs one pass
over the distinct words, not over every text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrotui.document.text import clean_line
from retrotui.learning.fields import searchable, words

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

# A query word matching only a prefix of a stored word ("kube" in "kubernetes").
PREFIX_SCORE = 90
# Words that match in different fields of one postmortem rank below words
# that match together in one field.
SPREAD_FACTOR = 0.85
SNIPPET_WIDTH = 60


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: int
    field: str
    snippet: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "field": self.field,
            "snippet": self.snippet,
        }


def allowed_edits(word: str) -> int:
    """How many typos a query word may carry: none in numbers and ids ("503"
    is not "502") or words of three letters ("iam" is not "am"), one in a
    short word, two in a long one."""
    if len(word) <= 3 or any(c.isdigit() for c in word):
        return 0
    return 1 if len(word) <= 7 else 2


@dataclass(frozen=True)
class _Entry:
    pm: int
    field: str
    text: str


class SearchIndex:
    """The words of a set of postmortems, ready to be searched many times."""

    def __init__(self, postmortems: Iterable[Postmortem]) -> None:
        self.postmortems = list(postmortems)
        self.entries: list[_Entry] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        for number, pm in enumerate(self.postmortems):
            for field, text in searchable(pm):
                entry = len(self.entries)
                self.entries.append(_Entry(number, field, text))
                for word in set(words(text)):
                    self.postings[word].append(entry)
        self.vocabulary = list(self.postings)

    def _matches(self, query_word: str) -> dict[str, int]:
        """Stored words close enough to ``query_word``, with a score of 0-100."""
        from rapidfuzz import process
        from rapidfuzz.distance import DamerauLevenshtein

        found: dict[str, int] = {}
        if len(query_word) >= 3:
            for word in self.vocabulary:
                if word.startswith(query_word):
                    found[word] = PREFIX_SCORE
        for word, distance, _ in process.extract(
            query_word,
            self.vocabulary,
            scorer=DamerauLevenshtein.distance,
            score_cutoff=allowed_edits(query_word),
            limit=None,
        ):
            longest = max(len(word), len(query_word))
            found[word] = max(found.get(word, 0), round(100 * (1 - distance / longest)))
        return found

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Postmortems holding every word of ``query`` (typos allowed), best first."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return []
        # entry -> query word index -> (score, stored word)
        per_entry: dict[int, dict[int, tuple[int, str]]] = defaultdict(dict)
        for position, query_word in enumerate(query_words):
            for word, score in self._matches(query_word).items():
                for entry in self.postings[word]:
                    best = per_entry[entry].get(position)
                    if best is None or score > best[0]:
                        per_entry[entry][position] = (score, word)
        by_pm: dict[int, list[int]] = defaultdict(list)
        for entry in per_entry:
            by_pm[self.entries[entry].pm].append(entry)
        hits = [
            hit
            for pm, entries in by_pm.items()
            if (hit := self._hit(pm, entries, per_entry, len(query_words)))
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.field != "title", hit.id))
        return hits[:limit]

    def _hit(
        self,
        pm_number: int,
        entries: list[int],
        per_entry: dict[int, dict[int, tuple[int, str]]],
        wanted: int,
    ) -> Hit | None:
        """The postmortem's best piece of text for the query, or None when
        some query word is in none of its fields."""
        across: dict[int, int] = {}
        for entry in entries:
            for position, (score, _) in per_entry[entry].items():
                across[position] = max(across.get(position, 0), score)
        if len(across) < wanted:
            return None

        def rank(entry: int) -> tuple[int, float, bool]:
            found = per_entry[entry]
            mean = sum(score for score, _ in found.values()) / wanted
            # Among equal scores, the title says most about a postmortem.
            return len(found), mean, self.entries[entry].field == "title"

        best = max(entries, key=rank)
        found = per_entry[best]
        if len(found) == wanted:
            score = sum(score for score, _ in found.values()) / wanted
        else:
            score = SPREAD_FACTOR * sum(across.values()) / wanted
        pm = self.postmortems[pm_number]
        return Hit(
            id=pm.id,
            title=clean_line(pm.title),
            score=round(score),
            field=self.entries[best].field,
            snippet=snippet(self.entries[best].text, found[min(found)][1]),
        )


def snippet(text: str, word: str, width: int = SNIPPET_WIDTH) -> str:
    """The part of ``text`` (cleaned, on one line) around ``word``."""
    line = clean_line(text)
    if len(line) <= width:
        return line
    folded = line.casefold()
    at = folded.find(word) if len(folded) == len(line) else -1
    start = max(0, min(at - width // 3, len(line) - width)) if at >= 0 else 0
    if start > 0:
        # Begin at a word: the next space, when one is near.
        space = line.find(" ", start, start + width // 4)
        start = space if space >= 0 else start
    piece = line[start : start + width]
    if start > 0:
        piece = "…" + piece[1:]
    if start + width < len(line):
        piece = piece[:-1] + "…"
    return piece
