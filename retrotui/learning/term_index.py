"""The term index: every postmortem's words and facts, kept beside the store.

``P.d/learning.sqlite`` (for a database ``P``) holds, per stored document,
its words by part with their counts (postings by word, so a query reads the
rows of its own words only) and the facts of ``retrotui.learning.facts``.
It is a cache: brought in step on every use by comparing the store's summary
index with what it recorded, shard by shard (a shard file that has not
changed since is not even read), re-reading only the documents whose revision
changed. Deleting it loses nothing; it is rebuilt.

Anything that goes wrong with it (a read-only folder, a damaged file, an
older retro's single-file database) makes ``open_index`` return None, and
the callers read the documents instead.
"""

from __future__ import annotations

import math
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from retrotui.errors import BadDocument, RetroError
from retrotui.learning.facts import PARTS, facts, term_counts
from retrotui.storage.layout import SHARDS, Layout, shard_of

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store

# Bump when what is kept changes: an index of another version is rebuilt.
VERSION = 4
FILE_NAME = "learning.sqlite"
_SIMILAR_PARTS = 4  # title, services, factors, timeline; "other" is search only

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS shards (shard INTEGER PRIMARY KEY, stamp TEXT);
CREATE TABLE IF NOT EXISTS docs (
    doc INTEGER PRIMARY KEY, key TEXT UNIQUE, shard INTEGER, rev INTEGER,
    id TEXT, date TEXT, facts TEXT, lengths TEXT);
CREATE TABLE IF NOT EXISTS words (
    tid INTEGER PRIMARY KEY, word TEXT UNIQUE, df INTEGER, n INTEGER);
CREATE INDEX IF NOT EXISTS words_length ON words (length(word));
CREATE TABLE IF NOT EXISTS postings (
    tid INTEGER, doc INTEGER, part INTEGER, tf INTEGER,
    PRIMARY KEY (tid, doc, part)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_doc ON postings (doc);
CREATE TABLE IF NOT EXISTS skipped (key TEXT PRIMARY KEY, shard INTEGER, line TEXT);
"""


class Behind(Exception):
    """More documents to read than the caller would wait for."""


@dataclass(frozen=True)
class Synced:
    """What bringing the index in step did."""

    read: int
    removed: int
    skipped: list[str]


class TermIndex:
    """An open term index, in step with its store once ``sync`` ran."""

    def __init__(self, connection: sqlite3.Connection, store: Store) -> None:
        self.db = connection
        self.store = store

    def close(self) -> None:
        self.db.close()

    # -- keeping in step --------------------------------------------------

    def sync(self, most: int | None = None) -> Synced:
        """Re-read the documents whose revision differs from the index's;
        ``Behind``, reading none, when that is more than ``most`` of them.
        Each shard is committed on its own: readers wait for one shard at
        most, and an interrupted build keeps what it did."""
        layout = self.store.layout
        known = dict(self.db.execute("SELECT shard, stamp FROM shards"))
        pending = set(layout.pending_keys())
        changed: list[tuple[int, str, dict[str, dict[str, Any]]]] = []
        for shard in range(SHARDS):
            stamp = _stamp(layout, shard)
            if stamp is not None and known.get(shard) == stamp and not pending:
                continue
            data = layout.read_shard(shard)
            if data is None:
                # Missing or damaged: the store rebuilds it on its next write.
                data = {
                    key: entry
                    for key, entry in layout.entries().items()
                    if shard_of(key) == shard and entry is not None
                }
                stamp = None
            changed.append((shard, stamp or "", data))
        if most is not None and self._to_read(changed, pending) > most:
            raise Behind
        read = removed = 0
        for shard, stamp, data in changed:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                stored = self._revisions(shard)
                self.db.execute("DELETE FROM skipped WHERE shard = ?", (shard,))
                for key in stored.keys() - data.keys():
                    self._remove(key)
                    removed += 1
                for key, entry in data.items():
                    rev = entry.get("revision", 0)
                    if stored.get(key) == rev and key not in pending:
                        continue
                    lines: list[str] = []
                    pm = None
                    if "unreadable" in entry:
                        bad = BadDocument(entry.get("id"), str(entry["unreadable"]))
                        lines.append(str(bad))
                    else:
                        pm = _read(layout, key, lines)
                    if pm is None:
                        self._remove(key)
                        self.db.execute(
                            "INSERT OR REPLACE INTO skipped VALUES (?, ?, ?)",
                            (key, shard, lines[0] if lines else key),
                        )
                        continue
                    self._put(key, shard, pm)
                    read += 1
                self.db.execute(
                    "INSERT OR REPLACE INTO shards VALUES (?, ?)", (shard, stamp)
                )
        skipped = [row[0] for row in self.db.execute("SELECT line FROM skipped")]
        return Synced(read, removed, skipped)

    def _revisions(self, shard: int) -> dict[str, int]:
        query = "SELECT key, rev FROM docs WHERE shard = ?"
        return dict(self.db.execute(query, (shard,)))

    def _to_read(
        self, changed: list[tuple[int, str, dict[str, dict[str, Any]]]], pending: set
    ) -> int:
        count = 0
        for shard, _, data in changed:
            stored = self._revisions(shard)
            count += len(stored.keys() - data.keys())
            count += sum(
                stored.get(key) != entry.get("revision", 0) or key in pending
                for key, entry in data.items()
            )
        return count

    def _remove(self, key: str) -> None:
        row = self.db.execute("SELECT doc FROM docs WHERE key = ?", (key,)).fetchone()
        if row is None:
            return
        doc = row[0]
        self.db.execute(
            "UPDATE words SET df = df - 1 WHERE tid IN "
            "(SELECT DISTINCT tid FROM postings WHERE doc = ? AND part < ?)",
            (doc, _SIMILAR_PARTS),
        )
        self.db.execute(
            "UPDATE words SET n = n - 1 WHERE tid IN "
            "(SELECT DISTINCT tid FROM postings WHERE doc = ?)",
            (doc,),
        )
        self.db.execute("DELETE FROM postings WHERE doc = ?", (doc,))
        self.db.execute("DELETE FROM docs WHERE doc = ?", (doc,))

    def _put(self, key: str, shard: int, pm: Postmortem) -> None:
        self._remove(key)
        counts = term_counts(pm)
        similar_words = {w for name in PARTS[:_SIMILAR_PARTS] for w in counts[name]}
        every = {w for part in counts.values() for w in part}
        tids = self._tids(every)
        self.db.executemany(
            "UPDATE words SET df = df + 1 WHERE tid = ?",
            [(tids[w],) for w in similar_words],
        )
        self.db.executemany(
            "UPDATE words SET n = n + 1 WHERE tid = ?", [(tids[w],) for w in every]
        )
        cursor = self.db.execute(
            "INSERT INTO docs (key, shard, rev, id, date, facts, lengths) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                shard,
                pm.revision,
                pm.id,
                pm.incident_date().isoformat(),
                orjson.dumps(facts(pm)).decode(),
                orjson.dumps([len(counts[name]) for name in PARTS]).decode(),
            ),
        )
        doc = cursor.lastrowid
        self.db.executemany(
            "INSERT INTO postings VALUES (?, ?, ?, ?)",
            [
                (tids[w], doc, part, n)
                for part, name in enumerate(PARTS)
                for w, n in counts[name].items()
            ],
        )

    def _tids(self, vocabulary: set[str]) -> dict[str, int]:
        self.db.executemany(
            "INSERT OR IGNORE INTO words (word, df, n) VALUES (?, 0, 0)",
            [(w,) for w in vocabulary],
        )
        return self.tids(vocabulary)

    # -- reads --------------------------------------------------------------

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def tids(self, vocabulary: set[str]) -> dict[str, int]:
        """The ids of those words the index knows."""
        found: dict[str, int] = {}
        listed = list(vocabulary)
        for start in range(0, len(listed), 500):
            chunk = listed[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.execute(
                    f"SELECT word, tid FROM words WHERE word IN ({marks})", chunk
                )
            )
        return found

    def idf_of(self, tids: Any) -> dict[int, float]:
        """Each word's rarity over the store now (as ``similar.Vectors``)."""
        listed = list(set(tids))
        total = self.count() + 1
        found: dict[int, float] = {}
        for start in range(0, len(listed), 500):
            chunk = listed[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for tid, df in self.db.execute(
                f"SELECT tid, df FROM words WHERE tid IN ({marks})", chunk
            ):
                found[tid] = math.log(total / max(df, 1)) + 1
        return found

    def skipped(self) -> list[str]:
        """A line for each stored document the index could not read."""
        return [row[0] for row in self.db.execute("SELECT line FROM skipped")]

    def vocabulary(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT word FROM words WHERE n > 0")]

    def starting(self, prefix: str) -> list[str]:
        """The words starting with ``prefix`` (a range of the word index)."""
        rows = self.db.execute(
            "SELECT word FROM words WHERE word >= ? AND word < ? AND n > 0",
            (prefix, prefix + "\U0010ffff"),
        )
        return [row[0] for row in rows]

    def of_lengths(self, shortest: int, longest: int) -> list[str]:
        """The words of ``shortest`` to ``longest`` characters."""
        rows = self.db.execute(
            "SELECT word FROM words WHERE length(word) BETWEEN ? AND ? AND n > 0",
            (shortest, longest),
        )
        return [row[0] for row in rows]

    def document(self, key: str) -> Postmortem | None:
        """The stored document under ``key``; None when it cannot be read."""
        return _read(self.store.layout, key, [])

    def facts(self) -> list[dict[str, Any]]:
        """The facts of every indexed postmortem."""
        return [
            orjson.loads(row[0]) for row in self.db.execute("SELECT facts FROM docs")
        ]


def open_index(
    store: Store, most: int | None = None, *, raise_behind: bool = False
) -> TermIndex | None:
    """The store's term index in step with it; None where it cannot be kept,
    or when more than ``most`` documents would have to be read first
    (``index_build.build_apart`` reads them without anyone waiting); then
    ``Behind`` is raised instead with ``raise_behind``.

    A file that is not an index (damaged, truncated) is replaced: it only
    ever holds what the documents hold.
    """
    layout = store.layout
    try:
        if layout.kind()[0] != "split":
            return None
    except RetroError:
        return None
    path = layout.folder / FILE_NAME
    for attempt in range(2):
        try:
            return _open(store, path, most)
        except Behind:
            if raise_behind:
                raise
            return None
        except sqlite3.OperationalError:
            # Locked past the timeout, no space, a read-only folder: not damage.
            return None
        except sqlite3.DatabaseError:
            if attempt:
                return None
            try:
                path.unlink(missing_ok=True)
            except OSError:
                return None
        except (RetroError, OSError, sqlite3.Error):
            return None
    return None


def _open(store: Store, path: Path, most: int | None) -> TermIndex:
    connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        connection.executescript(_SCHEMA)
        # Checked and reset in one write transaction: two openers at once (the
        # app's panels, a command beside the app) would otherwise both find an
        # old version, and the second drop the tables the first just filled.
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            row = connection.execute(
                "SELECT value FROM meta WHERE name = 'version'"
            ).fetchone()
            if row is None or row[0] != str(VERSION):
                _reset(connection)
        index = TermIndex(connection, store)
        index.sync(most)
    except BaseException:
        with suppress(sqlite3.Error):
            connection.close()
        raise
    return index


def _reset(connection: sqlite3.Connection) -> None:
    """Start again with the tables of this version (an older one kept others),
    inside the caller's transaction (``executescript`` would commit it)."""
    tables = ("shards", "docs", "words", "postings", "skipped")
    for table in tables:
        connection.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(
        "INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(VERSION),)
    )


def _stamp(layout: Layout, shard: int) -> str | None:
    try:
        stamp = layout.shard_stamp(shard)
    except OSError:
        return None
    return None if stamp is None else ":".join(map(str, stamp))


def _read(layout: Layout, key: str, skipped: list[str]) -> Postmortem | None:
    """The document under ``key`` as a model, read without the store's lock
    (documents are replaced atomically); None, and a line in ``skipped``,
    when it cannot be read."""
    from pydantic import ValidationError

    from retrotui.document.migrate import migrate
    from retrotui.document.models import Postmortem

    try:
        doc = layout.read_doc(key)
        return None if doc is None else Postmortem.model_validate(migrate(doc))
    except RetroError as error:
        skipped.append(str(error))
    except ValidationError:
        skipped.append(str(BadDocument(key, "not a valid postmortem")))
    return None
