"""Three-way merge of JSON documents: what both writers did is kept.

``merge(base, mine, theirs)`` takes the document as it was read (``base``), as
this writer has it now (``mine``) and as another writer stored it meanwhile
(``theirs``), all plain JSON data (dicts, lists, strings, numbers). It returns
the merged document and the conflicts: places both sides changed differently.

Rules (headless, no pydantic: the git team repo merges JSON files with them):

- A dict merges key by key; a key added or removed on one side is added or
  removed.
- A list of objects merges by item identity (``id``, else ``name``, else the
  whole object): items added on either side are all kept, an item deleted on
  one side is deleted unless the other side changed it (then it is kept and
  reported), items on both sides merge recursively. Mine's order comes first;
  their new items follow the item they follow in theirs.
- A list of plain values (list entries, tags, whys) merges as a multiset:
  additions from both sides are kept, an entry removed on one side is removed.
  An entry edited on both sides is a removal plus two additions: both new
  texts are kept.
- A value changed on one side takes that side's value. A value changed on
  both sides, to different values, keeps mine in place and is reported as a
  ``Conflict`` carrying both versions, so the caller can keep theirs visibly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import orjson

# Absent from a dict (not the same as JSON null).
_MISSING: Any = object()


@dataclass(frozen=True)
class Conflict:
    """One place both writers changed: ``path`` names it (``timeline[e-1].text``)."""

    path: str
    base: Any
    mine: Any
    theirs: Any


def merge(base: Any, mine: Any, theirs: Any) -> tuple[Any, list[Conflict]]:
    """The three-way merge of ``mine`` and ``theirs`` from ``base``.

    Pure: the arguments are not changed. The conflicts are in document order.
    """
    conflicts: list[Conflict] = []
    merged = _merge(base, mine, theirs, "", conflicts)
    return merged, conflicts


def _merge(base: Any, mine: Any, theirs: Any, path: str, out: list[Conflict]) -> Any:
    if _same(mine, theirs):
        return mine
    if _same(base, mine):
        return theirs
    if _same(base, theirs):
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _merge_dicts(
            base if isinstance(base, dict) else {}, mine, theirs, path, out
        )
    if isinstance(mine, list) and isinstance(theirs, list):
        base_list = base if isinstance(base, list) else []
        if all(isinstance(x, dict) for x in (*base_list, *mine, *theirs)):
            return _merge_items(base_list, mine, theirs, path, out)
        if not any(isinstance(x, (dict, list)) for x in (*base_list, *mine, *theirs)):
            return _merge_values(base_list, mine, theirs)
    out.append(
        Conflict(path or "(document)", _plain(base), _plain(mine), _plain(theirs))
    )
    return mine


def _merge_dicts(
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    path: str,
    out: list[Conflict],
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    keys = list(mine) + [key for key in theirs if key not in mine]
    keys += [key for key in base if key not in mine and key not in theirs]
    for key in keys:
        value = _merge(
            base.get(key, _MISSING),
            mine.get(key, _MISSING),
            theirs.get(key, _MISSING),
            f"{path}.{key}" if path else key,
            out,
        )
        if value is not _MISSING:
            merged[key] = value
    return merged


def _identity(item: dict[str, Any]) -> str:
    for key in ("id", "name"):
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
    return orjson.dumps(item, option=orjson.OPT_SORT_KEYS).decode()


def _merge_items(
    base: list[dict[str, Any]],
    mine: list[dict[str, Any]],
    theirs: list[dict[str, Any]],
    path: str,
    out: list[Conflict],
) -> list[dict[str, Any]]:
    base_by = {_identity(item): item for item in base}
    mine_by = {_identity(item): item for item in mine}
    theirs_by = {_identity(item): item for item in theirs}
    order = list(mine_by)
    # Their new items go after the item they follow in theirs (and after
    # mine's own new items there).
    for index, key in enumerate(theirs_by):
        if key in mine_by or key in base_by:
            continue
        before = [k for k in list(theirs_by)[:index] if k in order]
        at = order.index(before[-1]) + 1 if before else len(order)
        while at < len(order) and order[at] in mine_by and order[at] not in base_by:
            at += 1
        order.insert(at, key)
    merged = []
    for key in order:
        item_path = f"{path}[{key}]" if len(key) <= 60 else f"{path}[{key[:57]}...]"
        was = base_by.get(key, _MISSING)
        now_mine = mine_by.get(key, _MISSING)
        now_theirs = theirs_by.get(key, _MISSING)
        if now_theirs is _MISSING and was is not _MISSING:
            # Deleted by them: gone, unless mine changed it.
            if _same(was, now_mine):
                continue
            out.append(Conflict(item_path, was, now_mine, None))
            merged.append(now_mine)
        elif now_mine is _MISSING:
            merged.append(now_theirs)
        else:
            merged.append(_merge(was, now_mine, now_theirs, item_path, out))
    # Deleted by me, changed by them: kept, and reported.
    for key, item in theirs_by.items():
        if key in mine_by or key not in base_by or _same(base_by[key], item):
            continue
        out.append(Conflict(f"{path}[{key}]", base_by[key], None, item))
        merged.append(item)
    return merged


def _merge_values(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
    b, m, t = (Counter(_key(x) for x in side) for side in (base, mine, theirs))
    wanted: dict[str, int] = {}
    for key in {*b, *m, *t}:
        dm, dt = m[key] - b[key], t[key] - b[key]
        if dm > 0 and dt > 0:
            # Both added the same entry: once, not twice.
            change = max(dm, dt)
        elif dm < 0 and dt < 0:
            change = min(dm, dt)
        else:
            change = dm + dt
        wanted[key] = max(b[key] + change, 0)
    merged = []
    for value in (*mine, *theirs):
        key = _key(value)
        if wanted[key] > 0:
            merged.append(value)
            wanted[key] -= 1
    return merged


def _key(value: Any) -> str:
    return orjson.dumps(value).decode()


def _same(a: Any, b: Any) -> bool:
    if a is _MISSING or b is _MISSING:
        return a is b
    return a == b and type(a) is type(b)


def _plain(value: Any) -> Any:
    return None if value is _MISSING else value
