"""One import run: files (or standard input, or a folder) read as JSON or
Markdown postmortems and stored, each with what happened to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from retrotui.errors import BadDocument, RetroError
from retrotui.importing import files
from retrotui.importing.postmortems import from_markdown, is_empty, validated
from retrotui.importing.report import Report

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store


@dataclass
class Outcome:
    source: str
    id: str = ""
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str = ""  # the import failed
    skipped: str = ""  # not a postmortem, or already imported

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id or None,
            "title": self.title or None,
            "warnings": self.warnings,
        }
        if self.error or self.skipped:
            data["source"] = self.source
            data["error" if self.error else "skipped"] = self.error or self.skipped
        return data


def guess_format(text: str) -> str:
    return "json" if text.lstrip()[:1] in ("{", "[") else "md"


def _from_json(text: str, name: str) -> list[tuple[Postmortem, list[str]]]:
    import orjson

    from retrotui.document.ids import repeated_item_ids
    from retrotui.document.migrate import migrate

    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise RetroError(f"{name} is not valid JSON ({error})") from error
    found = []
    for number, doc in enumerate(data if isinstance(data, list) else [data], 1):
        where = f"{name}: item {number}"
        if not isinstance(doc, dict):
            raise RetroError(f"{where} is not a postmortem object")
        try:
            doc = migrate(doc)
        except BadDocument as error:
            raise RetroError(f"{where}: {error.reason}") from error
        report = Report()
        pm = validated(doc, report, where)
        report.warnings += [
            f"{repeated} is used twice; the later one was given a new id"
            for repeated in repeated_item_ids(doc)
        ]
        found.append((pm, report.warnings))
    ids = [pm.id for pm, _ in found]
    if len(set(ids)) != len(ids):
        raise RetroError(f"{name} holds the same id twice")
    return found


def _same(pm: Postmortem, other: Postmortem) -> bool:
    first = min((e.at for e in pm.timeline), default=None)
    return other.title == pm.title and first == min(
        (e.at for e in other.timeline), default=None
    )


def import_text(
    store: Store,
    source: str,
    text: str,
    fmt: str,
    zone: tzinfo | None,
    replace: bool,
) -> list[Outcome]:
    """Store the postmortems in ``text``; a Markdown postmortem already
    imported (same title and first event) is skipped, or replaced in place."""
    name = files.shown(source)
    fmt = guess_format(text) if fmt == "auto" else fmt
    if fmt == "json":
        found = _from_json(text, name)
        store.put_many([pm for pm, _ in found], replace=replace)
        return [Outcome(name, pm.id, pm.title, w) for pm, w in found]
    pm, warnings = from_markdown(text, name, zone)
    if is_empty(pm):
        return [
            Outcome(
                name,
                skipped="no summary, timeline, factors, actions or lessons: "
                "a blank template or not a postmortem",
            )
        ]
    with store.transaction():
        # The same document again: its own id (retro's export), or the same
        # title and first event (another tool's).
        earlier_id = pm.id if store.revision(pm.id) is not None else None
        if earlier_id is None:
            earlier = next((p for p in store.all() if _same(pm, p)), None)
            earlier_id = earlier.id if earlier is not None else None
        if earlier_id is None:
            store.put_many([pm])
        elif not replace:
            return [
                Outcome(
                    name,
                    earlier_id,
                    pm.title,
                    skipped=f"already imported as {earlier_id} "
                    "(--replace to overwrite it)",
                )
            ]
        else:
            # Through the revision-checked save: an app with this postmortem
            # open sees the new revision and merges its own edits into it.
            pm = pm.model_copy(update={"id": earlier_id})
            store.save(pm, expected_revision=store.revision(earlier_id))
    return [Outcome(name, pm.id, pm.title, warnings)]


def import_source(
    store: Store,
    source: str,
    fmt: str,
    zone: tzinfo | None,
    replace: bool,
    label: str = "",
) -> list[Outcome]:
    """``label`` names the file in messages (a folder import: its name)."""
    text = files.read_text(source)
    return import_text(store, label or source, text, fmt, zone, replace)


def import_folder(
    store: Store, folder: Path, fmt: str, zone: tzinfo | None, replace: bool
) -> tuple[list[Outcome], list[Path]]:
    """Every postmortem file in ``folder``: one failing does not stop the
    others.  Also returns the files passed over by name."""
    take, passed = files.folder_files(folder)
    outcomes: list[Outcome] = []
    for path in take:
        try:
            outcomes += import_source(store, str(path), fmt, zone, replace, path.name)
        except RetroError as error:
            outcomes.append(Outcome(files.shown(path.name), error=str(error)))
    return outcomes, passed
