"""typed_fields: the owner and due date an action item's own text names."""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import typed_fields

AS_OF = date(2027, 3, 17)


@pytest.mark.parametrize(
    ("text", "owner", "due"),
    [
        ("@mia add a lag alert > 30s on orders-db by Friday", "@mia", "Friday"),
        (
            "storage team: add a disk alert at 85% on es-data, EOW",
            "storage team",
            "EOW",
        ),
        (
            "Rafael to add a restore section to runbooks/pg.md by the 3rd pls",
            "Rafael",
            "the 3rd",
        ),
        ("pin helm to 3.14.2 in ci.yaml before christmas thx", "", "before christmas"),
        (
            "[infra] set the NFS timeout to 30s on batch-01, due: wk 14",
            "infra",
            "wk 14",
        ),
        # nothing to offer
        ("Add a lag alert > 30s on orders-db", "", ""),
        ("Set the pool to 40 in api.yaml asap", "", ""),
        ("Raise the ES heap to 8g on es-*", "", ""),
    ],
)
def test_owner_and_due_as_typed(text: str, owner: str, due: str) -> None:
    fields = typed_fields(text, AS_OF)
    assert (fields.owner, fields.due) == (owner, due)
