"""The readiness check: rules over the whole charter that show where buy-in is only on paper."""

from __future__ import annotations

from wizards.readiness.core import (
    RULES,
    Hit,
    Level,
    ReadinessFinding,
    Rule,
    check,
    has_blockers,
    rule,
    step_of,
    summary,
)
from wizards.readiness.core import _same_person_pairs as _same_person_pairs
from wizards.steps import same_person as same_person

__all__ = [
    "RULES",
    "Hit",
    "Level",
    "ReadinessFinding",
    "Rule",
    "check",
    "has_blockers",
    "rule",
    "step_of",
    "summary",
]
