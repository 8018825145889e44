"""A finding on the workshop's record leads to the place in the set-up where it is answered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from tests.conftest import EXAMPLES
from tests.desktop.keyboard import Keyboard
from tests.desktop.test_workshop_keyboard import gone, top_level
from wizards.answers import load
from wizards.readiness import check
from wizards.steps import Step

LENDER = EXAMPLES / "eu-lender-credit-scoring.charter.json"
ANSWER = "The Board agreed to revisit the threshold after the Q2 fairness results."


def _finding_item(page: Any, rule_field: str) -> Any:
    tree = page.findings_tree
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data and data[1] == rule_field:
            return item
    raise AssertionError(f"no finding on {rule_field}")


def test_an_unanswered_objection_is_answered_where_the_finding_leads(
    qtbot: Any, window: Any
) -> None:
    from desktop.workshop_setup import WorkshopSetupDialog

    charter = load(LENDER)
    (unanswered,) = [f for f in check(charter) if f.rule == "workshop-dissent-unanswered"]
    assert unanswered.field.startswith("workshops[0].decisions[")
    window.open_charter(charter, int(Step.REVIEW), event="created")
    page = window.wizard.current_page()
    qtbot.waitUntil(lambda: page.findings_tree.topLevelItemCount() > 0, timeout=5000)
    page.findings_tree.setFocus()
    page.findings_tree.setCurrentItem(_finding_item(page, unanswered.field))
    keys = Keyboard()
    keys.enter()
    dialog = top_level(qtbot, WorkshopSetupDialog)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit), timeout=3000)
    focused = QApplication.focusWidget()
    assert focused.toPlainText() == ""
    assert "objection" in focused.accessibleName()
    keys.type(ANSWER)
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dialog), timeout=5000)
    current = window.wizard.charter
    responses = [d.response for x in current.workshops[0].decisions for d in x.dissent]
    assert ANSWER in responses
    assert not [f for f in check(current) if f.rule == "workshop-dissent-unanswered"]


def test_an_action_without_owner_opens_at_its_owner(qtbot: Any, window: Any) -> None:
    from desktop.workshop_setup import WorkshopSetupDialog

    charter = load(LENDER)
    workshop = charter.workshops[0]
    assert workshop.actions
    workshop.actions[0].owner = ""
    window.open_charter(charter, int(Step.REVIEW), event="created")
    window.set_up_workshop(focus="workshops[0].actions[0].owner")
    dialog = top_level(qtbot, WorkshopSetupDialog)
    owner = dialog.action_list.form.editor("owner")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is owner, timeout=3000)
    Keyboard().type("Ines Vogel")
    dialog.accept()
    assert window.wizard.charter.workshops[0].actions[0].owner == "Ines Vogel"
