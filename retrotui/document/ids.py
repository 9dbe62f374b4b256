"""Short identifiers that are easy to read aloud and type over SSH."""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

# No 0/o, 1/l/i: nothing that is misread on a small terminal font.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,39}$")
# Ids of items inside a postmortem (``e-4kq9``, ``f-root``): a few more shapes
# are accepted from other tools, never more than 40 characters.
ITEM_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
ITEM_LISTS = {"timeline": "e", "factors": "f", "actions": "a"}


def new_id(length: int = 6) -> str:
    """A random id such as ``k7m2qx`` (31**6, about 887 million values)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_item_id(prefix: str) -> str:
    """An id for an item inside a postmortem, such as ``a-4kq9``."""
    return f"{prefix}-{new_id(4)}"


def doc_id_for(pm_id: str) -> int:
    """The TinyDB document id derived from a postmortem id.

    Derived rather than counted, so two processes never hand out the same
    number and an id keeps its document across export and import.
    """
    digest = hashlib.blake2b(pm_id.encode(), digest_size=6).digest()
    return int.from_bytes(digest, "big") or 1


def repeated_item_ids(doc: dict[str, Any]) -> list[str]:
    """``factors: 'f-1'`` for each id used by two items of one list in ``doc``
    (plain data in the current schema); the model renumbers the later ones."""
    found = []
    for name in ITEM_LISTS:
        items = doc.get(name)
        ids = (
            [i.get("id") for i in items if isinstance(i, dict)]
            if isinstance(items, list)
            else []
        )
        seen: set[object] = set()
        for item_id in ids:
            if item_id is not None and item_id in seen:
                found.append(f"{name}: {item_id!r}")
            seen.add(item_id)
    return found
