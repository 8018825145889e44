"""A complete, valid charter built in code, for tests that need one without reading examples."""

from __future__ import annotations

import datetime as dt

from wizards.model import (
    AiActRole,
    AiSystem,
    Approval,
    Authorities,
    BoardReporting,
    Cadence,
    Charter,
    CharterMeta,
    EthicsGuidelines,
    IncidentResponse,
    IncidentRole,
    MeetingPattern,
    Organisation,
    Person,
    Phase,
    Principle,
    RegulatoryClock,
    ReportItem,
    ResponsibleExecutive,
    RiskCategory,
    RiskClass,
    RiskTolerance,
    Severity,
    SystemRole,
)

EFFECTIVE = dt.date(2027, 1, 1)


def complete_charter() -> Charter:
    """A small but complete charter: every step passes validation."""
    return Charter(
        meta=CharterMeta(
            id="0123456789abcdef0123456789abcdef", version="1.0", effective_date=EFFECTIVE
        ),
        organisation=Organisation(
            name="Example Housing Association",
            sector="Social housing",
            employees=120,
            jurisdictions=["United Kingdom", "European Union"],
            ai_act_role=AiActRole.DEPLOYER,
            systems=[
                AiSystem(
                    name="Repairs triage assistant",
                    purpose="Sorts tenants' repair requests by urgency.",
                    supplier="Acme Software Ltd",
                    role=SystemRole.DEPLOYER,
                    risk_class=RiskClass.LIMITED,
                    owner="Head of Repairs",
                    personal_data=True,
                )
            ],
        ),
        executive=ResponsibleExecutive(
            person=Person(name="Dana Whitfield", title="Chief Operating Officer"),
            deputy=Person(name="Sam Okafor", title="Head of Digital"),
            authorities=Authorities(
                budget=True,
                budget_amount="GBP 40,000 a year",
                halt_systems=True,
                veto_deployments=True,
                approve_exceptions=True,
            ),
            reports_to="Audit and Risk Committee",
        ),
        risk=RiskTolerance(
            statement=(
                "Example Housing Association uses AI to serve tenants faster.\n"
                "It never lets AI decide alone."
            ),
            categories=[
                RiskCategory(
                    key="privacy",
                    label="Privacy",
                    threshold="No tenant data leaves the UK.",
                    escalation_trigger="Any suspected personal-data breach.",
                    fundamental_rights=True,
                ),
            ],
            prohibited_uses=["Automated decisions on tenancy without human review."],
        ),
        ethics=EthicsGuidelines(
            principles=[
                Principle(
                    key="oecd-1.5",
                    title="Accountability",
                    source="OECD AI Principles",
                    description="Someone answers for every AI outcome.",
                    commitments=["Every system has a named owner."],
                ),
            ],
            owner="Dana Whitfield",
            review_date=dt.date(2028, 1, 1),
            approvals=[Approval(name="Dana Whitfield", role="COO", date=dt.date(2026, 12, 1))],
            concerns_channel="Write to concerns@example.org.",
            literacy_measures=["Annual AI awareness session for all staff."],
        ),
        incidents=IncidentResponse(
            severities=[
                Severity(
                    level="SEV-1",
                    name="Critical",
                    executive_hours=1,
                    board_hours=24,
                    escalate_to=["exec"],
                )
            ],
            roles=[
                IncidentRole(
                    key="ic",
                    title="Incident commander",
                    person="Sam Okafor",
                    deputy="Lee Park",
                    duties={Phase.CONTAIN: "Leads the response."},
                ),
                IncidentRole(
                    key="exec",
                    title="Accountable executive",
                    person="Dana Whitfield",
                    deputy="Sam Okafor",
                    executive=True,
                ),
            ],
            clocks=[
                RegulatoryClock(
                    key="gdpr-33",
                    regime="GDPR Art. 33",
                    deadline="72 hours",
                    hours=72,
                    notify="ICO",
                    owner_role="exec",
                )
            ],
        ),
        board=BoardReporting(
            forum="Audit and Risk Committee",
            pattern=MeetingPattern(months=[3, 6, 9, 12], nth=2, weekday=1),
            items=[
                ReportItem(
                    key="risk-report",
                    title="Quarterly AI risk report",
                    cadence=Cadence.QUARTERLY,
                    owner="Dana Whitfield",
                ),
                ReportItem(
                    key="charter-review",
                    title="Annual charter review",
                    cadence=Cadence.ANNUAL,
                    fiscal_quarter=4,
                ),
            ],
        ),
        approvals=[Approval(name="Ruth Ames", role="Chair", date=dt.date(2026, 12, 10))],
    )
