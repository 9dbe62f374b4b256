"""Writing the store's shared postmortems into the clone, and committing them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from retrotui.document.schema import Status
from retrotui.teamrepo import layout
from retrotui.teamrepo.git import git, out

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem


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
        wrote = _write(clone / layout.md_path(path), layout.markdown_bytes(pm)) or wrote
        if wrote:
            changes.append(f"{'update' if known else 'add'} {pm.id} {pm.title[:50]!r}")
    return changes


def commit(clone: Path, changes: list[str]) -> bool:
    """Commit the postmortem folder if anything in it changed; True if it did."""
    git(clone, "add", "-A", "--", layout.FOLDER)
    if not out(clone, "status", "--porcelain", "--", layout.FOLDER):
        return False
    added = sum(1 for c in changes if c.startswith("add"))
    updated = len(changes) - added
    counts = ", ".join(
        part
        for part in (added and f"add {added}", updated and f"update {updated}")
        if part
    )
    subject = f"retro sync: {changes[0] if len(changes) == 1 else counts or 'files'}"
    body = "\n".join(changes) if len(changes) > 1 else ""
    message = subject + (f"\n\n{body}" if body else "")
    git(clone, "commit", "--no-verify", "-q", "-m", message)
    return True


def _write(target: Path, data: bytes) -> bool:
    try:
        if target.read_bytes() == data:
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True
