"""The postmortem store: TinyDB documents in one JSON file, safe to share.

Stock TinyDB rewrites its file in place and trusts per-process ID counters and
query caches; on a shared jump host with dropped SSH sessions that loses data.
Here every read-change-write holds one cross-process lock, the file is
replaced atomically (temp file, fsync, rename, fsync of the folder), it is
re-read only when it changed on disk, and document ids are derived from the
postmortem id rather than counted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from retrotui.document.ids import doc_id_for
from retrotui.document.migrate import migrate
from retrotui.document.schema import now
from retrotui.errors import (
    BadDocument,
    NotFound,
    RetroError,
    RevisionConflict,
    StoreError,
    os_error_line,
)
from retrotui.storage.db_file import TABLE, parse, unreadable, unreadable_document
from retrotui.storage.files import (
    atomic_write,
    check_lock_file,
    fsync_folder,
    remove_leftovers,
)
from retrotui.storage.paths import resolve_db

if TYPE_CHECKING:
    # Loaded on first use: ``retro note`` stores plain documents without pydantic.
    from retrotui.document.models import Postmortem

LOCK_TIMEOUT = 30.0


class _MemoryStorage(Storage):
    """TinyDB storage that hands TinyDB the store's in-memory copy.

    Reading and writing the file is the store's job, under its lock; TinyDB
    only ever sees data that was current when the lock was taken.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def read(self) -> dict[str, Any] | None:
        return self._store._data

    def write(self, data: dict[str, Any]) -> None:
        self._store._write(data)

    def close(self) -> None:
        pass


class Store:
    """All postmortems in one JSON file; every method is one locked operation."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = resolve_db(path)
        self._checked = False
        self._cleaned = False
        self._lock = FileLock(f"{self.path}.lock", timeout=LOCK_TIMEOUT, mode=0o600)
        self._stamp: tuple[int, ...] | None = None
        self._data: dict[str, Any] = {TABLE: {}}
        self._models: dict[str, Postmortem] = {}
        # Each document's JSON, kept between writes: a save re-encodes only the
        # document it changed, not the whole file.
        self._encoded: dict[str, bytes] = {}
        self._db = TinyDB(self, storage=_MemoryStorage)
        self._table = self._db.table(TABLE, cache_size=0)

    # -- public operations ------------------------------------------------

    def all(self) -> list[Postmortem]:
        """Every postmortem, newest first."""
        with self._locked():
            models = [self._model(doc) for doc in self._table.all()]
        return sorted(models, key=lambda pm: pm.created, reverse=True)

    def get(self, pm_id: str) -> Postmortem:
        """The postmortem with this id (or the only one it is a prefix of)."""
        with self._locked():
            return self._model(self._find(pm_id))

    def add(self, pm: Postmortem) -> Postmortem:
        """Store a new postmortem; refuse an id that is already taken."""
        with self._locked():
            return self._insert(pm, replace=False)

    def add_document(self, doc: dict[str, Any]) -> None:
        """Store a new postmortem given as JSON data in the current schema.

        For ``retro note``, which must start fast, so pydantic is not loaded:
        the caller builds ``doc`` to the model (its tests hold it to that), and
        it is validated like every document when read.
        """
        doc_id = doc_id_for(doc["id"])
        with self._locked():
            if str(doc_id) in self._data[TABLE]:
                raise RetroError(f"a postmortem with id '{doc['id']}' already exists")
            self._forget(str(doc_id))
            self._table.insert(Document({**doc, "revision": 1}, doc_id=doc_id))

    def save(self, pm: Postmortem, expected_revision: int | None = None) -> Postmortem:
        """Store ``pm`` as it is now (created or replaced), stamping ``updated``.

        Every write of a document counts its ``revision`` up by one; the
        returned copy carries the new revision. With ``expected_revision``
        (the revision ``pm`` was read at; 0 for a postmortem not stored yet)
        the save is refused with ``RevisionConflict`` when the stored
        revision differs: someone else wrote in between, and the caller
        merges (``retrotui.session.merge``) and saves again. Without it the
        save overwrites whatever is stored (import --replace, tests).
        """
        pm = pm.model_copy(update={"updated": now()})
        with self._locked():
            if expected_revision is not None:
                self._check_revision(pm.id, expected_revision)
            return self._insert(pm, replace=True)

    def revision(self, pm_id: str) -> int | None:
        """The stored revision of ``pm_id`` (exact id); None when not stored.

        Cheap when nothing changed on disk: the file is re-read only when its
        size or times moved, so an open app can poll it every second.
        """
        with self._locked():
            doc = self._data[TABLE].get(str(doc_id_for(pm_id)))
            return None if doc is None else int(doc.get("revision", 0))

    def stored(self, pm_id: str) -> dict[str, Any] | None:
        """The stored JSON data of ``pm_id`` (exact id), a copy; None when absent."""
        with self._locked():
            doc = self._data[TABLE].get(str(doc_id_for(pm_id)))
            return None if doc is None else orjson.loads(orjson.dumps(doc))

    def update(
        self, pm_id: str, change: Callable[[Postmortem], Postmortem]
    ) -> Postmortem:
        """Apply ``change`` to the current stored version, under one lock."""
        with self._locked():
            current = self._model(self._find(pm_id))
            changed = change(current.model_copy(deep=True))
            changed = changed.model_copy(update={"updated": now()})
            return self._insert(changed, replace=True)

    def put_many(
        self, pms: Iterable[Postmortem], replace: bool = False
    ) -> list[Postmortem]:
        """Store several at once: all of them, or (on a refused id) none."""
        pms = list(pms)
        with self._locked():
            table = self._data[TABLE]
            if not replace:
                taken = [pm.id for pm in pms if str(doc_id_for(pm.id)) in table]
                if taken:
                    raise RetroError(
                        f"already in {self.path}: {', '.join(taken)} "
                        "(use --replace to overwrite)"
                    )
            docs = {}
            for pm in pms:
                key = str(doc_id_for(pm.id))
                docs[key] = {**self._dump(pm), "revision": self._next_revision(key)}
            for key in docs:
                self._forget(key)
            self._write({**self._data, TABLE: {**table, **docs}})
        return pms

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock across several calls, so a check and the write that
        depends on it are one read-change-write (the lock is reentrant)."""
        with self._locked():
            yield

    def delete(self, pm_id: str, expected_revision: int | None = None) -> None:
        """Remove ``pm_id``; with ``expected_revision``, only if it is still at
        that revision (else ``RevisionConflict``: someone wrote to it)."""
        with self._locked():
            if expected_revision is not None:
                self._check_revision(pm_id, expected_revision)
            doc_id = self._find(pm_id).doc_id
            self._forget(str(doc_id))
            self._table.remove(doc_ids=[doc_id])

    # -- internals ---------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._prepare_folder()
        try:
            self._lock.acquire()
        except Timeout as error:
            raise StoreError(
                f"{self.path} is busy: another retro has held its lock for over "
                f"{LOCK_TIMEOUT:.0f}s; nothing was written, try again when it is done"
            ) from error
        except OSError as error:
            line = os_error_line(error, f"cannot lock {self._lock.lock_file}")
            raise StoreError(line) from error
        try:
            if not self._cleaned:
                remove_leftovers(self.path.parent, self.path.name)
                self._cleaned = True
            self._refresh()
            yield
        finally:
            self._lock.release()

    def _check_revision(self, pm_id: str, expected: int) -> None:
        doc = self._data[TABLE].get(str(doc_id_for(pm_id)))
        if doc is None and expected == 0:
            return  # new, and still not stored by anyone else
        if doc is None or int(doc.get("revision", 0)) != expected:
            current = None if doc is None else orjson.loads(orjson.dumps(doc))
            raise RevisionConflict(pm_id, expected, current)

    def _next_revision(self, key: str) -> int:
        doc = self._data[TABLE].get(key)
        return 1 if doc is None else int(doc.get("revision", 0)) + 1

    def _prepare_folder(self) -> None:
        if self._checked:
            return
        folder = self.path.parent
        if not folder.exists():
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create {folder}: {error.strerror}") from error
        check_lock_file(Path(self._lock.lock_file))
        self._checked = True

    def _refresh(self) -> None:
        """Re-read the file if another process (or nobody yet) changed it."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._reset({TABLE: {}}, None)
            return
        stamp = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        if stamp == self._stamp:
            return
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            raise unreadable(self.path, error) from error
        self._reset(parse(self.path, raw), stamp)

    def _reset(self, data: dict[str, Any], stamp: tuple[int, ...] | None) -> None:
        self._data = data
        self._stamp = stamp
        self._models = {}
        self._encoded = {}
        self._table.clear_cache()

    def _find(self, pm_id: str) -> Document:
        key = pm_id.strip().lower()
        doc = self._table.get(doc_id=doc_id_for(key)) if key else None
        if doc is not None and doc.get("id") == key:
            return doc
        matches = [d for d in self._table.all() if str(d.get("id", "")).startswith(key)]
        if key and len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            ids = ", ".join(sorted(str(d.get("id")) for d in matches))
            raise NotFound(f"'{pm_id}' matches several postmortems: {ids}")
        raise NotFound(f"no postmortem with id '{pm_id}' in {self.path}")

    def _model(self, doc: Document) -> Postmortem:
        key = str(doc.doc_id)
        model = self._models.get(key)
        if model is None:
            from pydantic import ValidationError

            from retrotui.document.models import Postmortem
            from retrotui.document.validation import describe

            try:
                model = Postmortem.model_validate(migrate(dict(doc)))
            except BadDocument as error:
                raise unreadable_document(self.path, error) from error
            except ValidationError as error:
                bad = BadDocument(doc.get("id", key), describe(error))
                raise unreadable_document(self.path, bad) from error
            self._models[key] = model
        return model

    @staticmethod
    def _dump(pm: Postmortem) -> dict[str, Any]:
        return pm.model_dump(mode="json")

    def _insert(self, pm: Postmortem, replace: bool) -> Postmortem:
        """Write ``pm`` at the next revision; the stored copy is returned."""
        key = str(doc_id_for(pm.id))
        pm = pm.model_copy(update={"revision": self._next_revision(key)})
        doc = Document(self._dump(pm), doc_id=doc_id_for(pm.id))
        self._forget(str(doc.doc_id))
        if str(doc.doc_id) not in self._data[TABLE]:
            self._table.insert(doc)
        elif replace:
            # One write that swaps the whole document (upsert would write twice,
            # and update() alone would keep keys the new version dropped).
            self._table.update(
                lambda old: (old.clear(), old.update(doc)), doc_ids=[doc.doc_id]
            )
        else:
            raise RetroError(f"a postmortem with id '{pm.id}' already exists")
        return pm

    def _forget(self, key: str) -> None:
        self._models.pop(key, None)
        self._encoded.pop(key, None)

    def _encode(self, data: dict[str, Any]) -> bytes:
        parts = []
        for key, doc in data[TABLE].items():
            encoded = self._encoded.get(key)
            if encoded is None:
                encoded = self._encoded[key] = orjson.dumps(doc)
            parts.append(orjson.dumps(key) + b":" + encoded)
        others = {name: table for name, table in data.items() if name != TABLE}
        head = orjson.dumps(others)[:-1] + (b"," if others else b"")
        return head + orjson.dumps(TABLE) + b":{" + b",".join(parts) + b"}}"

    def _write(self, data: dict[str, Any]) -> None:
        """Replace the file atomically with ``data``; the old file stays on failure."""
        try:
            atomic_write(self.path, self._encode(data))
        except BaseException:
            # TinyDB may have changed the in-memory copy already: re-read next time.
            self._stamp = None
            self._models = {}
            self._encoded = {}
            raise
        fsync_folder(self.path.parent)
        st = self.path.stat()
        self._data = data
        self._stamp = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
