"""The why drill's nudges and how the chain reads (headless)."""

from __future__ import annotations

import pytest

from widgets.why_chain import after_because, chain_nudge, names_someone

INITIALS = ["EC", "MM", "WC", "AN"]
FACTOR = "The ingress migration changed the default TLS settings"
SYSTEMIC = [
    "An annotation the old controller read was ignored by Traefik",
    "The migration checklist had no step for annotations",
    "No test compares routes before and after a controller change",
]


def test_initials_are_not_found_inside_words() -> None:
    # "an", "mm" and "wc" are inside ordinary words; only the capitals name someone.
    assert not names_someone("An annotation was ignored; commands ran", INITIALS)
    assert names_someone("AN restarted the pods", INITIALS)
    assert names_someone("the change WC made", INITIALS)
    assert names_someone("maria resized it", ["Maria"])
    assert not names_someone("the mariadb pool", ["Maria"])


def test_the_person_warning_clears_for_a_systemic_chain() -> None:
    nudges = [chain_nudge(FACTOR, SYSTEMIC[:n], INITIALS) for n in range(4)]
    assert all("person" not in (nudge or "") for nudge in nudges)
    assert nudges[-1] is None


def test_the_person_warning_still_shows_for_a_person() -> None:
    assert "person" in (chain_nudge(FACTOR, ["AN forgot the flag"], INITIALS) or "")


@pytest.mark.parametrize(
    ("answer", "reads"),
    [
        ("The pool was too small", "the pool was too small"),
        ("No test covers it", "no test covers it"),
        ("Traefik ignored the annotation", "Traefik ignored the annotation"),
        ("SRE had no runbook", "SRE had no runbook"),
        ("I missed it", "I missed it"),
        ("It", "it"),
    ],
)
def test_answers_read_on_after_because(answer: str, reads: str) -> None:
    assert after_because(answer) == reads
