"""The choices offered for the model's enumerations, in the user's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from wizards.board_calendar import MONTH_NAMES, WEEKDAY_NAMES
from wizards.model import (
    AiActRole,
    Appetite,
    Cadence,
    OrgSize,
    PatternKind,
    Phase,
    RiskClass,
    SystemRole,
)

Choices = list[tuple[Any, str]]


def _t(text: str) -> str:
    return QCoreApplication.translate("Choices", text)


def sizes() -> Choices:
    """Size bands of an organisation."""
    return [
        (OrgSize.MICRO, _t("Micro: fewer than 10 people")),
        (OrgSize.SMALL, _t("Small: 10 to 49 people")),
        (OrgSize.MEDIUM, _t("Medium: 50 to 249 people")),
        (OrgSize.LARGE, _t("Large: 250 people or more")),
    ]


def ai_act_roles() -> Choices:
    """The organisation's role under the EU AI Act."""
    return [
        (AiActRole.DEPLOYER, _t("Deployer: we use AI systems others built")),
        (AiActRole.PROVIDER, _t("Provider: we build or sell AI systems")),
        (AiActRole.BOTH, _t("Both provider and deployer")),
        (AiActRole.NEITHER, _t("Neither")),
    ]


def system_roles() -> Choices:
    """What the organisation does with one AI system."""
    return [(SystemRole.DEPLOYER, _t("Deployer")), (SystemRole.PROVIDER, _t("Provider"))]


def risk_classes() -> Choices:
    """EU AI Act risk classes."""
    return [
        (RiskClass.MINIMAL, _t("Minimal risk")),
        (RiskClass.LIMITED, _t("Transparency obligations")),
        (RiskClass.HIGH, _t("High-risk")),
        (RiskClass.GPAI, _t("General-purpose AI")),
        (RiskClass.PROHIBITED, _t("Prohibited practice")),
    ]


def appetites() -> Choices:
    """The five-level appetite scale."""
    return [
        (Appetite.AVERSE, _t("Averse")),
        (Appetite.MINIMAL, _t("Minimal")),
        (Appetite.CAUTIOUS, _t("Cautious")),
        (Appetite.OPEN, _t("Open")),
        (Appetite.EAGER, _t("Eager")),
    ]


def cadences() -> Choices:
    """How often something recurs."""
    return [
        (Cadence.EVERY_MEETING, _t("Every meeting")),
        (Cadence.QUARTERLY, _t("Quarterly")),
        (Cadence.SEMIANNUAL, _t("Twice a year")),
        (Cadence.ANNUAL, _t("Annually")),
        (Cadence.ONCE, _t("Once")),
    ]


def pattern_kinds() -> Choices:
    """How meeting dates are described."""
    return [
        (PatternKind.NTH_WEEKDAY, _t("A weekday of the month (e.g. second Tuesday)")),
        (PatternKind.DAY_OF_MONTH, _t("A day of the month (e.g. the 15th)")),
    ]


def nths() -> Choices:
    """Which weekday of the month."""
    return [
        (1, _t("First")),
        (2, _t("Second")),
        (3, _t("Third")),
        (4, _t("Fourth")),
        (5, _t("Fifth")),
        (-1, _t("Last")),
    ]


def weekdays() -> Choices:
    """Days of the week, Monday first."""
    return [(i, _t(name)) for i, name in enumerate(WEEKDAY_NAMES)]


def months() -> Choices:
    """Months of the year, 1 for January."""
    return [(i + 1, _t(name)) for i, name in enumerate(MONTH_NAMES)]


def quarters() -> Choices:
    """Fiscal quarters, or none."""
    return [(None, _t("Not set")), (1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]


def phases() -> Choices:
    """Phases of an incident, in order."""
    return [
        (Phase.DETECT, _t("Detect")),
        (Phase.ASSESS, _t("Assess")),
        (Phase.CONTAIN, _t("Contain")),
        (Phase.NOTIFY, _t("Notify")),
        (Phase.RECOVER, _t("Recover")),
        (Phase.REVIEW, _t("Review")),
    ]
