"""Each step's validation returns findings that name the field, and the flow order."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.wizards.factories import EFFECTIVE, complete_charter
from wizards.model import Charter, IncidentRole, PatternKind
from wizards.steps import Step, next_step, same_person, validate, validate_step


def fields(step: Step, charter: Charter) -> dict[str, str]:
    return {f.field: f.code for f in validate_step(step, charter)}


def test_complete_charter_has_no_findings() -> None:
    assert validate(complete_charter()) == []


def test_empty_charter_names_every_missing_essential() -> None:
    found = {f.field for f in validate(Charter())}
    for path in (
        "meta.effective_date",
        "organisation.name",
        "executive.person.name",
        "executive.person.title",
        "risk.categories",
        "ethics.principles",
        "incidents.roles",
        "board.forum",
    ):
        assert path in found


def test_executive_needs_name_and_title() -> None:
    charter = complete_charter()
    charter.executive.person.name = "  "
    charter.executive.person.title = ""
    assert fields(Step.EXECUTIVE, charter) == {
        "executive.person.name": "required",
        "executive.person.title": "required",
    }


@pytest.mark.parametrize("deputy", ["Dana Whitfield", "dana  whitfield", "ＤＡＮＡ Whitfield"])
def test_deputy_must_be_someone_else(deputy: str) -> None:
    charter = complete_charter()
    charter.executive.deputy.name = deputy
    assert fields(Step.EXECUTIVE, charter) == {"executive.deputy.name": "deputy_is_executive"}


def test_same_person_ignores_empty_names() -> None:
    assert not same_person("", "")
    assert same_person("Zoë Dvořák", "zoë dvořák")
    assert not same_person("山田 花子", "佐藤 健")


def test_budget_needs_an_amount() -> None:
    charter = complete_charter()
    charter.executive.authorities.budget_amount = ""
    assert fields(Step.EXECUTIVE, charter) == {
        "executive.authorities.budget_amount": "budget_without_amount"
    }


def test_review_date_must_follow_effective_date() -> None:
    charter = complete_charter()
    charter.ethics.review_date = EFFECTIVE
    finding = validate_step(Step.ETHICS, charter)[0]
    assert (finding.field, finding.code) == ("ethics.review_date", "date_not_after")
    assert "1 January" not in finding.message and "2027-01-01" in finding.message


def test_each_incident_role_is_filled_and_deputy_differs() -> None:
    charter = complete_charter()
    charter.incidents.roles.append(IncidentRole(key="dpo", title="Data protection officer"))
    charter.incidents.roles[0].deputy = charter.incidents.roles[0].person
    found = fields(Step.INCIDENTS, charter)
    assert found == {
        "incidents.roles[2].person": "required",
        "incidents.roles[0].deputy": "deputy_is_holder",
    }


def test_escalation_times_are_positive_and_executive_first() -> None:
    charter = complete_charter()
    charter.incidents.severities[0].executive_hours = 0
    assert fields(Step.INCIDENTS, charter) == {
        "incidents.severities[0].executive_hours": "not_positive"
    }
    charter.incidents.severities[0].executive_hours = 48
    assert fields(Step.INCIDENTS, charter) == {
        "incidents.severities[0].board_hours": "escalation_order"
    }


def test_unknown_role_keys_are_named() -> None:
    charter = complete_charter()
    charter.incidents.severities[0].escalate_to = ["ceo"]
    charter.incidents.clocks[0].owner_role = "dpo"
    assert fields(Step.INCIDENTS, charter) == {
        "incidents.severities[0].escalate_to": "unknown_role",
        "incidents.clocks[0].owner_role": "unknown_role",
    }


def test_meeting_pattern_must_yield_dates() -> None:
    charter = complete_charter()
    charter.board.pattern.kind = PatternKind.NTH_WEEKDAY
    charter.board.pattern.nth = 5
    charter.board.pattern.weekday = 0
    charter.board.pattern.months = [2]
    charter.board.horizon_months = 6
    assert fields(Step.BOARD, charter) == {"board.pattern": "pattern_no_dates"}


def test_board_items_need_dates_for_one_offs_and_quarters_for_annuals() -> None:
    charter = complete_charter()
    charter.board.items[0].cadence = charter.board.items[0].cadence.__class__("once")
    charter.board.items[1].fiscal_quarter = None
    assert fields(Step.BOARD, charter) == {
        "board.items[0].date": "once_without_date",
        "board.items[1].fiscal_quarter": "annual_quarter_missing",
    }


def test_organisation_role_must_match_systems() -> None:
    charter = complete_charter()
    charter.organisation.systems[0].role = charter.organisation.systems[0].role.__class__(
        "provider"
    )
    assert fields(Step.ORGANISATION, charter) == {
        "organisation.systems[0].role": "role_inconsistent"
    }


def test_signatories_need_a_name_and_a_role_and_may_sign_on_paper() -> None:
    charter = complete_charter()
    charter.approvals[0].date = None  # a wet-ink signature, dated on the paper
    assert fields(Step.REVIEW, charter) == {}
    charter.approvals[0].role = ""
    assert fields(Step.REVIEW, charter) == {"approvals[0]": "signatory_incomplete"}


def test_ethics_approvals_need_name_role_and_date() -> None:
    charter = complete_charter()
    charter.ethics.approvals[0].date = None
    assert fields(Step.ETHICS, charter) == {"ethics.approvals[0]": "approval_incomplete"}


def test_every_finding_has_a_readable_message() -> None:
    for finding in validate(Charter()):
        assert finding.message and "{" not in finding.message


def test_flow_order() -> None:
    charter = Charter()
    order = [Step.ORGANISATION]
    while (step := next_step(order[-1], charter)) is not None:
        order.append(step)
    assert order == list(Step)


def test_next_review_date() -> None:
    charter = complete_charter()
    assert charter.next_review_date() == dt.date(2028, 1, 1)
    charter.meta.effective_date = None
    assert charter.next_review_date() is None
