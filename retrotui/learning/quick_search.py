"""Search answered from the term index: which postmortems hold every word of
a query (typos allowed as in ``search.close_words``), best first, reading
only the documents shown. ``retro search`` and the home filter use it.

A postmortem scores the mean over the query's words of the best match
(100 exact, ``PREFIX_SCORE`` for a word's start, less per typo), plus a
little when the word is in its title; ties go to the one using the words
most.
Scoring is done inside SQLite: a common word is in most postmortems, and
bringing a row per posting into Python cost more than the rest together.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from retrotui.learning.fields import words
from retrotui.learning.search import Hit, SearchIndex, close_words

if TYPE_CHECKING:
    from retrotui.learning.term_index import TermIndex

TITLE_BONUS = 5
# Of a prefix matching many words ("ser"), the best scored this many.
MOST_WORDS = 200
# Ranked rows from which the shown hits are picked, at least (``QuickSearch.hits``).
POOL = 60


class QuickSearch:
    """Searches over one open term index."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index

    def _matches(self, query_word: str) -> dict[int, int]:
        """Word id -> score of the stored words close to ``query_word``."""
        scores = close_words(query_word, self.index)
        best = sorted(scores, key=lambda word: (-scores[word], len(word), word))
        tids = self.index.tids(set(best[:MOST_WORDS]))
        return {tid: scores[word] for word, tid in tids.items()}

    def _ranked(self, query: str, limit: int | None) -> list[tuple[int, int, int]]:
        """(doc, best total, total with title bonuses) of the documents holding
        every query word, best first; ties go to the one using the words most.

        Asked for the best few, it first looks only at the postings that
        score highest (the best-matching word in a title) for every query
        word: when ``limit`` documents have those, no other can rank above
        them, and the rows of a word in every postmortem's text are never
        grouped (most of the cost of a common word)."""
        positions = [self._matches(w) for w in dict.fromkeys(words(query))]
        if not positions or not all(positions):
            return []
        if limit is not None:
            rows = self._select(positions, limit, best_only=True)
            if len(rows) >= limit:
                return rows
        return self._select(positions, -1 if limit is None else limit)

    def _select(
        self, positions: list[dict[int, int]], limit: int, best_only: bool = False
    ) -> list[tuple[int, int, int]]:
        parts: list[str] = []
        values: list[object] = []
        for matches in positions:
            if best_only:
                top = max(matches.values())
                matches = {tid: s for tid, s in matches.items() if s == top}
            case = " ".join("WHEN ? THEN ?" for _ in matches)
            marks = ",".join("?" * len(matches))
            parts.append(
                f"(SELECT doc, MAX(s) AS s, MAX(s + (part = 0) * {TITLE_BONUS}) AS v, "
                f"SUM(tf) AS tf FROM (SELECT doc, part, tf, CASE tid {case} END AS s "
                f"FROM postings WHERE tid IN ({marks})"
                f"{' AND part = 0' if best_only else ''}) GROUP BY doc)"
            )
            values += [value for pair in matches.items() for value in pair]
            values += list(matches)
        joined = " JOIN ".join(
            f"{part} AS p{n}" + (" USING (doc)" if n else "")
            for n, part in enumerate(parts)
        )
        total, bonus, tf = (
            " + ".join(f"p{n}.{column}" for n in range(len(parts)))
            for column in ("s", "v", "tf")
        )
        sql = (
            f"SELECT p0.doc, {total} AS total, {bonus} AS ranked FROM {joined} "
            f"ORDER BY ranked DESC, {tf} DESC, p0.doc DESC LIMIT ?"
        )
        return self.index.db.execute(sql, [*values, limit]).fetchall()

    def ids(self, query: str, limit: int | None = None) -> list[tuple[str, int]]:
        """(postmortem id, score) of those holding every query word, best first."""
        wanted = len(dict.fromkeys(words(query))) or 1
        ranked = self._ranked(query, limit)
        ids = self._columns("id", [row[0] for row in ranked])
        return [(ids[doc], round(value / wanted)) for doc, _, value in ranked]

    def hits(self, query: str, limit: int = 20) -> list[Hit]:
        """The best ``limit`` postmortems for ``query``, each with the field
        and snippet where it matched, reading only those documents.

        The ranked rows give each postmortem's best possible score; its
        documents are then scored as ``SearchIndex`` does (words spread over
        several fields count less), in rank order, until no unread one could
        score higher than the last shown (or all ranked rows were read).
        """
        wanted = len(dict.fromkeys(words(query)))
        ranked = self._ranked(query, max(POOL, 3 * limit))
        keys = self._columns("key", [row[0] for row in ranked])
        order = {doc: at for at, (doc, _, _) in enumerate(ranked)}
        found: list[tuple[Hit, int]] = []
        for start in range(0, len(ranked), limit):
            chunk = [row[0] for row in ranked[start : start + limit]]
            documents = {doc: self.index.document(keys[doc]) for doc in chunk}
            by_id = {pm.id: doc for doc, pm in documents.items() if pm is not None}
            pms = [pm for pm in documents.values() if pm is not None]
            for hit in SearchIndex(pms).search(query, len(pms)):
                found.append((hit, order[by_id[hit.id]]))
            scores = sorted((hit.score for hit, _ in found), reverse=True)
            rest = ranked[start + limit : start + limit + 1]
            if not rest or (
                len(scores) >= limit and scores[limit - 1] >= round(rest[0][1] / wanted)
            ):
                break
        found.sort(key=lambda pair: (-pair[0].score, pair[0].field != "title", pair[1]))
        return [hit for hit, _ in found[:limit]]

    def _columns(self, column: str, docs: list[int]) -> dict[int, str]:
        """``column`` (id or key) of each of ``docs``."""
        values: dict[int, str] = {}
        for start in range(0, len(docs), 500):
            chunk = docs[start : start + 500]
            marks = ",".join("?" * len(chunk))
            values.update(
                self.index.db.execute(
                    f"SELECT doc, {column} FROM docs WHERE doc IN ({marks})", chunk
                )
            )
        return values

    def keys(self, query: str) -> set[str]:
        """The store keys of the postmortems holding every query word, unranked
        (home orders them its own way). Worked out inside SQLite, which lets
        the app's other threads run meanwhile: a common word is in every
        postmortem, and ``ids`` would score each in Python."""
        selects: list[str] = []
        tids: list[str] = []
        for query_word in dict.fromkeys(words(query)):
            found = self._matches(query_word)
            if not found:
                return set()
            selects.append(
                "SELECT doc FROM postings WHERE tid IN (SELECT value FROM json_each(?))"
            )
            tids.append(json.dumps(list(found)))
        if not selects:
            return set()
        rows = self.index.db.execute(
            f"SELECT key FROM docs WHERE doc IN ({' INTERSECT '.join(selects)})",
            tids,
        )
        return {row[0] for row in rows}
