"""Readiness rules about the ethics guidelines: owner, review, approval, commitments."""

from __future__ import annotations

from collections.abc import Iterator

from wizards.model import Charter
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import _approval_names, _blank, _day, _listing, _months_after
from wizards.steps import Step


@rule(
    "ethics-no-owner",
    Level.WARNING,
    Step.ETHICS,
    "The ethics guidelines have no owner.",
    "ISO/IEC 42001 5.2, A.2.2; NIST AI RMF GOVERN 1.2",
)
def _ethics_no_owner(c: Charter) -> Iterator[Hit]:
    if _blank(c.ethics.owner):
        yield Hit(
            "ethics.owner",
            "Nobody owns the ethics guidelines, so nobody keeps them current or answers "
            "questions about them.",
            "Name an owner for the guidelines.",
        )


@rule(
    "ethics-no-review-date",
    Level.WARNING,
    Step.ETHICS,
    "The ethics guidelines have no review date.",
    "ISO/IEC 42001 A.2.4",
)
def _ethics_no_review_date(c: Charter) -> Iterator[Hit]:
    if c.ethics.review_date is None:
        yield Hit(
            "ethics.review_date",
            "The ethics guidelines have no review date; they will quietly fall behind the "
            "systems they govern.",
            "Set a review date, usually within a year of the effective date.",
        )


@rule(
    "ethics-review-too-late",
    Level.WARNING,
    Step.ETHICS,
    "The ethics guidelines are next reviewed more than 24 months after the effective date.",
    "ISO/IEC 42001 A.2.4; NIST AI RMF GOVERN 1.5",
)
def _ethics_review_too_late(c: Charter) -> Iterator[Hit]:
    review, effective = c.ethics.review_date, c.meta.effective_date
    if review is not None and effective is not None and review > _months_after(effective, 24):
        yield Hit(
            "ethics.review_date",
            f"The ethics guidelines are next reviewed on {_day(review)}, more than two "
            f"years after the charter takes effect ({_day(effective)}).",
            "Bring the review forward to within 12 to 24 months.",
        )


@rule(
    "ethics-no-leadership-approval",
    Level.BLOCKER,
    Step.ETHICS,
    "No member of the leadership team approved the ethics guidelines.",
    "ISO/IEC 42001 5.2, A.2.2; NIST AI RMF GOVERN 1.2, 2.3",
)
def _ethics_no_leadership_approval(c: Charter) -> Iterator[Hit]:
    if not _approval_names(c.ethics.approvals, leadership_only=True):
        others = _approval_names(c.ethics.approvals, leadership_only=False)
        by = f" (approved only by {_listing(others)})" if others else ""
        yield Hit(
            "ethics.approvals",
            f"No member of the leadership team has approved the ethics guidelines{by}; "
            "they bind nobody who decides.",
            "Record the approval of at least one leadership member, ideally the whole team.",
        )


@rule(
    "ethics-approved-late",
    Level.WARNING,
    Step.ETHICS,
    "An approval of the ethics guidelines is dated after the effective date.",
    "ISO/IEC 42001 5.2",
)
def _ethics_approved_late(c: Charter) -> Iterator[Hit]:
    effective = c.meta.effective_date
    for i, a in enumerate(c.ethics.approvals):
        if effective is not None and a.date is not None and a.date > effective:
            yield Hit(
                f"ethics.approvals[{i}].date",
                f"{a.name.strip() or 'An approver'} approved the ethics guidelines on "
                f"{_day(a.date)}, after they took effect on {_day(effective)}.",
                "Move the effective date to after the approvals, or correct the approval date.",
            )


@rule(
    "ethics-empty-principle",
    Level.WARNING,
    Step.ETHICS,
    "An ethics principle carries no commitment.",
    "ISO/IEC 42001 A.2.2; NIST AI RMF GOVERN 1.2",
)
def _ethics_empty_principle(c: Charter) -> Iterator[Hit]:
    for i, p in enumerate(c.ethics.principles):
        if not any(x.strip() for x in p.commitments):
            name = p.title.strip() or f"principle {i + 1}"
            yield Hit(
                f"ethics.principles[{i}].commitments",
                f"'{name}' is stated but commits the organisation to nothing concrete.",
                f"Add at least one commitment that says what the organisation does for '{name}'.",
            )


@rule(
    "ethics-no-literacy",
    Level.WARNING,
    Step.ETHICS,
    "No AI-literacy measures are listed.",
    "EU AI Act Art. 4 (as replaced by Reg. (EU) 2026/1744); NIST AI RMF GOVERN 2.2; "
    "ISO/IEC 42001 7.2, 7.3",
)
def _ethics_no_literacy(c: Charter) -> Iterator[Hit]:
    if not any(m.strip() for m in c.ethics.literacy_measures):
        yield Hit(
            "ethics.literacy_measures",
            "The charter lists no measures to build AI literacy among the people who run and "
            "use AI for the organisation.",
            "List the measures, e.g. role-based training, guidance for users of generative AI, "
            "a briefing for the leadership team.",
        )


@rule(
    "ethics-no-concerns-channel",
    Level.WARNING,
    Step.ETHICS,
    "There is no channel for raising concerns about AI.",
    "ISO/IEC 42001 A.3.3, A.8.3; EU AI Act Art. 87 (Directive (EU) 2019/1937)",
)
def _ethics_no_concerns_channel(c: Charter) -> Iterator[Hit]:
    if _blank(c.ethics.concerns_channel):
        yield Hit(
            "ethics.concerns_channel",
            "Staff and affected people have no stated way to raise a concern about an AI "
            "system, so problems surface only once they are incidents.",
            "Describe the channel (who receives concerns, how, and the protection against "
            "retaliation).",
        )
