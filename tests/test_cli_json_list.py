"""``print_json_list``: every row written a chunk at a time reads as the one
indented list the whole would print."""

from __future__ import annotations

from dataclasses import dataclass

import orjson
import pytest

from retrotui.cli import common


@dataclass
class Row:
    n: int

    def to_json(self) -> dict[str, object]:
        return {"id": f"r{self.n}", "nested": {"list": [self.n, "x\ny"]}}


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 6, 7, 10])
def test_chunks_print_the_whole_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    monkeypatch.setattr(common, "JSON_CHUNK", 3)
    rows = [Row(n) for n in range(count)]
    common.print_json_list(rows)
    whole = [row.to_json() for row in rows]
    expected = orjson.dumps(whole, option=orjson.OPT_INDENT_2).decode() + "\n"
    assert capsys.readouterr().out == expected
