"""Action items: a handful, each SMART, each linked to a contributing factor."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, OptionList, Select, Static

from retrotui.checks.readiness import check_item, review_blockers
from retrotui.document.duedate import parse_due
from retrotui.document.models import ActionItem, ActionType, Postmortem, Priority
from retrotui.document.schema import MAX_LINE, MAX_TEXT
from retrotui.document.text import clip
from screens.actions_list import ActionList
from screens.base import PhaseScreen
from screens.factors import NO_FACTORS, factors_missing
from screens.insights import participant_names
from widgets.findings import FindingsPanel, field_index
from widgets.happened_before import HappenedBefore
from widgets.refit import show
from widgets.smart_panel import SmartPanel, due_reading
from widgets.text_entry import TextEntry
from widgets.toggle_list import ToggleList
from widgets.typed_fields import fill_typed_fields, join_steps, split_steps

# Past this many items the list stops being a plan people follow up on.
MAX_ITEMS = 5


def entry_row(
    label: str, entry_id: str, limit: int, placeholder: str, *after: Static
) -> Horizontal:
    """One line of the item's form: its label, the entry, what follows it."""
    return Horizontal(
        Label(label, classes="actions-label"),
        TextEntry(limit=limit, placeholder=placeholder, id=entry_id, compact=True),
        *after,
        classes="actions-row",
    )


class ActionsScreen(PhaseScreen):
    """The items in a list; the highlighted one in a form with a live SMART check."""

    PHASE = "actions"
    HELP = (
        "A handful of action items (3-5 is the norm), each SMART: a concrete "
        "change, measurable, achievable, linked to a contributing factor, with a "
        "due date and exactly one owner (a person or a named team).\n\n"
        "The SMART panel checks the item as you type and shows the date a due "
        "text resolves to ('end of Q1' -> 2027-03-31). Drafts always save; the "
        "postmortem cannot move to in review while an item fails its checks.\n\n"
        "The screen opens on a new item: type to add one. **ctrl+t** starts "
        "another; **ctrl+l** goes to the list, where **Enter** edits an item and "
        "**d** deletes it; **space** links or unlinks a factor."
    )

    BINDINGS = [
        Binding(
            "ctrl+t",
            "new_item",
            "New",
            id="actions.new",
            tooltip="Start a new action item",
        ),
        Binding(
            "ctrl+l",
            "focus_list",
            "List",
            id="actions.list",
            tooltip="Move to the list of action items",
        ),
        Binding(
            "ctrl+r",
            "rewrite",
            "Rewrite",
            id="actions.rewrite",
            tooltip="Replace the flagged words with the suggested rewrite",
        ),
        Binding(
            "ctrl+g",
            "to_factors",
            "Factors",
            id="actions.factors",
            tooltip="Go back to the contributing factors",
        ),
    ]

    def __init__(self, pm: Postmortem) -> None:
        super().__init__(pm)
        # Arriving, the form is for a new item: what is typed first adds an
        # item and cannot overwrite a saved one. Enter on a row edits it.
        self.selected: int | None = None
        # What the heading shows: text, no-factors note, form, factor list.
        self._heading_shown: tuple[Text, bool, bool, bool] | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="actions-body"):
            if self.pm.kind.value != "retro":  # a retrospective repeats no incident
                yield HappenedBefore(self.pm, id="happened-before")
            yield Static(id="actions-heading")
            yield Static(Text(NO_FACTORS), id="actions-no-factors")
            yield ActionList(id="actions-list", compact=True)
            yield Static(id="actions-form-title")
            yield entry_row("What", "action-text", MAX_TEXT, "A concrete change")
            yield FindingsPanel(id="actions-findings")
            yield entry_row(
                "Owner", "action-owner", MAX_LINE, "one person or a named team"
            )
            due_hint = "2027-01-15, in 2 weeks, end of Q1"
            reads = Static(id="action-due-reads")
            yield entry_row("Due", "action-due", MAX_LINE, due_hint, reads)
            yield entry_row("Steps", "action-steps", MAX_TEXT, "a; b; c (optional)")
            with Horizontal(classes="actions-row"):
                yield Label("Type", classes="actions-label")
                yield Select(
                    [(t.value, t) for t in ActionType],
                    allow_blank=False,
                    value=ActionType.prevent,
                    id="action-type",
                    compact=True,
                )
                yield Label("Priority", id="action-priority-label")
                yield Select(
                    [(p.value, p) for p in Priority],
                    allow_blank=False,
                    value=Priority.p1,
                    id="action-priority",
                    compact=True,
                )
            yield Label("Linked factors (space toggles):", id="action-factors-label")
            yield ToggleList(id="action-factors")
            yield SmartPanel(id="action-smart", without_factors=self.retro)

    def on_mount(self) -> None:
        self.query_one(FindingsPanel).names = participant_names(self.pm)
        self.query_one(SmartPanel).as_of = self.today()
        self._show_list()
        self._load_form()
        # An item already chosen means the review screen sent the user to fix it.
        if self.pm.factors or self.selected is not None:
            self.query_one("#action-text", Input).focus()
        elif self.pm.actions:
            self.query_one(ActionList).focus()

    # -- drawing ----------------------------------------------------------

    def _show_heading(self) -> None:
        count = len(self.pm.actions)
        line = Text()
        line.append(f"Action items ({count})", style="bold")
        blocked = review_blockers(self.pm, self.today())
        if blocked:
            line.append(f"  {len(blocked)} problem(s) block review", style="red")
        elif count:
            line.append("  ready for review", style="green")
        if count > MAX_ITEMS:
            line.append(
                f"\n⚠ {count} items: keep the top 3-5 so they get done", style="yellow"
            )
        empty = factors_missing(self.pm)
        form = not empty or bool(self.pm.actions)
        shown = (line, empty, form, form and self.pm.kind.value != "retro")
        # Called on every key: a redraw of the same parts costs a relayout.
        if shown == self._heading_shown:
            return
        self._heading_shown = shown
        show(self.query_one("#actions-heading", Static), line)
        self.query_one("#actions-no-factors").display = empty
        widgets = ".actions-row, #actions-form-title, #action-smart, #actions-list"
        self.query(widgets).set(display=form)
        factors = "#action-factors-label, #action-factors"  # none in a retrospective
        self.query(factors).set(display=shown[3])

    def _item_line(self, number: int, item: ActionItem) -> Text:
        ok = check_item(self.pm, item, self.today()).ok and bool(item.owner)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("✓ " if ok else "✗ ", style="green" if ok else "red")
        line.append(f"{number}. ", style="bold")
        line.append(f"[{item.priority.value} {item.type.value}] ", style="cyan")
        line.append(item.text)
        line.append(f" · {item.owner or 'no owner'}", style="dim")
        line.append(
            f" · {item.due.isoformat() if item.due else 'no date'}", style="dim"
        )
        return line

    def _show_list(self) -> None:
        # One widget, however many items: a widget a row made every key's
        # layout cost what the list holds (100 items: 1.5x a key).
        self._show_heading()
        view = self.query_one(ActionList)
        rows = [self._item_line(n, item) for n, item in enumerate(self.pm.actions, 1)]
        view.set_options([*rows, Text("+ New action item", style="italic")])
        view.highlighted = (
            len(self.pm.actions) if self.selected is None else self.selected
        )

    def _refresh_row(self) -> None:
        """Redraw the edited item's row in place."""
        self._show_heading()
        if self.selected is not None and self.selected < len(self.pm.actions):
            item = self.pm.actions[self.selected]
            line = self._item_line(self.selected + 1, item)
            self.query_one(ActionList).replace_option_prompt_at_index(
                self.selected, line
            )

    def _load_form(self) -> None:
        item = self._item()
        self._load_title()
        text = self.query_one("#action-text", Input)
        owner = self.query_one("#action-owner", Input)
        due = self.query_one("#action-due", Input)
        steps = self.query_one("#action-steps", Input)
        kind = self.query_one("#action-type", Select)
        priority = self.query_one("#action-priority", Select)
        factors = self.query_one("#action-factors", ToggleList)
        linked = set(item.factor_ids) if item else set()
        with self.prevent(Input.Changed, Select.Changed, ToggleList.Changed):
            text.value = item.text if item else ""
            owner.value = item.owner if item else ""
            due.value = (
                item.due_text or (item.due.isoformat() if item.due else "")
                if item
                else ""
            )
            steps.value = join_steps(item.steps) if item else ""
            kind.value = item.type if item else ActionType.prevent
            priority.value = item.priority if item else Priority.p1
            factors.set_items(
                [(f.id, clip(f.text, 70)) for f in self.pm.factors], linked
            )
            for box in (text, owner, due, steps):
                box.cursor_position = len(box.value)
        self._update_panels()

    def _update_panels(self) -> None:
        linked = self.query_one("#action-factors", ToggleList).selected
        factor_texts = [f.text for f in self.pm.factors if f.id in linked]
        panel = self.query_one(SmartPanel)
        panel.text = self.query_one("#action-text", Input).value
        panel.owner = self.query_one("#action-owner", Input).value
        panel.due = self.query_one("#action-due", Input).value
        reads = due_reading(panel.due, self.today())  # in view at 80x24
        shown = self.query_one("#action-due-reads", Static)
        if shown.content != reads:  # its width follows the words: a layout
            shown.update(reads)
        panel.factor = "; ".join(factor_texts)
        self.query_one(FindingsPanel).text = panel.text

    def _item(self) -> ActionItem | None:
        if self.selected is None or not 0 <= self.selected < len(self.pm.actions):
            return None
        return self.pm.actions[self.selected]

    def show_field(self, field: str) -> None:
        """Open the item that ``field`` (``actions[1].text``) names."""
        name, index = field_index(field)
        if name == "actions" and index is not None and index < len(self.pm.actions):
            self.selected = index
            if self.is_mounted:
                self._show_list()
                self._load_form()

    # -- editing ----------------------------------------------------------

    def _save_form(self) -> None:
        """Write the form into the item, creating it once it has any text."""
        self._update_panels()
        text = self.query_one("#action-text", Input).value.strip()
        due_text = self.query_one("#action-due", Input).value.strip()
        values = {
            "owner": self.query_one("#action-owner", Input).value.strip(),
            "due_text": due_text,
            "due": parse_due(due_text, self.today()) if due_text else None,
            "steps": split_steps(self.query_one("#action-steps", Input).value),
            "type": self.query_one("#action-type", Select).value,
            "priority": self.query_one("#action-priority", Select).value,
            "factor_ids": self.query_one("#action-factors", ToggleList).selected,
        }
        if text:
            values["text"] = text
        # A copy of the items only, on every key: the rest (a timeline of
        # 1,000 events) is shared, as no edit changes a postmortem in place.
        pm = self.pm.model_copy(
            update={"actions": [item.model_copy() for item in self.pm.actions]}
        )
        item = None if self.selected is None else pm.actions[self.selected]
        if item is None:
            if not text:
                return
            pm.actions = [*pm.actions, ActionItem(**values)]
            self.selected = len(pm.actions) - 1
            self.changed(pm)
            self._show_list()  # mounts nothing: the next keys are not held up
            self._load_title()
            return
        for name, value in values.items():
            setattr(item, name, value)
        self.changed(pm)
        self._refresh_row()

    def _load_title(self) -> None:
        show(
            self.query_one("#actions-form-title", Static),
            Text(
                f"Item {self.selected + 1}"
                if self.selected is not None
                else "New item",
                style="bold",
            ),
        )

    @on(Input.Changed, "#action-text, #action-owner, #action-due, #action-steps")
    @on(Select.Changed, "#action-type, #action-priority")
    @on(ToggleList.Changed, "#action-factors")
    def _form_changed(self) -> None:
        self._save_form()

    @on(Input.Blurred, "#action-text")
    def _fill_from_text(self) -> None:
        boxes = (
            self.query_one(f"#action-{n}", Input) for n in ("text", "owner", "due")
        )
        fill_typed_fields(*boxes, self.today())

    @on(Input.Submitted, "#action-text, #action-owner, #action-due, #action-steps")
    def _next_field(self) -> None:
        self.focus_next()

    @on(OptionList.OptionSelected, "#actions-list")
    def _open_item(self, event: OptionList.OptionSelected) -> None:
        index = event.option_index
        if index >= len(self.pm.actions):
            self.action_new_item()
            return
        self.selected = index
        self._load_form()
        self.query_one("#action-text", Input).focus()

    def action_new_item(self) -> None:
        if factors_missing(self.pm):
            self.notify(NO_FACTORS, severity="warning", markup=False)
            return
        self.selected = None
        self._load_form()
        self.query_one(ActionList).highlighted = len(self.pm.actions)
        self.query_one("#action-text", Input).focus()

    def action_delete(self) -> None:
        index = self.query_one(ActionList).highlighted
        if index is None or index >= len(self.pm.actions):
            return
        pm = self.pm.model_copy(deep=True)
        del pm.actions[index]
        self.changed(pm)
        self.selected = min(index, len(pm.actions) - 1) if pm.actions else None
        self._show_list()
        self._load_form()

    def action_focus_list(self) -> None:
        self.query_one(ActionList).focus()

    def action_rewrite(self) -> None:
        self.query_one(FindingsPanel).apply_to(self.query_one("#action-text", Input))

    def action_to_factors(self) -> None:
        self.post_message(self.OpenPhase("factors"))
