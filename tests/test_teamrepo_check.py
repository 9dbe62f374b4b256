"""retro check: the CI gate over postmortem files in a repository."""

from __future__ import annotations

import json
from pathlib import Path

from retrotui.cli.entry import main
from retrotui.document.models import ActionItem, Postmortem
from retrotui.document.schema import Status
from retrotui.teamrepo.layout import json_bytes, markdown_bytes


def write_repo(
    root: Path, summary: str = "A config push raised the error rate."
) -> Path:
    pm = Postmortem(
        title="Checkout 502s",
        kind="minor",
        status=Status.published,
        summary=summary,
        actions=[
            ActionItem(
                text="Add an alert on 5xx rate over 2% for 5 minutes",
                owner="Team Checkout",
                due="2027-03-31",
                status="done",
            )
        ],
    )
    folder = root / "postmortems" / "2026"
    folder.mkdir(parents=True)
    path = folder / f"2026-11-20-checkout-502s-{pm.id}.json"
    path.write_bytes(json_bytes(pm))
    path.with_suffix(".md").write_bytes(markdown_bytes(pm))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_clean_repository_passes(capsys, tmp_path: Path) -> None:
    write_repo(tmp_path)
    assert run(capsys, str(tmp_path)) == (0, "", "")


def test_a_blaming_sentence_in_json_fails_naming_file_and_line(
    capsys, tmp_path: Path
) -> None:
    path = write_repo(tmp_path, "Bob forgot to renew the certificate.")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 1
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if "forgot" in text
    )
    assert out.startswith(f"{path}:{line}: blameless/")
    assert "summary" in out and str(path.with_suffix(".md")) in out
    code, out, _ = run(capsys, "--format", "github", str(path))
    assert code == 1 and out.startswith(f"::error file={path},line={line}::blameless/")
    code, out, _ = run(capsys, "--json", str(path))
    assert code == 1 and json.loads(out)[0]["file"] == str(path)


def test_a_blaming_sentence_added_to_markdown_fails(capsys, tmp_path: Path) -> None:
    md = write_repo(tmp_path).with_suffix(".md")
    md.write_text(md.read_text() + "\nThe on-call engineer ignored the alert.\n")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 1 and str(md) in out and "ignored" in out


def test_an_open_item_that_is_not_smart_and_a_damaged_file(
    capsys, tmp_path: Path
) -> None:
    path = write_repo(tmp_path)
    doc = json.loads(path.read_text())
    doc["actions"][0].update(
        status="open", text="Improve monitoring", owner="", due=None
    )
    path.write_text(json.dumps(doc, indent=2))
    broken = path.parent / "2026-11-21-broken-abc123.json"
    broken.write_text('{"title": ')
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 1
    assert f"{path}:" in out and ": smart: " in out
    assert f"{broken}:1: invalid: " in out


def test_a_missing_path_is_a_usage_error(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err
