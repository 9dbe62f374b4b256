"""The blameless-language checker: finds wording that blames people.

Rules are data (``data/blameless_rules.json``, ``rules``); who a sentence is
about is judged in ``subject``; every finding carries a neutral rewrite
(``rewrite``); ``lint`` runs the rules over text or a whole postmortem.
"""

from retrotui.checks.blameless.lint import lint, lint_postmortem
from retrotui.checks.blameless.rules import Finding, rules

__all__ = ["Finding", "lint", "lint_postmortem", "rules"]
