"""The learned blame score: judgement phrased in ways no rule names.

A logistic regression over ``features`` (lemmas, lemma pairs, signal classes),
trained on the dev sets only by tools/train_blame_model.py and stored in
``data/blame_model.json``; read once, on the first sentence the rules leave
alone. A sentence scoring over the stored threshold is a finding; what kind
(hindsight, an appeal instead of a mechanism, a judgement) is read from the
features that weigh most, and the highlighted word is the one that weighs
most.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from retrotui.checks.blameless.features import features, is_judgement, lemma
from retrotui.checks.blameless.rules import Lexicon

_MIN_WORDS = 4
_KIND_WEIGHT = 0.5
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_HINDSIGHT = ("#modal-perfect", "#if-would", "#had-inversion", "#human-negation")
_APPEAL = ("#appeal", "#imperative-judge", "#vigilance:imperative", "#subj:imperative")


@dataclass(frozen=True)
class Kind:
    category: str
    message: str
    suggestion: str


KINDS = {
    "hindsight": Kind(
        "hindsight",
        "reads as hindsight: judged by what is known now",
        "Say what was known at the time and what would make the signal visible "
        "next time (an alert, a check, a dashboard panel)",
    ),
    "exhortation": Kind(
        "exhortation",
        "asks people to try harder instead of naming a mechanism",
        "Name the mechanism that makes the step happen: a check, an alert, a "
        "required review or a runbook step, with an owner",
    ),
    "judgement": Kind(
        "judgement",
        "judges the work or the people instead of describing what happened",
        "Describe what was done, what it did not cover, and the conditions "
        "around it (time pressure, tooling, missing checks)",
    ),
}


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    start: int  # the highlighted word, as offsets into the sentence
    end: int


@lru_cache(maxsize=1)
def _model() -> tuple[float, dict[str, float]]:
    raw = json.loads(
        resources.files("retrotui.checks")
        .joinpath("data/blame_model.json")
        .read_text(encoding="utf-8")
    )
    return float(raw["threshold"]), raw["weights"]


def _kind(contributions: dict[str, float]) -> str:
    """Hindsight or an appeal when their signals weigh enough, else judgement."""
    weigh = {
        name: sum(
            w for f, w in contributions.items() if w > 0 and f.startswith(prefixes)
        )
        for name, prefixes in (("hindsight", _HINDSIGHT), ("exhortation", _APPEAL))
    }
    name = max(weigh, key=weigh.__getitem__)
    return name if weigh[name] >= _KIND_WEIGHT else "judgement"


def judge(sentence: str, lex: Lexicon, names: frozenset[str]) -> Verdict | None:
    """A finding for ``sentence`` when its score passes the threshold."""
    words = list(_WORD.finditer(sentence))
    if len(words) < _MIN_WORDS:
        return None
    threshold, weights = _model()
    found = features(sentence, lex, names)
    contributions = {f: weights[f] for f in found if f in weights}
    if weights.get("", 0.0) + sum(contributions.values()) <= threshold:
        return None
    ranked = sorted(contributions, key=contributions.__getitem__, reverse=True)
    kind = KINDS[_kind(contributions)]
    lexical = {f[2:]: contributions[f] for f in ranked if f.startswith("w:")}
    # A judgement word is the one to show; else the word that weighs most.
    best = max(
        words,
        key=lambda m: (
            is_judgement(m.group().lower()),
            lexical.get(lemma(m.group().lower()), float("-inf")),
        ),
    )
    return Verdict(kind, best.start(), best.end())
