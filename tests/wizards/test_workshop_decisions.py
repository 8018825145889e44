"""The key decisions of a charter: which there are, their answers in words, per agenda item."""

from __future__ import annotations

from tests.wizards.factories import complete_charter
from wizards.model import Appetite, Charter, RiskCategory
from wizards.steps import Step
from wizards.workshop.decisions import (
    answer,
    answers,
    decision_point,
    key_decisions,
    points_by_key,
    points_for,
)
from wizards.workshop.model import AgendaItem


def test_the_key_decisions_of_a_charter_in_flow_order() -> None:
    keys = [p.key for p in key_decisions(complete_charter())]
    assert keys == [
        "executive.person",
        "executive.deputy",
        "executive.authorities.budget",
        "executive.authorities.halt_systems",
        "executive.authorities.veto_deployments",
        "executive.authorities.approve_exceptions",
        "executive.authorities.other",
        "risk.categories.privacy.appetite",
        "risk.prohibited_uses",
        "ethics.principles",
        "incidents.top_severity",
        "board.cadence",
    ]


def test_each_point_has_a_question_a_why_and_a_field_that_exists() -> None:
    charter = complete_charter()
    for point in key_decisions(charter):
        assert point.question.endswith("?"), point.key
        assert point.why.endswith("."), point.key
        assert "we " not in f" {point.question.casefold()} {point.why.casefold()}"
        head = point.path.split(".")[0]
        assert head in Charter.model_fields, point.path
    assert decision_point(charter, "risk.categories.privacy.appetite") is not None
    privacy = decision_point(charter, "risk.categories.privacy.appetite")
    assert privacy is not None and privacy.path == "risk.categories[0].appetite"
    assert privacy.step is Step.RISK


def test_answers_in_words() -> None:
    charter = complete_charter()
    assert answer(charter, "executive.person") == "Dana Whitfield, Chief Operating Officer"
    assert answer(charter, "executive.authorities.budget") == "Holds a budget: GBP 40,000 a year."
    assert answer(charter, "executive.authorities.halt_systems") == (
        "May pause or halt any AI system in use."
    )
    assert answer(charter, "risk.categories.privacy.appetite") == (
        "Cautious. Threshold: No tenant data leaves the UK."
    )
    assert answer(charter, "incidents.top_severity") == (
        "SEV-1 Critical: the executive within 1 hour, the board within 24 hours; escalated to "
        "Accountable executive (Dana Whitfield)."
    )
    assert answer(charter, "board.cadence") == (
        "The executive reports every quarter to the Audit and Risk Committee, which meets on "
        "the second Tuesday of March, June, September and December."
    )


def test_answers_are_stable_and_follow_the_charter() -> None:
    charter = complete_charter()
    keys = [p.key for p in key_decisions(charter)]
    before = {k: answer(charter, k) for k in keys}
    assert before == {k: answer(charter.model_copy(deep=True), k) for k in keys}
    charter.risk.categories[0].appetite = Appetite.AVERSE
    charter.executive.authorities.halt_systems = False
    after = {k: answer(charter, k) for k in keys}
    changed = {k for k in keys if before[k] != after[k]}
    assert changed == {"risk.categories.privacy.appetite", "executive.authorities.halt_systems"}


def test_unanswered_and_unknown_answers_are_empty() -> None:
    charter = Charter()
    for key in ("executive.person", "executive.deputy", "risk.prohibited_uses",
                "ethics.principles", "incidents.top_severity", "board.cadence",
                "executive.authorities.other", "no.such.key"):  # fmt: skip
        assert answer(charter, key) == "", key


def test_categories_without_keys_get_distinct_keys() -> None:
    charter = complete_charter()
    charter.risk.categories = [RiskCategory(label="A"), RiskCategory(label="B")]
    keys = [p.key for p in key_decisions(charter) if p.step is Step.RISK]
    assert keys[:2] == [
        "risk.categories.category-1.appetite",
        "risk.categories.category-2.appetite",
    ]


def test_points_for_an_item_are_those_of_its_step() -> None:
    charter = complete_charter()
    ethics = points_for(charter, AgendaItem(title="Ethics", step="ethics"))
    assert [p.key for p in ethics] == ["ethics.principles"]
    assert points_for(charter, AgendaItem(title="Opening")) == []
    assert points_for(charter, AgendaItem(title="Odd", step="nonsense")) == []


def test_all_answers_at_once_are_the_answers_one_by_one() -> None:
    charter = complete_charter()
    charter.risk.categories.append(RiskCategory(key="privacy", label="Privacy again"))
    every = answers(charter)
    assert set(every) == set(points_by_key(charter))
    assert every == {key: answer(charter, key) for key in every}
    assert "risk.categories.privacy-2.appetite" in every
