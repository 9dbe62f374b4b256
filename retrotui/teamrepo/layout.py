"""How a postmortem looks in the team repository: its path and its two files.

``postmortems/2026/2026-11-20-checkout-502s-k7m2qx.json`` and ``.md``: the
date, a slug of the title and the id. Once a postmortem has a file its path
stays (a new title does not rename it). The JSON is the whole document less
what is only this host's (revision counter, place in the interview, text
typed and not added yet), pretty-printed in the model's field order, so the
same postmortem is the same bytes on every host.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

FOLDER = "postmortems"
LOCAL_ONLY = ("revision", "phase", "unsent")
_SLUG_GAP = re.compile(r"[^a-z0-9]+")
_ID_AT_END = re.compile(r"-([a-z0-9]+)\.json$")


def new_path(pm: Postmortem) -> str:
    """Where a postmortem with no file yet goes (relative, with ``/``)."""
    day = pm.incident_date()
    slug = _SLUG_GAP.sub("-", pm.title.lower()).strip("-")[:40].strip("-") or "untitled"
    return f"{FOLDER}/{day.year}/{day.isoformat()}-{slug}-{pm.id}.json"


def existing_paths(clone: Path) -> dict[str, str]:
    """The JSON file of each postmortem id already in the clone's folder."""
    found: dict[str, str] = {}
    for path in sorted((clone / FOLDER).glob("*/*.json")):
        match = _ID_AT_END.search(path.name)
        if match:
            found[match.group(1)] = path.relative_to(clone).as_posix()
    return found


def shared_doc(pm: Postmortem) -> dict[str, Any]:
    """The document as the team sees it: without this host's fields."""
    doc = pm.model_dump(mode="json")
    for key in LOCAL_ONLY:
        doc.pop(key, None)
    return doc


def json_bytes(pm: Postmortem) -> bytes:
    return orjson.dumps(shared_doc(pm), option=orjson.OPT_INDENT_2) + b"\n"


def markdown_bytes(pm: Postmortem) -> bytes:
    """The report; no OVERDUE marks (they would change the file every day)."""
    from retrotui.reports.markdown import to_markdown

    return to_markdown(pm, as_of=date.min).encode()


def md_path(json_path: str) -> str:
    return json_path[: -len(".json")] + ".md"


def parse(raw: bytes, where: str) -> Postmortem:
    """The postmortem in a JSON file's bytes; a damaged one raises RetroError."""
    from pydantic import ValidationError

    from retrotui.document.migrate import migrate
    from retrotui.document.models import Postmortem
    from retrotui.document.validation import describe
    from retrotui.errors import BadDocument, RetroError

    try:
        data = orjson.loads(raw)
        if not isinstance(data, dict):
            raise RetroError(f"{where} is damaged: not a JSON object")
        return Postmortem.model_validate(migrate(data))
    except orjson.JSONDecodeError as error:
        raise RetroError(f"{where} is damaged: {error}") from error
    except ValidationError as error:
        raise RetroError(
            f"{where} is not a valid postmortem: {describe(error)}"
        ) from error
    except BadDocument as error:
        raise RetroError(f"{where} is not a valid postmortem: {error}") from error
