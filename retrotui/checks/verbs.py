"""English verbs: is a word a verb, its lemma, its past participle.

Read from ``data/verbs.txt`` (made from lemminflect's lexicon by
tools/make_verbs.py), once, on first use: a few milliseconds, against about
250 ms and numpy for importing lemminflect itself. Regular forms are derived
here; the file lists only the irregular ones.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# A path next to this file, not importlib.resources: that import alone costs
# retro smart and retro lint about 8 ms of their start.
_VERBS = Path(__file__).parent / "data" / "verbs.txt"


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    text = _VERBS.read_text(encoding="utf-8")
    lemmas: set[str] = set()
    participles: dict[str, str] = {}
    irregular: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, _, forms = line.partition(" ")
        lemmas.add(lemma)
        if forms:
            past, participle = forms.split(" ")
            participles[lemma] = participle
            irregular.setdefault(past, lemma)
            irregular.setdefault(participle, lemma)
    return frozenset(lemmas), participles, irregular


def _candidates(word: str) -> list[str]:
    """Lemmas a regular -s, -ed or -ing form could come from."""
    found = []
    for ending, replacements in (
        ("ies", ("y",)),
        ("es", ("", "e")),
        ("s", ("",)),
        ("ied", ("y",)),
        ("ed", ("", "e")),
        ("d", ("",)),
        ("ing", ("", "e")),
    ):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            found.extend(stem + extra for extra in replacements)
            if ending in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # "stopped", "logging"
    return found


def lemma(word: str) -> str | None:
    """The verb ``word`` is a form of ("forgot" -> "forget"), or None."""
    lemmas, _, irregular = _table()
    low = word.lower()
    if low in lemmas:
        return low
    if low in irregular:
        return irregular[low]
    return next((c for c in _candidates(low) if c in lemmas), None)


def is_verb(word: str) -> bool:
    return lemma(word) is not None


def is_base_verb(word: str) -> bool:
    """An imperative could start with it: "log", "collect" (not "logs")."""
    return word.lower() in _table()[0]


def participle(verb: str) -> str:
    """The past participle: "run" -> "run", "check" -> "checked"."""
    base = lemma(verb) or verb.lower()
    known = _table()[1].get(base)
    if known:
        return known
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"
