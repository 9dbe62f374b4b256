"""Contributing factors: add, classify, drill with 5 whys, no solution rush."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import incident, notices, open_at, settle, stored, type_text
from textual.widgets import Input, Static

from retrotui.document.models import FactorCategory, FactorKind
from retrotui.interview.script import WHY_DEPTH
from screens.actions import ActionsScreen
from screens.factors import NO_FACTORS, FactorsScreen
from widgets.why_chain import chain_nudge


async def test_factor_with_why_chain_is_stored(db_path: Path) -> None:
    pm = incident()
    pm.factors, pm.actions = [], []
    app = open_at(db_path, pm, "factors")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FactorsScreen)
        await type_text(
            pilot, "The web tier opened more connections than the pool allows"
        )
        await pilot.press("enter", "tab")  # Tab: the drill below
        for why in (
            "Each web worker kept its connections open",
            "The pool size was copied from the staging config",
            "No load test covers promotion traffic",
        ):
            await type_text(pilot, why)
            await pilot.press("enter")
        await pilot.press("ctrl+l", "c", "k")  # list: category and kind
        await settle(pilot)
        saved = stored(app)
    [factor] = saved.factors
    assert factor.text.startswith("The web tier opened")
    assert factor.whys == [
        "Each web worker kept its connections open",
        "The pool size was copied from the staging config",
        "No load test covers promotion traffic",
    ]
    assert factor.category is FactorCategory.environment  # technology -> next
    assert factor.kind is FactorKind.detection  # enabling -> next


async def test_the_drill_nudges_and_takes_back(db_path: Path) -> None:
    pm = incident()
    pm.factors, pm.actions = [], []
    app = open_at(db_path, pm, "factors")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Checkout returned errors")
        await pilot.press("enter", "tab")
        nudge = app.screen.query_one("#why-nudge", Static)
        assert "symptom" in str(nudge.render())
        await type_text(pilot, "Sam forgot to raise the limit")
        await pilot.press("enter")
        assert "person" in str(nudge.render())
        await pilot.press("ctrl+z")
        assert (
            app.screen.query_one("#why-input").value == "Sam forgot to raise the limit"
        )
        await settle(pilot)
        assert stored(app).factors[0].whys == []


def test_chain_nudges() -> None:
    factor = "The pool ran out of connections"
    assert "symptom" in (chain_nudge("The site was down", []) or "")
    assert "person" in (chain_nudge(factor, ["Bob forgot to resize it"]) or "")
    assert "person" in (chain_nudge(factor, ["Maria resized it"], ["Maria"]) or "")
    assert "three" in (chain_nudge(factor, ["The pool size came from staging"]) or "")
    systemic = [
        "Each worker held its connections",
        "The pool size came from staging",
        "No load test covers promotion traffic",
    ]
    assert chain_nudge(factor, systemic) is None
    assert chain_nudge(factor, ["it failed"] * WHY_DEPTH) is None


async def test_no_action_items_before_a_factor(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pm = incident()
    pm.factors, pm.actions = [], []
    app = open_at(db_path, pm, "factors")
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, FactorsScreen)
        assert NO_FACTORS in said
        # Reached another way (a resumed draft), the actions screen says why.
        app.open_phase("actions")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        assert app.screen.query_one("#actions-no-factors").display
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, FactorsScreen)


async def test_deleting_a_factor_unlinks_its_actions(db_path: Path) -> None:
    app = open_at(db_path, incident(), "factors")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l", "d")  # the first factor, f-pool
        await settle(pilot)
        saved = stored(app)
    assert [f.id for f in saved.factors] == ["f-promo"]
    assert saved.actions[0].factor_ids == []


async def test_home_and_end_reach_the_first_and_last_factor(db_path: Path) -> None:
    pm = incident()  # f-pool (enabling), then f-promo (trigger)
    app = open_at(db_path, pm, "factors")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l", "home", "end", "k")
        await settle(pilot)
        kinds = [f.kind for f in app.screen.pm.factors]
        assert kinds == [FactorKind.enabling, FactorKind.enabling]  # the last moved
        await pilot.press("home", "k")
        await settle(pilot)
        assert app.screen.pm.factors[0].kind is FactorKind.detection


async def test_factors_typed_in_one_burst_are_all_factors(db_path: Path) -> None:
    # Five factors typed from notes (or pasted): after each Enter the line is
    # ready for the next factor; none becomes a "because" of the one before.
    pm = incident()
    pm.factors, pm.actions = [], []
    app = open_at(db_path, pm, "factors")
    texts = [
        "Traefik v2 stops routing after a malformed IngressRoute",
        "The health check path hides the ingress failure",
        "Does the API schema reject malformed manifests?",
    ]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "\r".join(texts) + "\r")
        await settle(pilot)
        box = app.screen.query_one("#factors-input", Input)
        assert app.focused is box
        assert box.placeholder == "Another factor, Enter adds · Tab: why? about 3"
        # Tab reaches the drill, asking about the factor just added.
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#why-input", Input)
        ask = str(app.screen.query_one("#why-ask", Static).render())
        assert "about: Does the API schema" in ask
        await type_text(pilot, "The CRD schema allows any match rule\r")
        await settle(pilot)
        saved = stored(app)
    assert [f.text for f in saved.factors] == texts
    assert [f.whys for f in saved.factors] == [
        [],
        [],
        ["The CRD schema allows any match rule"],
    ]


def test_a_factor_written_as_a_question_is_listed_as_an_open_question() -> None:
    from retrotui.document.models import Factor
    from screens.factors import factor_line

    asked = factor_line(2, Factor(text="Why was no alert sent on /metrics?")).plain
    assert (
        asked
        == "2. 0 whys [enabling, technology] open question: Why was no alert sent on /metrics?"
    )
    stated = factor_line(1, Factor(text="No alert on /metrics response time")).plain
    assert "open question" not in stated
