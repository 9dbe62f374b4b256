"""Search answered from the term index: which postmortems hold every word of
a query (typos allowed as in ``search.allowed_edits``), best first, without
reading a document. For a filter that runs on every keystroke (home).

A postmortem scores the mean over the query's words of the best match
(100 exact, ``PREFIX_SCORE`` for a word's start, less per typo), plus a
little when the word is in its title.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from retrotui.learning.fields import words
from retrotui.learning.search import PREFIX_SCORE, allowed_edits

if TYPE_CHECKING:
    from retrotui.learning.term_index import TermIndex

TITLE_BONUS = 5


class QuickSearch:
    """Searches over one open term index; the vocabulary is read once."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index
        self.vocabulary = index.vocabulary()

    def _matches(self, query_word: str) -> dict[str, int]:
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

    def ids(self, query: str, limit: int | None = None) -> list[tuple[str, int]]:
        """(postmortem id, score) of those holding every query word, best first."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return []
        totals: dict[int, float] = {}
        for position, query_word in enumerate(query_words):
            scores = self._matches(query_word)
            if not scores:
                return []
            tids = self.index.tids(set(scores))
            by_tid = {tid: scores[word] for word, tid in tids.items()}
            best: dict[int, float] = defaultdict(float)
            marks = ",".join("?" * len(by_tid))
            for tid, doc, part in self.index.db.execute(
                f"SELECT tid, doc, part FROM postings WHERE tid IN ({marks})",
                list(by_tid),
            ):
                score = by_tid[tid] + (TITLE_BONUS if part == 0 else 0)
                if score > best[doc]:
                    best[doc] = score
            if position == 0:
                totals = dict(best)
            else:
                totals = {
                    doc: t + best[doc] for doc, t in totals.items() if doc in best
                }
            if not totals:
                return []
        ranked = sorted(totals.items(), key=lambda item: -item[1])
        if limit is not None:
            ranked = ranked[:limit]
        docs = [doc for doc, _ in ranked]
        ids = {}
        for start in range(0, len(docs), 500):
            chunk = docs[start : start + 500]
            marks = ",".join("?" * len(chunk))
            ids.update(
                self.index.db.execute(
                    f"SELECT doc, id FROM docs WHERE doc IN ({marks})", chunk
                )
            )
        wanted = len(query_words)
        return [(ids[doc], round(total / wanted)) for doc, total in ranked]

    def keys(self, query: str) -> set[str]:
        """The store keys of the postmortems holding every query word, unranked
        (home orders them its own way). Worked out inside SQLite, which lets
        the app's other threads run meanwhile: a common word is in every
        postmortem, and ``ids`` would score each in Python."""
        selects: list[str] = []
        tids: list[str] = []
        for query_word in dict.fromkeys(words(query)):
            found = self.index.tids(set(self._matches(query_word)))
            if not found:
                return set()
            selects.append(
                "SELECT doc FROM postings WHERE tid IN (SELECT value FROM json_each(?))"
            )
            tids.append(json.dumps(list(found.values())))
        if not selects:
            return set()
        rows = self.index.db.execute(
            f"SELECT key FROM docs WHERE doc IN ({' INTERSECT '.join(selects)})",
            tids,
        )
        return {row[0] for row in rows}
