"""A user types a whole charter, from the empty start screen to the exported Word files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget, QWizard

from tests.desktop.conftest import ScriptedPrompter, clear_and_type, type_text
from wizards.steps import Step

ORG = "Zoë Analytics GmbH"
EXECUTIVE = "Åsa Lindqvist"
DEPUTY = "山田 太郎"
SIGNATORY = "Chloé Dubois"


def child(window: Any, name: str) -> Any:
    """The widget called ``name``; fails the test when there is none."""
    found = window.findChild(QWidget, name)
    assert found is not None, f"no widget named {name}"
    return found


def click(qtbot: Any, button: QPushButton) -> None:
    """Press a button as a user does."""
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_button(window: Any) -> QPushButton:
    """The wizard's Next button."""
    return window.wizard.button(QWizard.WizardButton.NextButton)


def press_next(qtbot: Any, window: Any, expected: Step) -> None:
    """Press Next and check the wizard moved on."""
    click(qtbot, next_button(window))
    page = window.wizard.current_page()
    assert window.wizard.currentId() == int(expected), page.page_errors.text()


def test_user_types_a_whole_charter_and_exports_it(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    # The start screen of a first-time user explains the program and where to begin.
    assert child(window, "start_welcome").isVisible()
    click(qtbot, child(window, "start_new"))
    assert window.wizard.currentId() == int(Step.ORGANISATION)
    assert not next_button(window).isEnabled()

    # 1. Organisation
    type_text(child(window, "field_organisation_name"), ORG)
    qtbot.keyClicks(child(window, "field_organisation_sector"), "Insurance")
    qtbot.keyClicks(child(window, "field_organisation_jurisdictions"), "European Union, Germany")
    assert not next_button(window).isEnabled()
    qtbot.keyClicks(child(window, "field_meta_effective_date").line, "2027-01-01")
    click(qtbot, child(window, "organisation_systems_add"))
    qtbot.keyClicks(child(window, "field_organisation_systems_name"), "Claims triage")
    assert window.wizard.charter.organisation.systems[0].name == "Claims triage"
    assert next_button(window).isEnabled()
    press_next(qtbot, window, Step.EXECUTIVE)

    # 2. Responsible executive
    assert not next_button(window).isEnabled()
    type_text(child(window, "field_executive_person_name"), EXECUTIVE)
    qtbot.keyClicks(child(window, "field_executive_person_title"), "Chief Operating Officer")
    type_text(child(window, "field_executive_deputy_name"), DEPUTY)
    qtbot.keyClicks(child(window, "field_executive_deputy_title"), "Head of Claims")
    for name in ("halt_systems", "veto_deployments", "approve_exceptions"):
        box = child(window, f"field_executive_authorities_{name}")
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked()
    qtbot.keyClicks(child(window, "field_executive_reports_to"), "Audit and Risk Committee")
    press_next(qtbot, window, Step.RISK)

    # 3. Risk tolerance: the suggested defaults fill the categories and the statement, and the
    # steps after it.
    assert not next_button(window).isEnabled()
    click(qtbot, child(window, "page_risk_defaults_all"))
    assert window.wizard.charter.risk.categories
    statement = child(window, "field_risk_statement")
    statement.moveCursor(statement.textCursor().MoveOperation.End)
    qtbot.keyClicks(statement, " We review this every year.")
    assert window.wizard.charter.risk.statement.endswith("every year.")
    press_next(qtbot, window, Step.ETHICS)

    # 4. Ethics: defaults gave principles; the owner is typed.
    assert window.wizard.charter.ethics.principles
    type_text(child(window, "field_ethics_owner"), EXECUTIVE)
    press_next(qtbot, window, Step.INCIDENTS)

    # 5. Incident roles: a person and a deputy for every role, typed row by row.
    roles = window.wizard.charter.incidents.roles
    assert roles
    table = child(window, "incidents_roles_table")
    people = ["Marta Kowalski", "Jonas Berger", "Lena Horvath", "Tobias Wolf", "Ruth Ames"]
    for row in range(len(roles)):
        table.setFocus()
        table.selectRow(row)
        person = EXECUTIVE if roles[row].executive else people[row % len(people)]
        deputy = people[(row + 1) % len(people)]
        clear_and_type(qtbot, child(window, "field_incidents_roles_person"), person)
        clear_and_type(qtbot, child(window, "field_incidents_roles_deputy"), deputy)
    assert all(r.person for r in window.wizard.charter.incidents.roles)
    press_next(qtbot, window, Step.BOARD)

    # 6. Board calendar: defaults already filled the forum and the items.
    assert window.wizard.charter.board.items
    press_next(qtbot, window, Step.REVIEW)

    # 7. Review and approval: findings are listed; the leadership signs off.
    assert child(window, "review_findings").topLevelItemCount() >= 0
    click(qtbot, child(window, "approvals_add"))
    type_text(child(window, "field_approvals_name"), SIGNATORY)
    qtbot.keyClicks(child(window, "field_approvals_role"), "Chief Executive Officer")
    qtbot.keyClicks(child(window, "field_approvals_date").line, "2026-12-10")
    click(qtbot, child(window, "review_approve"))
    assert "approved version" in child(window, "review_approval_status").text()
    versions = window.library.approved_versions(window.wizard.charter.meta.id)
    assert [s.name for s in versions[0].sign_offs] == [SIGNATORY]
    press_next(qtbot, window, Step.EXPORT)

    # 8. Export to a folder chosen through the (scripted) folder dialog.
    out = tmp_path / "out"
    out.mkdir()
    prompter.folders.append(out)
    click(qtbot, child(window, "export_choose_folder"))
    click(qtbot, child(window, "export_start"))
    qtbot.waitUntil(lambda: child(window, "export_start").isEnabled(), timeout=20000)
    assert not prompter.kinds("warning"), prompter.kinds("warning")
    files = sorted(p.name for p in out.iterdir())
    assert any(name.endswith("charter-v1-0.docx") for name in files), files
    assert any(name.endswith(".ics") for name in files), files
    assert prompter.kinds("question")[-1][1] == "Export finished"

    charter_file = next(out.glob("*charter*.docx"))
    document = docx.Document(str(charter_file))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for name in (ORG, EXECUTIVE, SIGNATORY, "Claims triage", "Marta Kowalski"):
        assert name in text, name
    assert DEPUTY in text

    # Done closes the charter and the library lists it as approved.
    click(qtbot, window.wizard.button(QWizard.WizardButton.FinishButton))
    assert window.wizard is None
    summary = window.library.charters()[0]
    assert summary.organisation == ORG
    assert summary.status == "approved"
