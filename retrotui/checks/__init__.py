"""Judgement of what was written: SMART, blameless language, completeness, readiness; rules beside each engine."""
