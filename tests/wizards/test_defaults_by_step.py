"""Suggested defaults fill the steps asked for and say what they filled, as data."""

from __future__ import annotations

from wizards.model import Charter, Organisation, OrgSize, RiskCategory
from wizards.presets import DEFAULT_STEPS, Filled, apply_defaults, fill_defaults
from wizards.steps import Step


def org_charter() -> Charter:
    return Charter(
        organisation=Organisation(
            name="Acme Insurance", sector="Insurance", size=OrgSize.LARGE, jurisdictions=["EU"]
        )
    )


def test_one_step_fills_only_that_step() -> None:
    charter = org_charter()
    result = fill_defaults(charter, [Step.RISK])
    assert result.charter.risk.categories and result.charter.risk.statement
    for section in ("executive", "ethics", "incidents", "board"):
        assert getattr(result.charter, section) == getattr(charter, section), section
    assert {f.step for f in result.filled} == {Step.RISK}
    assert charter.risk.categories == []  # the input is left alone


def test_the_report_says_what_was_filled() -> None:
    result = fill_defaults(org_charter(), [Step.RISK])
    by_path = {f.path: f for f in result.filled}
    categories = len(result.charter.risk.categories)
    assert by_path["risk.categories"] == Filled(Step.RISK, "risk.categories", added=categories)
    assert by_path["risk.statement"] == Filled(Step.RISK, "risk.statement")
    assert by_path["risk.prohibited_uses"].added == len(result.charter.risk.prohibited_uses)
    assert "risk.set_by" not in by_path  # a person's answer is never a default


def test_blank_parts_of_existing_entries_are_reported_as_completed() -> None:
    charter = org_charter()
    charter.risk.categories = [RiskCategory(key="fairness-bias"), RiskCategory(label="Mine")]
    result = fill_defaults(charter, [Step.RISK])
    (categories,) = [f for f in result.filled if f.path == "risk.categories"]
    assert categories.added == 0 and categories.completed == 1
    assert result.charter.risk.categories[1].label == "Mine"


def test_nothing_to_fill_reports_nothing() -> None:
    filled = apply_defaults(org_charter())
    assert fill_defaults(filled).filled == ()
    assert fill_defaults(org_charter(), [Step.ORGANISATION, Step.EXPORT]).filled == ()


def test_every_step_is_the_same_as_before() -> None:
    charter = org_charter()
    everything = fill_defaults(charter)
    assert everything.charter == apply_defaults(charter)
    assert everything.charter == fill_defaults(charter, DEFAULT_STEPS).charter
    assert {f.step for f in everything.filled} == set(DEFAULT_STEPS)
    steps = [f.step for f in everything.filled]
    assert steps == sorted(steps)  # in the order of the steps


def test_steps_filled_one_by_one_add_up_to_all_at_once() -> None:
    start = org_charter()
    charter = start
    for step in Step:
        charter = apply_defaults(charter, steps=[step])
    assert charter == apply_defaults(start)


def test_apply_defaults_keeps_its_signature_and_takes_steps() -> None:
    charter = org_charter()
    only_board = apply_defaults(charter, "lean", steps=[Step.BOARD])
    assert only_board.board.items and not only_board.risk.categories
