"""The charter model: every answer of the wizard, typed, with the structure of the answers file."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import Enum
from typing import Annotated

from dateutil.relativedelta import relativedelta
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from wizards.bounds import LIST_MAX, Day, Name, Prose
from wizards.workshop.model import Workshop

FORMAT_VERSION = 2
"""Version of the answers-file format this program writes and the newest it reads."""

HOURS_MAX = 1_000_000.0
"""Longest escalation or notification time in hours: finite, and what the form's field takes."""

EMPLOYEES_MAX = 10_000_000
"""Most employees the model accepts; the largest employers have about a fifth of that."""


def _not_zero(value: int) -> int:
    if value == 0:
        raise ValueError("there is no 0th weekday of a month; use 1 to 5, or -1 for the last")
    return value


Nth = Annotated[
    int, Field(ge=-1, le=5, json_schema_extra={"not": {"const": 0}}), AfterValidator(_not_zero)
]


class StrEnum(str, Enum):
    """A string enumeration whose members serialise as their value (Python 3.10 has no StrEnum)."""

    def __str__(self) -> str:
        return str(self.value)


class Appetite(StrEnum):
    """The five-level risk appetite scale, from least to most willing to take risk."""

    AVERSE = "averse"
    MINIMAL = "minimal"
    CAUTIOUS = "cautious"
    OPEN = "open"
    EAGER = "eager"


class AiActRole(StrEnum):
    """The organisation's role under the EU AI Act."""

    PROVIDER = "provider"
    DEPLOYER = "deployer"
    BOTH = "both"
    NEITHER = "neither"


class SystemRole(StrEnum):
    """What the organisation does with one AI system."""

    PROVIDER = "provider"
    DEPLOYER = "deployer"


class RiskClass(StrEnum):
    """Risk class of an AI system under the EU AI Act."""

    PROHIBITED = "prohibited"
    HIGH = "high"
    LIMITED = "limited"
    MINIMAL = "minimal"
    GPAI = "gpai"


class OrgSize(StrEnum):
    """Size band of the organisation (EU SME bands)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Phase(StrEnum):
    """Phases of an AI incident, in order."""

    DETECT = "detect"
    ASSESS = "assess"
    CONTAIN = "contain"
    NOTIFY = "notify"
    RECOVER = "recover"
    REVIEW = "review"


class Cadence(StrEnum):
    """How often a board calendar item recurs."""

    EVERY_MEETING = "every_meeting"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"
    ONCE = "once"


class PatternKind(StrEnum):
    """How the board's meeting dates are described."""

    NTH_WEEKDAY = "nth_weekday"
    DAY_OF_MONTH = "day_of_month"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, use_enum_values=False)


class Person(_Model):
    """A named person with a job title."""

    name: Name = ""
    title: Name = ""
    email: Name = ""


class AiSystem(_Model):
    """One AI system the organisation builds or uses."""

    name: Name = ""
    purpose: Prose = ""
    supplier: Name = ""
    role: SystemRole = SystemRole.DEPLOYER
    risk_class: RiskClass = RiskClass.MINIMAL
    annex_iii_point: Name = Field(default="", description="Annex III point, e.g. '5(b)'")
    annex_i: bool = Field(
        default=False,
        description="high-risk as a safety component of a product under Annex I (Art. 6(1))",
    )
    owner: Name = ""
    personal_data: bool = False


class Organisation(_Model):
    """Who the charter is for and which AI it governs."""

    name: Name = ""
    sector: Name = ""
    size: OrgSize = OrgSize.SMALL
    employees: int | None = Field(default=None, ge=0, le=EMPLOYEES_MAX)
    jurisdictions: list[Name] = Field(default_factory=list, max_length=LIST_MAX)
    ai_act_role: AiActRole = AiActRole.DEPLOYER
    processes_personal_data: bool = True
    public_service: bool = Field(
        default=False,
        description="a public body, or a private one providing public services (Art. 27)",
    )
    nis2_entity: bool = False
    dora_entity: bool = False
    systems: list[AiSystem] = Field(default_factory=list, max_length=LIST_MAX)


class Authorities(_Model):
    """What the responsible executive may decide alone."""

    budget: bool = False
    budget_amount: Name = ""
    halt_systems: bool = False
    veto_deployments: bool = False
    approve_exceptions: bool = False
    other: list[Name] = Field(default_factory=list, max_length=LIST_MAX)


class ResponsibleExecutive(_Model):
    """The executive accountable for AI oversight."""

    person: Person = Field(default_factory=Person)
    deputy: Person = Field(default_factory=Person)
    authorities: Authorities = Field(default_factory=Authorities)
    reports_to: Name = ""
    report_frequency: Cadence = Cadence.QUARTERLY
    term_start: Day | None = None
    term_months: int = Field(default=24, ge=0, le=240)
    conflicts: Prose = ""
    time_allocation: Name = ""

    def term_end(self, effective: dt.date | None = None) -> dt.date | None:
        """Last day of the appointment: the day before ``term_months`` have run from its start.

        The term starts on ``term_start``, or on ``effective`` (the charter's effective date)
        when no start is set; None when neither is known. Every document and check that names
        the end of the term takes it from here, so they never differ by a day.
        """
        start = self.term_start or effective
        if start is None:
            return None
        try:
            return start + relativedelta(months=self.term_months, days=-1)
        except (ValueError, OverflowError):  # past the calendar's ends
            return dt.date.max if self.term_months > 0 else dt.date.min


class RiskCategory(_Model):
    """Appetite, threshold and escalation trigger for one category of AI risk."""

    key: Name = ""
    label: Name = ""
    appetite: Appetite = Appetite.CAUTIOUS
    threshold: Prose = ""
    escalation_trigger: Prose = ""
    fundamental_rights: bool = False


class ApprovalRule(_Model):
    """Who decides on a new AI use of one risk class: approve, approve with conditions,
    escalate or block."""

    risk_class: RiskClass = RiskClass.MINIMAL
    approve: Name = Field(default="", description="who may approve a new use")
    conditions: Name = Field(default="", description="who may approve it with conditions")
    escalate_to: Name = Field(default="", description="who a doubtful case goes to")
    block: Name = Field(default="", description="who may block it")


class IntakeGate(_Model):
    """What every new AI system passes before it goes live."""

    checks: list[Prose] = Field(
        default_factory=list, max_length=LIST_MAX, description="checks before going live"
    )
    supplier_checks: list[Prose] = Field(
        default_factory=list, max_length=LIST_MAX, description="due diligence on the supplier"
    )
    inventory: Name = Field(default="", description="where approved AI systems are recorded")


class RiskTolerance(_Model):
    """The leadership's statement of how much AI risk the organisation accepts."""

    statement: Prose = ""
    categories: list[RiskCategory] = Field(default_factory=list, max_length=LIST_MAX)
    prohibited_uses: list[Prose] = Field(default_factory=list, max_length=LIST_MAX)
    set_by: Name = ""
    review_months: int = Field(default=12, ge=0, le=120)
    last_reviewed: Day | None = None
    authority: list[ApprovalRule] = Field(
        default_factory=list,
        max_length=LIST_MAX,
        description="approval authority by risk class",
    )
    intake: IntakeGate = Field(default_factory=IntakeGate)


class Principle(_Model):
    """One ethics principle with the commitments that make it concrete."""

    key: Name = ""
    title: Name = ""
    source: Name = ""
    description: Prose = ""
    commitments: list[Prose] = Field(default_factory=list, max_length=LIST_MAX)


class Approval(_Model):
    """A signatory of the charter: who, in which role, and the date if they signed in the tool.

    Signatories are members of the approving body. The appointed executive may countersign as
    accepting the appointment (``countersign``); that is not an approval of it.
    """

    name: Name = ""
    role: Name = ""
    date: Day | None = None  # left empty for a wet-ink signature dated on the paper
    leadership: bool = True
    countersign: bool = Field(default=False, description="appointee's countersignature")


class EthicsGuidelines(_Model):
    """The AI ethics guidelines the leadership approves."""

    principles: list[Principle] = Field(default_factory=list, max_length=LIST_MAX)
    owner: Name = ""
    review_date: Day | None = None
    approvals: list[Approval] = Field(default_factory=list, max_length=LIST_MAX)
    concerns_channel: Prose = ""
    literacy_measures: list[Prose] = Field(default_factory=list, max_length=LIST_MAX)


class Severity(_Model):
    """One incident severity level and how fast it escalates."""

    level: Name = ""
    name: Name = ""
    description: Prose = ""
    executive_hours: float | None = Field(
        default=None, le=HOURS_MAX, allow_inf_nan=False, description="hours to inform the executive"
    )
    board_hours: float | None = Field(
        default=None, le=HOURS_MAX, allow_inf_nan=False, description="hours to inform the board"
    )
    escalate_to: list[Name] = Field(
        default_factory=list, max_length=LIST_MAX, description="role keys informed"
    )


class IncidentRole(_Model):
    """A role in AI incident response, held by a named person with a deputy."""

    key: Name = ""
    title: Name = ""
    person: Name = ""
    deputy: Name = ""
    executive: bool = False
    duties: dict[Phase, Prose] = Field(default_factory=dict)
    phone: Name = Field(default="", description="telephone number, printed on the role card")
    out_of_hours: Name = Field(
        default="", description="how to reach the role outside working hours"
    )


class RegulatoryClock(_Model):
    """A legal notification deadline that may run during an AI incident."""

    key: Name = ""
    regime: Name = ""
    trigger: Prose = ""
    deadline: Name = ""
    hours: float | None = Field(default=None, gt=0, le=HOURS_MAX, allow_inf_nan=False)
    notify: Name = ""
    owner_role: Name = ""
    applies: bool = True


class IncidentResponse(_Model):
    """Severity levels, incident roles and the regulatory clocks that apply."""

    severities: list[Severity] = Field(default_factory=list, max_length=LIST_MAX)
    roles: list[IncidentRole] = Field(default_factory=list, max_length=LIST_MAX)
    clocks: list[RegulatoryClock] = Field(default_factory=list, max_length=LIST_MAX)
    tabletop_months: int = Field(default=12, ge=0, le=60)


class MeetingPattern(_Model):
    """When the board or committee meets."""

    kind: PatternKind = PatternKind.NTH_WEEKDAY
    months: list[Annotated[int, Field(ge=1, le=12)]] = Field(
        default_factory=lambda: [3, 6, 9, 12], max_length=12
    )
    nth: Nth = Field(default=2, description="1-5, or -1 for the last")
    weekday: int = Field(default=1, ge=0, le=6, description="0 is Monday")
    day: int = Field(default=15, ge=1, le=28)
    move_off_weekends: bool = True


class ReportItem(_Model):
    """Something reported to or reviewed by the board on a cadence."""

    key: Name = ""
    title: Name = ""
    what: Prose = ""
    owner: Name = ""
    cadence: Cadence = Cadence.QUARTERLY
    fiscal_quarter: int | None = Field(default=None, ge=1, le=4)
    date: Day | None = None
    reference: Name = ""
    unverified: bool = False


class BodyMember(_Model):
    """One member of the body that oversees AI."""

    name: Name = ""
    role: Name = ""
    voting: bool = True


class Assurance(_Model):
    """The three lines: who owns AI risk, who oversees it, who checks independently."""

    first_line: Name = Field(default="", description="who owns and runs each AI system")
    second_line: Name = Field(default="", description="risk and compliance function")
    third_line: Name = Field(default="", description="internal audit or independent reviewer")
    review_months: int = Field(
        default=24, ge=0, le=120, description="months between independent reviews"
    )


class Indicator(_Model):
    """What the board sees to know one commitment is kept."""

    commitment: Prose = ""
    measure: Prose = Field(default="", description="the indicator")
    evidence: Prose = Field(default="", description="where the evidence comes from")
    owner: Name = ""
    cadence: Cadence = Cadence.QUARTERLY


class BoardReporting(_Model):
    """The board reporting calendar: forum, meeting pattern and items."""

    forum: Name = ""
    secretary: Name = ""
    pattern: MeetingPattern = Field(default_factory=MeetingPattern)
    fiscal_year_start_month: int = Field(default=1, ge=1, le=12)
    horizon_months: int = Field(default=24, ge=1, le=120)
    items: list[ReportItem] = Field(default_factory=list, max_length=LIST_MAX)
    chair: Name = Field(default="", description="chair of the forum")
    members: list[BodyMember] = Field(
        default_factory=list, max_length=LIST_MAX, description="members of the forum"
    )
    quorum: int | None = Field(
        default=None, ge=1, le=LIST_MAX, description="voting members needed to decide"
    )
    minutes_days: int = Field(
        default=10, ge=0, le=90, description="days within which the minutes are circulated"
    )
    decision_log: Name = Field(default="", description="where the decision log is kept")
    assurance: Assurance = Field(default_factory=Assurance)
    indicators: list[Indicator] = Field(default_factory=list, max_length=LIST_MAX)


class Definition(_Model):
    """One term as this charter uses it."""

    term: Name = ""
    meaning: Prose = ""


class Upkeep(_Model):
    """How the charter is kept: what happens on a breach, and how it is changed."""

    breach_report_to: Name = Field(
        default="", description="who a breach of the charter is reported to"
    )
    breach_days: int = Field(
        default=5, ge=0, le=365, description="working days within which a breach is reported"
    )
    breach_consequences: Prose = Field(default="", description="what follows a breach")
    amended_by: Name = Field(default="", description="who approves amendments")
    editorial_by: Name = Field(
        default="", description="who may make editorial changes between approvals"
    )
    proposals_from: Name = Field(default="", description="who may propose an amendment")


class CharterMeta(_Model):
    """Title, version and dates of the charter document."""

    id: Name = Field(
        default_factory=lambda: uuid.uuid4().hex,
        description="stable identity of this charter; calendar UIDs derive from it",
    )
    title: Name = "AI Governance Charter"
    version: Name = "1.0"
    effective_date: Day | None = None
    author: Name = ""
    review_months: int = Field(default=12, ge=1, le=60)
    include_findings: bool = False
    definitions: list[Definition] = Field(default_factory=list, max_length=LIST_MAX)
    upkeep: Upkeep = Field(default_factory=Upkeep)


class Resolution(_Model):
    """The resolution by which the approving body adopts the charter."""

    body: Name = Field(default="", description="approving body, e.g. the board or a committee")
    meeting_date: Day | None = None
    reference: Name = Field(default="", description="minute or resolution reference")
    quorum_confirmed: bool = False


class AcceptedRisk(_Model):
    """A blocker the approving body accepted instead of fixing, for a limited time."""

    rule: Name = Field(default="", description="readiness rule of the accepted blocker")
    field: Name = Field(default="", description="place in the charter of the accepted blocker")
    summary: Prose = Field(default="", description="accepted risk")
    reason: Prose = ""
    owner: Name = Field(default="", description="owner of the risk until it is fixed")
    accepted_by: Name = Field(default="", description="body that accepted it")
    accepted_on: Day | None = None
    expires: Day | None = Field(default=None, description="expiry date of the acceptance")


class ApprovalRecord(_Model):
    """One approved version, sealed to its content by a fingerprint."""

    version: Name = ""
    approved_on: Day | None = None
    fingerprint: Name = Field(default="", description="SHA-256 of the approved content")
    body: Name = ""
    reference: Name = ""
    approved_by: list[Name] = Field(default_factory=list, max_length=LIST_MAX)
    summary: Prose = Field(default="", description="changes since the previous version")


class DrillRecord(_Model):
    """An incident drill run on this charter: when, which scenario, and what it found."""

    date: dt.date
    scenario: Name = ""
    title: Name = ""
    clocks_missed: int = Field(default=0, ge=0)
    escalations_late: int = Field(default=0, ge=0)
    gaps: int = Field(default=0, ge=0)


class Charter(_Model):
    """A whole charter: everything the wizard asks and the answers file holds."""

    format_version: int = FORMAT_VERSION
    meta: CharterMeta = Field(default_factory=CharterMeta)
    organisation: Organisation = Field(default_factory=Organisation)
    executive: ResponsibleExecutive = Field(default_factory=ResponsibleExecutive)
    risk: RiskTolerance = Field(default_factory=RiskTolerance)
    ethics: EthicsGuidelines = Field(default_factory=EthicsGuidelines)
    incidents: IncidentResponse = Field(default_factory=IncidentResponse)
    board: BoardReporting = Field(default_factory=BoardReporting)
    approvals: list[Approval] = Field(default_factory=list, max_length=LIST_MAX)
    resolution: Resolution = Field(default_factory=Resolution)
    accepted_risks: list[AcceptedRisk] = Field(default_factory=list, max_length=LIST_MAX)
    history: list[ApprovalRecord] = Field(
        default_factory=list,
        max_length=LIST_MAX,
        description="approved versions of this charter, oldest first",
    )
    drills: list[DrillRecord] = Field(
        default_factory=list,
        max_length=LIST_MAX,
        description="incident drills run on this charter, oldest first",
    )
    workshops: list[Workshop] = Field(
        default_factory=list,
        max_length=LIST_MAX,
        description="workshops where the leadership decided this charter, oldest first",
    )

    def next_review_date(self) -> dt.date | None:
        """Date by which the whole charter is next reviewed, or None without an effective date."""
        start = self.meta.effective_date
        if start is None:
            return None
        try:
            return start + relativedelta(months=self.meta.review_months)
        except (ValueError, OverflowError):  # past 9999, only for a date set without validation
            return dt.date.max

    def has_high_risk(self) -> bool:
        """True when any AI system in use is high-risk under the EU AI Act."""
        return any(s.risk_class is RiskClass.HIGH for s in self.organisation.systems)
