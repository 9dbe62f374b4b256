"""list, show, export and import through the command line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from factories import incident
from factories import run_cli as run

from retrotui.reports.markdown import to_markdown
from retrotui.reports.md_text import escape_block, escape_inline
from retrotui.storage.store import Store


@pytest.fixture
def stored(db_path: Path) -> Path:
    Store(db_path).add(incident())
    return db_path


def test_round_trip_note_export_import_export_is_identical(
    capsys, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    code, out, _ = run(
        capsys,
        "--db",
        str(first),
        "note",
        "Disk full on db-2",
        "--duration",
        "20m",
        "--service",
        "db",
    )
    assert code == 0
    pm_id = out.strip()
    code, exported, _ = run(
        capsys, "--db", str(first), "export", pm_id, "--format", "json"
    )
    assert code == 0
    (tmp_path / "note.json").write_text(exported)
    code, out, _ = run(
        capsys, "--db", str(second), "import", str(tmp_path / "note.json")
    )
    assert (code, out.strip()) == (0, pm_id)
    code, again, _ = run(
        capsys, "--db", str(second), "export", pm_id, "--format", "json"
    )
    assert again == exported


def test_list_table_and_json(capsys, stored: Path) -> None:
    code, out, _ = run(capsys, "--db", str(stored), "list")
    assert code == 0 and "k7m2qx" in out and "Checkout down during promotion" in out
    code, out, _ = run(capsys, "--db", str(stored), "list", "--json")
    rows = json.loads(out)
    assert code == 0
    assert {"id", "title", "kind", "status", "severity", "created"} <= rows[0].keys()
    assert rows[0]["id"] == "k7m2qx" and rows[0]["severity"] == "sev2"


def test_list_on_a_new_database_says_how_to_start(capsys, db_path: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "list")
    assert code == 0 and "retro new" in out


def test_show_renders_the_report(capsys, stored: Path) -> None:
    code, out, _ = run(capsys, "--db", str(stored), "show", "k7m")
    assert code == 0 and out.startswith("# Checkout down during promotion")


def test_show_unknown_id_is_one_line_exit_1(capsys, stored: Path) -> None:
    code, out, err = run(capsys, "--db", str(stored), "show", "zzzzzz")
    assert code == 1 and out == ""
    assert err.strip() == f"retro: no postmortem with id 'zzzzzz' in {stored}"


def test_markdown_follows_the_sre_template_order(stored: Path) -> None:
    md = to_markdown(Store(stored).get("k7m2qx"))
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Summary",
        "## Impact",
        "## Contributing factors",
        "## Trigger",
        "## Detection",
        "## Resolution",
        "## Action items",
        "## Lessons learned",
        "## Timeline",
        "## Participants",
    ]
    # Takeaways lead the lessons, where a write-up's "Lessons Learned" are.
    lessons = md[md.index("## Lessons learned") : md.index("## Timeline")]
    subheadings = [line for line in lessons.splitlines() if line.startswith("### ")]
    assert subheadings[:2] == ["### Takeaways", "### What went well"]
    assert (
        "| Add an alert when database connections exceed 80% of max\\_connections | detect | P1 | Team Data | 2026-12-18 | open | F1 |"
        in md
    )
    assert "- Time to detect: 5m" in md and "- Time to resolve: 47m" in md
    assert "**detected**" in md
    assert "### Where we got lucky" in md


def test_people_are_named_only_with_consent(stored: Path) -> None:
    md = to_markdown(Store(stored).get("k7m2qx"))
    # Everyone counted, by role; only those who agreed named.
    assert "\n- 2 responders (Maria Lopez named with consent)\n" in md
    assert "\n- 1 facilitator (Lee Chen named with consent)\n" in md
    assert "Sam Okafor" not in md


def test_markdown_in_user_text_is_escaped() -> None:
    assert (
        escape_inline("**bold** [link](x) <b>|")
        == "\\*\\*bold\\*\\* \\[link\\](x) \\<b\\>\\|"
    )
    # Each line stays a line (a hard break), none opens a block.
    assert (
        escape_block("# not a heading\n- not a list")
        == "\\# not a heading\\\n\\- not a list"
    )
    pm = incident()
    pm.title = "[bold]x[/] | *y*"
    assert to_markdown(pm).startswith("# \\[bold\\]x\\[/\\] \\| \\*y\\*\n")


def test_export_markdown_to_a_file(capsys, stored: Path, tmp_path: Path) -> None:
    target = tmp_path / "pm.md"
    code, out, err = run(
        capsys,
        "--db",
        str(stored),
        "export",
        "k7m2qx",
        "--format",
        "md",
        "-o",
        str(target),
    )
    assert code == 0 and out == "" and str(target) in err
    assert target.read_text().startswith("# Checkout down")


def test_import_never_overwrites_silently(
    capsys, stored: Path, tmp_path: Path, monkeypatch
) -> None:
    doc = incident(title="Changed elsewhere").model_dump(mode="json")
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps([doc]).encode()))
    )
    code, _, err = run(capsys, "--db", str(stored), "import", "-")
    assert code == 1 and "k7m2qx" in err and "--replace" in err
    assert Store(stored).get("k7m2qx").title == "Checkout down during promotion"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "--db", str(stored), "import", str(source), "--replace")
    assert code == 0 and Store(stored).get("k7m2qx").title == "Changed elsewhere"


@pytest.mark.parametrize(
    "content,message",
    [
        ("{oops", "not valid JSON"),
        ('[{"title": ""}]', "item 1: title: must not be empty"),
        ("[1]", "item 1 is not a postmortem object"),
    ],
)
def test_import_bad_files_are_one_clear_line(
    capsys, db_path: Path, tmp_path: Path, content: str, message: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(content)
    code, _, err = run(capsys, "--db", str(db_path), "import", str(source))
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(capsys, db_path: Path) -> None:
    code, _, err = run(
        capsys, "--db", str(db_path), "export", "k7m2qx", "--format", "pdf"
    )
    assert code == 2 and "invalid choice" in err
    code, _, err = run(
        capsys, "--db", str(db_path), "import", str(db_path.parent / "missing.json")
    )
    assert code == 2 and "cannot read" in err


def test_every_command_has_help_with_an_example(capsys) -> None:
    from retrotui.cli.entry import COMMANDS, build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    assert len(subparsers) == len(COMMANDS)
    for name, sub in subparsers.items():
        assert "retro " in (sub.epilog or ""), f"retro {name} --help has no example"
