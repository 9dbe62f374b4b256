"""The project's own promises: CI runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = blocks[1].strip()
    assert "pytest" in test_command
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ci_lines[-1] == test_command


def test_readme_lists_every_command() -> None:
    from retrotui.cli.entry import build_parser

    readme = (ROOT / "README.md").read_text()
    parser = build_parser()
    names = next(a for a in parser._actions if a.dest == "command").choices
    for name in names:
        assert f"`retro {name}" in readme, f"README does not show retro {name}"


def test_the_app_has_one_stylesheet() -> None:
    # Styles live in retrotui/app.tcss only: a rule in a widget's DEFAULT_CSS
    # or a screen's CSS is one more place to look when something looks wrong.
    inline = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("retrotui", "screens", "widgets")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.match(r"\s*(DEFAULT_CSS|CSS)\s*[:=]", line)
    ]
    assert inline == []
    assert len(list((ROOT / "retrotui").rglob("*.tcss"))) == 1


def test_the_install_line_installs_and_starts_nothing() -> None:
    # A newcomer pasting the install line must not write into the default
    # database before choosing one.
    readme = (ROOT / "README.md").read_text()
    install = re.findall(r"```sh\n(.*?)\n```", readme, re.S)[0]
    assert "pip install" in install
    assert "retro" not in install.replace("retrotui", "")
