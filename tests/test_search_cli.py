"""``retro search`` through the real entry point on a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrotui.document.ids import doc_id_for
from retrotui.document.models import ActionItem, Factor, Postmortem, TimelineEvent
from retrotui.storage.store import Store
from tests.factories import T0, incident
from tests.factories import run_cli as run

# OSC 52 (clipboard write), clear screen, OSC 0 (window title), colours, an
# 8-bit CSI and a BEL.
HOSTILE = (
    "\x1b]52;c;cm0gLXJmIC8=\x07\x1b[2J\x1b]0;PWNED\x07"
    "\x1b[31mred\x1b[0m \x9b2J\x07title"
)
TERMINAL_CONTROL = ("\x1b", "\x07", "\x9b", "\x9d")


@pytest.fixture
def store(db_path: Path) -> Store:
    store = Store(db_path)
    store.add(incident("k7m2qx"))
    store.add(
        Postmortem(
            id="dns4aa",
            title="CoreDNS upgrade broke name resolution",
            services=["coredns", "kubernetes"],
            timeline=[
                TimelineEvent(at=T0, text="Pods could not resolve kafka brokers")
            ],
            went_wrong=["The canary cluster had no DNS-heavy workloads"],
            factors=[Factor(text="The upgrade changed the default cache plugin")],
            actions=[
                ActionItem(text="Pin the CoreDNS version in the cluster template")
            ],
        )
    )
    store.add(Postmortem(id="note55", kind="minor", title="Disk full on db-2"))
    return store


@pytest.mark.parametrize(
    ("query", "expected", "field"),
    [
        ("conection pool", "k7m2qx", "factors"),  # a typo, in a factor
        ("corends upgrde", "dns4aa", "title"),  # two typos, in the title
        ("resolve kafak", "dns4aa", "timeline"),  # a swapped pair of letters
        ("canary clustr", "dns4aa", "went_wrong"),  # an insight
        ("pin the version", "dns4aa", "actions"),  # an action item
        ("disk ful", "note55", "title"),  # a quick note
    ],
)
def test_finds_any_field_with_a_typo(
    capsys: pytest.CaptureFixture[str],
    store: Store,
    query: str,
    expected: str,
    field: str,
) -> None:
    code, out, _ = run(capsys, "--db", str(store.path), "search", query, "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["id"] == expected
    assert hits[0]["field"] == field
    assert set(hits[0]) == {"id", "title", "score", "field", "snippet"}
    assert 0 < hits[0]["score"] <= 100


def test_text_output_shows_the_snippet_within_80_columns(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, out, _ = run(capsys, "--db", str(store.path), "search", "kafak")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("dns4aa")
    assert lines[1].split() == [
        "timeline:",
        "Pods",
        "could",
        "not",
        "resolve",
        "kafka",
        "brokers",
    ]
    assert all(len(line) <= 80 for line in lines)


def test_words_need_no_quotes_and_a_title_hit_is_one_line(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, out, _ = run(capsys, "--db", str(store.path), "search", "corends", "upgrade")
    assert code == 0
    assert out.splitlines()[0].startswith("dns4aa")
    assert "CoreDNS upgrade broke name resolution" in out
    assert "title:" not in out


def test_no_match_says_so_in_one_line_and_exits_1(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, out, err = run(capsys, "--db", str(store.path), "search", "zebra")
    assert (code, out) == (1, "")
    assert err == "retro search: nothing matches 'zebra'\n"
    code, out, _ = run(capsys, "--db", str(store.path), "search", "zebra", "--json")
    assert (code, json.loads(out)) == (1, [])


def test_numbers_must_match_exactly(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    store.add(Postmortem(id="http50", title="All services returning 503"))
    code, out, _ = run(capsys, "--db", str(store.path), "search", "502", "--json")
    assert code == 1


def test_an_empty_query_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, _, err = run(capsys, "--db", str(store.path), "search", " ... ")
    assert code == 2
    assert "no words" in err


def test_escape_sequences_in_stored_text_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    # A database file written by something other than retro (a hand edit, a copy).
    doc = incident("esc001").model_dump(mode="json")
    doc["title"] = HOSTILE
    doc["summary"] = f"The promotion {HOSTILE} text"
    doc["timeline"][0]["text"] = f"{HOSTILE} promotion started"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text(json.dumps({"postmortems": {"1": doc}}))
    for argv in (["search", "promotion"], ["search", "red title", "--json"]):
        code, out, err = run(capsys, "--db", str(db_path), *argv)
        assert code == 0
        assert not any(control in out + err for control in TERMINAL_CONTROL)
        assert "red title" in out


def test_a_damaged_document_is_named_and_the_rest_searched(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    store.layout.doc_file(str(doc_id_for("note55"))).write_text("{not json")
    code, out, err = run(capsys, "--db", str(store.path), "search", "promotion")
    assert code == 0
    assert out.startswith("k7m2qx")
    assert "skipped" in err
