"""Contributing factors: several, not one root cause, each drilled with 5 whys."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, ListItem, ListView, Static

from retrotui.document.models import Factor, FactorCategory, FactorKind, Postmortem
from retrotui.reports.markdown import is_open_question
from screens.base import PhaseScreen
from screens.insights import participant_names
from widgets.findings import FindingsPanel, field_index
from widgets.item_list import ItemList
from widgets.text_entry import EntryLine
from widgets.why_chain import WhyChain

KIND_SHORT = {
    FactorKind.trigger: "trigger",
    FactorKind.enabling: "enabling",
    FactorKind.detection: "detection gap",
    FactorKind.response: "response gap",
}
CATEGORIES = list(FactorCategory)
KINDS = list(FactorKind)
NO_FACTORS = (
    "Add at least one contributing factor first: action items come after "
    "the factors they address (no solution rush)."
)


def factors_missing(pm: Postmortem) -> bool:
    """Action items wait for a factor, except a team retrospective's (it has none)."""
    return not pm.factors and pm.kind.value != "retro"


def factor_line(number: int, factor: Factor) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{number}. ", style="bold")
    count = len(factor.whys)
    line.append(f"{count} {'why' if count == 1 else 'whys'} ", style="dim")
    line.append(f"[{KIND_SHORT[factor.kind]}, {factor.category.value}] ", style="cyan")
    if is_open_question(factor.text):
        line.append("open question: ", style="yellow")
    line.append(factor.text)
    return line


def _cycle(values: list, current: object) -> object:
    return values[(values.index(current) + 1) % len(values)]


class FactorsScreen(PhaseScreen):
    """A list of factors, a form for a new one, and the why drill."""

    PHASE = "factors"
    HELP = (
        "List several contributing factors, not one root cause. Each is a "
        "trigger, an enabling condition, a detection gap or a response gap, in a "
        "category (people, process, technology, environment, external).\n\n"
        "Type a factor and press **Enter**; the line is ready for the next one. "
        "**Tab** goes to the 5-whys drill below, which asks why about the last "
        "answer until the chain reaches a system. A chain that ends at a "
        "person or a symptom has stopped too early. In the list: **c** category, "
        "**k** kind, **e** edit, **d** delete, **w** drill."
    )

    BINDINGS = [
        Binding(
            "ctrl+t",
            "new_factor",
            "New",
            id="factors.new",
            tooltip="Type a new contributing factor",
        ),
        Binding(
            "ctrl+r",
            "rewrite",
            "Rewrite",
            id="factors.rewrite",
            tooltip="Replace the flagged words with the suggested rewrite",
        ),
        Binding(
            "ctrl+l",
            "focus_list",
            "List",
            id="factors.list",
            tooltip="Move to the list of factors",
        ),
        Binding(
            "escape",
            "cancel_edit",
            "Cancel edit",
            id="factors.cancel",
            tooltip="Stop editing the factor and keep it as it was",
        ),
    ]

    def __init__(self, pm: Postmortem) -> None:
        super().__init__(pm)
        self.selected: int | None = 0 if pm.factors else None
        # Back on the factor an unsent "because" was typed for.
        for index, factor in enumerate(pm.factors):
            if self.unsent_key(f"why-input@{factor.id}") in pm.unsent:
                self.selected = index
        self.editing: int | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="factors-body"):
            yield Static(id="factors-heading")
            yield FactorList(id="factors-list")
            yield EntryLine(
                placeholder="A contributing factor, Enter to add",
                id="factors-input",
                compact=True,
            )
            yield FindingsPanel(id="factors-findings")
            yield WhyChain(id="factors-why")

    def on_mount(self) -> None:
        names = participant_names(self.pm)
        self.query_one(FindingsPanel).names = names
        self.query_one(WhyChain).names = names
        self._show_list()
        self._show_chain()
        self._set_placeholder()
        self.query_one("#factors-input", Input).focus()

    # -- drawing ----------------------------------------------------------

    def _show_list(self) -> None:
        heading = Text()
        heading.append(f"Contributing factors ({len(self.pm.factors)})", style="bold")
        if not self.pm.factors:
            heading.append("  at least one is needed before action items", style="dim")
        self.query_one("#factors-heading", Static).update(heading)
        view = self.query_one("#factors-list", ListView)
        view.clear()
        for number, factor in enumerate(self.pm.factors, 1):
            view.append(ListItem(Label(factor_line(number, factor))))
        view.display = bool(self.pm.factors)
        if self.selected is not None and self.pm.factors:
            view.index = min(self.selected, len(self.pm.factors) - 1)

    def _show_chain(self) -> None:
        chain = self.query_one(WhyChain)
        factor = self._factor()
        chain.factor = factor.text if factor else ""
        chain.whys = tuple(factor.whys) if factor else ()

    def _factor(self) -> Factor | None:
        if self.selected is None or not 0 <= self.selected < len(self.pm.factors):
            return None
        return self.pm.factors[self.selected]

    def show_field(self, field: str) -> None:
        """Select the factor that ``field`` (``factors[1].whys[0]``) names."""
        name, index = field_index(field)
        if name == "factors" and index is not None and index < len(self.pm.factors):
            self.selected = index
            if self.is_mounted:
                self._show_list()
                self._show_chain()

    # -- editing ----------------------------------------------------------

    def _update_factor(self, index: int, **changes: object) -> None:
        pm = self.pm.model_copy(deep=True)
        factor = pm.factors[index]
        for name, value in changes.items():
            setattr(factor, name, value)
        self.changed(pm)

    @on(Input.Changed, "#factors-input")
    def _lint(self, event: Input.Changed) -> None:
        self.query_one(FindingsPanel).text = event.value

    @on(Input.Submitted, "#factors-input")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.stop()
        if self.editing is not None:
            if text:
                self._update_factor(self.editing, text=text)
            self.selected = self.editing
            self.editing = None
            self._set_placeholder()
            event.input.value = ""
            self._show_list()
            self._show_chain()
            return
        if not text:
            return
        pm = self.pm.model_copy(deep=True)
        pm.factors = [*pm.factors, Factor(text=text)]
        self.changed(pm)
        self.selected = len(pm.factors) - 1
        event.input.value = ""
        self._show_list()
        self._show_chain()
        # The focus stays here: factors are listed several at a time (typed
        # from notes or pasted), and the next line is the next factor, not an
        # answer to "why?" about this one; Tab reaches the drill below.
        self._set_placeholder()

    @on(WhyChain.Changed)
    def _whys_changed(self, event: WhyChain.Changed) -> None:
        if self.selected is None:
            return
        self._update_factor(self.selected, whys=event.whys)
        self._show_list()

    @on(ListView.Highlighted, "#factors-list")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        index = event.list_view.index
        if index is not None and index != self.selected:
            self.selected = index
            self._show_chain()
            if self.editing is None:
                self._set_placeholder()

    @on(ListView.Selected, "#factors-list")
    def _selected_factor(self) -> None:
        self.action_drill()

    def action_drill(self) -> None:
        if self._factor() is not None:
            self.query_one("#why-input", Input).focus()

    def action_new_factor(self) -> None:
        self.editing = None
        self._set_placeholder()
        box = self.query_one("#factors-input", Input)
        box.value = ""
        box.focus()

    def action_focus_list(self) -> None:
        if self.pm.factors:
            self.query_one("#factors-list", ListView).focus()

    def action_edit(self) -> None:
        factor = self._factor()
        if factor is None:
            return
        self.editing = self.selected
        box = self.query_one("#factors-input", Input)
        box.value = factor.text
        self._set_placeholder()
        box.focus()

    def action_delete(self) -> None:
        factor = self._factor()
        if factor is None or self.selected is None:
            return
        pm = self.pm.model_copy(deep=True)
        del pm.factors[self.selected]
        # Action items keep pointing only at factors that still exist.
        for item in pm.actions:
            if factor.id in item.factor_ids:
                item.factor_ids = [f for f in item.factor_ids if f != factor.id]
        self.changed(pm)
        self.selected = min(self.selected, len(pm.factors) - 1) if pm.factors else None
        self.editing = None
        self._set_placeholder()
        self._show_list()
        self._show_chain()
        if not pm.factors:
            self.query_one("#factors-input", Input).focus()

    def action_cycle_category(self) -> None:
        factor = self._factor()
        if factor is not None and self.selected is not None:
            self._update_factor(
                self.selected, category=_cycle(CATEGORIES, factor.category)
            )
            self._show_list()

    def action_cycle_kind(self) -> None:
        factor = self._factor()
        if factor is not None and self.selected is not None:
            self._update_factor(self.selected, kind=_cycle(KINDS, factor.kind))
            self._show_list()

    def _set_placeholder(self) -> None:
        self.query_one("#factors-input", Input).placeholder = (
            f"Editing factor {self.editing + 1}: Enter saves, escape cancels"
            if self.editing is not None
            else f"Another factor, Enter adds · Tab: why? about {self.selected + 1}"
            if self.pm.factors and self.selected is not None
            else "A contributing factor, Enter to add"
        )

    def action_cancel_edit(self) -> None:
        self.editing = None
        self.query_one("#factors-input", Input).value = ""
        self._set_placeholder()

    def action_rewrite(self) -> None:
        self.query_one(FindingsPanel).apply_to(self.query_one("#factors-input", Input))

    def entry_key(self, box: Input) -> str | None:
        if box.id == "why-input":
            factor = self._factor()
            return f"{box.id}@{factor.id}" if factor else None
        # A half-done edit of a saved factor is not kept: it stays as saved.
        return None if self.editing is not None else box.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            # Otherwise escape keeps its app-wide meaning (home).
            return self.editing is not None
        return super().check_action(action, parameters)

    def leave_blocker(self, phase: str) -> str | None:
        if phase == "actions" and not self.pm.factors:
            return NO_FACTORS
        return None


class FactorList(ItemList):
    """The factors; letters act on the highlighted one."""

    BINDINGS = [
        Binding(
            "c",
            "screen.cycle_category",
            "Category",
            id="factors.category",
            tooltip="Next category: people, process, technology, environment, external",
        ),
        Binding(
            "k",
            "screen.cycle_kind",
            "Kind",
            id="factors.kind",
            tooltip="Next kind: trigger, enabling condition, detection gap, response gap",
        ),
        Binding(
            "w",
            "screen.drill",
            "Why?",
            id="factors.drill",
            tooltip="Drill into this factor with the 5 whys",
        ),
        Binding(
            "e",
            "screen.edit",
            "Edit",
            id="factors.edit",
            tooltip="Edit the highlighted factor",
        ),
        Binding(
            "d,delete",
            "screen.delete",
            "Delete",
            id="factors.delete",
            tooltip="Delete the highlighted factor",
        ),
    ]
