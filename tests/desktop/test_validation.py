"""Validation shown at the fields, Next and Back, and the jump from a finding to its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from tests.desktop.conftest import clear_and_type, type_text
from tests.wizards.factories import complete_charter
from wizards.steps import Step


def child(window: Any, name: str) -> Any:
    found = window.findChild(QWidget, name)
    assert found is not None, name
    return found


def next_button(window: Any) -> Any:
    return window.wizard.button(QWizard.WizardButton.NextButton)


def test_next_waits_for_the_required_answers_and_says_what_is_missing(
    qtbot: Any, window: Any
) -> None:
    window.new_charter()
    needed = child(window, "page_organisation_needed")
    assert not next_button(window).isEnabled()
    assert "organisation's name is required" in needed.text()
    qtbot.keyClicks(child(window, "field_organisation_name"), "Acme Ltd")
    assert "organisation's name" not in needed.text()
    qtbot.keyClicks(child(window, "field_organisation_sector"), "Retail")
    qtbot.keyClicks(child(window, "field_organisation_jurisdictions"), "European Union")
    qtbot.keyClicks(child(window, "field_meta_effective_date").line, "2027-01-01")
    assert next_button(window).isEnabled()
    assert "complete" in needed.text()


def test_findings_appear_next_to_the_field_and_clear_when_fixed(qtbot: Any, window: Any) -> None:
    charter = complete_charter()
    charter.executive.deputy.name = charter.executive.person.name
    window.open_charter(charter, int(Step.EXECUTIVE), event="created")
    assert window.wizard.currentId() == int(Step.EXECUTIVE)
    error = child(window, "field_executive_deputy_name_error")
    assert error.isHidden()

    qtbot.mouseClick(next_button(window), Qt.MouseButton.LeftButton)
    assert window.wizard.currentId() == int(Step.EXECUTIVE)
    assert not error.isHidden()
    assert "deputy must be someone other" in error.text()
    deputy = child(window, "field_executive_deputy_name")
    assert deputy.property("invalid") is True
    assert QApplication.focusWidget() is deputy
    status = window.wizard.current_page().needed
    assert status.text() == "Fix the answers marked in red to continue."

    clear_and_type(qtbot, deputy, "Sam Okafor")
    assert error.isHidden()
    assert deputy.property("invalid") is False
    assert "complete" in status.text()
    qtbot.mouseClick(next_button(window), Qt.MouseButton.LeftButton)
    assert window.wizard.currentId() == int(Step.RISK)


def test_a_finding_in_a_list_selects_the_row_and_marks_the_field(qtbot: Any, window: Any) -> None:
    charter = complete_charter()
    window.open_charter(charter, int(Step.ORGANISATION), event="created")
    qtbot.mouseClick(child(window, "organisation_systems_add"), Qt.MouseButton.LeftButton)
    # The new system has no name: Next is disabled and the list says which row needs it.
    assert not next_button(window).isEnabled()
    page = window.wizard.current_page()
    assert not page.validatePage()
    message = child(window, "organisation_systems_error")
    assert "Row 2" in message.text()
    assert "name of AI system 2 is required" in message.text()
    assert not child(window, "field_organisation_systems_name_error").isHidden()
    type_text(child(window, "field_organisation_systems_name"), "Fraud screening")
    assert message.isHidden()
    assert next_button(window).isEnabled()


def test_back_keeps_everything_typed(qtbot: Any, window: Any) -> None:
    window.open_charter(complete_charter(), int(Step.ORGANISATION), event="created")
    clear_and_type(qtbot, child(window, "field_organisation_sector"), "Housing and care")
    qtbot.mouseClick(next_button(window), Qt.MouseButton.LeftButton)
    clear_and_type(qtbot, child(window, "field_executive_person_title"), "Managing Director")
    back = window.wizard.button(QWizard.WizardButton.BackButton)
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert child(window, "field_organisation_sector").text() == "Housing and care"
    qtbot.mouseClick(next_button(window), Qt.MouseButton.LeftButton)
    assert child(window, "field_executive_person_title").text() == "Managing Director"
    assert window.wizard.charter.executive.person.title == "Managing Director"


def test_a_readiness_finding_jumps_to_the_answer_that_fixes_it(qtbot: Any, window: Any) -> None:
    charter = complete_charter()
    charter.executive.authorities.halt_systems = False
    window.open_charter(charter, int(Step.REVIEW), event="created")
    assert window.wizard.currentId() == int(Step.REVIEW)
    tree = child(window, "review_findings")
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    halt = [i for i in items if "halt" in i.text(2).lower() or "pause" in i.text(2).lower()]
    assert halt, [i.text(2) for i in items]
    tree.setCurrentItem(halt[0])
    assert "Fix" in child(window, "review_finding_detail").text()
    qtbot.mouseClick(child(window, "review_goto"), Qt.MouseButton.LeftButton)
    assert window.wizard.currentId() == int(Step.EXECUTIVE)
    assert QApplication.focusWidget() is child(window, "field_executive_authorities_halt_systems")


def test_preview_follows_the_typing(qtbot: Any, window: Any) -> None:
    window.open_charter(complete_charter(), int(Step.ORGANISATION), event="created")
    preview = child(window, "page_organisation_preview")
    clear_and_type(qtbot, child(window, "field_organisation_name"), "Zoë Preview Trust")
    assert "Zoë Preview Trust" not in preview.toPlainText()  # debounced, not yet
    qtbot.waitUntil(lambda: "Zoë Preview Trust" in preview.toPlainText(), timeout=2000)


def test_defaults_fill_empty_answers_and_keep_what_was_typed(qtbot: Any, window: Any) -> None:
    window.new_charter()
    qtbot.keyClicks(child(window, "field_organisation_name"), "Acme Ltd")
    qtbot.keyClicks(child(window, "field_organisation_sector"), "Retail")
    qtbot.keyClicks(child(window, "field_organisation_jurisdictions"), "European Union")
    qtbot.keyClicks(child(window, "field_meta_effective_date").line, "2027-01-01")
    qtbot.mouseClick(next_button(window), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(window, "field_executive_reports_to"), "Our own board")
    qtbot.mouseClick(child(window, "page_executive_defaults_all"), Qt.MouseButton.LeftButton)
    charter = window.wizard.charter
    assert charter.executive.reports_to == "Our own board"
    assert child(window, "field_executive_reports_to").text() == "Our own board"
    assert charter.risk.categories and charter.incidents.roles and charter.board.items


def test_catalogue_picker_adds_the_ticked_principles(
    qtbot: Any, window: Any, prompter: Any
) -> None:
    charter = complete_charter()
    before = len(charter.ethics.principles)
    window.open_charter(charter, int(Step.ETHICS), event="created")

    def choose_two(groups: Any) -> list[tuple[str, str]]:
        entries = [(g.key, e.key) for g in groups for e in g.entries if not e.present]
        return entries[:2]

    prompter.picks.append(choose_two)
    qtbot.mouseClick(child(window, "ethics_catalogue"), Qt.MouseButton.LeftButton)
    assert len(window.wizard.charter.ethics.principles) == before + 2
    assert child(window, "ethics_principles_table").rowCount() == before + 2


def test_picked_risk_categories_take_the_sector_appetite(
    qtbot: Any, window: Any, prompter: Any
) -> None:
    from wizards.model import Appetite, OrgSize

    charter = complete_charter()
    charter.organisation.sector = "Community bank"
    charter.organisation.size = OrgSize.SMALL
    charter.organisation.employees = 15  # a lean preset, whose fairness appetite is minimal
    window.open_charter(charter, int(Step.RISK), event="created")
    prompter.picks.append(lambda groups: [("risk", "fairness-bias")])
    qtbot.mouseClick(child(window, "risk_catalogue"), Qt.MouseButton.LeftButton)
    added = window.wizard.charter.risk.categories[-1]
    assert added.key == "fairness-bias"
    assert added.appetite is Appetite.AVERSE  # banking lowers it to averse
