"""Readiness rules about the risk tolerance: review, appetite, limits, categories."""

from __future__ import annotations

from collections.abc import Iterator

from wizards.model import Appetite, Charter, RiskClass
from wizards.readiness.core import Hit, Level, rule
from wizards.readiness.helpers import (
    _APPETITE_REVIEW,
    _GENERATIVE,
    _INTEGRITY,
    _PRIVACY,
    _blank,
    _cap,
    _day,
    _high_risk,
    _high_risk_names,
    _items_matching,
    _listing,
    _matches,
    _months_after,
    _personal_data,
    _system_name,
)
from wizards.steps import Step


@rule(
    "risk-never-reviewed",
    Level.WARNING,
    Step.RISK,
    "The risk appetite has never been reviewed and no review is scheduled.",
    "NIST AI RMF GOVERN 1.5, MAP 1.5; ISO/IEC 42001 6.1.1; EU AI Act Art. 9(2)",
)
def _risk_never_reviewed(c: Charter) -> Iterator[Hit]:
    risk = c.risk
    if risk.last_reviewed is not None:
        return
    if risk.review_months <= 0:
        yield Hit(
            "risk.review_months",
            "The risk appetite has never been reviewed and has no review interval.",
            "Set a review interval (12 months is usual) and record when it was last reviewed.",
        )
    elif not _items_matching(c, _APPETITE_REVIEW):
        yield Hit(
            "risk.last_reviewed",
            "The risk appetite has never been reviewed, and no board calendar item reviews it.",
            "Add an annual board item 'Risk appetite review', or record the date of the last "
            "review.",
        )


@rule(
    "risk-review-overdue",
    Level.WARNING,
    Step.RISK,
    "The last review of the risk appetite is older than its review interval.",
    "NIST AI RMF GOVERN 1.5; ISO/IEC 42001 6.1.1",
)
def _risk_review_overdue(c: Charter) -> Iterator[Hit]:
    risk, effective = c.risk, c.meta.effective_date
    if risk.last_reviewed is None or effective is None or risk.review_months <= 0:
        return
    due = _months_after(risk.last_reviewed, risk.review_months)
    if due < effective:
        yield Hit(
            "risk.last_reviewed",
            f"The risk appetite was last reviewed on {_day(risk.last_reviewed)}; its "
            f"{risk.review_months}-month review fell due on {_day(due)}, before the "
            "charter takes effect.",
            "Review the risk appetite with the leadership team and record the new date.",
        )


@rule(
    "risk-rights-appetite-high",
    Level.WARNING,
    Step.RISK,
    "Open or eager appetite on a fundamental-rights category while high-risk systems are used.",
    "EU AI Act Art. 9(5), 27; NIST AI RMF MAP 1.5; ISO/IEC 42001 6.1.1",
)
def _risk_rights_appetite_high(c: Charter) -> Iterator[Hit]:
    if not _high_risk(c):
        return
    for i, cat in enumerate(c.risk.categories):
        if cat.fundamental_rights and cat.appetite in (Appetite.OPEN, Appetite.EAGER):
            name = cat.label.strip() or cat.key.strip() or f"risk category {i + 1}"
            yield Hit(
                f"risk.categories[{i}].appetite",
                f"The appetite for {name}, a fundamental-rights risk, is '{cat.appetite.value}' "
                f"while {_high_risk_names(c)} (high-risk) is in use: people's rights would be "
                "traded for gain.",
                "Lower the appetite to cautious or below, or explain and approve the exception "
                "at board level.",
            )


@rule(
    "risk-no-prohibited-uses",
    Level.WARNING,
    Step.RISK,
    "The list of prohibited uses is empty.",
    "EU AI Act Art. 5; ISO/IEC 42001 A.9.4; NIST AI 600-1 GV-1.3-007",
)
def _risk_no_prohibited_uses(c: Charter) -> Iterator[Hit]:
    if not any(u.strip() for u in c.risk.prohibited_uses):
        yield Hit(
            "risk.prohibited_uses",
            "The charter rules out no use of AI at all; a risk appetite with no hard limits "
            "sets no limits.",
            "List the uses the organisation will not pursue, at least the practices the EU AI "
            "Act prohibits.",
        )


@rule(
    "risk-no-privacy-category",
    Level.WARNING,
    Step.RISK,
    "Personal data is processed but no risk category covers privacy.",
    "NIST AI RMF MAP 1.5; NIST AI 600-1 (data privacy); EU AI Act Art. 26(9)",
)
def _risk_no_privacy_category(c: Charter) -> Iterator[Hit]:
    if not _personal_data(c):
        return
    if not any(_matches(_PRIVACY, cat.key, cat.label) for cat in c.risk.categories):
        names = [
            _system_name(s, i) for i, s in enumerate(c.organisation.systems) if s.personal_data
        ]
        who = (
            f"{_cap(_listing(names))} process personal data"
            if names
            else "Personal data is processed"
        )
        yield Hit(
            "risk.categories",
            f"{who}, but no risk category sets an appetite for privacy.",
            "Add a privacy (personal data) risk category with a threshold and a trigger.",
        )


@rule(
    "risk-no-info-integrity",
    Level.ADVICE,
    Step.RISK,
    "Generative or general-purpose AI is used without an information-integrity category.",
    "NIST AI 600-1 (information integrity, confabulation); NIST AI RMF MAP 1.5",
)
def _risk_no_info_integrity(c: Charter) -> Iterator[Hit]:
    names = [
        _system_name(s, i)
        for i, s in enumerate(c.organisation.systems)
        if s.risk_class is RiskClass.GPAI or _matches(_GENERATIVE, s.name, s.purpose)
    ]
    if names and not any(_matches(_INTEGRITY, cat.key, cat.label) for cat in c.risk.categories):
        yield Hit(
            "risk.categories",
            f"{_cap(_listing(names))} generate{'s' if len(names) == 1 else ''} content, but no "
            "risk category covers information integrity (made-up or misleading output).",
            "Add an information-integrity category with a measurable threshold, e.g. an error "
            "rate in sampled answers.",
        )


@rule(
    "risk-threshold-not-measurable",
    Level.ADVICE,
    Step.RISK,
    "A risk category's threshold contains no number to measure against.",
    "NIST AI RMF MAP 1.5; NIST AI 600-1 GV-1.3-002; ISO/IEC 42001 6.1.1",
)
def _risk_threshold_not_measurable(c: Charter) -> Iterator[Hit]:
    for i, cat in enumerate(c.risk.categories):
        if not any(ch.isdigit() for ch in cat.threshold):
            name = cat.label.strip() or cat.key.strip() or f"risk category {i + 1}"
            yield Hit(
                f"risk.categories[{i}].threshold",
                f"The threshold for {name} has no number in it, so nobody can tell when it is "
                "crossed.",
                "State the threshold as a measure, e.g. 'approval-rate gap under 5 percentage "
                "points'.",
            )


@rule(
    "risk-set-by-missing",
    Level.ADVICE,
    Step.RISK,
    "The charter does not say who set the risk appetite.",
    "ISO/IEC 42001 5.1, 6.1.1; NIST AI RMF GOVERN 1.3",
)
def _risk_set_by_missing(c: Charter) -> Iterator[Hit]:
    if _blank(c.risk.set_by):
        yield Hit(
            "risk.set_by",
            "Nothing records who set the risk appetite; without it, it reads as a staff "
            "proposal rather than a leadership decision.",
            "Record who set it, e.g. 'the executive committee on 15 November 2026'.",
        )
