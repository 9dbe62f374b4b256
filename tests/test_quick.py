"""``retro quick``: the questionary flow, fed keys through a prompt_toolkit pipe."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

import retrotui.quick.flow
from retrotui.cli import main
from retrotui.cli.quick import CANCELLED, NO_TERMINAL, run_with
from retrotui.document.models import Kind, Milestone, Severity
from retrotui.quick.flow import (
    LineAsker,
    QuestionaryAsker,
    asker_for_terminal,
    run_quick,
)
from retrotui.quick.note import ActionDraft
from retrotui.storage.store import Store

ENTER = "\r"
UP = "\x1b[A"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_U = "\x15"  # clears a prefilled answer


def fake_smart(action: ActionDraft, as_of: datetime) -> list[str]:
    """Stands in for the SMART checker: vague verbs and a missing owner fail."""
    problems = []
    if action.text.lower().startswith("look into"):
        problems.append("Specific: 'look into' is not a concrete change")
    if not action.owner:
        problems.append("Owner: name one person or team")
    return problems


@pytest.fixture(autouse=True)
def _fake_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retrotui.quick.flow, "action_problems", fake_smart)


class Session:
    """One ``retro quick`` run with keys typed ahead into a pipe."""

    def __init__(self, db_path: Path, keys: str) -> None:
        self.db_path = db_path
        self.keys = keys
        self.said: list[str] = []

    def run(self) -> int:
        with create_pipe_input() as pipe:
            pipe.send_text(self.keys)
            asker = QuestionaryAsker(pipe, DummyOutput(), self.said.append)
            return run_with(argparse.Namespace(db=str(self.db_path)), asker)

    def notes(self) -> list:
        return Store(self.db_path).all() if self.db_path.exists() else []


@pytest.fixture
def session(db_path: Path) -> Iterator[type[Session]]:
    yield lambda keys: Session(db_path, keys)  # type: ignore[misc]


def answers(
    title: str = "Disk full on db-2",
    started: str = "",
    duration: str = "",
    impact: str = "",
    severity_keys: str = "",
    escalated: str = "",
    fix: str = "",
    labels: str = "",
    action: str = "",
) -> str:
    """Keys for the questions in order; empty means Enter (the default)."""
    return (
        f"{title}{ENTER}{started}{ENTER}{duration}{ENTER}{impact}{ENTER}"
        f"{severity_keys}{ENTER}{escalated or ENTER}{fix}{ENTER}{labels}{ENTER}"
        f"{action}"
    )


def test_title_then_enter_through_every_default_saves_the_note(session, capsys):
    run = session(answers() + ENTER)
    assert run.run() == 0
    [note] = run.notes()
    assert note.kind is Kind.minor
    assert note.title == "Disk full on db-2"
    assert note.severity is Severity.minor
    assert note.time_to_resolve == timedelta(minutes=15)
    assert note.actions == [] and note.escalated is False
    assert note.impact == note.resolution == ""
    assert f"Saved note {note.id}" in capsys.readouterr().out
    assert run.said == []


def test_every_answer_is_kept(session):
    keys = answers(
        started="2026-11-20 14:02",
        duration="resolved at 14:20",
        impact="writes failed for some users",
        severity_keys=DOWN + DOWN,
        fix="rotated the logs",
        labels="db, api, #disk",
    )
    run = session(keys + ENTER)
    assert run.run() == 0
    [note] = run.notes()
    assert note.severity is Severity.sev3
    assert note.milestone_time(Milestone.started).strftime("%F %H:%M") == (
        "2026-11-20 14:02"
    )
    assert note.time_to_resolve == timedelta(minutes=18)
    assert note.impact == "writes failed for some users"
    assert note.resolution == "rotated the logs"
    assert note.services == ["db", "api"] and note.tags == ["disk"]


def test_invalid_time_is_asked_again_with_the_reason(session):
    keys = answers(started="yesterday-ish" + ENTER + CTRL_U + "30m ago")
    run = session(keys + ENTER)
    assert run.run() == 0
    [note] = run.notes()
    started = note.milestone_time(Milestone.started)
    assert timedelta(minutes=29) < note.created - started < timedelta(minutes=32)


def test_a_refined_action_item_is_saved_as_refined(session):
    action = (
        f"look into disk usage{ENTER}{ENTER}{ENTER}"  # text, no owner, no due
        f"{UP}{ENTER}"  # "What now?": Refine it
        f"{CTRL_U}Alert at 80% disk on db hosts{ENTER}storage-team{ENTER}Friday{ENTER}"
    )
    run = session(answers(action=action) + ENTER)
    assert run.run() == 0
    [note] = run.notes()
    [item] = note.actions
    assert item.text == "Alert at 80% disk on db hosts"
    assert item.owner == "storage-team"
    assert item.due_text == "Friday" and item.due is not None
    assert "The action is not SMART yet:" in run.said
    assert "  - Owner: name one person or team" in run.said
    assert run.said[-1] == "The action is SMART."


def test_a_draft_item_is_kept_as_typed(session):
    action = f"look into disk usage{ENTER}{ENTER}{ENTER}{ENTER}"  # Keep (default)
    run = session(answers(action=action) + ENTER)
    assert run.run() == 0
    [note] = run.notes()
    [item] = note.actions
    assert (item.text, item.owner, item.due) == ("look into disk usage", "", None)


def test_a_dropped_action_is_not_saved(session):
    action = f"look into disk usage{ENTER}{ENTER}{ENTER}{DOWN}{ENTER}"
    run = session(answers(action=action) + ENTER)
    assert run.run() == 0
    [note] = run.notes()
    assert note.actions == []


def test_long_or_escalated_recommends_a_full_postmortem(session, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "retrotui.cli.open.open_in_tui",
        lambda db_path, pm_id: opened.append(pm_id) or 0,
    )
    run = session(answers(duration="45m", escalated="y") + ENTER + "y")
    assert run.run() == 0
    assert run.said == [
        "A full postmortem is recommended (escalated; lasted 45 min, over 30)."
    ]
    draft, note = sorted(run.notes(), key=lambda pm: pm.kind is Kind.minor)
    assert note.escalated and note.promoted_to == draft.id
    assert opened == [draft.id]


def test_declining_the_full_postmortem_still_saves_the_note(session):
    run = session(answers(duration="2h") + ENTER + "n")
    assert run.run() == 0
    [note] = run.notes()
    assert note.promoted_to == ""


@pytest.mark.parametrize(
    "keys", ["Disk full" + CTRL_C, "Disk full" + ENTER + ENTER + CTRL_C]
)
def test_ctrl_c_saves_nothing(session, capsys, keys):
    run = session(keys)
    assert run.run() == 130
    assert run.notes() == []
    assert capsys.readouterr().err == CANCELLED + "\n"


@pytest.mark.parametrize(
    "keys",
    [
        "Disk full" + ENTER + CTRL_D,  # at a text prompt
        "Disk full" + ENTER * 4 + CTRL_D,  # at the severity choice
        "Disk full" + ENTER * 5 + CTRL_D,  # at "Was it escalated?"
    ],
)
def test_ctrl_d_saves_nothing(session, capsys, keys):
    run = session(keys)
    assert run.run() == 1
    assert run.notes() == []
    assert capsys.readouterr().err == CANCELLED + "\n"


def test_without_a_terminal_it_points_to_retro_note(db_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Disk full\n"))
    assert main(["--db", str(db_path), "quick"]) == 2
    captured = capsys.readouterr()
    assert captured.err == NO_TERMINAL + "\n" and captured.out == ""
    assert not db_path.exists()


def test_a_dumb_terminal_gets_plain_lines():
    assert isinstance(asker_for_terminal({"TERM": "dumb"}), LineAsker)
    assert isinstance(asker_for_terminal({"TERM": "xterm-256color"}), QuestionaryAsker)


def test_plain_lines_ask_again_and_accept_defaults():
    # title twice, start twice, duration, impact, severity twice, escalated,
    # fix, services, action.
    typed = iter(
        ["", "Disk full", "soon-ish", "", "", "", "sev9", "SEV2", "", "", "", ""]
    )
    prompts: list[str] = []
    said: list[str] = []

    def read(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)

    result = run_quick(LineAsker(read, said.append), datetime.now().astimezone())
    answers = result.answers
    assert answers.title == "Disk full"
    assert answers.severity == "sev2"
    assert answers.duration == timedelta(minutes=15)
    assert said[0].startswith("  a note needs a title")
    assert "'soon-ish' is not a time" in said[1]
    assert said[2] == "  choose one of: minor, sev4, sev3, sev2, sev1"
    assert all("\x1b" not in prompt for prompt in prompts)


def test_owner_and_due_typed_in_the_action_are_offered(session):
    # Enter twice takes the owner and the date the line already names.
    action = (
        f"@mia add a lag alert > 30s on orders-db by Friday pls{ENTER}{ENTER}{ENTER}"
    )
    run = session(answers(action=action) + ENTER)
    assert run.run() == 0
    [note] = run.notes()
    [item] = note.actions
    assert (item.owner, item.due_text) == ("@mia", "Friday")
    assert item.due is not None and item.due.weekday() == 4


def test_an_offered_owner_can_be_replaced(session):
    action = (
        f"storage team: add a disk alert at 85% on es-data, EOW{ENTER}"
        f"{CTRL_U}Lena{ENTER}{ENTER}"
    )
    run = session(answers(action=action) + ENTER)
    assert run.run() == 0
    [item] = run.notes()[0].actions
    assert (item.owner, item.due_text) == ("Lena", "EOW")


def test_plain_lines_offer_the_typed_owner_as_the_default():
    said: list[str] = []
    replies = iter(["", ""])
    asker = LineAsker(lambda prompt: next(replies), said.append)
    owner = asker.text("Who owns it?", "@mia", prefill="@mia")
    assert owner == "@mia" and "  was: @mia" in said
