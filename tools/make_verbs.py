"""Write retrotui/checks/data/verbs.txt: the English verbs the checks know.

The list comes from lemminflect's lexicon (MIT licence,
https://github.com/bjascob/LemmInflect): every lower-case lemma it lists as a
verb, with its past tense and past participle when they are not the regular
"-ed" forms. lemminflect itself is not a dependency: importing it and loading
its tables costs about 250 ms and numpy, where reading this file costs a few
milliseconds (see the closing note of issue 10). Run it again only to refresh
the list:

    pip install lemminflect && python tools/make_verbs.py
"""

from __future__ import annotations

import csv
import gzip
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "retrotui" / "checks" / "data" / "verbs.txt"


def regular_past(lemma: str) -> str:
    """The past form the checks derive on their own (see checks/verbs.py)."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def main() -> None:
    from lemminflect import getAllInflections

    table = resources.files("lemminflect").joinpath("resources/infl_lu.csv.gz")
    lines = []
    with gzip.open(str(table), "rt", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            lemma, pos = row[0], row[1]
            if pos != "verb" or not lemma.isalpha() or not lemma.islower():
                continue
            forms = getAllInflections(lemma, upos="VERB")
            past = forms.get("VBD", (lemma,))[0].replace(" ", "")
            participle = forms.get("VBN", (past,))[0].replace(" ", "")
            if past == participle == regular_past(lemma):
                lines.append(lemma)
            else:
                lines.append(f"{lemma} {past} {participle}")
    header = (
        "# English verbs: lemma [past participle], from lemminflect's lexicon "
        "(MIT). Made by tools/make_verbs.py.\n"
    )
    OUT.write_text(header + "\n".join(sorted(set(lines))) + "\n", encoding="utf-8")
    print(f"{len(lines)} verbs -> {OUT}")


if __name__ == "__main__":
    main()
