"""The footer follows the keys of what has focus, without needless rebuilds."""

from __future__ import annotations

from pathlib import Path

from factories import incident, open_at, settle, type_text
from textual.widgets._footer import FooterKey

from widgets.keys_footer import KeysFooter


def footer_keys(app) -> list[FooterKey]:  # type: ignore[no-untyped-def]
    return list(app.screen.query_one(KeysFooter).query(FooterKey))


async def test_a_key_appears_when_it_can_act_and_goes_when_not(db_path: Path) -> None:
    app = open_at(db_path, incident(), "insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "rewrite" not in [key.action for key in footer_keys(app)]
        await type_text(pilot, "Sam forgot to renew the cert")
        await settle(pilot)
        assert "rewrite" in [key.action for key in footer_keys(app)]
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert "rewrite" not in [key.action for key in footer_keys(app)]


async def test_moving_between_fields_with_the_same_keys_keeps_the_footer(
    db_path: Path,
) -> None:
    app = open_at(db_path, incident(), "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = footer_keys(app)
        await pilot.press("tab")  # title -> severity: the same keys
        await settle(pilot)
        assert app.focused is not None and app.focused.id != "title"
        assert footer_keys(app) == before
        assert all(key.is_attached for key in before)
