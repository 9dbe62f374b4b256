"""Quick mode: a minor incident recorded in about a minute, one question at a time.

The flow only talks to an ``Asker``, so tests drive it through prompt_toolkit
pipe input and a dumb terminal gets plain numbered lines instead of cursor
movement.  Ctrl-C surfaces as KeyboardInterrupt and Ctrl-D as EOFError from
any question; the caller decides what that means (nothing is saved here).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from retrotui.document.text import clean_line
from retrotui.errors import UsageError
from retrotui.interview.script import QUICK_QUESTIONS
from retrotui.quick.note import (
    ActionDraft,
    NoteAnswers,
    action_problems,
    clean_title,
    parse_end,
    parse_started,
    split_labels,
)

# A validator returns None when the answer is fine, else what is wrong with it.
Check = Callable[[str], "str | None"]
Choice = tuple[str, str]  # (value, label)

DEFAULT_DURATION = "15m"
# Most to least common for a minor incident; the model's enum is the authority.
SEVERITY_CHOICES: tuple[Choice, ...] = (
    ("minor", "minor"),
    ("sev4", "sev4  (low)"),
    ("sev3", "sev3"),
    ("sev2", "sev2  (major)"),
    ("sev1", "sev1  (critical)"),
)
REFINE, KEEP, DROP = "refine", "keep", "drop"


class Asker(Protocol):
    def text(
        self,
        message: str,
        default: str = "",
        check: Check | None = None,
        hint: str | None = None,
        prefill: str = "",
    ) -> str: ...

    def select(self, message: str, choices: Sequence[Choice], default: str) -> str: ...

    def confirm(self, message: str, default: bool = False) -> bool: ...

    def say(self, line: str) -> None: ...


@dataclass
class QuickResult:
    answers: NoteAnswers
    open_full: bool


def _hint(default: str, hint: str | None) -> str:
    if hint is not None:
        return hint
    return f"Enter = {default}" if default else "Enter to skip"


class QuestionaryAsker:
    """Inline questionary prompts; ``input``/``output`` let tests feed keys."""

    def __init__(
        self,
        input: Any = None,
        output: Any = None,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        self.io = {"input": input, "output": output}
        self.echo = echo or (lambda line: print(line, flush=True))

    def text(
        self,
        message: str,
        default: str = "",
        check: Check | None = None,
        hint: str | None = None,
        prefill: str = "",
    ) -> str:
        import questionary
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
        from prompt_toolkit.styles import Style

        def validate(value: str) -> bool | str:
            if check is None:
                return True
            return check(value.strip() or default) or True

        shown = [("class:placeholder", _hint(default, hint))]

        def placeholder() -> list[tuple[str, str]]:
            # Gone once answered: a skipped question leaves a blank, not the hint.
            return [] if question.application.is_done else shown

        question = questionary.text(
            message,
            default=prefill,
            validate=validate,
            placeholder=placeholder,
            style=Style([("placeholder", "fg:ansibrightblack italic")]),
            **self.io,
        )
        bindings = KeyBindings()

        # Enter on an empty answer writes the default in, so the screen shows
        # what was recorded ("now", "15m") rather than a blank.
        @bindings.add("enter", eager=True)
        def _accept(event: Any) -> None:
            buffer = event.current_buffer
            if not buffer.text.strip() and default:
                buffer.text = default
                buffer.cursor_position = len(default)
            buffer.validate_and_handle()

        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings, bindings])
        return question.unsafe_ask().strip() or default

    def select(self, message: str, choices: Sequence[Choice], default: str) -> str:
        import questionary

        options = [questionary.Choice(label, value=value) for value, label in choices]
        question = questionary.select(
            message,
            choices=options,
            default=next(c for c in options if c.value == default),
            instruction="(arrows, Enter)",
            pointer=">",
            **self.io,
        )
        return _with_eof_key(question).unsafe_ask()

    def confirm(self, message: str, default: bool = False) -> bool:
        import questionary

        question = questionary.confirm(message, default=default, **self.io)
        return _with_eof_key(question).unsafe_ask()

    def say(self, line: str) -> None:
        self.echo(line)


def _with_eof_key(question: Any) -> Any:
    """Make Ctrl-D end a select or confirm like it ends a text prompt."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])
    return question


class LineAsker:
    """Plain ``input()`` lines for terminals that cannot move the cursor."""

    def __init__(
        self,
        read: Callable[[str], str] = input,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        self.read = read
        self.echo = echo or (lambda line: print(line, flush=True))

    def text(
        self,
        message: str,
        default: str = "",
        check: Check | None = None,
        hint: str | None = None,
        prefill: str = "",
    ) -> str:
        if prefill:
            self.echo(f"  was: {prefill}")
        while True:
            shown = _hint(default, hint)
            prompt = f"{message} ({shown}) " if shown else f"{message} "
            try:
                answer = self.read(prompt).strip() or default
            except (KeyboardInterrupt, EOFError):
                # The cursor is still after the prompt; end that line first.
                self.echo("")
                raise
            problem = check(answer) if check else None
            if problem is None:
                return answer
            self.echo(f"  {problem}")

    def select(self, message: str, choices: Sequence[Choice], default: str) -> str:
        values = [value for value, _ in choices]
        listed = ", ".join(values)

        def check(answer: str) -> str | None:
            return None if answer.lower() in values else f"choose one of: {listed}"

        return self.text(f"{message} ({listed})", default, check).lower()

    def confirm(self, message: str, default: bool = False) -> bool:
        def check(answer: str) -> str | None:
            return (
                None if answer.lower() in ("y", "yes", "n", "no") else "answer y or n"
            )

        hint = "Y/n" if default else "y/N"
        answer = self.text(message, "y" if default else "n", check, hint)
        return answer.lower().startswith("y")

    def say(self, line: str) -> None:
        self.echo(line)


def asker_for_terminal(environ: dict[str, str] | None = None) -> Asker:
    """Questionary prompts, or plain lines when ``TERM`` is dumb."""
    term = (os.environ if environ is None else environ).get("TERM", "")
    if term.lower() in ("", "dumb", "unknown"):
        return LineAsker()
    return QuestionaryAsker()


def _checker(parse: Callable[[str], object], examples: str = "") -> Check:
    """A validator from a parser; the reason is kept short to fit 80 columns."""

    def check(value: str) -> str | None:
        try:
            parse(value)
        except UsageError as error:
            reason = str(error).split("; ")[0]
            return f"{reason}; try {examples}" if examples else reason
        return None

    return check


def run_quick(ask: Asker, now: datetime) -> QuickResult:
    """Ask the quick-mode questions; the answers, nothing saved yet."""
    q = QUICK_QUESTIONS
    title = clean_title(ask.text(q["title"], check=_checker(clean_title), hint=""))
    started_text = ask.text(
        q["started"],
        "now",
        _checker(lambda v: parse_started(v, now), "14:02, 30m ago or now"),
        hint="Enter = now; or 14:02, 30m ago, ISO",
    )
    started = parse_started(started_text, now)
    end_text = ask.text(
        q["duration"],
        DEFAULT_DURATION,
        _checker(lambda v: parse_end(v, started, now), "15m, 1h30m or 14:30"),
        hint=f"Enter = {DEFAULT_DURATION}; or 1h, 14:30",
    )
    answers = NoteAnswers(
        title=title, started=started, resolved=parse_end(end_text, started, now)
    )
    answers.impact = ask.text(q["impact"])
    answers.severity = ask.select(q["severity"], SEVERITY_CHOICES, "minor")
    answers.escalated = ask.confirm("Was it escalated?", default=False)
    answers.fix = ask.text(q["fix"])
    answers.services, answers.tags = split_labels(
        ask.text(q["services"], hint="Enter to skip; #word = tag")
    )
    answers.action = _ask_action(ask, now)
    reasons = answers.recommend_full()
    open_full = False
    if reasons:
        ask.say(f"A full postmortem is recommended ({'; '.join(reasons)}).")
        open_full = ask.confirm("Open a full postmortem now?", default=False)
    return QuickResult(answers, open_full)


def _ask_action(ask: Asker, now: datetime) -> ActionDraft | None:
    text = clean_line(ask.text(QUICK_QUESTIONS["action"]))
    if not text:
        return None
    from retrotui.checks.smart import typed_fields

    # What the line already says is offered, editable, so nobody types it twice.
    typed = typed_fields(text, now.date())
    action = ActionDraft(
        text,
        clean_line(
            ask.text(
                "Who owns it? (one person or a named team)",
                typed.owner,
                prefill=typed.owner,
            )
        ),
        clean_line(
            ask.text(
                "Due when?",
                typed.due,
                hint=None if typed.due else "Enter to skip; Friday, in 2 weeks",
                prefill=typed.due,
            )
        ),
    )
    while True:
        problems = action_problems(action, now)
        if not problems:
            ask.say("The action is SMART.")
            return action
        ask.say("The action is not SMART yet:")
        for line in problems:
            ask.say(f"  - {line}")
        choice = ask.select(
            "What now?",
            (
                (REFINE, "Refine it"),
                (KEEP, "Keep it as a draft item"),
                (DROP, "Drop it"),
            ),
            KEEP,
        )
        if choice == DROP:
            return None
        if choice == KEEP:
            return action
        action = ActionDraft(
            clean_line(
                ask.text("The action:", action.text, hint="", prefill=action.text)
            ),
            clean_line(
                ask.text("Who owns it?", action.owner, hint="", prefill=action.owner)
            ),
            clean_line(
                ask.text("Due when?", action.due_text, hint="", prefill=action.due_text)
            ),
        )
