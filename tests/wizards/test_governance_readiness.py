"""Readiness rules over the governance sections: each fires on a hollow answer, not on a sound one.

:func:`govern` gives any complete charter a sound forum, approval authority, intake gate, three
lines and indicators; each case then breaks (or nearly breaks) one thing.
``tests/wizards/test_readiness.py`` runs these cases on its good charter too, with every other
rule's cases.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import example_files
from tests.wizards.factories import complete_charter
from wizards import catalogues
from wizards.answers import load
from wizards.model import (
    AiSystem,
    ApprovalRule,
    BodyMember,
    Charter,
    Indicator,
    RiskClass,
)
from wizards.presets import (
    approval_rules,
    indicators,
    intake_checks,
    report_item_from_catalogue,
)
from wizards.readiness import RULES, check

Mutator = Callable[[Charter], None]

GOVERNANCE_RULES = {r for r in RULES if r.startswith("gov-")}


def govern(charter: Charter) -> Charter:
    """The charter with sound governance answers: named forum with chair, members and quorum,
    an approval rule per class from the defaults, the intake gate, independent third line and
    an indicator for every principle. Returns the same charter, changed."""
    board, risk = charter.board, charter.risk
    board.forum = board.forum or "Board Risk Committee"
    board.chair = "Dana Whitlock"
    board.members = [
        BodyMember(name="Dana Whitlock", role="Chair, non-executive director"),
        BodyMember(name="Omar Haddad", role="Non-executive director"),
        BodyMember(name="Grace Lin", role="Non-executive director"),
        BodyMember(name="Alice Moreau", role="Chief Risk Officer", voting=False),
    ]
    board.quorum = 2
    board.decision_log = "AI decision log kept with the minutes"
    board.assurance.first_line = "The owner of each AI system"
    board.assurance.second_line = "Risk and compliance function"
    board.assurance.third_line = "Internal audit"
    board.assurance.review_months = 12
    review = next(e for e in catalogues.calendar_items() if e.key == "independent-review")
    if not any(i.key == review.key for i in board.items):
        board.items.append(report_item_from_catalogue(review))
    risk.authority = approval_rules(charter)
    risk.intake.checks, risk.intake.supplier_checks = intake_checks(charter)
    risk.intake.inventory = "AI register"
    board.indicators = indicators(charter)
    covered = {i.commitment.casefold() for i in board.indicators}
    board.indicators += [
        Indicator(
            commitment=p.title,
            measure=f"Commitments under {p.title} met",
            evidence="Test records",
            owner="Chief Risk Officer",
        )
        for p in charter.ethics.principles
        if p.title.casefold() not in covered
    ]
    return charter


def _rule(c: Charter, risk_class: RiskClass) -> ApprovalRule:
    found = [r for r in c.risk.authority if r.risk_class is risk_class]
    if found:
        return found[0]
    rule = ApprovalRule(risk_class=risk_class)
    c.risk.authority.append(rule)
    return rule


def _high(c: Charter) -> ApprovalRule:
    if not c.has_high_risk():
        c.organisation.systems.append(
            AiSystem(name="Triage", risk_class=RiskClass.HIGH, owner="Sam Lee")
        )
    return _rule(c, RiskClass.HIGH)


def case(rule_id: str, mutator: Mutator, label: str) -> object:
    def mutate(c: Charter) -> None:
        govern(c)
        mutator(c)

    return pytest.param(rule_id, mutate, id=f"{rule_id}: {label}")


def _set(**values: object) -> Mutator:
    """A mutator that sets dotted paths (``board.chair``) to values."""

    def mutate(c: Charter) -> None:
        for path, value in values.items():
            *parents, last = path.split("__")
            target: object = c
            for part in parents:
                target = getattr(target, part)
            setattr(target, last, value)

    return mutate


def no_chair(c: Charter) -> None:
    c.board.chair = ""


def no_members(c: Charter) -> None:
    c.board.members = [BodyMember(role="Non-executive director")]


def quorum_too_large(c: Charter) -> None:
    c.board.quorum = 4  # three voting members, one attends without a vote


def quorum_of_all(c: Charter) -> None:
    c.board.quorum = 3


def prohibited_approvable(c: Charter) -> None:
    _rule(c, RiskClass.PROHIBITED).approve = "Chief Risk Officer"


def prohibited_no_one(c: Charter) -> None:
    rule = _rule(c, RiskClass.PROHIBITED)
    rule.approve, rule.conditions = "Nobody", "No one, whatever the case"


def high_by_the_executive(c: Charter) -> None:
    _high(c).approve = "Chief Risk Officer (accountable executive)"


def high_beyond_appetite_to_the_executive(c: Charter) -> None:
    _high(c).escalate_to = "The accountable executive"


def high_by_the_committee(c: Charter) -> None:
    rule = _high(c)
    rule.approve = rule.conditions = "Board Risk Committee"
    rule.escalate_to = "Supervisory Board"
    rule.block = "Chief Risk Officer"


def no_rule_for_high(c: Charter) -> None:
    _high(c)
    c.risk.authority = [r for r in c.risk.authority if r.risk_class is not RiskClass.HIGH]


def no_authority(c: Charter) -> None:
    c.risk.authority = []


def rule_for_high_blocks_only(c: Charter) -> None:
    rule = _high(c)
    rule.approve = rule.conditions = ""
    rule.block = "Chief Risk Officer"


def no_checks(c: Charter) -> None:
    c.risk.intake.checks = ["  "]


def fria_due_not_asked(c: Charter) -> None:
    c.organisation.systems.append(
        AiSystem(name="Credit check", risk_class=RiskClass.HIGH, annex_iii_point="5(b)")
    )
    c.risk.intake.checks = ["Registered in the AI register before use."]


def fria_asked(c: Charter) -> None:
    c.organisation.systems.append(
        AiSystem(name="Credit check", risk_class=RiskClass.HIGH, annex_iii_point="5(b)")
    )
    c.risk.intake.checks = ["A fundamental rights impact assessment before first use."]


def no_supplier_checks(c: Charter) -> None:
    c.organisation.systems.append(AiSystem(name="Chat", supplier="BotCorp"))
    c.risk.intake.supplier_checks = []


def no_suppliers(c: Charter) -> None:
    for system in c.organisation.systems:
        system.supplier = ""
    c.risk.intake.supplier_checks = []


def third_is_second(c: Charter) -> None:
    c.board.assurance.third_line = "risk and compliance function"


def third_is_executive(c: Charter) -> None:
    c.board.assurance.third_line = c.executive.person.name or "Alice Moreau"
    c.executive.person.name = c.board.assurance.third_line


def no_third_while_high(c: Charter) -> None:
    _high(c)
    c.board.assurance.third_line = ""


def external_reviewer(c: Charter) -> None:
    c.board.assurance.second_line = "Chief Risk Officer"
    c.board.assurance.third_line = "An external reviewer appointed by the board"


def principle_without_indicator(c: Charter) -> None:
    c.board.indicators = [
        i for i in c.board.indicators if i.commitment != c.ethics.principles[0].title
    ]


def indicator_names_the_principle_in_other_words(c: Charter) -> None:
    title = c.ethics.principles[0].title
    for indicator in c.board.indicators:
        if indicator.commitment == title:
            indicator.commitment = f"{title.upper()}: the commitments of section 4"


def block_without_veto(c: Charter) -> None:
    c.executive.authorities.veto_deployments = False


def veto_withheld_and_the_forum_blocks(c: Charter) -> None:
    c.executive.authorities.veto_deployments = False
    for rule in c.risk.authority:
        rule.block = c.board.forum


def high_by_a_working_group(c: Charter) -> None:
    _high(c).approve = "AI working group"


def register_renamed_in_the_gate_only(c: Charter) -> None:
    c.risk.intake.inventory = "approved AI tools list (section 1.1)"


def register_renamed_everywhere(c: Charter) -> None:
    c.risk.intake.inventory = "approved AI tools list (section 1.1)"
    c.risk.intake.checks = [
        t.replace("AI register", "approved AI tools list") for t in c.risk.intake.checks
    ]
    for indicator in c.board.indicators:
        indicator.evidence = indicator.evidence.replace("AI register", "approved AI tools list")


TRIGGERS = [
    case("gov-forum-no-chair", no_chair, "no chair"),
    case("gov-forum-no-members", no_members, "a role without a name"),
    case("gov-quorum-too-large", quorum_too_large, "four of three voting members"),
    case("gov-prohibited-approvable", prohibited_approvable, "the CRO may approve"),
    case("gov-high-risk-one-person", high_by_the_executive, "the executive approves"),
    case("gov-high-risk-one-person", high_beyond_appetite_to_the_executive, "beyond appetite"),
    case("gov-no-rule-for-class", no_rule_for_high, "no rule for high-risk"),
    case("gov-no-rule-for-class", no_authority, "no authority at all"),
    case("gov-no-intake-checks", no_checks, "a blank check"),
    case("gov-fria-not-in-intake", fria_due_not_asked, "credit scoring, no FRIA"),
    case("gov-no-supplier-checks", no_supplier_checks, "a bought-in chatbot"),
    case("gov-third-line-not-independent", third_is_second, "same function"),
    case("gov-third-line-not-independent", third_is_executive, "the executive"),
    case("gov-third-line-not-independent", no_third_while_high, "none while high-risk"),
    case("gov-principle-without-indicator", principle_without_indicator, "first principle"),
    case("gov-forum-not-board-level", high_by_a_working_group, "a working group"),
    case("gov-block-without-veto", block_without_veto, "veto withheld, executive blocks"),
    case("gov-register-two-names", register_renamed_in_the_gate_only, "renamed in the gate"),
]

NEAR_MISSES = [
    case("gov-forum-no-chair", _set(board__forum="", board__chair=""), "no forum named"),
    case("gov-forum-no-members", _set(board__forum=""), "no forum named"),
    case("gov-quorum-too-large", quorum_of_all, "all three voting members"),
    case("gov-quorum-too-large", _set(board__quorum=None), "no quorum"),
    case("gov-prohibited-approvable", prohibited_no_one, "nobody"),
    case("gov-high-risk-one-person", high_by_the_committee, "the committee approves"),
    case("gov-high-risk-one-person", rule_for_high_blocks_only, "only a block"),
    case("gov-no-rule-for-class", rule_for_high_blocks_only, "a rule that blocks"),
    case("gov-no-intake-checks", lambda c: None, "the default checks"),
    case("gov-fria-not-in-intake", fria_asked, "FRIA asked for"),
    case("gov-no-supplier-checks", no_suppliers, "nothing bought in"),
    case("gov-third-line-not-independent", external_reviewer, "an external reviewer"),
    case(
        "gov-principle-without-indicator",
        indicator_names_the_principle_in_other_words,
        "same principle, other case and more words",
    ),
    case("gov-forum-not-board-level", high_by_the_committee, "the board's committee"),
    case("gov-block-without-veto", veto_withheld_and_the_forum_blocks, "the forum blocks"),
    case("gov-register-two-names", register_renamed_everywhere, "renamed everywhere"),
]


def _findings(mutator: Mutator, rule_id: str) -> list[str]:
    charter = complete_charter()
    mutator(charter)
    return [f.message for f in check(charter) if f.rule == rule_id]


@pytest.mark.parametrize(("rule_id", "mutator"), TRIGGERS)
def test_rule_fires(rule_id: str, mutator: Mutator) -> None:
    messages = _findings(mutator, rule_id)
    assert messages, f"{rule_id} did not fire"
    for message in messages:
        assert message[:1].isupper() and "None" not in message and "  " not in message


@pytest.mark.parametrize(("rule_id", "mutator"), NEAR_MISSES)
def test_rule_stays_quiet(rule_id: str, mutator: Mutator) -> None:
    assert _findings(mutator, rule_id) == []


def test_every_governance_rule_has_cases() -> None:
    assert {p.values[0] for p in TRIGGERS} == GOVERNANCE_RULES
    assert {p.values[0] for p in NEAR_MISSES} == GOVERNANCE_RULES


def test_a_governed_charter_has_no_governance_finding() -> None:
    charter = govern(complete_charter())
    assert [f.rule for f in check(charter) if f.rule in GOVERNANCE_RULES] == []


def test_the_messages_name_the_forum_and_the_people() -> None:
    charter = govern(complete_charter())
    charter.board.chair = ""
    high_by_the_executive(charter)
    found = {f.rule: f.message for f in check(charter)}
    assert f"the {charter.board.forum}" in found["gov-forum-no-chair"]
    assert found["gov-high-risk-one-person"].startswith("Chief Risk Officer (accountable")


def test_without_the_veto_the_defaults_let_the_forum_block() -> None:
    charter = complete_charter()
    charter.executive.authorities.veto_deployments = False
    blockers = {r.block for r in approval_rules(charter)}
    assert blockers == {charter.board.forum}


def test_a_charter_from_the_defaults_passes_the_governance_rules() -> None:
    from wizards.presets import apply_defaults

    charter = complete_charter()
    charter.risk.authority, charter.board.indicators = [], []
    charter.organisation.systems.append(
        AiSystem(name="Credit check", risk_class=RiskClass.HIGH, annex_iii_point="5(b)")
    )
    filled = apply_defaults(charter)
    rules = {f.rule for f in check(filled)} & GOVERNANCE_RULES
    # The people of the forum are never invented: only its chair and members stay to be named.
    assert rules <= {"gov-forum-no-chair", "gov-forum-no-members"}


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name.split(".")[0])
def test_the_examples_govern_soundly(path: Path) -> None:
    charter = load(path)
    assert [f.message for f in check(charter) if f.rule in GOVERNANCE_RULES] == []
    # The matrix agrees with section 3.4: a high-risk use is never one person's decision.
    for rule in charter.risk.authority:
        if rule.risk_class is RiskClass.HIGH:
            assert "committee" in rule.approve.casefold() or "board" in rule.approve.casefold()
