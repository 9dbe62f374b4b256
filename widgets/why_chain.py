"""The "5 whys" drill: keeps asking why about the last answer, shows the chain."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from retrotui.checks.blameless import lint
from retrotui.interview.script import WHY_DEPTH, WHY_PROMPT
from widgets.text_entry import EntryLine

# A chain that stops at one of these has described what broke, not why.
_SYMPTOM = re.compile(
    r"\b(errors?|fail(ed|ing|ure)?s?|down|crash(ed|es)?|time[sd]? ?out|timeouts?|"
    r"outage|unavailable|5\d\d|slow|refused|broke(n)?|stopped)\b",
    re.IGNORECASE,
)
# Words that start a sentence with a capital and go on in lower case after
# "because"; anything else (a name, a product) keeps its capital.
_LOWER_FIRST = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "there",
        "it",
        "its",
        "we",
        "our",
        "they",
        "their",
        "no",
        "nobody",
        "every",
        "each",
        "all",
        "some",
        "one",
        "two",
        "several",
        "many",
        "most",
        "our",
        "when",
        "while",
        "because",
        "after",
        "before",
        "during",
        "since",
        "until",
        "if",
        "only",
        "not",
        "nothing",
    ]
)
# ... and one that stops at one of these has stopped at a person.
_PERSON = re.compile(
    r"\b(someone|somebody|nobody|he|she|him|her|engineer|operator|developer|"
    r"admin|on-?call(er)?|human|mistake|forgot|careless|didn'?t notice)\b",
    re.IGNORECASE,
)


def names_someone(text: str, names: Iterable[str]) -> bool:
    """Whether ``text`` names one of ``names`` as a word: "Maria" in any case,
    initials ("AN", "WC") only in capitals, so the article "an" is nobody."""
    for name in names:
        name = name.strip()
        if not name:
            continue
        initials = len(name) <= 3 and name.isupper()
        flags = 0 if initials else re.IGNORECASE
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags):
            return True
    return False


def after_because(answer: str) -> str:
    """``answer`` as it reads after "because": "The pool ..." -> "the pool ...",
    but "SRE", "Postgres"-like names and "I" keep their capital."""
    first, _, rest = answer.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in _LOWER_FIRST:
        return first.lower() + (" " + rest if rest else "")
    return answer


def chain_nudge(
    factor: str, whys: Sequence[str], names: Iterable[str] = ()
) -> str | None:
    """Why the chain should go on, or None when it may reasonably stop here."""
    if len(whys) >= WHY_DEPTH:
        return None
    last = whys[-1] if whys else factor
    names = [name for name in names if name.strip()]
    if lint(last, names) or _PERSON.search(last) or names_someone(last, names):
        return (
            "This ends at a person: ask what in the system made that "
            "action reasonable at the time."
        )
    if _SYMPTOM.search(last):
        return "This still describes a symptom: ask why once more."
    if len(whys) < 3:
        return "Keep going: most chains need three or more whys to reach a system."
    return None


class WhyChain(Vertical):
    """Shows the chain for one factor and takes the next answer.

    ``factor`` and ``whys`` come down from the screen; each change goes back
    up as :class:`WhyChain.Changed`.
    """

    BINDINGS = [
        Binding(
            "ctrl+z",
            "take_back",
            "Take back why",
            id="why.take_back",
            tooltip="Remove the last answer and put it back in the input to edit",
        ),
    ]

    factor: reactive[str] = reactive("")
    whys: reactive[tuple[str, ...]] = reactive(())
    names: reactive[tuple[str, ...]] = reactive(())

    class Changed(Message):
        """The chain was extended or shortened."""

        def __init__(self, chain: WhyChain, whys: list[str]) -> None:
            super().__init__()
            self.chain = chain
            self.whys = whys

        @property
        def control(self) -> WhyChain:
            return self.chain

    def compose(self) -> ComposeResult:
        yield Static(id="why-chain")
        yield Static(id="why-ask")
        yield EntryLine(
            placeholder="Because... (Enter adds)",
            id="why-input",
            compact=True,
        )
        yield Static(id="why-nudge")

    def on_mount(self) -> None:
        self._show()

    def watch_factor(self) -> None:
        self._show()

    def watch_whys(self) -> None:
        self._show()

    def watch_names(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.is_mounted:
            return
        chain = Text()
        chain.append("Factor: ", style="bold")
        chain.append(self.factor or "(none selected)")
        for index, why in enumerate(self.whys, 1):
            chain.append(f"\n {index}. ", style="bold")
            chain.append("because ", style="dim")
            chain.append(after_because(why))
        self.query_one("#why-chain", Static).update(chain)
        full = len(self.whys) >= WHY_DEPTH
        last = self.whys[-1] if self.whys else self.factor
        ask = Text()
        if full:
            ask.append(f"{WHY_DEPTH} whys asked: the chain is complete.", style="bold")
        elif last:
            ask.append(f"Why {len(self.whys) + 1}/{WHY_DEPTH}: ", style="bold")
            ask.append(WHY_PROMPT)
            ask.append("  (about: ", style="dim")
            ask.append(_clip(last, 40), style="dim")
            ask.append(")", style="dim")
        self.query_one("#why-ask", Static).update(ask)
        box = self.query_one("#why-input", Input)
        box.disabled = full or not self.factor
        nudge = chain_nudge(self.factor, self.whys, self.names) if self.factor else None
        self.query_one("#why-nudge", Static).update(Text(nudge or ""))
        self.query_one("#why-nudge", Static).display = bool(nudge)

    @on(Input.Submitted, "#why-input")
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        answer = " ".join(event.value.split())
        if not answer or len(self.whys) >= WHY_DEPTH:
            return
        event.input.value = ""
        self.whys = (*self.whys, answer)
        self.post_message(self.Changed(self, list(self.whys)))

    def action_take_back(self) -> None:
        if not self.whys:
            self.notify("No answer to take back.", severity="warning")
            return
        last = self.whys[-1]
        self.whys = self.whys[:-1]
        box = self.query_one("#why-input", Input)
        box.value = last
        box.focus()
        self.post_message(self.Changed(self, list(self.whys)))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
