"""``similar`` answered from the term index, without reading every document.

Two steps, so the cost follows the postmortem asked about, not the store:
the rarest of its words (those that say most) pull candidates from their
postings, scored roughly; the best candidates are then scored exactly as
``similar.Vectors`` does (tf-idf cosines per part, idf over the store now).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import orjson

from retrotui.document.ids import doc_id_for
from retrotui.document.schema import Kind
from retrotui.learning.facts import PARTS, term_counts
from retrotui.learning.similar import MIN_SCORE, WEIGHTS, Match

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.learning.term_index import TermIndex

_COMPARED = PARTS[:4]
# Postings read to find candidates: the rarest words first, up to this many
# rows (a word in every postmortem adds little but costs a row per document),
# or on to POSTINGS_MOST while fewer than CANDIDATES were found: the words
# read may be in other parts of the other postmortems (a title's word in
# their timelines), which shares nothing with this one.
POSTINGS_BUDGET = 20_000
POSTINGS_MOST = 100_000
CANDIDATES = 100


def _query_vectors(
    index: TermIndex, pm: Postmortem
) -> tuple[list[dict[int, float]], dict[int, float], dict[int, int]]:
    counts = term_counts(pm)
    tids = index.tids({w for name in _COMPARED for w in counts[name]})
    idf = index.idf_of(tids.values())
    vectors = []
    for name in _COMPARED:
        vector = {
            tids[w]: n * idf.get(tids[w], 1.0)
            for w, n in counts[name].items()
            if w in tids
        }
        norm = math.sqrt(sum(v * v for v in vector.values()))
        vectors.append({t: v / norm for t, v in vector.items()} if norm else {})
    df = _document_frequencies(index, list(idf))
    return vectors, idf, df


def _document_frequencies(index: TermIndex, tids: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for start in range(0, len(tids), 500):
        chunk = tids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            index.db.execute(f"SELECT tid, df FROM words WHERE tid IN ({marks})", chunk)
        )
    return found


def _in_chunks(
    index: TermIndex, sql: str, values: list[int], *extra: object
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows.extend(index.db.execute(sql.format(marks=marks), [*chunk, *extra]))
    return rows


def _candidates(
    index: TermIndex,
    vectors: list[dict[int, float]],
    idf: dict[int, float],
    df: dict[int, int],
    own: str,
) -> dict[int, float]:
    """Documents sharing the rarest words, with a rough score. Rarest among
    the other postmortems: the one asked about is in the index once saved,
    and its own words (a typo, a host name, the words just typed) were the
    rarest of all, each in that one document. They took the whole postings
    budget at 20,000 postmortems, found no other document, and Set the
    stage said nothing like it had happened before."""
    wanted: dict[tuple[int, int], float] = {}
    for part, vector in enumerate(vectors):
        for tid, value in vector.items():
            wanted[(tid, part)] = WEIGHTS[_COMPARED[part]] * value * idf[tid]
    row = index.db.execute("SELECT doc FROM docs WHERE key = ?", (own,)).fetchone()
    own_doc = row[0] if row else None
    mine = {
        tid
        for (tid,) in index.db.execute(
            "SELECT DISTINCT tid FROM postings WHERE doc = ? AND part < 4", (own_doc,)
        )
    }
    others = {tid: df.get(tid, 0) - (tid in mine) for tid, _ in wanted}
    rough: dict[tuple[int, int], float] = defaultdict(float)
    found: set[int] = set()
    read = 0
    for tid in sorted(others, key=others.__getitem__):
        if not others[tid]:
            continue
        more = read + others[tid]
        if read and (
            more > POSTINGS_MOST or more > POSTINGS_BUDGET and len(found) >= CANDIDATES
        ):
            break
        read = more
        for doc, part in index.db.execute(
            "SELECT doc, part FROM postings WHERE tid = ? AND part < 4", (tid,)
        ):
            value = wanted.get((tid, part))
            if value and doc != own_doc:
                rough[(doc, part)] += value
                found.add(doc)
    docs = list({doc for doc, _ in rough})
    lengths = {
        doc: orjson.loads(text)
        for doc, text in _in_chunks(
            index, "SELECT doc, lengths FROM docs WHERE doc IN ({marks})", docs
        )
    }
    scores: dict[int, float] = defaultdict(float)
    for (doc, part), value in rough.items():
        scores[doc] += value / math.sqrt(max(lengths[doc][part], 1))
    return scores


def similar_indexed(index: TermIndex, pm: Postmortem, limit: int = 5) -> list[Match]:
    """As ``similar.similar`` over every postmortem of the index's store."""
    if pm.kind is Kind.retro:
        return []
    vectors, idf, df = _query_vectors(index, pm)
    if not any(vectors):
        return []
    own = str(doc_id_for(pm.id))
    rough = _candidates(index, vectors, idf, df, own)
    day = pm.incident_date().isoformat()
    rows = _in_chunks(
        index,
        # A team retrospective is no earlier incident (its facts say so).
        "SELECT doc, key FROM docs WHERE doc IN ({marks}) AND date <= ? "
        "AND json_extract(facts, '$.kind') IS NOT 'retro'",
        list(rough),
        day,
    )
    earlier = [doc for doc, key in rows if key != own]
    best = sorted(earlier, key=lambda doc: -rough[doc])[:CANDIDATES]
    theirs = _vectors_of(index, best)
    scores = {}
    for doc in best:
        # Over the parts both have, as ``Vectors.score``.
        weighted = total = 0.0
        for part, name in enumerate(_COMPARED):
            other = theirs[doc][part]
            if vectors[part] and other:
                total += WEIGHTS[name]
                weighted += WEIGHTS[name] * sum(
                    v * other.get(t, 0.0) for t, v in vectors[part].items()
                )
        score = round(100 * weighted / total) if total else 0
        if score >= MIN_SCORE:
            scores[doc] = score
    facts = {
        doc: orjson.loads(text)
        for doc, text in _in_chunks(
            index, "SELECT doc, facts FROM docs WHERE doc IN ({marks})", list(scores)
        )
    }
    matches = [_match(facts[doc], score) for doc, score in scores.items()]
    matches.sort(key=lambda match: (-match.score, match.date, match.id))
    return matches[:limit]


def _vectors_of(index: TermIndex, docs: list[int]) -> dict[int, list[dict[int, float]]]:
    """The exact tf-idf vectors of ``docs``' parts, idf over the store now."""
    counts: dict[int, list[Counter[int]]] = {
        doc: [Counter() for _ in _COMPARED] for doc in docs
    }
    for doc, part, tid, tf in _in_chunks(
        index,
        "SELECT doc, part, tid, tf FROM postings WHERE doc IN ({marks}) AND part < 4",
        docs,
    ):
        counts[doc][part][tid] = tf
    idf = index.idf_of({tid for parts in counts.values() for c in parts for tid in c})
    vectors: dict[int, list[dict[int, float]]] = {}
    for doc, parts in counts.items():
        vectors[doc] = []
        for part in parts:
            vector = {t: n * idf.get(t, 1.0) for t, n in part.items()}
            norm = math.sqrt(sum(v * v for v in vector.values()))
            vectors[doc].append(
                {t: v / norm for t, v in vector.items()} if norm else {}
            )
    return vectors


def _match(fact: dict[str, Any], score: int) -> Match:
    actions = fact["actions"]
    return Match(
        id=fact["id"],
        title=fact["title"],
        score=score,
        date=fact["date"],
        open_actions=sum(a["status"] == "open" for a in actions),
        actions=len(actions),
        services=tuple(fact["services"]),
    )
