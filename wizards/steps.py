"""The steps of the charter flow, their order, and each step's validation as data."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import IntEnum
from typing import Any

from wizards.model import Approval, Charter, Person


class Step(IntEnum):
    """The wizard's steps, in the order the flow visits them."""

    ORGANISATION = 0
    EXECUTIVE = 1
    RISK = 2
    ETHICS = 3
    INCIDENTS = 4
    BOARD = 5
    REVIEW = 6
    EXPORT = 7

    @property
    def title(self) -> str:
        """Short human title of the step."""
        return STEP_TITLES[self]


STEP_TITLES: dict[Step, str] = {
    Step.ORGANISATION: "Organisation",
    Step.EXECUTIVE: "Responsible executive",
    Step.RISK: "Risk tolerance",
    Step.ETHICS: "Ethics guidelines",
    Step.INCIDENTS: "Incident roles",
    Step.BOARD: "Board reporting calendar",
    Step.REVIEW: "Review and approval",
    Step.EXPORT: "Export",
}

CONTENT_STEPS: tuple[Step, ...] = (
    Step.ORGANISATION,
    Step.EXECUTIVE,
    Step.RISK,
    Step.ETHICS,
    Step.INCIDENTS,
    Step.BOARD,
)
"""The steps that each write one section of the charter."""


def next_step(step: Step, charter: Charter) -> Step | None:
    """Return the step after ``step`` for this charter, or None after the last.

    The flow is linear today; the charter is an argument so that branching stays domain code.
    """
    del charter
    return Step(step + 1) if step < Step.EXPORT else None


MESSAGES: dict[str, str] = {
    "required": "{label} is required.",
    "too_long": "{label} is longer than {limit} characters.",
    "duplicate": "{label} '{value}' appears more than once.",
    "empty_list": "Add at least one {item}.",
    "deputy_is_executive": "The deputy must be someone other than the responsible executive.",
    "deputy_is_holder": "The deputy for {role} must be someone other than the person holding it.",
    "not_positive": "{label} must be more than zero.",
    "date_not_after": "{label} must fall after the effective date ({effective}).",
    "date_before": "{label} ({value}) lies before the effective date ({effective}).",
    "unknown_role": "{label} names the role '{value}', which is not defined under incident roles.",
    "role_inconsistent": (
        "The organisation is marked '{role}' under the EU AI Act, but {system} is marked as {mine}."
    ),
    "budget_without_amount": "State the budget the executive controls, or untick 'Holds a budget'.",
    "pattern_no_dates": "The meeting pattern yields no meeting dates within {months} months.",
    "once_without_date": "'{title}' happens once, so it needs a date.",
    "annual_quarter_missing": "Choose the fiscal quarter in which '{title}' is due.",
    "escalation_order": (
        "{label}: the board is told after {board} hours but the executive only after {executive}; "
        "the executive should hear first."
    ),
    "approval_incomplete": "Approval {index} needs a name, a role and a date.",
    "signatory_incomplete": "Signatory {index} needs a name and a role.",
}


@dataclass(frozen=True)
class Finding:
    """One problem with the answers of a step: where, what kind, and the values for the message."""

    step: Step
    field: str
    code: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    @property
    def message(self) -> str:
        """English text for the finding; the desktop layer may translate by ``code``."""
        return MESSAGES[self.code].format(**self.params)


def _norm(text: str) -> str:
    """Normalise a name for comparison: Unicode NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def same_person(a: str, b: str) -> bool:
    """True when two non-empty names denote the same person after normalisation."""
    return bool(_norm(a)) and _norm(a) == _norm(b)


class _Collector:
    """Accumulates findings for one step."""

    def __init__(self, step: Step) -> None:
        self.step = step
        self.items: list[Finding] = []

    def add(self, path: str, code: str, **params: Any) -> None:
        self.items.append(Finding(self.step, path, code, params))

    def require(self, path: str, value: object, label: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(path, "required", label=label)

    def unique(self, path: str, values: Iterable[tuple[int, str]], label: str) -> None:
        seen: set[str] = set()
        for index, value in values:
            key = _norm(value)
            if key and key in seen:
                self.add(f"{path}[{index}]", "duplicate", label=label, value=value)
            seen.add(key)

    def after(
        self, path: str, value: dt.date | None, effective: dt.date | None, label: str
    ) -> None:
        if value is not None and effective is not None and value <= effective:
            self.add(path, "date_not_after", label=label, effective=effective.isoformat())


def _person(c: _Collector, path: str, person: Person, label: str) -> None:
    c.require(f"{path}.name", person.name, f"{label}'s name")
    c.require(f"{path}.title", person.title, f"{label}'s title")


def _approvals(c: _Collector, path: str, approvals: list[Approval], *, dated: bool = True) -> None:
    """Each approval names who and in which role; ``dated`` when it must carry its date too
    (the ethics approvals record a decision taken; the charter's signatories may sign on paper,
    dated there)."""
    for i, approval in enumerate(approvals):
        if not (approval.name.strip() and approval.role.strip()):
            c.add(f"{path}[{i}]", "signatory_incomplete" if not dated else "approval_incomplete",
                  index=i + 1)  # fmt: skip
        elif dated and not approval.date:
            c.add(f"{path}[{i}]", "approval_incomplete", index=i + 1)


def _organisation(c: _Collector, charter: Charter) -> None:
    org, meta = charter.organisation, charter.meta
    c.require("meta.title", meta.title, "The charter title")
    c.require("meta.version", meta.version, "The version")
    c.require("meta.effective_date", meta.effective_date, "The effective date")
    c.require("organisation.name", org.name, "The organisation's name")
    c.require("organisation.sector", org.sector, "The sector")
    if not org.jurisdictions:
        c.add("organisation.jurisdictions", "empty_list", item="jurisdiction")
    for i, system in enumerate(org.systems):
        c.require(f"organisation.systems[{i}].name", system.name, f"The name of AI system {i + 1}")
        own_role = org.ai_act_role.value
        if own_role in ("provider", "deployer") and system.role.value != own_role:
            c.add(
                f"organisation.systems[{i}].role",
                "role_inconsistent",
                role=own_role,
                system=system.name or f"AI system {i + 1}",
                mine=system.role.value,
            )
    c.unique("organisation.systems", ((i, s.name) for i, s in enumerate(org.systems)), "AI system")


def _executive(c: _Collector, charter: Charter) -> None:
    ex = charter.executive
    _person(c, "executive.person", ex.person, "The responsible executive")
    if same_person(ex.person.name, ex.deputy.name):
        c.add("executive.deputy.name", "deputy_is_executive")
    c.require("executive.reports_to", ex.reports_to, "The body the executive reports to")
    if ex.term_months <= 0:
        c.add("executive.term_months", "not_positive", label="The term")
    if ex.authorities.budget and not ex.authorities.budget_amount.strip():
        c.add("executive.authorities.budget_amount", "budget_without_amount")


def _risk(c: _Collector, charter: Charter) -> None:
    risk = charter.risk
    c.require("risk.statement", risk.statement, "The risk appetite statement")
    if not risk.categories:
        c.add("risk.categories", "empty_list", item="risk category")
    for i, cat in enumerate(risk.categories):
        path = f"risk.categories[{i}]"
        name = cat.label or f"risk category {i + 1}"
        c.require(f"{path}.label", cat.label, f"The name of risk category {i + 1}")
        c.require(f"{path}.threshold", cat.threshold, f"The threshold for {name}")
        c.require(f"{path}.escalation_trigger", cat.escalation_trigger, f"The trigger for {name}")
    c.unique("risk.categories", ((i, r.label) for i, r in enumerate(risk.categories)), "Category")
    if risk.review_months <= 0:
        c.add("risk.review_months", "not_positive", label="The review interval")


def _ethics(c: _Collector, charter: Charter) -> None:
    eth, effective = charter.ethics, charter.meta.effective_date
    if not eth.principles:
        c.add("ethics.principles", "empty_list", item="principle")
    for i, p in enumerate(eth.principles):
        c.require(f"ethics.principles[{i}].title", p.title, f"The title of principle {i + 1}")
        if not any(x.strip() for x in p.commitments):
            c.add(f"ethics.principles[{i}].commitments", "empty_list", item="commitment")
    c.unique("ethics.principles", ((i, p.title) for i, p in enumerate(eth.principles)), "Principle")
    c.require("ethics.owner", eth.owner, "The owner of the guidelines")
    c.require("ethics.review_date", eth.review_date, "The review date of the guidelines")
    c.after("ethics.review_date", eth.review_date, effective, "The review date")
    _approvals(c, "ethics.approvals", eth.approvals)


def _incidents(c: _Collector, charter: Charter) -> None:
    inc = charter.incidents
    keys = {r.key for r in inc.roles if r.key}
    if not inc.severities:
        c.add("incidents.severities", "empty_list", item="severity level")
    for i, sev in enumerate(inc.severities):
        path = f"incidents.severities[{i}]"
        c.require(f"{path}.level", sev.level, f"The label of severity {i + 1}")
        c.require(f"{path}.name", sev.name, f"The name of severity {i + 1}")
        label = sev.level or f"Severity {i + 1}"
        for attr, what in (("executive_hours", "executive"), ("board_hours", "board")):
            hours = getattr(sev, attr)
            if hours is not None and hours <= 0:
                c.add(f"{path}.{attr}", "not_positive", label=f"{label}: time to the {what}")
        if (
            sev.executive_hours is not None
            and sev.board_hours is not None
            and 0 < sev.board_hours < sev.executive_hours
        ):
            c.add(
                f"{path}.board_hours",
                "escalation_order",
                label=label,
                board=f"{sev.board_hours:g}",
                executive=f"{sev.executive_hours:g}",
            )
        for key in sev.escalate_to:
            if key not in keys:
                c.add(f"{path}.escalate_to", "unknown_role", label=label, value=key)
    c.unique("incidents.severities", ((i, s.level) for i, s in enumerate(inc.severities)), "Level")
    if not inc.roles:
        c.add("incidents.roles", "empty_list", item="incident role")
    for i, role in enumerate(inc.roles):
        path = f"incidents.roles[{i}]"
        title = role.title or f"role {i + 1}"
        c.require(f"{path}.title", role.title, f"The title of incident role {i + 1}")
        c.require(f"{path}.person", role.person, f"The person holding {title}")
        if same_person(role.person, role.deputy):
            c.add(f"{path}.deputy", "deputy_is_holder", role=title)
    c.unique("incidents.roles", ((i, r.title) for i, r in enumerate(inc.roles)), "Role")
    for i, clock in enumerate(inc.clocks):
        if clock.applies and clock.owner_role and clock.owner_role not in keys:
            c.add(
                f"incidents.clocks[{i}].owner_role",
                "unknown_role",
                label=clock.regime or f"Clock {i + 1}",
                value=clock.owner_role,
            )


def _board(c: _Collector, charter: Charter) -> None:
    from wizards.board_calendar import meeting_dates

    board = charter.board
    c.require("board.forum", board.forum, "The board or committee")
    start = charter.meta.effective_date
    if start is not None and not meeting_dates(board, start):
        c.add("board.pattern", "pattern_no_dates", months=board.horizon_months)
    if not board.pattern.months:
        c.add("board.pattern.months", "empty_list", item="meeting month")
    for i, item in enumerate(board.items):
        path = f"board.items[{i}]"
        c.require(f"{path}.title", item.title, f"The title of calendar item {i + 1}")
        if item.cadence.value == "once" and item.date is None:
            c.add(f"{path}.date", "once_without_date", title=item.title or f"item {i + 1}")
        if item.cadence.value == "annual" and item.fiscal_quarter is None and item.date is None:
            c.add(f"{path}.fiscal_quarter", "annual_quarter_missing", title=item.title)


def _review(c: _Collector, charter: Charter) -> None:
    _approvals(c, "approvals", charter.approvals, dated=False)


_VALIDATORS: dict[Step, Callable[[_Collector, Charter], None]] = {
    Step.ORGANISATION: _organisation,
    Step.EXECUTIVE: _executive,
    Step.RISK: _risk,
    Step.ETHICS: _ethics,
    Step.INCIDENTS: _incidents,
    Step.BOARD: _board,
    Step.REVIEW: _review,
}


def validate_step(step: Step, charter: Charter) -> list[Finding]:
    """Check the answers of one step.

    Args:
        step: The step to check.
        charter: The whole charter; some checks compare with other steps (dates, role keys).

    Returns:
        The findings, empty when the step is complete.
    """
    check = _VALIDATORS.get(step)
    if check is None:
        return []
    collector = _Collector(step)
    check(collector, charter)
    return collector.items


def validate(charter: Charter) -> list[Finding]:
    """Check every step of the charter and return all findings in flow order."""
    return [f for step in Step for f in validate_step(step, charter)]


def iter_incomplete(charter: Charter) -> Iterator[Step]:
    """Yield the content steps that still have findings."""
    for step in CONTENT_STEPS:
        if validate_step(step, charter):
            yield step
