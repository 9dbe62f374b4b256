"""Writing the store's shared postmortems into the clone, and committing them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from retrotui.document.schema import Status
from retrotui.errors import RetroError
from retrotui.teamrepo import layout
from retrotui.teamrepo.git import git, out

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store


def export(clone: Path, pms: list[Postmortem], drafts: bool) -> list[str]:
    """Write each shared postmortem's JSON and report; what changed, as
    ``add k7m2qx 'Checkout 502s'`` lines.

    A draft is private unless ``drafts`` or it is already in the repository
    (shared once, it stays shared); in review and later are always shared.
    """
    paths = layout.existing_paths(clone)
    changes = []
    for pm in sorted(pms, key=lambda p: p.id):
        known = paths.get(pm.id)
        if pm.status is Status.draft and not drafts and known is None:
            continue
        path = known or layout.new_path(pm)
        target = clone / path
        wrote = _write(target, layout.json_bytes(pm))
        report = clone / layout.md_path(path)
        # The report follows from the JSON: rendered again only with it (a
        # sync of 1,000 unchanged postmortems spent half its time there).
        if wrote or not report.exists():
            wrote = _write(report, layout.markdown_bytes(pm)) or wrote
        if wrote:
            changes.append(f"{'update' if known else 'add'} {pm.id} {pm.title[:50]!r}")
    return changes


def commit(clone: Path, changes: list[str]) -> bool:
    """Commit the postmortem folder if anything in it changed; True if it did."""
    if (clone / layout.FOLDER).exists():  # gone with its last deletion (git rm)
        git(clone, "add", "-A", "--", layout.FOLDER)
    if not out(clone, "status", "--porcelain", "--", layout.FOLDER):
        return False
    counts = ", ".join(
        f"{verb} {n}"
        for verb in ("add", "update", "delete")
        if (n := sum(1 for c in changes if c.startswith(f"{verb} ")))
    )
    subject = f"retro sync: {changes[0] if len(changes) == 1 else counts or 'files'}"
    body = "\n".join(changes) if len(changes) > 1 else ""
    message = subject + (f"\n\n{body}" if body else "")
    git(clone, "commit", "--no-verify", "-q", "-m", message)
    return True


def readable(
    store: Store, db_path: Path
) -> tuple[list[Postmortem], list[tuple[str | None, str]]]:
    """Every postmortem the store can read, and ``(id, error)`` for each one
    it cannot (id None when even that is unreadable).

    One damaged document must not keep the others from the team: it is
    named and left alone (its file in the repository is neither updated
    nor deleted).
    """
    from retrotui.storage.listing import read_summaries

    listing = read_summaries(db_path)
    pms: list[Postmortem] = []
    bad: list[tuple[str | None, str]] = [(None, str(e)) for e in listing.skipped]
    with store.transaction():
        for summary in listing.summaries:
            try:
                pms.append(store.get(summary.id))
            except RetroError as error:
                bad.append(
                    (summary.id, f"{summary.id} {summary.title[:40]!r}: {error}")
                )
    return pms, bad


def _write(target: Path, data: bytes) -> bool:
    try:
        if target.read_bytes() == data:
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True
