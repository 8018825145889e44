"""Readiness rules about the review step: who approved the charter, and when."""

from __future__ import annotations

from collections.abc import Iterator

from wizards.model import Charter
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import _approval_names, _day
from wizards.steps import Step, same_person


@rule(
    "charter-not-approved",
    Level.WARNING,
    Step.REVIEW,
    "No member of the leadership team has approved the charter.",
    "ISO/IEC 42001 5.1, 5.2; NIST AI RMF GOVERN 2.3",
)
def _charter_not_approved(c: Charter) -> Iterator[Hit]:
    approvers = [a for a in c.approvals if not a.countersign]
    if not _approval_names(approvers, leadership_only=True):
        yield Hit(
            "approvals",
            "No member of the leadership team has signed the charter yet.",
            "Record the sign-off of the leadership team before the charter is issued.",
        )


@rule(
    "charter-approved-late",
    Level.WARNING,
    Step.REVIEW,
    "An approval of the charter is dated after its effective date.",
    "ISO/IEC 42001 5.2",
)
def _charter_approved_late(c: Charter) -> Iterator[Hit]:
    effective = c.meta.effective_date
    for i, a in enumerate(c.approvals):
        if effective is not None and a.date is not None and a.date > effective:
            yield Hit(
                f"approvals[{i}].date",
                f"{a.name.strip() or 'An approver'} signed on {_day(a.date)}, after the "
                f"charter took effect on {_day(effective)}.",
                "Move the effective date to after the sign-off, or correct the date.",
            )


@rule(
    "charter-appointee-approves",
    Level.WARNING,
    Step.REVIEW,
    "The appointed executive is among those who approve their own appointment.",
    "ISO/IEC 42001 5.1, 5.3",
)
def _charter_appointee_approves(c: Charter) -> Iterator[Hit]:
    exec_name = c.executive.person.name
    for i, a in enumerate(c.approvals):
        if a.name.strip() and not a.countersign and same_person(a.name, exec_name):
            yield Hit(
                f"approvals[{i}].countersign",
                f"{exec_name.strip()} signs as an approver of the resolution that appoints them: "
                "no one approves their own appointment.",
                "Mark their signature as a countersignature accepting the appointment, and have "
                "the members of the approving body approve.",
            )


@rule(
    "charter-self-approved",
    Level.WARNING,
    Step.REVIEW,
    "The responsible executive is the only one who approved the charter.",
    "ISO/IEC 42001 5.1; NIST AI RMF GOVERN 2.3",
)
def _charter_self_approved(c: Charter) -> Iterator[Hit]:
    names = _approval_names(c.approvals, leadership_only=False)
    exec_name = c.executive.person.name
    if names and all(same_person(n, exec_name) for n in names):
        yield Hit(
            "approvals",
            f"{exec_name.strip()} is the only person who approved the charter that makes them "
            "accountable: the rest of the leadership has not bought in.",
            "Have the chief executive and the rest of the leadership team sign too.",
        )
