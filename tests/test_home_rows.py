"""Home's lines of counts: thousands grouped, as the command line prints them
(``89,480 more``), at 20,000 postmortems and 89,500 open items."""

from __future__ import annotations

from pathlib import Path

from retrotui.storage.listing import Entries
from screens.home_data import Shelf
from screens.home_rows import actions_title, header, retros_title


def test_big_counts_are_grouped_by_thousands() -> None:
    assert str(actions_title(89_500, 1_200)) == (
        "Open action items: 89,500   1,200 OVERDUE "
    )
    assert str(actions_title(3, 0)) == "Open action items: 3"
    entries = {
        f"k{n}": {
            "id": f"p{n:05d}",
            "status": "draft",
            "kind": "retro" if n < 1500 else "incident",
        }
        for n in range(2_000)
    }
    shelf = Shelf(Entries(Path(), entries, []), list(entries))
    assert str(header(shelf, "", None)).endswith(" · 2,000 in all, 2,000 draft(s)")
    assert str(retros_title(shelf, "", None)) == "Team retrospectives: 1,500"
