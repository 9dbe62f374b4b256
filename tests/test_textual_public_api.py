"""The app shell, screens and widgets use Textual's public API only.

A private attribute of a Textual class may change in any release; a method of
ours that happens to share a private name with one of Textual's replaces it
without a word (``RetroApp._flush`` once replaced ``App._flush``, so anything
printed inside ``run_test()`` crashed). Both are caught here: every name a
class of ours defines or reads on ``self`` is compared with the private names
its Textual base classes define or set, and no module reads a private
attribute of another object.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHELL = [
    ROOT / "retrotui" / "app.py",
    *sorted((ROOT / "shell").glob("*.py")),
]
SHELL += sorted((ROOT / "screens").glob("*.py"))
SHELL += sorted((ROOT / "widgets").glob("*.py"))
_SET_ON_SELF = re.compile(r"\bself\.(_[A-Za-z]\w*)")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@cache
def _private_names_of(base: type) -> frozenset[str]:
    """Private names one Textual class defines, sets or reads on ``self``."""
    names = {name for name in vars(base) if _private(name)}
    with contextlib.suppress(OSError, TypeError):  # no source: a C type
        names.update(_SET_ON_SELF.findall(inspect.getsource(base)))
    return frozenset(names)


def _textual_private_names(cls: type) -> frozenset[str]:
    """Private names of ``cls``'s Textual bases."""
    return frozenset().union(
        *(
            _private_names_of(b)
            for b in cls.__mro__
            if b.__module__.startswith("textual")
        )
    )


def _own_names(node: ast.ClassDef) -> dict[str, int]:
    """Private names the class body defines, assigns or reads on ``self``."""
    found: dict[str, int] = {}
    for item in node.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            found.setdefault(item.name, item.lineno)
        elif isinstance(item, ast.Assign | ast.AnnAssign):
            targets = item.targets if isinstance(item, ast.Assign) else [item.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, item.lineno)
    for sub in ast.walk(node):
        if (
            isinstance(sub, ast.Attribute)
            and isinstance(sub.value, ast.Name)
            and sub.value.id == "self"
        ):
            found.setdefault(sub.attr, sub.lineno)
    return {name: line for name, line in found.items() if _private(name)}


def _clashes(path: Path) -> list[str]:
    module = importlib.import_module(_module_name(path))
    tree = ast.parse(path.read_text(), str(path))
    problems: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(module, node.name, None)
        if not isinstance(cls, type):
            continue
        textual = _textual_private_names(cls)
        for name, line in _own_names(node).items():
            if name in textual:
                problems.append(f"{path.name}:{line} {node.name}.{name}")
    return problems


def _foreign_private_reads(path: Path) -> list[str]:
    """``x._name`` where ``x`` is not ``self``/``cls``: another object's privates."""
    tree = ast.parse(path.read_text(), str(path))
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not _private(node.attr):
            continue
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
            continue
        problems.append(f"{path.name}:{node.lineno} .{node.attr}")
    return problems


@pytest.mark.parametrize("path", SHELL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_private_textual_name_is_used_or_overridden(path: Path) -> None:
    assert _clashes(path) == []
    assert _foreign_private_reads(path) == []


def test_the_check_finds_an_accidental_override(tmp_path: Path) -> None:
    # The check itself must be able to fail: App._flush and Input's blink state.
    from textual.app import App
    from textual.widgets import Input

    source = (
        "class A:\n"
        "    def _flush(self):\n"
        "        pass\n"
        "    def mine(self, widget):\n"
        "        self._cursor_visible = True\n"
        "        widget._cursor_visible = True\n"
    )
    tree = ast.parse(source)
    names = _own_names(next(n for n in tree.body if isinstance(n, ast.ClassDef)))
    assert "_flush" in _textual_private_names(App)
    assert "_cursor_visible" in _textual_private_names(Input)
    assert {"_flush", "_cursor_visible"} <= set(names)
    sample = tmp_path / "sample.py"
    sample.write_text(source)
    assert _foreign_private_reads(sample) == ["sample.py:6 ._cursor_visible"]


def test_textual_is_pinned_to_the_tested_major_version() -> None:
    # Read as text: tomllib is not in Python 3.10, which retro supports.
    found = re.findall(r'"(textual[^"]*)"', (ROOT / "pyproject.toml").read_text())
    assert "textual>=8.2,<9" in found, found
