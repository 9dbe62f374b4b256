"""Insights: went well, went wrong, where we got lucky, what was confusing."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, ListItem, ListView, Static

from retrotui.document.models import Postmortem, Role
from retrotui.interview.script import (
    INSIGHT_TITLES,
    ROLE_PROMPTS,
    insight_questions,
    insight_titles,
)
from screens.base import PhaseScreen
from widgets.findings import FindingsPanel, field_index
from widgets.item_list import ItemList
from widgets.text_entry import EntryLine

LISTS = tuple(INSIGHT_TITLES)
# A retrospective's tab names, where they differ from an incident's.
_RETRO_SHORT = {"went_wrong": "Could improve", "confusing": "Puzzled us"}


def roles_present(pm: Postmortem) -> list[Role]:
    """The participants' roles, each once, in the order people were listed."""
    roles: list[Role] = []
    for person in pm.participants:
        if person.role not in roles:
            roles.append(person.role)
    return roles


def participant_names(pm: Postmortem) -> tuple[str, ...]:
    return tuple(p.name for p in pm.participants)


class InsightsScreen(PhaseScreen):
    """Four lists, one at a time, each with an open facilitator question."""

    PHASE = "insights"
    HELP = (
        "Collect what went well, what went wrong, where you got lucky and what "
        "was confusing. Each list shows one open, neutral question; ask another "
        "one, or ask each role in turn so quieter voices are heard.\n\n"
        "Type an answer and press **Enter**. Blameless-language findings appear "
        "under the input as you type; **ctrl+r** applies the suggested rewrite. "
        "In the list, **e** edits an entry, **d** deletes it, **1**-**4** switch lists."
    )

    BINDINGS = [
        Binding(
            "ctrl+l",
            "next_list",
            "List",
            id="insights.next_list",
            tooltip="Show the next of the four lists",
        ),
        Binding(
            "ctrl+t",
            "next_question",
            "Question",
            id="insights.question",
            tooltip="Show another open question for this list",
        ),
        Binding(
            "ctrl+g",
            "next_role",
            "Role",
            id="insights.role",
            tooltip="Ask the next participant role, so every voice is heard",
        ),
        Binding(
            "ctrl+r",
            "rewrite",
            "Rewrite",
            id="insights.rewrite",
            tooltip="Replace the flagged words with the suggested rewrite",
        ),
        Binding(
            "escape",
            "cancel_edit",
            "Cancel edit",
            id="insights.cancel",
            tooltip="Stop editing the entry and keep it as it was",
        ),
    ]

    def __init__(self, pm: Postmortem) -> None:
        super().__init__(pm)
        # A retrospective asks three lists (no "lucky"), under its own titles.
        self.titles = insight_titles(pm.kind.value)
        self.questions = insight_questions(pm.kind.value)
        self.lists = tuple(self.titles)
        # Back on the list an unsent answer was typed for.
        self.current = next(
            (
                key.rpartition("@")[2]
                for key in pm.unsent
                if key.startswith(self.unsent_key("insights-input@"))
                and key.rpartition("@")[2] in self.lists
            ),
            self.lists[0],
        )
        self.question_index = {key: 0 for key in self.lists}
        self.role_index: int | None = None
        self.editing: int | None = None
        # An entry to show first, when the review screen jumps to a finding.
        self._pending: int | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="insights-body"):
            yield Static(id="insights-tabs")
            yield Static(id="insights-question")
            yield InsightList(id="insights-list")
            yield EntryLine(
                placeholder="Type an answer, Enter to add",
                id="insights-input",
                compact=True,
            )
            yield FindingsPanel(id="insights-findings")

    def on_mount(self) -> None:
        self.query_one(FindingsPanel).names = participant_names(self.pm)
        jumped = self._pending is not None
        self._show_all()
        if not jumped:
            self.query_one("#insights-input", Input).focus()

    # -- drawing ----------------------------------------------------------

    def _show_all(self) -> None:
        self._show_tabs()
        self._show_question()
        self._show_entries(highlight=self._pending)
        if self._pending is not None:
            self._pending = None
            self.query_one("#insights-list", ListView).focus()

    def _show_tabs(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        for number, key in enumerate(self.lists, 1):
            if number > 1:
                line.append(" ")
            label = f"{number} {self._short(key)} ({len(getattr(self.pm, key))})"
            if key == self.current:
                line.append(f"[{label}]", style="bold reverse")
            else:
                line.append(f" {label} ", style="dim")
        self.query_one("#insights-tabs", Static).update(line)

    def _short(self, key: str) -> str:
        retro = self.pm.kind.value == "retro"
        return (_RETRO_SHORT if retro else {}).get(key, _SHORT[key])

    def _show_question(self) -> None:
        text = Text()
        text.append(f"{self.titles[self.current]}: ", style="bold")
        questions = self.questions[self.current]
        text.append(questions[self.question_index[self.current] % len(questions)])
        roles = roles_present(self.pm)
        if self.role_index is not None and roles:
            role = roles[self.role_index % len(roles)]
            text.append("\n")
            text.append(ROLE_PROMPTS[role.value], style="italic")
        self.query_one("#insights-question", Static).update(text)

    def _show_entries(self, highlight: int | None = None) -> None:
        view = self.query_one("#insights-list", ListView)
        view.clear()
        entries = getattr(self.pm, self.current)
        for entry in entries:
            view.append(ListItem(Label(Text("• " + entry))))
        if not entries:
            view.append(
                ListItem(Label(Text("(nothing yet)", style="dim")), disabled=True)
            )
        else:
            last = len(entries) - 1
            view.index = last if highlight is None else min(highlight, last)

    # -- editing ----------------------------------------------------------

    def _store(self, key: str, entries: list[str]) -> None:
        pm = self.pm.model_copy(deep=True)
        setattr(pm, key, entries)
        self.changed(pm)

    @on(Input.Changed, "#insights-input")
    def _lint(self, event: Input.Changed) -> None:
        self.query_one(FindingsPanel).text = event.value

    @on(Input.Submitted, "#insights-input")
    def _submit(self, event: Input.Submitted) -> None:
        answer = event.value.strip()
        entries = list(getattr(self.pm, self.current))
        if self.editing is not None:
            index = self.editing
            if answer:
                entries[index] = answer
            else:
                del entries[index]
            self.editing = None
            self._set_placeholder()
        elif answer:
            entries.append(answer)
            index = len(entries) - 1
        else:
            return
        event.input.value = ""
        self._store(self.current, entries)
        self._show_tabs()
        self._show_entries(highlight=index)

    def entry_key(self, box: Input) -> str | None:
        # A half-done edit of a saved answer is not kept: the answer stays as saved.
        return None if self.editing is not None else f"{box.id}@{self.current}"

    def _selected(self) -> int | None:
        view = self.query_one("#insights-list", ListView)
        entries = getattr(self.pm, self.current)
        if view.index is None or not entries or view.index >= len(entries):
            return None
        return view.index

    @on(ListView.Selected, "#insights-list")
    def _edit_selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        index = self._selected()
        if index is None:
            return
        self.editing = index
        box = self.query_one("#insights-input", Input)
        box.value = getattr(self.pm, self.current)[index]
        self._set_placeholder()
        box.focus()

    def action_delete(self) -> None:
        index = self._selected()
        if index is None:
            return
        entries = list(getattr(self.pm, self.current))
        del entries[index]
        self.editing = None
        self._store(self.current, entries)
        self._show_tabs()
        self._show_entries(highlight=index)

    def _set_placeholder(self) -> None:
        box = self.query_one("#insights-input", Input)
        box.placeholder = (
            f"Editing entry {self.editing + 1}: Enter saves, empty deletes, escape cancels"
            if self.editing is not None
            else "Type an answer, Enter to add"
        )

    def action_cancel_edit(self) -> None:
        self.editing = None
        self.query_one("#insights-input", Input).value = ""
        self._set_placeholder()

    def action_rewrite(self) -> None:
        self.query_one(FindingsPanel).apply_to(self.query_one("#insights-input", Input))

    # -- navigation -------------------------------------------------------

    def show_field(self, field: str) -> None:
        """Open the list and entry that ``field`` (``went_wrong[2]``) names."""
        name, index = field_index(field)
        if name not in self.lists:
            return
        self.current = name
        self._pending = index
        if self.is_mounted:
            self._show_all()

    def action_show_list(self, number: int) -> None:
        self.current = self.lists[(number - 1) % len(self.lists)]
        self.editing = None
        self._set_placeholder()
        self._show_all()

    def action_next_list(self) -> None:
        self.action_show_list(self.lists.index(self.current) + 2)

    def action_next_question(self) -> None:
        self.question_index[self.current] += 1
        self._show_question()

    def action_next_role(self) -> None:
        roles = roles_present(self.pm)
        if not roles:
            self.notify(
                "No participants yet: add them in Set the stage to ask each role.",
                severity="warning",
            )
            return
        self.role_index = 0 if self.role_index is None else self.role_index + 1
        self._show_question()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            # Otherwise escape keeps its app-wide meaning (home).
            return self.editing is not None
        return super().check_action(action, parameters)


class InsightList(ItemList):
    """The entries of one insight list; letters act on the highlighted entry."""

    BINDINGS = [
        Binding(
            "e",
            "screen.edit",
            "Edit",
            id="insights.edit",
            tooltip="Edit the highlighted entry",
        ),
        Binding(
            "d,delete",
            "screen.delete",
            "Delete",
            id="insights.delete",
            tooltip="Delete the highlighted entry",
        ),
        Binding(
            "1", "screen.show_list(1)", "Went well", show=False, id="insights.list1"
        ),
        Binding(
            "2", "screen.show_list(2)", "Went wrong", show=False, id="insights.list2"
        ),
        Binding("3", "screen.show_list(3)", "Lucky", show=False, id="insights.list3"),
        Binding(
            "4", "screen.show_list(4)", "Confusing", show=False, id="insights.list4"
        ),
    ]


_SHORT = {
    "went_well": "Went well",
    "went_wrong": "Went wrong",
    "lucky": "Lucky",
    "confusing": "Confusing",
}
