"""Presets by size and sector, and the defaults they give the steps after the organisation step."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pydantic import BaseModel

from wizards import catalogues
from wizards.board_calendar import add_months, fiscal_quarter_months
from wizards.catalogues import (
    CalendarEntry,
    ClockEntry,
    IncidentRoleEntry,
    PrincipleEntry,
    RiskCategoryEntry,
    SeverityEntry,
    with_confirm_note,
)
from wizards.model import (
    AiActRole,
    AiSystem,
    Appetite,
    ApprovalRule,
    BodyMember,
    Cadence,
    Charter,
    Definition,
    IncidentRole,
    Indicator,
    MeetingPattern,
    Organisation,
    OrgSize,
    Principle,
    RegulatoryClock,
    ReportItem,
    ResponsibleExecutive,
    RiskCategory,
    RiskClass,
    Severity,
    SystemRole,
)
from wizards.steps import Step

# --------------------------------------------------------------------------- presets


@dataclass(frozen=True)
class Preset:
    """A bundle of defaults for one kind of organisation.

    Attributes:
        key: Identifier, also the column of ``default_appetite`` in the risk catalogue.
        label: Name shown to the user.
        description: Who the preset is for.
        risk_categories: Keys of the risk categories to include; None for all.
        roles: Keys of the incident roles to staff; None for all. Duties of roles left out pass
            to their catalogue ``fallback``.
        calendar: Keys of the recurring board items to include. Items tied to a legal condition
            are included whenever the condition holds, whatever the preset.
        forum: Default board or committee that receives the reports.
        tabletop_months: Months between incident tabletop exercises.
        statement: Preset-specific sentence of the risk appetite statement.
        prohibited_uses: Extra prohibited uses on top of the common ones.
        literacy_measures: Extra AI-literacy measures on top of the common ones.
        principle_set: Key of the principle set used by default.
        second_line: Who oversees AI risk (the second line); may name ``{exec_title}``.
        third_line: Who reviews AI governance independently (the third line); may name
            ``{forum}``.
        assurance_months: Months between independent reviews by the third line.
        breach_days: Working days within which a breach of the charter is reported.
    """

    key: str
    label: str
    description: str
    risk_categories: tuple[str, ...] | None
    roles: tuple[str, ...] | None
    calendar: tuple[str, ...]
    forum: str
    tabletop_months: int
    statement: str
    prohibited_uses: tuple[str, ...] = ()
    literacy_measures: tuple[str, ...] = ()
    principle_set: str = "oecd"
    second_line: str = "Risk and compliance function"
    third_line: str = "Internal audit"
    assurance_months: int = 24
    breach_days: int = 5


@dataclass(frozen=True)
class SectorTweak:
    """Adjustments for a sector, applied on top of any preset.

    Attributes:
        key: Identifier.
        label: Name shown to the user.
        keywords: Word starts that recognise the sector in the organisation's free-text sector.
        appetites: Appetite overrides by risk category key.
        statement: Sentence added to the risk appetite statement.
        prohibited_uses: Extra prohibited uses.
        literacy_measures: Extra AI-literacy measures.
        forum: Board or committee typical for the sector, or None to keep the preset's.
        third_line: The independent reviewer typical for the sector, or None to keep the
            preset's; may name ``{forum}``.
        breach_text: Key of the governance catalogue's breach text for the sector.
    """

    key: str
    label: str
    keywords: tuple[str, ...]
    appetites: Mapping[str, Appetite] = field(default_factory=lambda: MappingProxyType({}))
    statement: str = ""
    prohibited_uses: tuple[str, ...] = ()
    literacy_measures: tuple[str, ...] = ()
    forum: str | None = None
    third_line: str | None = None
    breach_text: str = "breach-consequences"


_CORE_CALENDAR = (
    "quarterly-ai-risk-report",
    "annual-charter-review",
    "ethics-guidelines-review",
    "literacy-programme-review",
    "incident-tabletop",
    "independent-review",
    "fairness-test-results",
)

PRESETS: Mapping[str, Preset] = MappingProxyType(
    {
        "lean": Preset(
            key="lean",
            label="Lean charter (small organisation)",
            description=(
                "About 20 people, no high-risk AI systems, AI mostly bought in: the essential "
                "risk categories, six incident roles and a quarterly report."
            ),
            risk_categories=(
                "safety",
                "fairness-bias",
                "privacy",
                "security",
                "legal-regulatory",
                "reputational",
                "third-party",
                "information-integrity",
            ),
            roles=(
                "incident-commander",
                "ai-system-owner",
                "technical-lead",
                "legal-counsel",
                "communications-lead",
                "accountable-executive",
            ),
            calendar=_CORE_CALENDAR,
            forum="Board of directors",
            tabletop_months=12,
            statement=(
                "As a small organisation it prefers proven tools from established suppliers to "
                "building its own, and it keeps experiments away from personal data."
            ),
            second_line="{exec_title}, as the accountable executive",
            third_line="An external reviewer appointed by {forum}",
        ),
        "standard": Preset(
            key="standard",
            label="Standard charter",
            description=(
                "A medium or large organisation without high-risk systems or sector regulation: "
                "every risk category, the full incident team and an annual management review."
            ),
            risk_categories=None,
            roles=(
                "incident-commander",
                "deputy-incident-commander",
                "ai-system-owner",
                "technical-lead",
                "legal-counsel",
                "data-protection-officer",
                "communications-lead",
                "regulatory-reporting-owner",
                "accountable-executive",
                "hr",
            ),
            calendar=(*_CORE_CALENDAR, "iso-management-review"),
            forum="Board of directors",
            tabletop_months=12,
            statement=(
                "It adopts new AI capabilities step by step, starting where the stakes for "
                "people are low, and widen their use once they have met their thresholds."
            ),
        ),
        "regulated": Preset(
            key="regulated",
            label="Full charter (regulated enterprise)",
            description=(
                "A regulated or large enterprise, or any organisation running high-risk AI: "
                "the strictest appetites, every role including a scribe, and two tabletop "
                "exercises a year."
            ),
            risk_categories=None,
            roles=None,
            calendar=(*_CORE_CALENDAR, "iso-management-review"),
            forum="Board Risk Committee",
            tabletop_months=6,
            statement=(
                "As a regulated organisation it holds AI to the same standard of control as any "
                "other material risk, and the board receives a report on it every quarter."
            ),
            prohibited_uses=(
                "Putting a high-risk AI system into use before its risk assessment, any required "
                "fundamental-rights impact assessment and its human-oversight arrangements have "
                "been signed off.",
            ),
            literacy_measures=(
                "records the competence, training and authority of everyone assigned to "
                "oversee a high-risk AI system",
            ),
            second_line="Risk management and compliance functions",
            assurance_months=12,
            breach_days=2,
        ),
    }
)
"""The presets by key. ``preset_for`` chooses one from the organisation step's answers."""

SECTORS: Mapping[str, SectorTweak] = MappingProxyType(
    {
        "financial": SectorTweak(
            key="financial",
            label="Financial services",
            keywords=("financ", "bank", "insur", "credit", "lend", "invest", "payment", "fintech"),
            appetites=MappingProxyType(
                {
                    "fairness-bias": Appetite.AVERSE,
                    "legal-regulatory": Appetite.AVERSE,
                    "security": Appetite.MINIMAL,
                    "third-party": Appetite.MINIMAL,
                }
            ),
            statement=(
                "Because its decisions shape customers' access to money and insurance, fairness "
                "and operational resilience carry the least appetite."
            ),
            prohibited_uses=(
                "Refusing credit, insurance or a claim on the strength of AI without a person "
                "reviewing the refusal and the reasons given to the customer.",
            ),
            literacy_measures=(
                "trains staff who use AI in lending, insurance or claims decisions in fair "
                "treatment and in explaining decisions to customers",
            ),
            forum="Board Risk Committee",
        ),
        "health": SectorTweak(
            key="health",
            label="Health and care",
            keywords=("health", "hospital", "medic", "clinic", "pharma", "nhs", "social care"),
            appetites=MappingProxyType(
                {
                    "safety": Appetite.AVERSE,
                    "privacy": Appetite.AVERSE,
                    "information-integrity": Appetite.MINIMAL,
                }
            ),
            statement=(
                "Because its work touches patients' health, patient safety and confidentiality "
                "come before any gain in efficiency."
            ),
            prohibited_uses=(
                "Using AI output as a diagnosis or a treatment decision without review by a "
                "qualified clinician.",
            ),
            literacy_measures=(
                "briefs every clinician on clinical safety before they use an AI-supported tool",
            ),
        ),
        "public": SectorTweak(
            key="public",
            label="Public sector",
            keywords=(
                "public sector",
                "public administration",
                "public authority",
                "public body",
                "public service",
                "government",
                "municipal",
                "local authority",
                "council",
                "ministry",
            ),
            appetites=MappingProxyType(
                {
                    "fairness-bias": Appetite.AVERSE,
                    "privacy": Appetite.AVERSE,
                    "human-oversight": Appetite.MINIMAL,
                    "reputational": Appetite.MINIMAL,
                }
            ),
            statement=(
                "As a public body it owes the people it serves fair, explainable decisions that "
                "they can challenge."
            ),
            prohibited_uses=(
                "Fully automated decisions on benefits, entitlements or sanctions for "
                "individuals without human review and a way to contest them.",
            ),
            literacy_measures=(
                "trains case workers to review AI-supported decisions and to respect people's "
                "right to an explanation",
            ),
            forum="Audit and Risk Committee",
        ),
        "charity": SectorTweak(
            key="charity",
            label="Charity and non-profit",
            keywords=(
                "charit",
                "non-profit",
                "nonprofit",
                "not-for-profit",
                "not for profit",
                "ngo",
                "voluntary",
                "third sector",
            ),
            appetites=MappingProxyType(
                {"reputational": Appetite.MINIMAL, "privacy": Appetite.MINIMAL}
            ),
            statement=(
                "As a charity it protects the trust of beneficiaries, donors and volunteers "
                "above any saving that AI offers."
            ),
            prohibited_uses=(
                "Creating images or stories of real beneficiaries with AI without their "
                "informed consent.",
            ),
            literacy_measures=(
                "tells volunteers which AI tools they may use and which data they must never "
                "enter into them",
            ),
            forum="Board of trustees",
            third_line=(
                "An external reviewer appointed by {forum}, reporting to the trustees' audit "
                "committee where there is one"
            ),
            breach_text="breach-consequences-charity",
        ),
    }
)
"""Sector tweaks by key; ``sector_for`` recognises the sector from the organisation's answers."""

_REGULATED_SECTORS = frozenset({"financial", "health", "public"})

_COMMON_PROHIBITED = (
    "Any AI practice that Art. 5 of the EU AI Act prohibits, including creating non-consensual "
    "intimate deepfakes or child sexual abuse material.",
    "Letting AI take a final decision that significantly affects a person, such as hiring, "
    "dismissal, credit or access to a service, without a person reviewing it.",
    "Putting confidential, personal or client data into AI tools the organisation has not "
    "approved.",
    "Presenting AI-generated content as written or checked by a person when it was not.",
    "Using an AI system that is not recorded in the AI inventory with a named owner.",
)

_COMMON_LITERACY = (
    "gives every new starter a short induction on the approved AI tools, their limits and this "
    "charter",
    "trains staff who operate, oversee or buy AI systems for their role, with a refresher every "
    "year",
    "briefs the leadership team and the board every year on the AI systems in use and their risks",
)

_CONCERNS = (
    "Anyone who works with or for the organisation can raise a concern about how it builds, buys "
    "or uses AI: with their manager, directly with the accountable executive, or confidentially "
    "through the whistleblowing channel. Every concern must be logged and acknowledged within "
    "five working days, and nobody may suffer for raising one in good faith."
)
_CONCERNS_AI_ACT = (
    " Reports of breaches of the EU AI Act are also protected under the EU Whistleblower "
    "Directive (EU AI Act Art. 87)."
)

_ETHICS_REVIEW_MONTHS = 12

# --------------------------------------------------------------------------- choosing


def _word_start(keyword: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(keyword)}", text) is not None


def sector_for(org: Organisation) -> str | None:
    """The sector tweak that fits the organisation, or None.

    A DORA entity is always financial; otherwise the free-text sector is matched against each
    tweak's keywords at word starts, case-insensitively.

    Args:
        org: The organisation step's answers.

    Returns:
        A key of :data:`SECTORS`, or None when no sector is recognised.
    """
    if org.dora_entity:
        return "financial"
    text = org.sector.casefold()
    for key, tweak in SECTORS.items():
        if any(_word_start(word, text) for word in tweak.keywords):
            return key
    return None


def _is_small(org: Organisation) -> bool:
    if org.employees is not None:
        return org.employees < 50
    return org.size in (OrgSize.MICRO, OrgSize.SMALL)


def preset_for(org: Organisation) -> str:
    """The preset that suits the organisation.

    "regulated" for a NIS2 or DORA entity, for anyone running a high-risk (or prohibited) AI
    system, and for a financial, health or public-sector organisation that is not small; "lean"
    for small organisations (fewer than 50 employees, or the micro and small bands); otherwise
    "standard".

    Args:
        org: The organisation step's answers.

    Returns:
        A key of :data:`PRESETS`.
    """
    high = any(s.risk_class in (RiskClass.HIGH, RiskClass.PROHIBITED) for s in org.systems)
    small = _is_small(org)
    if org.nis2_entity or org.dora_entity or high:
        return "regulated"
    if sector_for(org) in _REGULATED_SECTORS and not small:
        return "regulated"
    return "lean" if small else "standard"


# --------------------------------------------------------------------------- conditions


def _in_scope(org: Organisation) -> bool:
    return org.ai_act_role is not AiActRole.NEITHER


def _acts_as(org: Organisation, system: AiSystem, role: SystemRole) -> bool:
    """True when the organisation holds ``role`` for ``system`` (the organisation's own role
    decides when it is provider-only or deployer-only; with "both", the system's role does)."""
    if org.ai_act_role is AiActRole.BOTH:
        return system.role is role
    return org.ai_act_role.value == role.value


def _high_risk(org: Organisation, role: SystemRole | None = None) -> list[AiSystem]:
    if not _in_scope(org):
        return []
    return [
        s
        for s in org.systems
        if s.risk_class is RiskClass.HIGH and (role is None or _acts_as(org, s, role))
    ]


def _annex_point(system: AiSystem) -> str:
    """The Annex III point in a canonical form: 'Annex III, point 5 (b)' becomes '5(b)'."""
    text = re.sub(r"^\s*annex\s*iii\b[\s,:]*(point\b)?", "", system.annex_iii_point.casefold())
    return text.replace(" ", "")


def _annex_iii(org: Organisation) -> bool:
    # A high-risk system marked neither as an Annex I product nor with an Annex III point
    # could be either kind, so both milestones apply to it.
    return any(not s.annex_i for s in _high_risk(org))


def _annex_i(org: Organisation) -> bool:
    return any(s.annex_i or not _annex_point(s) for s in _high_risk(org))


def fria_systems(org: Organisation) -> list[AiSystem]:
    """The deployed systems that need a fundamental rights impact assessment (EU AI Act Art. 27).

    Those are Annex III high-risk systems for credit scoring or life and health insurance
    pricing (points 5(b) and 5(c)), and any Annex III high-risk system other than critical
    infrastructure (point 2) deployed by a public body or a provider of public services.
    """
    public = org.public_service or sector_for(org) == "public"
    found = []
    for system in _high_risk(org, SystemRole.DEPLOYER):
        if system.annex_i or system.role is SystemRole.PROVIDER:
            continue  # Art. 27 binds deployers of Annex III (Art. 6(2)) systems only
        point = _annex_point(system)
        if point.startswith(("5(b)", "5(c)")) or (public and not point.startswith("2")):
            found.append(system)
    return found


def _gpai_provider(org: Organisation) -> bool:
    return _in_scope(org) and any(
        s.risk_class is RiskClass.GPAI and _acts_as(org, s, SystemRole.PROVIDER)
        for s in org.systems
    )


CONDITIONS: Mapping[str, Callable[[Organisation], bool]] = MappingProxyType(
    {
        "always": lambda org: True,
        "ai_act": _in_scope,
        "ai_act_provider": lambda org: org.ai_act_role in (AiActRole.PROVIDER, AiActRole.BOTH),
        "ai_act_deployer": lambda org: org.ai_act_role in (AiActRole.DEPLOYER, AiActRole.BOTH),
        "ai_act_high_risk": lambda org: bool(_high_risk(org)),
        "ai_act_provider_high_risk": lambda org: bool(_high_risk(org, SystemRole.PROVIDER)),
        "ai_act_deployer_high_risk": lambda org: bool(_high_risk(org, SystemRole.DEPLOYER)),
        "ai_act_gpai_provider": _gpai_provider,
        "annex_iii_high_risk": _annex_iii,
        "annex_i_high_risk": _annex_i,
        "fria_deployer": lambda org: bool(fria_systems(org)),
        "personal_data": lambda org: (
            org.processes_personal_data or any(s.personal_data for s in org.systems)
        ),
        "nis2": lambda org: org.nis2_entity,
        "dora": lambda org: org.dora_entity,
    }
)
"""How each ``applies_when`` condition of the catalogues is decided from the organisation."""


def applies(condition: str, org: Organisation) -> bool:
    """Whether a catalogue ``applies_when`` condition holds for the organisation.

    Args:
        condition: A name from :data:`wizards.catalogues.APPLIES_WHEN`.
        org: The organisation step's answers.

    Raises:
        ValueError: For a condition name this module does not know.
    """
    try:
        check = CONDITIONS[condition]
    except KeyError:
        raise ValueError(f"Unknown applies_when condition '{condition}'") from None
    return check(org)


def applicable_clock_keys(charter: Charter) -> set[str]:
    """Keys of the catalogue's regulatory clocks that apply to the charter's organisation."""
    org = charter.organisation
    return {c.key for c in catalogues.regulatory_clocks() if applies(c.applies_when, org)}


def applicable_calendar_keys(charter: Charter, preset: str | None = None) -> list[str]:
    """Keys of the board calendar items the preset proposes for this charter, in catalogue order.

    One-off milestones dated before the charter's effective date (today when unset) are left
    out: they are history, not agenda items.
    """
    return [e.key for e in _calendar_entries(charter, _preset(charter, preset))]


# --------------------------------------------------------------------------- conversions


def principle_from_catalogue(entry: PrincipleEntry) -> Principle:
    """A charter principle from a catalogue principle; an unverified source says so."""
    return Principle(
        key=entry.key,
        title=entry.title,
        source=with_confirm_note(entry.source, entry.unverified),
        description=entry.description,
        commitments=list(entry.commitments),
    )


def risk_category_from_catalogue(
    entry: RiskCategoryEntry, preset: str, sector: str | None = None
) -> RiskCategory:
    """A charter risk category from a catalogue category, with the appetite for the preset.

    Args:
        entry: The catalogue category.
        preset: A key of :data:`PRESETS`; the entry's default appetite for it is used (cautious
            when the entry has none).
        sector: A key of :data:`SECTORS` whose appetite for the category, if any, wins; None
            for no sector.

    Returns:
        The category; an unverified threshold carries the "confirm with counsel" note.
    """
    appetite = entry.default_appetite.get(preset, Appetite.CAUTIOUS)
    if sector is not None:
        appetite = SECTORS[sector].appetites.get(entry.key, appetite)
    return RiskCategory(
        key=entry.key,
        label=entry.label,
        appetite=appetite,
        threshold=with_confirm_note(entry.threshold, entry.unverified),
        escalation_trigger=entry.escalation_trigger,
        fundamental_rights=entry.fundamental_rights,
    )


def _resolve_role(
    key: str, staffed: Collection[str], roles: Mapping[str, IncidentRoleEntry]
) -> str:
    """``key`` when the charter staffs it, else the first staffed role on its fallback chain."""
    seen: set[str] = set()
    while key and key not in staffed and key not in seen:
        seen.add(key)
        entry = roles.get(key)
        key = entry.fallback if entry is not None else ""
    return key if key in staffed else ""


def severity_from_catalogue(
    entry: SeverityEntry,
    staffed: Collection[str],
    roles: Mapping[str, IncidentRoleEntry] | None = None,
) -> Severity:
    """A charter severity level from a catalogue level, escalating only to staffed roles.

    Args:
        entry: The catalogue severity level.
        staffed: Keys of the incident roles the charter has.
        roles: Catalogue roles by key. An escalation target the charter does not staff passes
            to the first staffed role on its ``fallback`` chain; without ``roles`` it is dropped.

    Returns:
        The level; an unverified description carries the "confirm with counsel" note.
    """
    escalate: list[str] = []
    for key in entry.escalate_to:
        resolved = _resolve_role(key, staffed, roles or {})
        if resolved and resolved not in escalate:
            escalate.append(resolved)
    return Severity(
        level=entry.level,
        name=entry.label,
        description=with_confirm_note(entry.description, entry.unverified),
        executive_hours=entry.executive_hours,
        board_hours=entry.board_hours,
        escalate_to=escalate,
    )


def incident_role_from_catalogue(
    entry: IncidentRoleEntry, person: str = "", deputy: str = ""
) -> IncidentRole:
    """A charter incident role from a catalogue role, with its duties per phase.

    Args:
        entry: The catalogue role.
        person: Who holds the role; people are never defaults, so empty unless known.
        deputy: Who stands in for them.
    """
    return IncidentRole(
        key=entry.key,
        title=entry.title,
        person=person,
        deputy=deputy,
        executive=entry.executive,
        duties=dict(entry.duties),
    )


def clock_from_catalogue(
    entry: ClockEntry,
    staffed: Collection[str],
    roles: Mapping[str, IncidentRoleEntry] | None = None,
) -> RegulatoryClock:
    """A charter regulatory clock from a catalogue clock, marked as applying.

    Args:
        entry: The catalogue clock.
        staffed: Keys of the incident roles the charter has.
        roles: Catalogue roles by key. An owner role the charter does not staff passes to the
            first staffed role on its ``fallback`` chain; without ``roles`` the owner is left
            empty.

    Returns:
        The clock; an unverified trigger carries the "confirm with counsel" note.
    """
    return RegulatoryClock(
        key=entry.key,
        regime=entry.regime,
        trigger=with_confirm_note(entry.trigger, entry.unverified),
        deadline=entry.deadline,
        hours=entry.hours,
        notify=entry.notify,
        owner_role=_resolve_role(entry.owner_role, staffed, roles or {}),
        applies=True,
    )


def report_item_from_catalogue(entry: CalendarEntry, tabletop_months: int = 0) -> ReportItem:
    """A board calendar item from a catalogue item.

    Args:
        entry: The catalogue item.
        tabletop_months: Months between incident tabletop exercises; six or fewer make the
            tabletop item semiannual. 0 keeps the catalogue's cadence.
    """
    cadence, quarter = entry.cadence, entry.fiscal_quarter
    if entry.key == "incident-tabletop" and 0 < tabletop_months <= 6:
        cadence, quarter = Cadence.SEMIANNUAL, None
    return ReportItem(
        key=entry.key,
        title=entry.title,
        what=entry.what,
        owner=entry.owner,
        cadence=cadence,
        fiscal_quarter=quarter,
        date=entry.date,
        reference=entry.reference,
        unverified=entry.unverified,
    )


# --------------------------------------------------------------------------- applying


def _preset(charter: Charter, key: str | None) -> Preset:
    key = key if key is not None else preset_for(charter.organisation)
    try:
        return PRESETS[key]
    except KeyError:
        raise ValueError(f"Unknown preset '{key}'; choose one of: {', '.join(PRESETS)}") from None


def _sector(charter: Charter) -> SectorTweak | None:
    key = sector_for(charter.organisation)
    return None if key is None else SECTORS[key]


def _blank(text: str) -> bool:
    return not text.strip()


def _merge_lists(*parts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        out.extend(x for x in part if x not in out)
    return out


def _forum(charter: Charter, preset: Preset, sector: SectorTweak | None) -> str:
    if sector is not None and sector.forum:
        return sector.forum
    return preset.forum


def risk_statement(charter: Charter, preset: str | None = None) -> str:
    """The default risk appetite statement for the charter's organisation and preset."""
    chosen, sector = _preset(charter, preset), _sector(charter)
    name = charter.organisation.name.strip() or "The organisation"
    parts = [
        f"{name} uses AI where it brings a clear benefit to the people it serves and to its own "
        "work. It has no appetite for uses of AI that break the law or seriously endanger "
        "people's health, safety or fundamental rights, and every AI system has a named owner "
        "who answers for it. Within those limits it accepts the level of risk set for each "
        "category below; crossing a threshold triggers the escalation stated beside it.",
        chosen.statement,
    ]
    if sector is not None and sector.statement:
        parts.append(sector.statement)
    return " ".join(p for p in parts if p)


def _apply_executive(charter: Charter, forum: str, overwrite: bool) -> None:
    ex = charter.executive
    pristine = ex == ResponsibleExecutive()
    if overwrite or pristine:
        # A responsible executive without power to stop an AI system is the performative
        # buy-in the product exists to expose, so the default grants it.
        ex.authorities.halt_systems = True
        ex.authorities.veto_deployments = True
        ex.authorities.approve_exceptions = True
    if overwrite or _blank(ex.reports_to):
        ex.reports_to = charter.board.forum.strip() or forum


def _apply_risk(
    charter: Charter, preset: Preset, sector: SectorTweak | None, forum: str, overwrite: bool
) -> None:
    risk = charter.risk
    entries = catalogues.risk_categories()
    sector_key = sector.key if sector is not None else None
    if overwrite or not risk.categories:
        chosen = [
            e for e in entries if preset.risk_categories is None or e.key in preset.risk_categories
        ]
        risk.categories = [risk_category_from_catalogue(e, preset.key, sector_key) for e in chosen]
    else:
        by_key = {e.key: risk_category_from_catalogue(e, preset.key, sector_key) for e in entries}
        for cat in risk.categories:
            default = by_key.get(cat.key)
            if default is None:
                continue
            if _blank(cat.label):
                cat.label = default.label
            if _blank(cat.threshold):
                cat.threshold = default.threshold
            if _blank(cat.escalation_trigger):
                cat.escalation_trigger = default.escalation_trigger
    if overwrite or _blank(risk.statement):
        risk.statement = risk_statement(charter, preset.key)
    if overwrite or not risk.prohibited_uses:
        risk.prohibited_uses = _merge_lists(
            _COMMON_PROHIBITED,
            preset.prohibited_uses,
            sector.prohibited_uses if sector is not None else (),
        )
    _apply_intake(charter, forum, overwrite)


def _apply_ethics(
    charter: Charter, preset: Preset, sector: SectorTweak | None, overwrite: bool
) -> None:
    eth = charter.ethics
    sets = {s.key: s for s in catalogues.principle_sets()}
    if overwrite or not eth.principles:
        eth.principles = [
            principle_from_catalogue(p) for p in sets[preset.principle_set].principles
        ]
    else:
        known = catalogues.principles()
        for principle in eth.principles:
            entry = known.get(principle.key)
            if entry is None:
                continue
            default = principle_from_catalogue(entry)
            if _blank(principle.title):
                principle.title = default.title
            if _blank(principle.description):
                principle.description = default.description
            if _blank(principle.source):
                principle.source = default.source
            if not any(c.strip() for c in principle.commitments):
                principle.commitments = default.commitments
    if overwrite or not eth.literacy_measures:
        eth.literacy_measures = _merge_lists(
            _COMMON_LITERACY,
            preset.literacy_measures,
            sector.literacy_measures if sector is not None else (),
        )
    if overwrite or _blank(eth.concerns_channel):
        in_scope = _in_scope(charter.organisation)
        eth.concerns_channel = _CONCERNS + (_CONCERNS_AI_ACT if in_scope else "")
    effective = charter.meta.effective_date
    if effective is not None and (overwrite or eth.review_date is None):
        eth.review_date = add_months(effective, _ETHICS_REVIEW_MONTHS)


def _apply_incidents(charter: Charter, preset: Preset, overwrite: bool) -> None:
    inc = charter.incidents
    org = charter.organisation
    roles = {r.key: r for r in catalogues.incident_roles()}
    pristine = not (inc.roles or inc.severities or inc.clocks) and inc.tabletop_months == 12

    if overwrite or not inc.roles:
        # People are never defaults: keep whoever the user already named for a role.
        people = {r.key: (r.person, r.deputy) for r in inc.roles if r.key}
        inc.roles = [
            incident_role_from_catalogue(entry, *people.get(entry.key, ("", "")))
            for entry in roles.values()
            if preset.roles is None or entry.key in preset.roles
        ]
    else:
        for role in inc.roles:
            entry = roles.get(role.key)
            if entry is None:
                continue
            if _blank(role.title):
                role.title = entry.title
            for phase, duty in entry.duties.items():
                if _blank(role.duties.get(phase, "")):
                    role.duties[phase] = duty
    present = {r.key for r in inc.roles if r.key}

    if overwrite or not inc.severities:
        inc.severities = [
            severity_from_catalogue(s, present, roles) for s in catalogues.severities()
        ]
    else:
        levels = {s.level: s for s in catalogues.severities()}
        for sev in inc.severities:
            level = levels.get(sev.level)
            if level is None:
                continue
            if _blank(sev.name):
                sev.name = level.label
            if _blank(sev.description):
                sev.description = with_confirm_note(level.description, level.unverified)

    applicable = [c for c in catalogues.regulatory_clocks() if applies(c.applies_when, org)]
    if overwrite or not inc.clocks:
        inc.clocks = [clock_from_catalogue(c, present, roles) for c in applicable]
    else:
        by_key = {c.key: c for c in catalogues.regulatory_clocks()}
        for clock in inc.clocks:
            known = by_key.get(clock.key)
            if known is None:
                continue
            default = clock_from_catalogue(known, present, roles)
            for name in ("regime", "trigger", "deadline", "notify", "owner_role"):
                if _blank(getattr(clock, name)):
                    setattr(clock, name, getattr(default, name))
            if clock.hours is None and clock.key and default.hours is not None:
                clock.hours = default.hours
        # Clocks are legal duties: one that applies but is missing is added, not assumed
        # deleted; a user who disagrees keeps it with applies=False.
        have = {c.key for c in inc.clocks}
        inc.clocks.extend(
            clock_from_catalogue(c, present, roles) for c in applicable if c.key not in have
        )

    if overwrite or pristine:
        inc.tabletop_months = preset.tabletop_months


def _calendar_entries(charter: Charter, preset: Preset) -> list[CalendarEntry]:
    org = charter.organisation
    start = charter.meta.effective_date or dt.date.today()
    out = []
    for entry in catalogues.calendar_items():
        if entry.applies_when == "always":
            if entry.key not in preset.calendar:
                continue
        elif not applies(entry.applies_when, org):
            continue
        if entry.cadence is Cadence.ONCE and entry.date is not None and entry.date < start:
            continue
        out.append(entry)
    return out


def _apply_board(
    charter: Charter, preset: Preset, sector: SectorTweak | None, forum: str, overwrite: bool
) -> None:
    board = charter.board
    _apply_governing_body(charter, preset, sector, forum, overwrite)
    if overwrite or _blank(board.forum):
        board.forum = forum
    if overwrite or board.pattern == MeetingPattern():
        # Meet in the last month of each fiscal quarter, so quarterly reports close a quarter.
        board.pattern = MeetingPattern(
            months=fiscal_quarter_months(board.fiscal_year_start_month, 3)
        )
    wanted = _calendar_entries(charter, preset)
    tabletop = charter.incidents.tabletop_months
    if overwrite or not board.items:
        board.items = [report_item_from_catalogue(e, tabletop) for e in wanted]
        return
    by_key = {e.key: e for e in catalogues.calendar_items()}
    for item in board.items:
        entry = by_key.get(item.key)
        if entry is None:
            continue
        default = report_item_from_catalogue(entry, tabletop)
        for name in ("title", "what", "owner", "reference"):
            if _blank(getattr(item, name)):
                setattr(item, name, getattr(default, name))
        if item.cadence is Cadence.ANNUAL and item.fiscal_quarter is None and item.date is None:
            item.fiscal_quarter = entry.fiscal_quarter
        if item.cadence is Cadence.ONCE and item.date is None:
            item.date = entry.date
            item.unverified = item.unverified or entry.unverified
    # Regulatory milestones that now apply are added like clocks; recurring items are not.
    have = {i.key for i in board.items}
    board.items.extend(
        report_item_from_catalogue(e, tabletop)
        for e in wanted
        if e.applies_when != "always" and e.key not in have
    )


# --------------------------------------------------------------------------- governance


def _name(text: str) -> str:
    return " ".join(text.split())


def _forum_name(charter: Charter, forum: str) -> str:
    """The forum as named in the charter, else the preset's."""
    return _name(charter.board.forum) or forum


def _approver_name(charter: Charter, forum: str) -> str:
    """The body that approves the charter: the resolution's, else the forum."""
    return _name(charter.resolution.body) or _forum_name(charter, forum)


def _with_the(name: str) -> str:
    return name if name.casefold().startswith("the ") else f"the {name}"


def _executive_label(charter: Charter) -> str:
    """The accountable executive as a table names them: 'Chief Risk Officer (accountable
    executive)', or 'Accountable executive' while the title is not known."""
    title = _name(charter.executive.person.title)
    if not title:
        return "Accountable executive"
    # A title that ends in its own brackets takes the role after a comma, not a second pair.
    if title.endswith(")"):
        return f"{title}, accountable executive"
    return f"{title} (accountable executive)"


def _governance_words(charter: Charter, forum: str) -> dict[str, str]:
    """The values the governance catalogue's placeholders take for this charter."""
    from wizards.render import join_words, mid_sentence

    org = _name(charter.organisation.name) or "the organisation"
    forum_name = _with_the(_forum_name(charter, forum))
    levels = [level.label.casefold() for level in catalogues.appetite_levels()]
    fria = [mid_sentence(s.name) for s in fria_systems(charter.organisation) if s.name.strip()]
    return {
        "org": org,
        "forum": forum_name,
        "forum_upper": forum_name[:1].upper() + forum_name[1:],
        "exec_title": _name(charter.executive.person.title) or "executive",
        "levels": join_words(levels),
        "fria": join_words(fria) or "each system that needs one",
    }


def approval_rules(charter: Charter, forum: str | None = None) -> list[ApprovalRule]:
    """The default approval authority: one rule for prohibited practices and one for each
    risk class of the organisation's systems (minimal risk when it lists none).

    Nobody may approve a prohibited practice; the forum approves a high-risk use and the
    accountable executive may block it (the forum does when the executive may not stop a new
    system going live); the accountable executive decides on uses with
    transparency obligations and general-purpose AI; the system owner on minimal-risk uses.
    Acceptance of risk beyond the appetite stays with the bodies of section 3.4 whatever
    the class.

    Args:
        charter: The charter; its forum, approving body and executive's title are named.
        forum: The forum to name when the charter has none; None for the preset's.
    """
    forum = forum or _forum(charter, _preset(charter, None), _sector(charter))
    body = _forum_name(charter, forum)
    approver = _approver_name(charter, forum)
    executive = _executive_label(charter)
    # The executive blocks a new use only with the power to stop it going live (section 2.1);
    # an untouched executive step gets that power from its own defaults.
    ex = charter.executive
    can_veto = ex.authorities.veto_deployments or ex == ResponsibleExecutive()
    blocker = executive if can_veto else body
    present = {s.risk_class for s in charter.organisation.systems}
    classes = [RiskClass.PROHIBITED] + [
        c
        for c in (RiskClass.HIGH, RiskClass.LIMITED, RiskClass.GPAI, RiskClass.MINIMAL)
        if c in present
    ]
    if len(classes) == 1:
        classes.append(RiskClass.MINIMAL)
    rules = {
        RiskClass.PROHIBITED: ApprovalRule(
            risk_class=RiskClass.PROHIBITED,
            approve="No one",
            conditions="No one",
            escalate_to=body,
            block=blocker,
        ),
        RiskClass.HIGH: ApprovalRule(
            risk_class=RiskClass.HIGH,
            approve=body,
            conditions=body,
            escalate_to=approver,
            block=blocker,
        ),
        RiskClass.LIMITED: ApprovalRule(
            risk_class=RiskClass.LIMITED,
            approve=executive,
            conditions=executive,
            escalate_to=body,
            block=blocker,
        ),
        RiskClass.GPAI: ApprovalRule(
            risk_class=RiskClass.GPAI,
            approve=executive,
            conditions=executive,
            escalate_to=body,
            block=blocker,
        ),
        RiskClass.MINIMAL: ApprovalRule(
            risk_class=RiskClass.MINIMAL,
            approve="System owner",
            conditions="System owner",
            escalate_to=executive,
            block=blocker,
        ),
    }
    return [rules[c] for c in classes]


def _governance_texts(charter: Charter, kind: str, forum: str) -> list[tuple[str, str, str]]:
    """(key, label, text) of the catalogue's entries of ``kind`` that apply, filled in."""
    words = _governance_words(charter, forum)
    org = charter.organisation
    return [
        (g.key, g.label, with_confirm_note(g.text.format(**words), g.unverified))
        for g in catalogues.governance(kind)
        if applies(g.applies_when, org)
    ]


def intake_checks(charter: Charter, forum: str | None = None) -> tuple[list[str], list[str]]:
    """The default checks of the intake gate and of a supplier that apply to the organisation:
    a DPIA where it processes personal data, a FRIA for the systems that need one (Art. 27),
    human oversight where a system is high-risk, the ICT third-party terms under DORA."""
    forum = forum or _forum(charter, _preset(charter, None), _sector(charter))
    return (
        [t for _, _, t in _governance_texts(charter, "intake_check", forum)],
        [t for _, _, t in _governance_texts(charter, "supplier_check", forum)],
    )


def definitions(charter: Charter, forum: str | None = None) -> list[Definition]:
    """The default definitions, naming the organisation, its forum and its executive."""
    forum = forum or _forum(charter, _preset(charter, None), _sector(charter))
    return [
        Definition(term=label, meaning=text)
        for _, label, text in _governance_texts(charter, "definition", forum)
    ]


def indicators(charter: Charter, forum: str | None = None) -> list[Indicator]:
    """The default indicators: one for each principle the catalogue knows, then literacy,
    incidents, exercises, accepted risks, the intake gate and concerns.

    Owners are the organisation's own roles: the accountable executive by title, the owner
    of the ethics guidelines, the system owners, the incident commander.
    """
    executive = _executive_label(charter)
    titles = {r.key: _name(r.title) for r in charter.incidents.roles if r.key}
    owners = {
        "executive": executive,
        "ethics_owner": _name(charter.ethics.owner) or executive,
        "system_owners": "Each system owner",
        "incident_commander": titles.get("incident-commander") or executive,
    }
    entries = [
        g
        for g in catalogues.governance("indicator")
        if applies(g.applies_when, charter.organisation)
    ]
    out: list[Indicator] = []

    def add(commitment: str, entry: catalogues.GovernanceEntry) -> None:
        out.append(
            Indicator(
                commitment=commitment,
                measure=entry.text,
                evidence=entry.evidence,
                owner=owners[entry.owner],
                cadence=entry.cadence,
            )
        )

    for principle in charter.ethics.principles:
        entry = next((g for g in entries if principle.key in g.principle_keys), None)
        if entry is not None:
            add(_name(principle.title) or entry.label, entry)
    wanted = {
        "literacy": bool(charter.ethics.literacy_measures),
        "incidents": True,
        "drills": charter.incidents.tabletop_months > 0,
        "acceptances": True,
        "intake": True,
        "concerns": bool(charter.ethics.concerns_channel.strip()),
    }
    for entry in entries:
        if entry.topic != "principle" and wanted.get(entry.topic, False):
            add(entry.label, entry)
    return out


def _members(charter: Charter, forum: str) -> tuple[str, list[BodyMember]]:
    """The chair and members of the forum that the charter already names.

    When the forum is the body that approves the charter, its signatories are its members;
    otherwise only a signatory whose role says they chair the forum is. The accountable
    executive attends without a vote unless already a member.
    """
    name = _forum_name(charter, forum).casefold().removeprefix("the ")
    same_body = _approver_name(charter, forum).casefold().removeprefix("the ") == name
    chair, members = "", []
    for signer in charter.approvals:
        if not signer.name.strip() or signer.countersign:
            continue
        role = signer.role.casefold()
        chairs = "chair" in role and (same_body or name in role)
        if chairs and not chair:
            chair = _name(signer.name)
        if same_body or chairs:
            members.append(BodyMember(name=_name(signer.name), role=_name(signer.role)))
    ex = charter.executive.person
    if ex.name.strip() and not any(m.name == _name(ex.name) for m in members):
        role = _name(ex.title) or "Accountable executive"
        members.append(BodyMember(name=_name(ex.name), role=role, voting=False))
    return chair, members


def _apply_governing_body(
    charter: Charter, preset: Preset, sector: SectorTweak | None, forum: str, overwrite: bool
) -> None:
    board = charter.board
    chair, members = _members(charter, forum)
    if (overwrite or _blank(board.chair)) and chair:
        board.chair = chair
    if overwrite or not board.members:
        board.members = members
    voting = sum(1 for m in board.members if m.voting and m.name.strip())
    if (overwrite or board.quorum is None) and voting >= 2:
        board.quorum = voting // 2 + 1
    if overwrite or _blank(board.decision_log):
        secretary = _name(board.secretary)
        board.decision_log = (
            f"AI decision log kept with the minutes by {secretary}"
            if secretary
            else "AI decision log kept with the minutes"
        )
    words = _governance_words(charter, forum)
    assurance = board.assurance
    if overwrite or _blank(assurance.first_line):
        assurance.first_line = "The owner of each AI system named in section 1.1"
    if overwrite or _blank(assurance.second_line):
        assurance.second_line = preset.second_line.format(**words)
        assurance.second_line = assurance.second_line[:1].upper() + assurance.second_line[1:]
    if overwrite or _blank(assurance.third_line):
        line = sector.third_line if sector is not None and sector.third_line else preset.third_line
        assurance.third_line = line.format(**words)
    if (
        overwrite
        or assurance.review_months == type(assurance).model_fields["review_months"].default
    ):
        assurance.review_months = preset.assurance_months
    if overwrite or not board.indicators:
        board.indicators = indicators(charter, forum)


def _apply_intake(charter: Charter, forum: str, overwrite: bool) -> None:
    risk = charter.risk
    if overwrite or not risk.authority:
        risk.authority = approval_rules(charter, forum)
    else:
        defaults = {r.risk_class: r for r in approval_rules(charter, forum)}
        for rule in risk.authority:
            default = defaults.get(rule.risk_class)
            if default is None:
                continue
            for name in ("approve", "conditions", "escalate_to", "block"):
                if _blank(getattr(rule, name)):
                    setattr(rule, name, getattr(default, name))
    intake = risk.intake
    checks, supplier_checks = intake_checks(charter, forum)
    if overwrite or not intake.checks:
        intake.checks = checks
    if overwrite or not intake.supplier_checks:
        intake.supplier_checks = supplier_checks
    if overwrite or _blank(intake.inventory):
        intake.inventory = "AI register in section 1.1"


def _apply_upkeep(
    charter: Charter, preset: Preset, sector: SectorTweak | None, forum: str, overwrite: bool
) -> None:
    meta = charter.meta
    if overwrite or not meta.definitions:
        meta.definitions = definitions(charter, forum)
    else:
        known = {d.term.casefold(): d for d in definitions(charter, forum)}
        for entry in meta.definitions:
            default = known.get(entry.term.strip().casefold())
            if default is not None and _blank(entry.meaning):
                entry.meaning = default.meaning
    upkeep = meta.upkeep
    pristine = upkeep == type(upkeep)()
    body = _forum_name(charter, forum)
    approver = _approver_name(charter, forum)
    if overwrite or _blank(upkeep.breach_report_to):
        upkeep.breach_report_to = body
    if overwrite or pristine:
        upkeep.breach_days = preset.breach_days
    if overwrite or _blank(upkeep.breach_consequences):
        key = sector.breach_text if sector is not None else "breach-consequences"
        texts = {k: t for k, _, t in _governance_texts(charter, "breach", forum)}
        upkeep.breach_consequences = texts.get(key) or texts.get("breach-consequences", "")
    if overwrite or _blank(upkeep.amended_by):
        upkeep.amended_by = approver
    if overwrite or _blank(upkeep.editorial_by):
        upkeep.editorial_by = "the accountable executive"
    if overwrite or _blank(upkeep.proposals_from):
        upkeep.proposals_from = f"any member of {_with_the(body)}, or the accountable executive"


DEFAULT_STEPS: tuple[Step, ...] = (
    Step.RISK,
    Step.ETHICS,
    Step.INCIDENTS,
    Step.BOARD,
    Step.EXECUTIVE,
    Step.REVIEW,
)
"""The steps that have defaults, in the order they are filled: the executive's reporting line
comes from the board's forum, the board's tabletop item from the incidents' cadence, and the
review step's definitions and upkeep of the charter (``meta``) from all of them."""

STEP_SECTIONS: Mapping[Step, str] = MappingProxyType(
    {
        Step.EXECUTIVE: "executive",
        Step.RISK: "risk",
        Step.ETHICS: "ethics",
        Step.INCIDENTS: "incidents",
        Step.BOARD: "board",
        Step.REVIEW: "meta",
    }
)
"""The section of the charter that each step with defaults writes."""


@dataclass(frozen=True)
class Filled:
    """One answer or list that the defaults filled.

    Attributes:
        step: The step the answer belongs to.
        path: Its model path, e.g. ``"risk.categories"`` or ``"executive.reports_to"``.
        added: For a list, the entries added.
        completed: For a list, the entries already there whose blank parts were filled (or,
            with ``overwrite``, that were replaced).
    """

    step: Step
    path: str
    added: int = 0
    completed: int = 0


@dataclass(frozen=True)
class DefaultsResult:
    """A charter with defaults applied, and what was filled, in step and field order."""

    charter: Charter
    filled: tuple[Filled, ...] = ()


def _changes(step: Step, path: str, before: BaseModel, after: BaseModel) -> list[Filled]:
    out = []
    for name in type(before).model_fields:
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        if isinstance(old, list) and isinstance(new, list):
            added = max(len(new) - len(old), 0)
            completed = sum(1 for a, b in zip(old, new, strict=False) if a != b)
            out.append(Filled(step, f"{path}.{name}", added, completed))
        else:
            out.append(Filled(step, f"{path}.{name}"))
    return out


def fill_defaults(
    charter: Charter,
    steps: Iterable[Step] | None = None,
    preset: str | None = None,
    *,
    overwrite: bool = False,
) -> DefaultsResult:
    """Fill the given steps with defaults from a preset, and say what was filled.

    What each step gets is described under :func:`apply_defaults`. Steps without defaults
    (organisation, export) are accepted and fill nothing; the review step fills the charter's
    definitions and its rules on breach and amendment (``meta``), which name what the other
    steps answered.

    Args:
        charter: The charter; it is not modified.
        steps: The steps to fill; None for every step.
        preset: A key of :data:`PRESETS`; None chooses one with :func:`preset_for`.
        overwrite: Replace existing answers with the defaults.

    Returns:
        The new charter and one :class:`Filled` per answer or list that changed, in step order
        and, within a step, in the order of the model's fields.

    Raises:
        ValueError: For an unknown preset.
        wizards.catalogues.CatalogueError: When a catalogue file is malformed.
    """
    wanted = set(DEFAULT_STEPS if steps is None else steps)
    out = charter.model_copy(deep=True)
    chosen = _preset(out, preset)
    sector = _sector(out)
    forum = _forum(out, chosen, sector)
    fillers: dict[Step, Callable[[], None]] = {
        Step.RISK: lambda: _apply_risk(out, chosen, sector, forum, overwrite),
        Step.ETHICS: lambda: _apply_ethics(out, chosen, sector, overwrite),
        Step.INCIDENTS: lambda: _apply_incidents(out, chosen, overwrite),
        Step.BOARD: lambda: _apply_board(out, chosen, sector, forum, overwrite),
        Step.EXECUTIVE: lambda: _apply_executive(out, forum, overwrite),
        Step.REVIEW: lambda: _apply_upkeep(out, chosen, sector, forum, overwrite),
    }
    for step in DEFAULT_STEPS:
        if step in wanted:
            fillers[step]()
    filled: list[Filled] = []
    for step in sorted(wanted & set(STEP_SECTIONS)):
        section = STEP_SECTIONS[step]
        filled += _changes(step, section, getattr(charter, section), getattr(out, section))
    return DefaultsResult(out, tuple(filled))


def apply_defaults(
    charter: Charter,
    preset: str | None = None,
    *,
    overwrite: bool = False,
    steps: Iterable[Step] | None = None,
) -> Charter:
    """Fill the steps after the organisation step with defaults from a preset.

    Fills the executive's authorities and reporting line, the risk categories with appetites,
    thresholds and triggers, the appetite statement and prohibited uses, the ethics principles
    (OECD by default) with commitments, literacy measures and a concerns channel, the severity
    levels, incident roles with duties (people left empty), the regulatory clocks that apply to
    this organisation, and the board forum, meeting pattern and calendar items, including the
    EU AI Act milestones that apply. The governance sections get an approval rule per risk
    class in use and the intake gate (risk step); the forum's chair, members and quorum where
    the charter already names them, its decision log, the three lines and the indicators
    (board step); and the definitions and the rules on breach and amendment (review step),
    each naming the organisation's forum, approving body and executive's title.

    Without ``overwrite`` nothing the user entered changes: empty lists are filled, blank text
    is filled in entries that match a catalogue key, and applicable regulatory clocks and
    milestones missing from the lists are added. With ``overwrite`` the defaults replace what is
    there, except the names of people.

    Args:
        charter: The charter; it is not modified.
        preset: A key of :data:`PRESETS`; None chooses one with :func:`preset_for`.
        overwrite: Replace existing answers with the defaults.
        steps: Fill only these steps; None for every step. :func:`fill_defaults` also says
            what was filled.

    Returns:
        A new charter with the defaults applied.

    Raises:
        ValueError: For an unknown preset.
        wizards.catalogues.CatalogueError: When a catalogue file is malformed.
    """
    return fill_defaults(charter, steps, preset, overwrite=overwrite).charter
