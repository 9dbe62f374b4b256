"""Regular expressions compiled the first time they are used, not at import.

``retro smart`` and ``retro lint`` start as one-shot commands: compiling every
rule of the checks before reading the text cost more than the check itself.
What is not used in a run is never compiled, and what is compiled can be kept
for the next run (``keep_between_runs``): Python's ``re`` compiles in Python
code and pickles a pattern as its source, so the compiled program itself is
kept in the user's cache folder, one file per Python version. It is CPython's
own format, checked by CPython when loaded; anything amiss (another version,
a damaged or unwritable file) falls back to compiling as usual.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

try:  # CPython 3.11+: the compiler behind re.compile, to keep what it makes.
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons compile as usual
    _sre = None

_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_kept: dict[tuple[str, int], _Program] = {}
_new: dict[tuple[str, int], _Program] = {}
_cache_file: Path | None = None


def keep_between_runs() -> None:
    """Load the compiled patterns of earlier runs; save new ones at exit."""
    global _cache_file
    if _sre is None or _cache_file is not None:
        return
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{sys.hexversion:x}"
    _cache_file = Path(base) / "retrotui" / f"patterns-{tag}.marshal"
    try:
        loaded = marshal.loads(_cache_file.read_bytes())
        if isinstance(loaded, dict):
            _kept.update(loaded)
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no cache yet, or a damaged one: it is rewritten at exit
    atexit.register(_save)


def _save() -> None:
    if not _new or _cache_file is None:
        return
    try:
        _cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = _cache_file.with_name(f"{_cache_file.name}.{os.getpid()}")
        temporary.write_bytes(marshal.dumps({**_kept, **_new}))
        os.replace(temporary, _cache_file)
    except (OSError, ValueError):
        pass  # a cache only: a read-only home just compiles every run


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile``, from the kept programs when ``keep_between_runs`` is on."""
    if _cache_file is None:
        return re.compile(source, flags)
    key = (source, int(flags))
    program = _kept.get(key)
    if program is not None:
        try:
            return _sre.compile(source, *program)
        except Exception:  # noqa: BLE001 - a stale entry: compile it again
            pass
    try:
        parsed = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groups = parsed.state.groupdict
        names: list[str | None] = [None] * parsed.state.groups
        for name, index in groups.items():
            names[index] = name
        program = (
            int(flags | parsed.state.flags),
            code,
            parsed.state.groups - 1,
            dict(groups),
            tuple(names),
        )
        compiled = _sre.compile(source, *program)
    except Exception:  # noqa: BLE001 - re.compile says what is wrong, if anything
        return re.compile(source, flags)
    _new[key] = program
    return compiled


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)``; compiles on first use."""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_pattern(self._source, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self._source

    def search(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> str:
        return self.compiled.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile`` deferred until the pattern first matches anything."""
    return LazyPattern(pattern, flags)
