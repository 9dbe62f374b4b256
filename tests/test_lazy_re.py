"""Rules compiled on first use and kept between runs (retrotui.lazy_re), and the
lead-verb matcher that compiles only the verbs a text can start with."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from retrotui import lazy_re
from retrotui.checks.smart.rules import _RULES_PATH, _lead, _verbs


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A process that has kept nothing yet, with its cache under tmp_path."""
    monkeypatch.setattr(lazy_re, "_kept", {})
    monkeypatch.setattr(lazy_re, "_new", {})
    monkeypatch.setattr(lazy_re, "_cache_file", None)
    monkeypatch.setattr(lazy_re.atexit, "register", lambda function: function)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


SOURCES = [
    (r"(?P<who>@\w+)\s+(?:to|will)\b", re.IGNORECASE),
    (r"\b(?:should|could)(?:\s*n[o']?t)?\s+have\s+(\w+)", re.IGNORECASE),
    (r"^(?:by|due)\s*:?\s*", 0),
    (r"[<>≤≥]\s*\d+(?:\.\d+)?\s*(?:ms|s|%)", 0),
]
TEXTS = [
    "@mia will add the alert; @Bob to review",
    "We SHOULD have caught it. They couldn't have known",
    "by: Friday",
    "alert when lag > 30 s and p99 ≥ 1.5s or disk > 85%",
]


def _same(kept: re.Pattern[str], plain: re.Pattern[str]) -> None:
    assert kept.groups == plain.groups and kept.groupindex == plain.groupindex
    for text in TEXTS:
        assert [m.span() for m in kept.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
        assert kept.sub("_", text) == plain.sub("_", text)
        assert kept.findall(text) == plain.findall(text)


def test_lazy_pattern_compiles_on_first_use_and_matches_like_re() -> None:
    pattern = lazy_re.lazy(r"(\w+)@(\w+)", re.IGNORECASE)
    assert pattern._compiled is None
    plain = re.compile(r"(\w+)@(\w+)", re.IGNORECASE)
    text = "mail ann@ops or BOB@dba"
    assert pattern.search(text).span() == plain.search(text).span()
    assert pattern.match(text) is None and pattern.fullmatch("a@b") is not None
    assert pattern.findall(text) == plain.findall(text)
    assert pattern.sub(r"\2", text) == plain.sub(r"\2", text)
    assert pattern.split(text) == plain.split(text)
    assert pattern.pattern == plain.pattern


def test_kept_programs_match_exactly_what_re_compile_matches(fresh: Path) -> None:
    lazy_re.keep_between_runs()
    first = [lazy_re.compile_pattern(source, flags) for source, flags in SOURCES]
    lazy_re._save()
    saved = list(fresh.glob("retrotui/patterns-*.marshal"))
    assert len(saved) == 1
    # The next run loads them instead of compiling.
    lazy_re._kept.clear()
    lazy_re._new.clear()
    lazy_re._cache_file = None
    lazy_re.keep_between_runs()
    assert len(lazy_re._kept) == len(SOURCES)
    for (source, flags), made in zip(SOURCES, first, strict=True):
        kept = lazy_re.compile_pattern(source, flags)
        plain = re.compile(source, flags)
        _same(kept, plain)
        _same(made, plain)
    assert not lazy_re._new  # nothing new to write


def test_damaged_or_stale_cache_falls_back_to_compiling(fresh: Path) -> None:
    folder = fresh / "retrotui"
    folder.mkdir()
    lazy_re.keep_between_runs()
    assert lazy_re._cache_file is not None
    lazy_re._cache_file.write_bytes(b"\x00not a cache")
    lazy_re._kept.clear()
    lazy_re._cache_file = None
    lazy_re.keep_between_runs()  # damaged: loads nothing, raises nothing
    assert lazy_re._kept == {}
    source, flags = SOURCES[0]
    # A stale program for the pattern (another Python, say) is compiled anew.
    lazy_re._kept[(source, int(flags))] = (0, [1, 2, 3], 0, {}, (None,))
    _same(lazy_re.compile_pattern(source, flags), re.compile(source, flags))
    lazy_re._save()
    lazy_re._kept.clear()
    lazy_re._cache_file = None
    lazy_re.keep_between_runs()
    assert (source, int(flags)) in lazy_re._kept  # rewritten whole


def test_unwritable_cache_folder_is_only_slower(fresh: Path) -> None:
    (fresh / "retrotui").write_text("a file where the folder should be")
    lazy_re.keep_between_runs()
    pattern = lazy_re.compile_pattern(*SOURCES[2])
    lazy_re._save()  # no exception
    assert pattern.match("due: Friday") is not None


def test_without_keeping_nothing_is_written(fresh: Path) -> None:
    pattern = lazy_re.compile_pattern(*SOURCES[0])
    lazy_re._save()
    assert pattern.search("@mia will") is not None
    assert not (fresh / "retrotui").exists()


LISTS = (
    "vague_verbs",
    "concrete_verbs",
    "deliberations",
    "contact_verbs",
    "person_verbs",
    "definite_verbs",
)


@pytest.mark.parametrize("key", LISTS)
def test_lead_verbs_match_as_one_expression_of_all_verbs_did(key: str) -> None:
    verbs = json.loads(_RULES_PATH.read_text(encoding="utf-8"))[key]
    whole = re.compile(r"^" + _verbs(verbs), re.IGNORECASE)
    lead = _lead(verbs)
    texts = []
    for verb in verbs:
        for ending in ("", "s", "es", "ed", "ing", "d", "ly", "-in"):
            first, _, rest = verb.partition(" ")
            word = (first[:-1] if ending in ("ed", "ing") else first) + ending
            for tail in (f" {rest} the alert", " the alert", "", "-based x"):
                texts.append(word + tail)
                texts.append((word + tail).upper())
    texts += ["", "a", "x", "Set up the alert", "setup", "re-train staff"]
    for text in texts:
        got, want = lead.match(text), whole.match(text)
        assert (got and got.group()) == (want and want.group()), text
