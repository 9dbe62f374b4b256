"""Imported data made a stored document: validated, with what does not fit a
field cut and named rather than the whole import refused."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from pydantic import ValidationError

from retrotui.document.models import Postmortem
from retrotui.document.validation import describe
from retrotui.errors import RetroError
from retrotui.importing.markdown import read_markdown
from retrotui.importing.report import Report


def _cut(data: Any, loc: tuple[Any, ...], limit: int) -> bool:
    *path, last = loc
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return False
    try:
        value = data[last]
    except (KeyError, IndexError, TypeError):
        return False
    if not isinstance(value, str):
        return False
    data[last] = value[:limit]
    return True


def validated(data: dict[str, Any], report: Report, name: str) -> Postmortem:
    """The document ``data`` describes; a value longer than its field is cut
    (with a warning), anything else wrong refuses the import in one line."""
    for _ in range(50):
        try:
            return Postmortem.model_validate(data)
        except ValidationError as error:
            cut = False
            for item in error.errors():
                if item["type"] in ("string_too_long", "too_long"):
                    limit = item.get("ctx", {}).get("max_length", 0)
                    if _cut(data, item["loc"], limit):
                        where = ".".join(str(part) for part in item["loc"])
                        report.warnings.append(
                            f"{where}: longer than {limit:,} characters; cut"
                        )
                        cut = True
            if not cut:
                raise RetroError(f"{name}: {describe(error)}") from error
    raise RetroError(f"{name}: too many fields are too long")


def is_empty(pm: Postmortem) -> bool:
    """Nothing a postmortem is made of: a blank template, a README."""
    return not (
        pm.summary
        or pm.impact
        or pm.timeline
        or pm.factors
        or pm.actions
        or pm.takeaways
        or pm.went_well
        or pm.went_wrong
        or pm.lucky
    )


def from_markdown(
    text: str, name: str, zone: tzinfo | None
) -> tuple[Postmortem, list[str]]:
    """The postmortem written in ``text`` and the warnings about it."""
    stem = name.rsplit("/", 1)[-1]
    result = read_markdown(text, zone, fallback_title=stem.removesuffix(".md"))
    pm = validated(result.data, result.report, name)
    return pm, result.report.warnings
