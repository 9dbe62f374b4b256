"""Inline blameless-language findings for one text field, rewrite one key away."""

from __future__ import annotations

import re
from functools import lru_cache

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from retrotui.checks.blameless import Finding, lint, rules
from widgets.refit import refit

# How many findings fit under a field at 80x24 before the rest are counted.
SHOWN = 2


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@lru_cache(maxsize=1)
def _sentence_rules() -> frozenset[str]:
    """Rules whose suggestion is the whole sentence rewritten, not advice."""
    return frozenset(rule.id for rule in rules() if rule.take != "static")


@lru_cache(maxsize=1)
def _fallbacks() -> dict[str, str]:
    return {rule.id: rule.fallback for rule in rules()}


def rewrite_kind(finding: Finding) -> str | None:
    """How the rewrite applies: "sentence", "drop" (a condescending word), or None."""
    if finding.rule in _sentence_rules() and finding.suggestion != _fallbacks().get(
        finding.rule
    ):
        return "sentence"
    if finding.category == "condescension" and " " not in finding.text.strip():
        return "drop"
    return None


def apply_rewrite(text: str, finding: Finding) -> str:
    """``text`` with the finding rewritten; unchanged when it needs own words.

    A sentence rewrite replaces the sentence the finding is in; a
    condescending word ("obviously") is dropped.
    """
    kind = rewrite_kind(finding)
    lines = text.split("\n")
    if kind is None or not 1 <= finding.line <= len(lines):
        return text
    line = lines[finding.line - 1]
    start, end = finding.col - 1, finding.end_col - 1
    if kind == "drop":
        before = line[:start]
        after = line[end:].lstrip(" ,")
        if not before.strip() or before.rstrip().endswith((".", "!", "?")):
            after = after[:1].upper() + after[1:]
        line = before + after
    else:
        sentence_start = 0
        for match in _SENTENCE_END.finditer(line, 0, start):
            sentence_start = match.end()
        while sentence_start < start and line[sentence_start] == " ":
            sentence_start += 1
        match = _SENTENCE_END.search(line, end)
        sentence_end = match.end() if match else len(line)
        line = line[:sentence_start] + finding.suggestion + line[sentence_end:]
    lines[finding.line - 1] = line
    return "\n".join(lines)


def field_index(field: str) -> tuple[str, int | None]:
    """``("went_wrong", 2)`` for ``went_wrong[2]``: a field's list and position."""
    match = re.match(r"(\w+)(?:\[(\d+)\])?", field)
    if match is None:
        return field, None
    index = match.group(2)
    return match.group(1), int(index) if index is not None else None


class FindingsPanel(Widget):
    """Lints ``text`` as it changes and lists what it finds.

    The screen owns the key that applies the rewrite (the focused input keeps
    every printable key) and calls :meth:`rewritten`.
    """

    # Repainted on a change, laid out only when its height changes (refit).
    text: reactive[str] = reactive("")
    names: reactive[tuple[str, ...]] = reactive(())

    def __init__(
        self,
        *,
        key_hint: str = "ctrl+r",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.key_hint = key_hint
        self.findings: list[Finding] = []

    class Updated(Message):
        """The findings changed (the screen may show or hide its rewrite key)."""

    def _refresh_findings(self) -> None:
        before = bool(self.findings)
        self.findings = lint(self.text, self.names) if self.text.strip() else []
        self.set_class(not self.findings, "-empty")
        if bool(self.findings) != before:
            self.post_message(self.Updated())
        refit(self)

    def watch_text(self) -> None:
        self._refresh_findings()

    def watch_names(self) -> None:
        self._refresh_findings()

    def rewritten(self) -> str | None:
        """The text with the first rewritable finding rewritten, else None."""
        for finding in self.findings:
            if rewrite_kind(finding) is not None:
                return apply_rewrite(self.text, finding)
        return None

    def apply_to(self, box: Input) -> None:
        """Put the rewritten text into ``box``, or say why there is none."""
        new = self.rewritten()
        if new is None:
            self.notify(self.no_rewrite_message())
            return
        box.value = new
        box.cursor_position = len(new)

    def no_rewrite_message(self) -> str:
        """What to tell someone who asked for a rewrite there is none for."""
        if self.findings:
            return "No automatic rewrite for this one: say it in your own words."
        return "No blameless-language findings to rewrite."

    def render(self) -> Text:
        out = Text()
        first = next((f for f in self.findings if rewrite_kind(f) is not None), None)
        for index, finding in enumerate(self.findings[:SHOWN]):
            if index:
                out.append("\n")
            out.append("⚑ ", style="yellow")
            out.append(finding.message)
            kind = rewrite_kind(finding)
            if kind == "sentence":
                out.append("  rewrite: ", style="dim")
                out.append(repr(finding.suggestion), style="italic")
            elif kind == "drop":
                out.append("  rewrite: drop the word", style="dim")
            elif finding.suggestion:
                out.append("  instead: ", style="dim")
                out.append(finding.suggestion, style="italic")
            if kind is not None and finding is first:
                out.append(f"  [{self.key_hint}]", style="bold")
        hidden = len(self.findings) - SHOWN
        if hidden > 0:
            out.append(f"\n  +{hidden} more", style="dim")
        return out
