"""``retro check``: the gate for CI and pre-commit over postmortem files.

A JSON postmortem gets every check: blaming language in each text field,
SMART on each open action item, and completeness once it is published. A
Markdown file gets the blameless check on its text. Each finding names the
file and the line (for JSON, the line the field's text is on).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from retrotui.errors import RetroError


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    rule: str
    message: str


def files_under(paths: Iterable[str]) -> Iterator[Path]:
    """The .json and .md files named or under the folders named (hidden
    folders skipped), sorted within each folder."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                parts = found.relative_to(path).parts
                hidden = any(p.startswith(".") for p in parts)
                if found.suffix in (".json", ".md") and found.is_file() and not hidden:
                    yield found
        else:
            yield path


def check_file(path: Path) -> list[Finding]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [Finding(str(path), 1, "unreadable", error.strerror or str(error))]
    if path.suffix == ".json":
        return _check_json(str(path), raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [Finding(str(path), 1, "unreadable", "not UTF-8 text")]
    from retrotui.checks.blameless import lint

    return [
        Finding(
            str(path), f.line, f"blameless/{f.rule}", f"{f.message} ({f.suggestion})"
        )
        for f in lint(text)
    ]


def _check_json(name: str, raw: bytes) -> list[Finding]:
    from retrotui.checks.blameless import lint_postmortem
    from retrotui.checks.completeness import missing
    from retrotui.checks.readiness import check_item
    from retrotui.checks.smart import LABELS
    from retrotui.document.models import ActionStatus
    from retrotui.document.schema import Status
    from retrotui.teamrepo.layout import parse

    try:
        pm = parse(raw, name)
    except RetroError as error:
        return [Finding(name, 1, "invalid", str(error).removeprefix(f"{name} "))]
    lines = raw.decode("utf-8", "replace").splitlines()

    def line_of(text: str) -> int:
        needle = orjson.dumps(text).decode()[1:-1]
        return next(
            (i for i, line in enumerate(lines, 1) if needle and needle in line), 1
        )

    found = [
        Finding(
            name,
            line_of(f.text),
            f"blameless/{f.rule}",
            f"{label}: {f.message} ({f.suggestion})",
        )
        for label, f in lint_postmortem(pm)
    ]
    for item in pm.actions:
        if item.status is not ActionStatus.open:
            continue
        failing = [
            LABELS.get(key, key) for key, _ in check_item(pm, item, None).problems()
        ]
        if failing:
            found.append(
                Finding(
                    name,
                    line_of(item.text),
                    "smart",
                    f"action {item.id} is not SMART: {', '.join(failing)}",
                )
            )
    if pm.status in (Status.published, Status.closed) and pm.kind.value != "minor":
        gaps = missing(pm)
        if gaps:
            found.append(
                Finding(
                    name,
                    line_of(pm.status.value),
                    "complete",
                    f"{pm.status.value} but missing: {', '.join(gaps)}",
                )
            )
    return found
