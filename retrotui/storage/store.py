"""The postmortem store: TinyDB documents, one file each, safe to share.

Stock TinyDB rewrites its one file in place and trusts per-process ID
counters and query caches; on a shared jump host with dropped SSH sessions
that loses data, and its cost grows with every postmortem ever written. Here
each postmortem is a TinyDB database of its own (``retrotui.storage.layout``),
written through TinyDB's Storage interface by an atomic replace (temp file,
fsync, rename), with a summary index kept in step under the same
cross-process lock. Opening one postmortem reads one file; saving one writes
it and one index shard. Document ids are derived from the postmortem id.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
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
    StoreBusy,
    StoreError,
    os_error_line,
)
from retrotui.storage.db_file import unreadable_document
from retrotui.storage.file_format import TABLE, parse, unreadable
from retrotui.storage.files import atomic_write, check_lock_file
from retrotui.storage.index import Index
from retrotui.storage.layout import Entry, Layout, index_entry
from retrotui.storage.lock import StoreLock, Timeout
from retrotui.storage.paths import resolve_db

if TYPE_CHECKING:
    # Loaded on first use: ``retro note`` stores plain documents without pydantic.
    from retrotui.document.models import Postmortem

LOCK_TIMEOUT = 30.0


class DocumentFile(Storage):
    """TinyDB storage for one postmortem's file: read whole, replaced atomically."""

    def __init__(self, path: Path, tmp_dir: Path) -> None:
        self.path = path
        self.tmp_dir = tmp_dir

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise unreadable(self.path, error) from error
        return parse(self.path, raw)

    def write(self, data: dict[str, Any]) -> None:
        atomic_write(self.path, orjson.dumps(data), self.tmp_dir)

    def close(self) -> None:
        pass


class Store:
    """Every method is one locked operation on the postmortems at ``path``."""

    def __init__(
        self, path: str | os.PathLike[str], lock_timeout: float = LOCK_TIMEOUT
    ) -> None:
        """``lock_timeout``: how long an operation waits for another process's
        lock before ``StoreBusy`` (the app waits briefly and retries itself,
        so the user can be told and choose)."""
        self.path = resolve_db(path)
        self.layout = Layout(self.path)
        self.lock_timeout = lock_timeout
        self._lock = StoreLock(f"{self.path}.lock", timeout=lock_timeout, mode=0o600)
        self._checked = False
        self._index = Index(self.layout)
        # Validated models by key, with the document file's stamp they were read at.
        self._models: dict[str, tuple[tuple[int, ...], Postmortem]] = {}

    # -- public operations ------------------------------------------------

    def all(self) -> list[Postmortem]:
        """Every postmortem, newest first."""
        with self._locked():
            models = [self._model(key) for key in self._index.all_keys()]
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
        key = str(doc_id_for(doc["id"]))
        with self._locked():
            if self._taken(key):
                raise RetroError(f"a postmortem with id '{doc['id']}' already exists")
            self._write({key: {**doc, "revision": 1}})

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

        Reads the one document's file, so an open app can poll it every second.
        """
        with self._locked():
            doc = self._read(str(doc_id_for(pm_id)))
            return None if doc is None else _revision(doc)

    def stored(self, pm_id: str) -> dict[str, Any] | None:
        """The stored JSON data of ``pm_id`` (exact id), a copy; None when absent."""
        with self._locked():
            return self._read(str(doc_id_for(pm_id)))

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
            keys = {pm.id: str(doc_id_for(pm.id)) for pm in pms}
            if not replace:
                taken = [i for i, key in keys.items() if self._taken(key)]
                if taken:
                    raise RetroError(
                        f"already in {self.path}: {', '.join(taken)} "
                        "(use --replace to overwrite)"
                    )
            self._write(
                {
                    keys[pm.id]: {
                        **self._dump(pm),
                        "revision": self._next_revision(keys[pm.id]),
                    }
                    for pm in pms
                }
            )
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
            self._write({self._find(pm_id): None})

    # -- internals ---------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._prepare_folder()
        try:
            self._lock.acquire()
        except Timeout as error:
            raise StoreBusy(
                f"{self.path} is busy: another retro has held its lock for over "
                f"{self.lock_timeout:.0f}s; nothing was written, try again when it "
                "is done"
            ) from error
        except OSError as error:
            line = os_error_line(error, f"cannot lock {self._lock.lock_file}")
            raise StoreError(line) from error
        try:
            if self._lock.lock_counter == 1:
                self._index.refresh()
            yield
        finally:
            self._lock.release()

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

    def _taken(self, key: str) -> bool:
        # The document's file, the truth: no index shard is read to know.
        return self.layout.doc_file(key).exists()

    def _check_revision(self, pm_id: str, expected: int) -> None:
        # From the document, not the index: its file is the truth, even after
        # a hand edit.
        doc = self._read(str(doc_id_for(pm_id)))
        if doc is None and expected == 0:
            return  # new, and still not stored by anyone else
        if doc is None or _revision(doc) != expected:
            raise RevisionConflict(pm_id, expected, doc)

    def _next_revision(self, key: str) -> int:
        doc = self._read(key)
        return 1 if doc is None else _revision(doc) + 1

    def _find(self, pm_id: str) -> str:
        key = pm_id.strip().lower()
        if key:
            entry = self._index.get(str(doc_id_for(key)))
            if entry is not None and entry.get("id") == key:
                return str(doc_id_for(key))
        matches = self._index.keys_with_prefix(key) if key else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            ids = ", ".join(sorted(str(self._index.get(k)["id"]) for k in matches))
            raise NotFound(f"'{pm_id}' matches several postmortems: {ids}")
        raise NotFound(f"no postmortem with id '{pm_id}' in {self.path}")

    def _table(self, key: str) -> Any:
        db = TinyDB(
            self.layout.doc_file(key), self.layout.tmp_dir, storage=DocumentFile
        )
        return db.table(TABLE, cache_size=0)

    def _read(self, key: str) -> dict[str, Any] | None:
        doc = self._table(key).get(doc_id=int(key))
        return None if doc is None else dict(doc)

    def _model(self, key: str) -> Postmortem:
        stamp = self.layout.stamp(key)
        cached = self._models.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        from pydantic import ValidationError

        from retrotui.document.models import Postmortem
        from retrotui.document.validation import describe

        doc = self._read(key)
        if doc is None:
            raise NotFound(f"no postmortem under {key} in {self.path}")
        try:
            model = Postmortem.model_validate(migrate(doc))
        except BadDocument as error:
            raise unreadable_document(self.path, error) from error
        except ValidationError as error:
            bad = BadDocument(doc.get("id", key), describe(error))
            raise unreadable_document(self.path, bad) from error
        self._models[key] = (stamp, model)
        return model

    @staticmethod
    def _dump(pm: Postmortem) -> dict[str, Any]:
        return pm.model_dump(mode="json")

    def _insert(self, pm: Postmortem, replace: bool) -> Postmortem:
        """Write ``pm`` at the next revision; the stored copy is returned."""
        key = str(doc_id_for(pm.id))
        if not replace and self._taken(key):
            raise RetroError(f"a postmortem with id '{pm.id}' already exists")
        pm = pm.model_copy(update={"revision": self._next_revision(key)})
        self._write({key: self._dump(pm)})
        self._models[key] = (self.layout.stamp(key), pm)
        return pm

    def _write(self, docs: dict[str, dict[str, Any] | None]) -> None:
        """Write (or, for None, remove) documents and their index entries.

        The pending journal names them first: a kill anywhere after it leaves
        documents the next writer brings the index in step with.
        """
        self._index.begin(list(docs))
        before: dict[str, Entry | None] = {}
        for key, doc in docs.items():
            self._models.pop(key, None)
            if doc is None:
                self.layout.remove_doc(key)
                continue
            table = self._table(key)
            document = Document(doc, doc_id=int(key))
            old = table.get(doc_id=int(key))
            if old is not None:
                before[key] = index_entry(old)
                # One write that swaps the whole document (update() alone would
                # keep keys the new version dropped).
                table.update(
                    lambda old, new=document: (old.clear(), old.update(new)),
                    doc_ids=[int(key)],
                )
            else:
                before[key] = None
                table.insert(document)
        self._index.commit(
            {
                key: None if doc is None else index_entry(doc)
                for key, doc in docs.items()
            },
            before,
        )


def _revision(doc: dict[str, Any]) -> int:
    revision = doc.get("revision", 0)
    return revision if isinstance(revision, int) else 0
