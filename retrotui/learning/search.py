"""Typo-tolerant search over every field of every postmortem.

Words are indexed once (word -> the pieces of text holding it); a query word
is compared with the vocabulary by rapidfuzz in C, so a typo costs one pass
over the distinct words, not over every text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

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


class Words(Protocol):
    """Where a query word's candidates are looked up: the distinct words of
    an in-memory index, or of the term index kept beside the store."""

    def starting(self, prefix: str) -> list[str]: ...

    def of_lengths(self, shortest: int, longest: int) -> list[str]: ...


def close_words(query_word: str, vocabulary: Words) -> dict[str, int]:
    """Stored words close enough to ``query_word``, with a score of 0-100
    (100 the word itself, ``PREFIX_SCORE`` a longer word it starts, less a
    typo). Only words of a length that could be that close are compared (a
    typo in "kafka" is never looked for among 12-letter words): a lookup
    costs a slice of the vocabulary, not all of it."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    found: dict[str, int] = {}
    if len(query_word) >= 3:
        found = dict.fromkeys(vocabulary.starting(query_word), PREFIX_SCORE)
    edits = allowed_edits(query_word)
    near = vocabulary.of_lengths(len(query_word) - edits, len(query_word) + edits)
    for word, distance, _ in process.extract(
        query_word,
        near,
        scorer=DamerauLevenshtein.distance,
        score_cutoff=edits,
        limit=None,
    ):
        longest = max(len(word), len(query_word))
        found[word] = max(found.get(word, 0), round(100 * (1 - distance / longest)))
    return found


class Vocabulary:
    """Distinct words in memory, sorted (those starting with a prefix are a
    range) and by length."""

    def __init__(self, words: Iterable[str]) -> None:
        self.sorted = sorted(words)
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for word in self.sorted:
            self.by_length[len(word)].append(word)

    def __len__(self) -> int:
        return len(self.sorted)

    def starting(self, prefix: str) -> list[str]:
        start = end = bisect_left(self.sorted, prefix)
        while end < len(self.sorted) and self.sorted[end].startswith(prefix):
            end += 1
        return self.sorted[start:end]

    def of_lengths(self, shortest: int, longest: int) -> list[str]:
        return [
            word
            for length in range(shortest, longest + 1)
            for word in self.by_length.get(length, ())
        ]


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
        self.vocabulary = Vocabulary(self.postings)

    def _matches(self, query_word: str) -> dict[str, int]:
        return close_words(query_word, self.vocabulary)

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
