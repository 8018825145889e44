"""The core of the readiness check: the shape of a rule and a finding, the registry, the runner.

A rule is a function from the charter to the places it finds hollow (:class:`Hit`), registered
with :func:`rule` under a stable id with its severity, step and reference. :func:`check` runs
every registered rule, in the order they were registered, and sorts the findings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from wizards.model import Charter, StrEnum
from wizards.steps import Step

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


class Level(StrEnum):
    """How serious a readiness finding is, from most to least serious."""

    BLOCKER = "blocker"
    WARNING = "warning"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        """Sort position: 0 for blockers, 1 for warnings, 2 for advice."""
        return list(Level).index(self)


@dataclass(frozen=True)
class ReadinessFinding:
    """One place where the charter's buy-in is hollow or thin.

    Attributes:
        rule: Stable identifier of the rule that found it, e.g. ``"exec-cannot-halt"``.
        severity: Blocker, warning or advice.
        message: Plain explanation naming the people and systems involved.
        fix: What to do about it.
        step: The wizard step that shows ``field`` (where the answer is changed).
        field: Dotted model path of the field to highlight, e.g.
            ``"executive.authorities.halt_systems"`` or ``"incidents.roles[2].person"``.
        reference: Framework references, e.g. ``"EU AI Act Art. 14(4)(e)"``.
    """

    rule: str
    severity: Level
    message: str
    fix: str
    step: Step
    field: str
    reference: str

    def to_dict(self) -> dict[str, str]:
        """Plain data for the answers file, the GUI and the export (step given by its title)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
            "step": self.step.title,
            "field": self.field,
            "reference": self.reference,
        }


class Hit(NamedTuple):
    """What a rule function reports; the registry adds the rule's id, severity and step."""

    field: str
    message: str
    fix: str
    reference: str = ""
    """Overrides the rule's reference when one hit cites something more specific."""


RuleCheck = Callable[[Charter], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered readiness rule."""

    id: str
    severity: Level
    step: Step
    description: str
    reference: str
    check: RuleCheck


RULES: dict[str, Rule] = {}
"""Every readiness rule by id, in the order they were registered (flow order)."""


def rule(
    rule_id: str, severity: Level, step: Step, description: str, reference: str
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function under ``rule_id``.

    Args:
        rule_id: Stable identifier, kebab-case.
        severity: Severity of every finding of the rule.
        step: Step where the user fixes it.
        description: One line saying what the rule looks for.
        reference: Default framework reference of its findings.

    Returns:
        A decorator that registers the function and returns it unchanged.
    """

    def register(func: RuleCheck) -> RuleCheck:
        if rule_id in RULES:
            raise ValueError(f"readiness rule {rule_id!r} is registered twice")
        RULES[rule_id] = Rule(rule_id, severity, step, description, reference, func)
        return func

    return register


def check(charter: Charter) -> list[ReadinessFinding]:
    """Run every readiness rule over the charter.

    Args:
        charter: The whole charter, complete or not.

    Returns:
        The findings: blockers first, then warnings, then advice; within a severity in flow order
        (step, then the order of the rules and of the items they look at).
    """
    findings = [
        ReadinessFinding(
            rule=r.id,
            severity=r.severity,
            message=hit.message,
            fix=hit.fix,
            step=step_of(hit.field, r.step),
            field=hit.field,
            reference=hit.reference or r.reference,
        )
        for r in RULES.values()
        for hit in r.check(charter)
    ]
    return sorted(findings, key=lambda f: (f.severity.rank, int(f.step)))


_FIELD_STEPS: tuple[tuple[str, Step], ...] = (
    ("meta", Step.ORGANISATION),
    ("organisation", Step.ORGANISATION),
    ("executive", Step.EXECUTIVE),
    ("risk", Step.RISK),
    ("ethics", Step.ETHICS),
    ("incidents", Step.INCIDENTS),
    ("board", Step.BOARD),
    ("approvals", Step.REVIEW),
)


def step_of(field: str, default: Step = Step.REVIEW) -> Step:
    """The wizard step that shows a field, from the first part of its dotted path.

    Args:
        field: Dotted model path, e.g. ``"board.items"`` or ``"approvals[0].date"``.
        default: Step for a path outside every section.

    Returns:
        The step whose page holds the field, so the GUI opens the page it highlights.
    """
    head = re.split(r"[.\[]", field, maxsplit=1)[0]
    return next((step for prefix, step in _FIELD_STEPS if prefix == head), default)


def has_blockers(findings: Iterable[ReadinessFinding]) -> bool:
    """True when any finding is a blocker.

    Args:
        findings: Findings as returned by :func:`check`.

    Returns:
        Whether the charter is hollow on a point of substance.
    """
    return any(f.severity is Level.BLOCKER for f in findings)


def summary(findings: Iterable[ReadinessFinding]) -> str:
    """Count the findings per severity in words.

    Args:
        findings: Findings as returned by :func:`check`.

    Returns:
        Text such as ``"2 blockers, 3 warnings, 1 advice"``; every severity is always named.
    """
    counts = Counter(f.severity for f in findings)
    blockers, warnings = counts[Level.BLOCKER], counts[Level.WARNING]
    return (
        f"{blockers} blocker{'' if blockers == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}, "
        f"{counts[Level.ADVICE]} advice"
    )
