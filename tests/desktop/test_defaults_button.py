"""The defaults button fills this step and says what it filled; a second one fills every step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.desktop.conftest import ScriptedPrompter
from tests.desktop.keyboard import Keyboard
from tests.wizards.factories import complete_charter
from wizards.model import EthicsGuidelines, IncidentResponse, RiskTolerance
from wizards.steps import Step


def named(name: str) -> Any:
    return lambda widget: widget.objectName() == name


def blank_charter() -> Any:
    charter = complete_charter()
    charter.risk = RiskTolerance()
    charter.ethics = EthicsGuidelines()
    charter.incidents = IncidentResponse()
    return charter


def open_at(qtbot: Any, window: Any, step: Step) -> Any:
    window.open_charter(blank_charter(), int(step), event="created")
    page = window.wizard.current_page()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    page.why.setFocus(Qt.FocusReason.OtherFocusReason)  # the top of the page
    return page


def test_the_button_fills_this_step_only_and_says_what_it_filled(
    qtbot: Any, window: Any, prompter: ScriptedPrompter
) -> None:
    open_at(qtbot, window, Step.RISK)
    keys = Keyboard()
    keys.tab_to(named("page_risk_defaults"))
    keys.space()
    charter = window.wizard.charter
    n = len(charter.risk.categories)
    prohibited = len(charter.risk.prohibited_uses)
    assert n > 1 and charter.risk.statement
    assert charter.ethics == EthicsGuidelines()  # the next steps are left alone
    assert charter.incidents == IncidentResponse()
    assert not prompter.kinds("information"), "a box to dismiss at every press"
    text = window.wizard.current_page().notice.text()
    assert window.wizard.current_page().notice.isVisible()
    rules = len(charter.risk.authority)
    assert text == (
        f"Filled: the risk appetite statement, {n} risk categories, {prohibited} prohibited uses, "
        f"{rules} approval rules, the intake gate."
    )
    assert window.wizard.current_page().categories.table.rowCount() == n  # shown at once

    keys.backtab()
    keys.tab_to(named("page_risk_defaults"))
    keys.space()
    assert window.wizard.current_page().notice.text().startswith("Nothing was filled")


def test_fill_every_step_fills_the_others_and_lists_them_by_step(
    qtbot: Any, window: Any, prompter: ScriptedPrompter
) -> None:
    open_at(qtbot, window, Step.RISK)
    keys = Keyboard()
    keys.tab_to(named("page_risk_defaults_all"))
    keys.space()
    charter = window.wizard.charter
    assert charter.risk.categories and charter.ethics.principles and charter.incidents.roles
    text = window.wizard.current_page().notice.text()
    lines = text.splitlines()
    assert lines[0] == "Filled:"
    assert any(line.startswith("• Risk tolerance: the risk appetite statement") for line in lines)
    principles = len(charter.ethics.principles)
    assert any(
        line.startswith("• Ethics guidelines:") and f"{principles} principles" in line
        for line in lines
    )
    assert any(line.startswith("• Incident roles:") for line in lines)
    assert "_" not in text and "$" not in text


def test_steps_without_defaults_offer_neither_button(qtbot: Any, window: Any) -> None:
    window.open_charter(complete_charter(), int(Step.ORGANISATION), event="created")
    for step in (Step.ORGANISATION, Step.REVIEW, Step.EXPORT):
        page = window.wizard.pages[step]
        assert page.defaults_button.isHidden() and page.defaults_all_button.isHidden()
    assert not window.wizard.pages[Step.BOARD].defaults_all_button.isHidden()
