"""Presets: choice by organisation, defaults for the later steps, and respect for user entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wizards import catalogues
from wizards.board_calendar import fiscal_quarter_months
from wizards.model import (
    AiActRole,
    AiSystem,
    Appetite,
    Cadence,
    Charter,
    IncidentRole,
    Organisation,
    OrgSize,
    Phase,
    Principle,
    RegulatoryClock,
    ReportItem,
    RiskCategory,
    RiskClass,
    SystemRole,
)
from wizards.presets import (
    PRESETS,
    applicable_calendar_keys,
    applicable_clock_keys,
    apply_defaults,
    clock_from_catalogue,
    incident_role_from_catalogue,
    preset_for,
    principle_from_catalogue,
    report_item_from_catalogue,
    risk_category_from_catalogue,
    sector_for,
    severity_from_catalogue,
)
from wizards.steps import Step, validate_step

EFFECTIVE = dt.date(2027, 1, 1)


def make_charter(**org: Any) -> Charter:
    """A charter whose organisation step is filled in; ``org`` overrides the organisation."""
    fields: dict[str, Any] = {
        "name": "Example Ltd",
        "sector": "Software",
        "size": OrgSize.MEDIUM,
        "jurisdictions": ["EU"],
    }
    fields.update(org)
    charter = Charter(organisation=Organisation(**fields))
    charter.meta.effective_date = EFFECTIVE
    return charter


def fill_people(charter: Charter) -> Charter:
    """Name the people the defaults leave empty, as the user would."""
    out = charter.model_copy(deep=True)
    out.ethics.owner = "Ada Lovelace"
    for i, role in enumerate(out.incidents.roles):
        role.person = f"Holder {i}"
        role.deputy = f"Deputy {i}"
    return out


def high_risk(point: str = "", role: SystemRole = SystemRole.DEPLOYER) -> AiSystem:
    return AiSystem(name="Scorer", risk_class=RiskClass.HIGH, annex_iii_point=point, role=role)


CHARITY = {"name": "Helping Hands", "sector": "Registered charity", "size": OrgSize.SMALL}
BANK = {"name": "Acme Bank", "sector": "Retail banking", "size": OrgSize.LARGE, "dora_entity": True}


# --------------------------------------------------------------------------- choosing


@pytest.mark.parametrize(
    ("org", "expected"),
    [
        ({"size": OrgSize.SMALL, "employees": 20}, "lean"),
        (CHARITY, "lean"),
        ({"size": OrgSize.MEDIUM}, "standard"),
        ({"size": OrgSize.LARGE, "sector": "Retail"}, "standard"),
        ({"size": OrgSize.LARGE, "employees": 30}, "lean"),
        (BANK, "regulated"),
        ({"size": OrgSize.SMALL, "systems": [high_risk("5(b)")]}, "regulated"),
        ({"size": OrgSize.MEDIUM, "sector": "Hospital trust"}, "regulated"),
        ({"size": OrgSize.SMALL, "sector": "Private clinic"}, "lean"),
        ({"size": OrgSize.MEDIUM, "nis2_entity": True}, "regulated"),
    ],
)
def test_preset_for(org: dict[str, Any], expected: str) -> None:
    assert preset_for(make_charter(**org).organisation) == expected


@pytest.mark.parametrize(
    ("sector", "expected"),
    [
        ("Retail banking", "financial"),
        ("Insurance", "financial"),
        ("Hospital trust", "health"),
        ("Local government", "public"),
        ("Registered charity", "charity"),
        ("Non-profit", "charity"),
        ("Software", None),
        ("Career services", None),
        ("Mongolian imports", None),
    ],
)
def test_sector_for(sector: str, expected: str | None) -> None:
    assert sector_for(Organisation(sector=sector)) == expected


def test_a_dora_entity_is_financial_whatever_its_sector_text() -> None:
    assert sector_for(Organisation(sector="Software", dora_entity=True)) == "financial"


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize("org", [CHARITY, BANK, {"systems": [high_risk("4(a)")]}])
def test_presets_give_charters_that_pass_the_later_steps(preset: str, org: dict[str, Any]) -> None:
    charter = apply_defaults(make_charter(**org), preset)
    assert validate_step(Step.RISK, charter) == []
    assert validate_step(Step.BOARD, charter) == []
    # People are never invented: the steps that need names fail until the user gives them...
    assert {f.code for f in validate_step(Step.INCIDENTS, charter)} == {"required"}
    assert [f.field for f in validate_step(Step.ETHICS, charter)] == ["ethics.owner"]
    # ...and pass once they do.
    named = fill_people(charter)
    assert validate_step(Step.ETHICS, named) == []
    assert validate_step(Step.INCIDENTS, named) == []


def test_people_are_left_empty() -> None:
    charter = apply_defaults(make_charter(**BANK))
    assert all(r.person == "" and r.deputy == "" for r in charter.incidents.roles)
    assert charter.ethics.owner == ""
    assert charter.executive.person.name == ""


def test_apply_defaults_returns_a_new_charter_and_leaves_the_input_alone() -> None:
    charter = make_charter(**BANK)
    before = charter.model_copy(deep=True)
    result = apply_defaults(charter)
    assert result is not charter
    assert charter == before
    assert result.risk.categories and not charter.risk.categories


def test_apply_defaults_is_idempotent() -> None:
    once = apply_defaults(make_charter(**BANK))
    assert apply_defaults(once) == once


def test_unknown_preset() -> None:
    with pytest.raises(ValueError, match="Unknown preset 'huge'"):
        apply_defaults(make_charter(), "huge")


# --------------------------------------------------------------------------- content


def test_lean_is_leaner_than_regulated() -> None:
    lean = apply_defaults(make_charter(**CHARITY), "lean")
    full = apply_defaults(make_charter(**CHARITY), "regulated")
    assert len(lean.risk.categories) < len(full.risk.categories)
    assert len(lean.incidents.roles) < len(full.incidents.roles)
    assert len(full.incidents.roles) == len(catalogues.incident_roles())
    assert full.incidents.tabletop_months < lean.incidents.tabletop_months
    tabletop = {i.key: i for i in full.board.items}["incident-tabletop"]
    assert tabletop.cadence is Cadence.SEMIANNUAL


def test_risk_defaults_follow_preset_and_sector() -> None:
    lean = apply_defaults(make_charter(sector="Software", size=OrgSize.SMALL), "lean")
    reg = apply_defaults(make_charter(**BANK), "regulated")
    lean_cats = {c.key: c for c in lean.risk.categories}
    reg_cats = {c.key: c for c in reg.risk.categories}
    entry = {c.key: c for c in catalogues.risk_categories()}["safety"]
    assert lean_cats["safety"].appetite is entry.default_appetite["lean"]
    assert lean_cats["safety"].threshold == entry.threshold
    assert reg_cats["fairness-bias"].appetite is Appetite.AVERSE
    assert reg_cats["third-party"].appetite is Appetite.MINIMAL  # financial tweak
    assert reg_cats["fairness-bias"].fundamental_rights
    assert "Acme Bank" in reg.risk.statement
    assert any("credit" in use for use in reg.risk.prohibited_uses)
    assert not any("credit, insurance" in use for use in lean.risk.prohibited_uses)


def test_ethics_defaults_to_the_oecd_set_with_commitments() -> None:
    charter = apply_defaults(make_charter())
    assert [p.key for p in charter.ethics.principles] == [f"oecd-1.{i}" for i in range(1, 6)]
    assert all(len(p.commitments) >= 2 for p in charter.ethics.principles)
    assert charter.ethics.literacy_measures
    assert "Art. 87" in charter.ethics.concerns_channel
    assert charter.ethics.review_date == dt.date(2028, 1, 1)


def test_concerns_channel_does_not_cite_the_ai_act_out_of_scope() -> None:
    charter = apply_defaults(make_charter(ai_act_role=AiActRole.NEITHER))
    assert charter.ethics.concerns_channel
    assert "AI Act" not in charter.ethics.concerns_channel


def test_unverified_principles_say_confirm_with_counsel() -> None:
    australian = catalogues.principles()["au-3"]
    assert "confirm with counsel" in principle_from_catalogue(australian).source
    oecd = catalogues.principles()["oecd-1.3"]
    assert "confirm with counsel" not in principle_from_catalogue(oecd).source


def test_risk_category_from_catalogue_takes_the_preset_then_the_sector_appetite() -> None:
    entry = {c.key: c for c in catalogues.risk_categories()}["third-party"]
    plain = risk_category_from_catalogue(entry, "standard")
    banked = risk_category_from_catalogue(entry, "standard", "financial")
    assert plain.appetite is entry.default_appetite["standard"]
    assert banked.appetite is Appetite.MINIMAL
    assert (plain.key, plain.label, plain.threshold) == (entry.key, entry.label, entry.threshold)


def test_escalation_and_clock_owners_fall_back_only_when_given_the_roles() -> None:
    roles = {r.key: r for r in catalogues.incident_roles()}
    severity = catalogues.severities()[0]
    clock = {c.key: c for c in catalogues.regulatory_clocks()}["gdpr-33"]
    staffed = {"incident-commander", "legal-counsel", "accountable-executive"}
    assert clock.owner_role not in staffed
    with_fallback = severity_from_catalogue(severity, staffed, roles)
    without = severity_from_catalogue(severity, staffed)
    assert set(without.escalate_to) == set(severity.escalate_to) & staffed
    assert set(without.escalate_to) < set(with_fallback.escalate_to) <= staffed
    assert clock_from_catalogue(clock, staffed, roles).owner_role == "legal-counsel"
    assert clock_from_catalogue(clock, staffed).owner_role == ""
    assert clock_from_catalogue(clock, staffed).applies


def test_incident_role_and_report_item_from_catalogue() -> None:
    entry = catalogues.incident_roles()[0]
    role = incident_role_from_catalogue(entry, "Sam Lee")
    assert (role.key, role.title, role.person, role.deputy) == (
        entry.key,
        entry.label,
        "Sam Lee",
        "",
    )
    assert role.duties == dict(entry.duties)
    tabletop = {i.key: i for i in catalogues.calendar_items()}["incident-tabletop"]
    assert tabletop.cadence is not Cadence.SEMIANNUAL
    assert report_item_from_catalogue(tabletop).cadence is tabletop.cadence
    assert report_item_from_catalogue(tabletop, 12).cadence is tabletop.cadence
    assert report_item_from_catalogue(tabletop, 6).cadence is Cadence.SEMIANNUAL


def test_roles_get_duties_for_every_phase_and_an_executive() -> None:
    charter = apply_defaults(make_charter())
    for role in charter.incidents.roles:
        assert list(role.duties) == list(Phase)
    assert [r.key for r in charter.incidents.roles if r.executive] == ["accountable-executive"]


def test_lean_role_gaps_pass_to_fallbacks() -> None:
    charter = apply_defaults(make_charter(**CHARITY), "lean")
    present = {r.key for r in charter.incidents.roles}
    assert "data-protection-officer" not in present
    clocks = {c.key: c for c in charter.incidents.clocks}
    assert clocks["gdpr-33"].owner_role == "legal-counsel"
    for sev in charter.incidents.severities:
        assert set(sev.escalate_to) <= present
        assert len(sev.escalate_to) == len(set(sev.escalate_to))


def test_executive_gets_halt_authority_and_reporting_line_when_untouched() -> None:
    charter = apply_defaults(make_charter(**CHARITY))
    auth = charter.executive.authorities
    assert auth.halt_systems and auth.veto_deployments and auth.approve_exceptions
    assert charter.executive.reports_to == charter.board.forum == "Board of trustees"


# --------------------------------------------------------------------------- clocks


def test_dora_entity_gets_dora_clocks() -> None:
    keys = applicable_clock_keys(make_charter(**BANK))
    assert {"dora-initial", "dora-intermediate", "dora-final"} <= keys
    assert not any(k.startswith("nis2") for k in keys)


def test_charity_without_nis2_gets_no_nis2_clocks() -> None:
    charter = apply_defaults(make_charter(**CHARITY))
    keys = {c.key for c in charter.incidents.clocks}
    assert keys == applicable_clock_keys(charter)
    assert not any(k.startswith(("nis2", "dora")) for k in keys)
    assert "gdpr-33" in keys
    assert not any(k.startswith("ai-act-73") for k in keys), "no high-risk system"


def test_nis2_entity_gets_nis2_clocks() -> None:
    keys = applicable_clock_keys(make_charter(nis2_entity=True))
    assert {"nis2-early-warning", "nis2-notification", "nis2-final-report"} <= keys


def test_no_personal_data_means_no_gdpr_clocks() -> None:
    keys = applicable_clock_keys(make_charter(processes_personal_data=False))
    assert not keys & {"gdpr-33", "gdpr-34"}
    with_system = make_charter(
        processes_personal_data=False, systems=[AiSystem(name="CRM", personal_data=True)]
    )
    assert "gdpr-33" in applicable_clock_keys(with_system)


def test_ai_act_clocks_follow_the_role_and_risk_class() -> None:
    deployer = applicable_clock_keys(make_charter(systems=[high_risk("5(b)")]))
    assert {"ai-act-26-5-serious-incident", "ai-act-73-2"} <= deployer
    provider = applicable_clock_keys(
        make_charter(ai_act_role=AiActRole.PROVIDER, systems=[high_risk(role=SystemRole.PROVIDER)])
    )
    assert "ai-act-73-4" in provider
    assert "ai-act-26-5-serious-incident" not in provider
    outside = applicable_clock_keys(
        make_charter(ai_act_role=AiActRole.NEITHER, systems=[high_risk("5(b)")])
    )
    assert not any(k.startswith("ai-act") for k in outside)
    gpai = applicable_clock_keys(
        make_charter(
            ai_act_role=AiActRole.BOTH,
            systems=[AiSystem(name="Model", risk_class=RiskClass.GPAI, role=SystemRole.PROVIDER)],
        )
    )
    assert "ai-act-55-1-c" in gpai


def test_unverified_clocks_say_confirm_with_counsel() -> None:
    charter = apply_defaults(make_charter(systems=[high_risk("5(b)")], dora_entity=True))
    clocks = {c.key: c for c in charter.incidents.clocks}
    assert "confirm with counsel" in clocks["dora-intermediate"].trigger
    assert "confirm with counsel" not in clocks["ai-act-73-2"].trigger
    assert "confirm with counsel" not in clocks["gdpr-33"].trigger
    assert clocks["ai-act-73-2"].hours == 360


# --------------------------------------------------------------------------- calendar


def test_milestones_follow_annex_and_effective_date() -> None:
    annex_iii = apply_defaults(make_charter(systems=[high_risk("5(b)")]))
    items = {i.key: i for i in annex_iii.board.items}
    assert items["ai-act-annex-iii"].date == dt.date(2027, 12, 2)
    assert items["ai-act-annex-iii"].cadence is Cadence.ONCE
    assert items["ai-act-annex-iii-incident-reporting"].unverified
    assert "ai-act-annex-i" not in items
    # Dates before the effective date (1 Jan 2027) are history, not agenda items.
    assert "ai-act-general-application" not in items
    assert "ai-act-new-prohibitions" not in items
    assert "fria-review" in items, "credit scoring (Annex III 5(b)) needs a FRIA"

    annex_i = {i.key for i in apply_defaults(make_charter(systems=[high_risk()])).board.items}
    assert "ai-act-annex-i" in annex_i

    plain = {i.key for i in apply_defaults(make_charter()).board.items}
    assert not any(k.startswith("ai-act-annex") for k in plain)

    early = make_charter()
    early.meta.effective_date = dt.date(2026, 9, 1)
    assert "ai-act-new-prohibitions" in applicable_calendar_keys(early)


def test_board_pattern_and_annual_items_follow_the_fiscal_year() -> None:
    charter = make_charter()
    charter.board.fiscal_year_start_month = 2
    result = apply_defaults(charter)
    assert result.board.pattern.months == fiscal_quarter_months(2, 3) == [1, 4, 7, 10]
    items = {i.key: i for i in result.board.items}
    assert items["annual-charter-review"].fiscal_quarter == 4
    assert items["quarterly-ai-risk-report"].cadence is Cadence.QUARTERLY
    assert validate_step(Step.BOARD, result) == []


# --------------------------------------------------------------------------- no overwrite


def _user_charter() -> Charter:
    charter = make_charter(**BANK)
    charter.risk.statement = "Our own statement."
    charter.risk.categories = [
        RiskCategory(key="privacy", label="Privacy", appetite=Appetite.OPEN, threshold=""),
        RiskCategory(key="", label="Our own risk", threshold="T", escalation_trigger="E"),
    ]
    charter.risk.prohibited_uses = ["Nothing silly."]
    charter.ethics.principles = [Principle(key="oecd-1.3", title="Openness", commitments=[""])]
    charter.incidents.roles = [
        IncidentRole(key="incident-commander", title="Boss", person="Grace", duties={}),
    ]
    charter.incidents.clocks = [
        RegulatoryClock(key="gdpr-33", regime="GDPR", deadline="Within 48 hours", hours=48),
    ]
    charter.board.forum = "Main board"
    charter.board.items = [ReportItem(key="quarterly-ai-risk-report", title="Our report")]
    charter.executive.person.name = "Grace Hopper"
    return charter


def test_no_overwrite_keeps_user_entries_and_fills_only_blanks() -> None:
    result = apply_defaults(_user_charter())
    risk = result.risk
    assert risk.statement == "Our own statement."
    assert [c.label for c in risk.categories] == ["Privacy", "Our own risk"]
    assert risk.categories[0].appetite is Appetite.OPEN
    assert risk.categories[0].threshold, "a blank threshold of a known category is filled"
    assert risk.categories[1].threshold == "T"
    assert risk.prohibited_uses == ["Nothing silly."]

    principle = result.ethics.principles[0]
    assert principle.title == "Openness"
    assert len(principle.commitments) >= 2, "blank commitments are filled"

    role = result.incidents.roles[0]
    assert (role.title, role.person) == ("Boss", "Grace")
    assert list(role.duties) == list(Phase)

    clocks = {c.key: c for c in result.incidents.clocks}
    assert (clocks["gdpr-33"].deadline, clocks["gdpr-33"].hours) == ("Within 48 hours", 48)
    assert {"dora-initial", "dora-final"} <= set(clocks), "applicable clocks are added"

    assert result.board.forum == "Main board"
    items = {i.key: i for i in result.board.items}
    assert items["quarterly-ai-risk-report"].title == "Our report"
    assert items["quarterly-ai-risk-report"].what, "blank text of a known item is filled"
    assert "annual-charter-review" not in items, "recurring items are not pushed in"

    # The executive step was touched, so its authorities are the user's.
    assert not result.executive.authorities.halt_systems
    assert result.executive.reports_to == "Main board"


def test_overwrite_replaces_defaults_but_keeps_people() -> None:
    result = apply_defaults(_user_charter(), overwrite=True)
    assert result.risk.statement != "Our own statement."
    assert "Our own risk" not in [c.label for c in result.risk.categories]
    assert result.ethics.principles[0].key == "oecd-1.1"
    commander = {r.key: r for r in result.incidents.roles}["incident-commander"]
    assert (commander.title, commander.person) == ("Incident commander", "Grace")
    assert {c.key: c for c in result.incidents.clocks}["gdpr-33"].hours == 72
    assert result.board.forum == "Board Risk Committee"
    assert result.executive.person.name == "Grace Hopper"


def test_annex_flags_choose_the_milestones() -> None:
    from wizards.model import AiSystem, Organisation, RiskClass
    from wizards.presets import applies

    product = AiSystem(name="Press guard", risk_class=RiskClass.HIGH, annex_i=True)
    listed = AiSystem(name="CV screening", risk_class=RiskClass.HIGH, annex_iii_point="4(a)")
    unknown = AiSystem(name="Unclassified", risk_class=RiskClass.HIGH)
    for systems, annex_i, annex_iii in (
        ([product], True, False),
        ([listed], False, True),
        ([unknown], True, True),  # neither marked: both dates may apply
    ):
        org = Organisation(systems=systems)
        assert applies("annex_i_high_risk", org) is annex_i
        assert applies("annex_iii_high_risk", org) is annex_iii


def test_public_service_deployers_need_a_fria_except_for_critical_infrastructure() -> None:
    from wizards.model import AiSystem, Organisation, RiskClass
    from wizards.presets import fria_systems

    def org(point: str, public: bool) -> Organisation:
        system = AiSystem(name="S", risk_class=RiskClass.HIGH, annex_iii_point=point)
        return Organisation(sector="Logistics", public_service=public, systems=[system])

    assert fria_systems(org("4(a)", public=True))
    assert not fria_systems(org("4(a)", public=False))
    assert not fria_systems(org("2(a)", public=True))
    assert fria_systems(org("Annex III, point 5 (b)", public=False))


# --------------------------------------------------------------------------- governance sections

GOVERNANCE_CASES = [
    ("lean", {"size": OrgSize.SMALL, "employees": 20}),
    ("standard", {}),
    ("regulated", {"nis2_entity": True}),
    ("financial", {"sector": "Retail banking", "dora_entity": True}),
    ("health", {"sector": "Hospital care", "size": OrgSize.LARGE}),
    ("public", {"sector": "Local government", "public_service": True}),
    ("charity", {"sector": "Charity", "size": OrgSize.SMALL, "employees": 40}),
]


def governed(**org: Any) -> Charter:
    charter = make_charter(**org)
    charter.organisation.systems = [
        AiSystem(name="Chat", risk_class=RiskClass.LIMITED, supplier="BotCorp", owner="Kim"),
        AiSystem(name="Notes", risk_class=RiskClass.MINIMAL, owner="Lee"),
    ]
    charter.executive.person.name = "Rae Moss"
    charter.executive.person.title = "Chief Operating Officer"
    charter.executive.authorities.veto_deployments = True
    charter.board.forum = "Audit and Risk Committee"
    charter.board.secretary = "Jo Clerk"
    return apply_defaults(charter)


@pytest.mark.parametrize(("kind", "org"), GOVERNANCE_CASES, ids=[k for k, _ in GOVERNANCE_CASES])
def test_every_preset_and_sector_fills_the_governance_sections(kind: str, org: Any) -> None:
    charter = governed(**org)
    name, forum = charter.organisation.name, "Audit and Risk Committee"
    terms = {d.term: d.meaning for d in charter.meta.definitions}
    assert {"AI system", "AI incident", "Serious incident", "Appetite level"} <= set(terms)
    assert "Art. 3(49)" in terms["Serious incident"] and "Art. 3(1)" in terms["AI system"]
    assert "averse, minimal, cautious, open and eager" in terms["Appetite level"]
    assert name in terms["AI incident"]
    assert (
        f"The Chief Operating Officer appointed under section 2, who answers to the {forum}"
        in (terms["Accountable executive"])
    )
    rules = {r.risk_class: r for r in charter.risk.authority}
    assert list(rules) == [RiskClass.PROHIBITED, RiskClass.LIMITED, RiskClass.MINIMAL]
    assert rules[RiskClass.PROHIBITED].approve == "No one"
    assert rules[RiskClass.LIMITED].approve == "Chief Operating Officer (accountable executive)"
    assert rules[RiskClass.MINIMAL].approve == "System owner"
    assert rules[RiskClass.MINIMAL].block == "Chief Operating Officer (accountable executive)"
    assert charter.risk.intake.checks and charter.risk.intake.supplier_checks
    assert charter.board.decision_log == "AI decision log kept with the minutes by Jo Clerk"
    lines = charter.board.assurance
    assert lines.first_line and lines.second_line and lines.third_line
    assert lines.third_line.casefold() != lines.second_line.casefold()
    upkeep = charter.meta.upkeep
    assert upkeep.breach_report_to == forum and upkeep.breach_consequences
    assert f"the {forum}" in upkeep.breach_consequences
    assert upkeep.amended_by == forum  # no resolution body: the forum approves amendments
    assert upkeep.proposals_from == f"any member of the {forum}, or the accountable executive"
    owners = {i.owner for i in charter.board.indicators}
    assert owners <= {"Chief Operating Officer (accountable executive)", "Each system owner"} | {
        r.title for r in charter.incidents.roles
    }


def test_a_high_risk_use_goes_to_the_forum_and_the_executive_may_block_it() -> None:
    charter = make_charter(systems=[high_risk("4(a)")])
    charter.executive.person.title = "Chief Risk Officer"
    charter.executive.authorities.veto_deployments = True
    charter.board.forum = "Board Risk Committee"
    charter.resolution.body = "Supervisory Board"
    rules = {r.risk_class: r for r in apply_defaults(charter).risk.authority}
    high = rules[RiskClass.HIGH]
    assert high.approve == high.conditions == "Board Risk Committee"
    assert high.escalate_to == "Supervisory Board"
    assert high.block == "Chief Risk Officer (accountable executive)"
    # Without the power to stop a new system going live, the executive blocks nothing.
    charter.executive.authorities.veto_deployments = False
    rules = {r.risk_class: r for r in apply_defaults(charter).risk.authority}
    assert rules[RiskClass.HIGH].block == "Board Risk Committee"


def test_the_intake_gate_fits_the_organisation() -> None:
    def checks(charter: Charter) -> str:
        return " ".join(apply_defaults(charter).risk.intake.checks)

    plain = make_charter(processes_personal_data=False)
    assert "data protection impact assessment" not in checks(plain)
    assert "fundamental rights impact assessment" not in checks(plain)
    assert "data protection impact assessment" in checks(make_charter())
    credit = make_charter(
        systems=[AiSystem(**{**high_risk("5(b)").model_dump(), "name": "Credit scoring"})]
    )
    text = checks(credit)
    assert "For credit scoring, a fundamental rights impact assessment" in text
    assert ("Art. 27" in text and "human oversight" in text.casefold()) or "oversee" in text
    hiring = make_charter(systems=[high_risk("4(a)")])
    assert "fundamental rights impact assessment" not in checks(hiring)  # Art. 27 does not apply
    dora = make_charter(dora_entity=True)
    assert "DORA" in " ".join(apply_defaults(dora).risk.intake.supplier_checks)


def test_the_three_lines_are_sized_to_the_organisation() -> None:
    charity = governed(sector="Charity", size=OrgSize.SMALL, employees=40).board.assurance
    assert charity.third_line == (
        "An external reviewer appointed by the Audit and Risk Committee, reporting to the "
        "trustees' audit committee where there is one"
    )
    assert "internal audit" not in charity.third_line.casefold()
    lean = governed(size=OrgSize.SMALL, employees=20).board.assurance
    assert lean.second_line == "Chief Operating Officer, as the accountable executive"
    assert lean.third_line.startswith("An external reviewer appointed by the")
    regulated = governed(nis2_entity=True).board.assurance
    assert regulated.third_line == "Internal audit" and regulated.review_months == 12
    assert governed().board.assurance.review_months == 24


def test_the_forum_members_come_from_the_people_already_named() -> None:
    from wizards.model import Approval

    charter = make_charter()
    charter.board.forum = "Board of Trustees"
    charter.resolution.body = "Board of Trustees"
    charter.executive.person.name, charter.executive.person.title = "Mo Ade", "Chief Executive"
    charter.approvals = [
        Approval(name="Hana Ito", role="Chair of the Board of Trustees"),
        Approval(name="Ola Berg", role="Trustee"),
        Approval(name="Kit Ray", role="Trustee, treasurer"),
        Approval(name="Mo Ade", role="Chief Executive", countersign=True),
    ]
    board = apply_defaults(charter).board
    assert board.chair == "Hana Ito"
    assert [(m.name, m.voting) for m in board.members] == [
        ("Hana Ito", True),
        ("Ola Berg", True),
        ("Kit Ray", True),
        ("Mo Ade", False),
    ]
    assert board.quorum == 2
    # A committee below the approving body: only a signatory who chairs it is known.
    charter.board.forum, charter.resolution.body = "Audit Committee", "Board of Trustees"
    charter.approvals[1].role = "Trustee, Chair of the Audit Committee"
    board = apply_defaults(charter).board
    assert board.chair == "Ola Berg"
    assert [m.name for m in board.members] == ["Ola Berg", "Mo Ade"]
    assert board.quorum is None  # one voting member known: no quorum is guessed


def test_indicators_cover_each_principle_and_the_charters_routines() -> None:
    charter = governed()
    commitments = [i.commitment for i in charter.board.indicators]
    for principle in charter.ethics.principles:
        assert principle.title in commitments
    assert {
        "AI literacy",
        "AI incidents",
        "Incident exercises",
        "New systems through the gate",
    } <= (set(commitments))
    by = {i.commitment: i for i in charter.board.indicators}
    assert by["AI incidents"].cadence is Cadence.EVERY_MEETING
    assert by["AI incidents"].owner == "Incident commander"


def test_governance_defaults_never_overwrite_an_answer() -> None:
    from wizards.model import ApprovalRule, BodyMember, Definition, Indicator

    charter = make_charter(systems=[high_risk("4(a)")])
    charter.meta.definitions = [
        Definition(term="AI system", meaning="Ours."),
        Definition(term="Serious incident"),
    ]
    charter.meta.upkeep.amended_by = "General Assembly"
    charter.meta.upkeep.breach_days = 9
    charter.risk.authority = [ApprovalRule(risk_class=RiskClass.HIGH, approve="Board")]
    charter.risk.intake.checks = ["Mine"]
    charter.board.chair = "Pat Chair"
    charter.board.members = [BodyMember(name="Pat Chair")]
    charter.board.quorum = 1
    charter.board.assurance.third_line = "Outside reviewer"
    charter.board.assurance.review_months = 36
    charter.board.indicators = [Indicator(commitment="Mine", measure="Mine")]
    out = apply_defaults(charter)
    assert out.meta.definitions[0].meaning == "Ours."
    assert "Art. 3(49)" in out.meta.definitions[1].meaning  # a blank meaning of a known term
    assert len(out.meta.definitions) == 2
    assert out.meta.upkeep.amended_by == "General Assembly" and out.meta.upkeep.breach_days == 9
    (rule,) = out.risk.authority
    assert rule.approve == "Board" and rule.block  # blanks of a known class are filled
    assert out.risk.intake.checks == ["Mine"] and out.risk.intake.supplier_checks
    assert out.board.chair == "Pat Chair" and [m.name for m in out.board.members] == ["Pat Chair"]
    assert out.board.quorum == 1
    assert out.board.assurance.third_line == "Outside reviewer"
    assert out.board.assurance.review_months == 36
    assert [i.commitment for i in out.board.indicators] == ["Mine"]
    assert apply_defaults(out) == out
