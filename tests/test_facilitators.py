"""Facilitator rotation, headless: who is suggested, in which order, and why.

Expectations are worked out by hand from the small store below (dates are
the incidents' days):

    p1 2026-01-10  facilitator Ana Lopez   people: Raj (responder), Bo (observer)
    p2 2026-03-05  facilitator raj         people: Ana Lopez (responder)
    p3 2026-06-20  facilitator "ana  LOPEZ" people: Kim (responder)
    p4 2026-07-01  no facilitator          people: Zoe (responder),
                                            unnamed responder 1, Yan (manager)
    p5 2026-08-15  facilitator "responder" (shown by role only) people: Kim
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from retrotui.document.models import Participant, Postmortem, TimelineEvent
from retrotui.learning.facilitators import (
    is_name,
    person_key,
    rank_facilitators,
)
from retrotui.learning.facts import facts


def pm(
    pm_id: str,
    day: str,
    facilitator: str = "",
    people: tuple[tuple[str, str], ...] = (),
) -> Postmortem:
    at = datetime.fromisoformat(day).replace(hour=9, tzinfo=timezone.utc)
    return Postmortem(
        id=f"pm-{pm_id}",
        title=f"Incident {pm_id}",
        facilitator=facilitator,
        participants=[Participant(name=name, role=role) for name, role in people],
        timeline=[TimelineEvent(at=at, text="It started", milestone="started")],
        created=at + timedelta(days=1),
    )


STORE = [
    pm("p1", "2026-01-10", "Ana Lopez", (("Raj", "responder"), ("Bo", "observer"))),
    pm("p2", "2026-03-05", "raj", (("Ana Lopez", "responder"),)),
    pm("p3", "2026-06-20", "ana  LOPEZ", (("Kim", "responder"),)),
    pm(
        "p4",
        "2026-07-01",
        "",
        (
            ("Zoe", "responder"),
            ("unnamed responder 1", "responder"),
            ("Yan", "manager"),
        ),
    ),
    pm("p5", "2026-08-15", "responder", (("Kim", "responder"),)),
]
HISTORY = [facts(each) for each in STORE]


def names(candidates: list) -> list[str]:
    return [c.name for c in candidates]


def test_the_whole_rotation_never_facilitated_first_then_longest_ago() -> None:
    ranked = rank_facilitators(HISTORY)
    # Never facilitated: Kim (last seen 08-15), Zoe and Yan (07-01, by name),
    # Bo (01-10); then raj (last 03-05), then Ana Lopez (last 06-20).
    assert names(ranked) == ["Kim", "Yan", "Zoe", "Bo", "raj", "ana LOPEZ"]
    assert [c.reason() for c in ranked][-2:] == ["last 2026-03-05", "last 2026-06-20"]
    assert ranked[0].reason() == "never facilitated"


def test_one_person_however_the_name_is_spaced_or_capitalised() -> None:
    ana = rank_facilitators(HISTORY)[-1]
    # Facilitated p1 and p3 (two spellings), took part in p2: one person,
    # shown as last written (p3), spaces folded.
    assert (ana.name, ana.times_facilitated, ana.last_facilitated) == (
        "ana LOPEZ",
        2,
        "2026-06-20",
    )
    assert ana.last_seen == "2026-06-20"
    assert person_key(" Ana\tLopez ") == person_key("ana lopez")


def test_this_incidents_responders_are_left_out() -> None:
    current = pm(
        "new1",
        "2026-09-01",
        people=(
            ("KIM", "responder"),
            ("zoe", "incident_commander"),
            ("Lee", "observer"),
        ),
    )
    ranked = rank_facilitators(HISTORY, facts(current))
    # Kim and Zoe responded (any case); Lee, an observer here, is new and
    # never facilitated, seen 09-01, so first.
    assert names(ranked) == ["Lee", "Yan", "Bo", "raj", "ana LOPEZ"]


def test_the_incidents_own_stored_copy_is_not_counted_twice() -> None:
    # p3 being edited: its facilitation (Ana, 06-20) is not history yet, so
    # Ana's last one is p1's; Kim responded in p3 and is left out.
    ranked = rank_facilitators(HISTORY, facts(STORE[2]))
    ana = next(c for c in ranked if person_key(c.name) == "ana lopez")
    assert (ana.last_facilitated, ana.times_facilitated) == ("2026-01-10", 1)
    assert "Kim" not in names(ranked)
    # Spelled as in p2 (where she responded), her latest counted document.
    assert names(ranked)[-2:] == ["Ana Lopez", "raj"]


def test_a_facilitator_typed_here_is_not_a_candidate_yet() -> None:
    current = pm("new2", "2026-09-01", "Newcomer", (("Kim", "responder"),))
    assert "Newcomer" not in names(rank_facilitators(HISTORY, facts(current)))


def test_people_kept_by_role_only_are_never_named() -> None:
    every = names(rank_facilitators(HISTORY))
    assert not any("unnamed" in name or name == "responder" for name in every)
    for role_only in (
        "responder",
        "unnamed responder 1",
        "Unnamed incident commander 2",
    ):
        assert not is_name(role_only)
    for name in ("Ana Lopez", "Responder Team Lead", "RF", "support-bot"):
        assert is_name(name)


def test_a_name_stored_without_consent_is_suggested_here_not_in_reports() -> None:
    # "Role only" is about the shared report; the name is in this store and
    # whoever chooses the facilitator sees the participants list anyway.
    quiet = pm("q1", "2026-02-01", people=(("Noor", "observer"),))
    assert quiet.participants[0].consent_named is False
    assert "Noor" in names(rank_facilitators([facts(quiet)]))


def test_ties_break_by_fewer_times_then_most_recently_seen_then_name() -> None:
    history = [
        facts(pm("t1", "2026-01-01", "Cy", (("Di", "responder"),))),
        facts(pm("t2", "2026-02-01", "Di", (("Cy", "responder"),))),
        facts(pm("t3", "2026-02-01", "Cy")),
        facts(pm("t4", "2026-02-01", "Al")),
        facts(pm("t5", "2026-02-01", "Bea", (("Al", "responder"),))),
        facts(pm("t6", "2026-05-01", "", (("Bea", "observer"),))),
    ]
    # Everyone last facilitated on 02-01. Cy twice, the others once; of
    # those, Bea was seen latest (05-01); Al and Di both last seen 02-01: by
    # name.
    assert names(rank_facilitators(history)) == ["Bea", "Al", "Di", "Cy"]


def test_an_empty_store_suggests_nobody() -> None:
    assert rank_facilitators([]) == []
    lone = pm("solo", "2026-01-01", people=(("Max", "responder"),))
    assert rank_facilitators([], facts(lone)) == []
