"""Odd argument lists, thousands of them: never a traceback, exit 0, 1 or 2.

The vocabulary comes from the parser itself (every command, option and
choice), so a command added later is fuzzed too.  Commands run in-process
through ``retrotui.cli.main`` on a database in a temporary folder; the app's
event loop is not started (``run_app`` records instead), everything before it
runs as usual.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import random
from pathlib import Path

import pytest
from factories import incident

from retrotui.cli import main
from retrotui.cli.entry import build_parser
from retrotui.storage.store import Store

RUNS = 3000
SEED = 17
# The runs are split by their first word in parts that the test workers
# share: each part sees every run of its commands.
PARTS = 4

# Words that have broken command lines: empty, dashes, escapes, bytes that are
# not UTF-8, huge, numbers at the edges, dates that do not exist.  No absolute
# path and no "~": every path stays in the test's folder.
HOSTILE = [
    "",
    " ",
    "-",
    "--",
    "---",
    "=",
    "--db",
    "--db=",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b]52;c;aGk=\x07",
    "\x00",
    "\u202e",
    os.fsdecode(b"\xff"),
    os.fsdecode(b"bin\xff\xfe"),
    "x" * 5000,
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "nan",
    "2026-02-30",
    "25:61",
    "in -3 days",
    "yesterday",
    "sev9",
    "[bold]x[/]",
    "%s%n",
    "{}",
    "k7m2qx",
    "k7",
    "export.json",
    "bad.json",
    "folder",
    "missing/db.json",
    "out.md",
]


# Values that make sense somewhere, so most runs get past parsing.
PLAUSIBLE = {
    "ID": ["k7m2qx", "k7", "imp001", "nosuch"],
    "FILE": ["export.json", "bad.json", "-", "folder", "missing.json", "out.md"],
    "WHEN": ["14:30", "2026-11-20 14:02", "yesterday 9am", "in 2 weeks"],
    "TEXT": [
        "Disk full on db-2",
        "Add an alert at 80% disk use by 2027-01-15",
        "Bob forgot to renew the cert",
        "fix it",
    ],
}


def _plausible(action: argparse.Action) -> list[str]:
    if action.choices:
        return [str(choice) for choice in action.choices]
    key = str(action.metavar or action.dest).upper()
    for name, values in PLAUSIBLE.items():
        if name in key:
            return values
    if "due" in action.dest or "as_of" in action.dest:
        return PLAUSIBLE["WHEN"] + ["Friday", "2027-01-15"]
    if "duration" in action.dest:
        return ["20m", "1h30m", "-5m", "0"]
    return PLAUSIBLE["TEXT"] + ["alice,bob", "sev2", "db"]


def commands() -> dict[str, argparse.ArgumentParser]:
    """Every command's parser (argparse has no public way to list them)."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def base_words(rng: random.Random, parser: argparse.ArgumentParser) -> list[str]:
    """A command line that could well be right: positionals and some options."""
    words = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            words.append(rng.choice(_plausible(action)))
        elif rng.random() < 0.35:
            words.append(rng.choice(action.option_strings))
            if action.nargs != 0:
                words.append(rng.choice(_plausible(action)))
    return words


def argument_lists(count: int) -> list[list[str]]:
    rng = random.Random(SEED)
    parsers = commands()
    lists = []
    for _ in range(count):
        name = rng.choice([*parsers, "", "nosuchcommand"])
        parser = parsers.get(name)
        words = [name, *base_words(rng, parser)] if parser else [name] * bool(name)
        options = (
            [o for a in parser._actions for o in a.option_strings] if parser else []
        )
        if rng.random() < 0.3:
            words = [
                "--db",
                rng.choice(["db.json", "other.json", *HOSTILE[:14]]),
                *words,
            ]
        for _ in range(rng.choice([0, 1, 1, 2, 3])):  # drop, replace or insert
            where = rng.randrange(len(words) + 1)
            how = rng.random()
            if how < 0.25 and where < len(words):
                del words[where]
            elif how < 0.65 and where < len(words):
                words[where] = rng.choice(HOSTILE)
            else:
                words.insert(where, rng.choice(HOSTILE + options + ["--help"]))
        lists.append(words)
    return lists


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RETROTUI_DB", str(tmp_path / "db.json"))
    monkeypatch.setenv("TERM", "dumb")
    Store(tmp_path / "db.json").add(incident())
    (tmp_path / "export.json").write_text(incident("imp001").model_dump_json())
    (tmp_path / "bad.json").write_text('{"schema_version": true, "timeline": "abc"')
    (tmp_path / "folder").mkdir()
    launched: list[object] = []
    monkeypatch.setattr("retrotui.app.run_app", lambda app: launched.append(app) or 0)
    # main() builds its parser anew on every call, which was four fifths of
    # these runs; each command's parser is built once here and serves every
    # run of it (a parse leaves the parser as it was: nothing in a command
    # changes its defaults).
    monkeypatch.setattr(
        "retrotui.cli.entry.build_parser", functools.cache(build_parser)
    )
    return tmp_path


@pytest.mark.parametrize("part", range(PARTS))
def test_no_argument_list_gives_a_traceback_or_an_odd_exit_code(
    part: int,
    sandbox: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    failures = []
    ran = set()
    lists = argument_lists(RUNS)
    firsts = sorted({*commands(), *(words[0] if words else "" for words in lists)})
    mine = set(firsts[part::PARTS])
    for words in lists:
        if (words[0] if words else "") not in mine:
            continue
        stdin = io.TextIOWrapper(io.BytesIO(b"Bob forgot the cert\n"))
        monkeypatch.setattr("sys.stdin", stdin)
        try:
            code = main(words)
        except SystemExit as leaving:  # --help leaves through argparse
            code = leaving.code if isinstance(leaving.code, int) else 1
        out, err = capsys.readouterr()
        if code in (0, 1) and words[:1] != ["--db"]:
            ran.add(words[0] if words else "")
        if code not in (0, 1, 2) or "Traceback" in err or "unexpected error" in err:
            failures.append((words, code, err[-300:]))
    assert not failures, failures[:5]
    # Most lists are nearly right: every command got past its parser and ran
    # (quick refuses without a terminal, before anything else).
    assert (set(commands()) - {"quick"}) & mine <= ran
    # No file escaped the sandbox's folder by a relative name either.
    assert not (sandbox.parent / "db.json").exists()
