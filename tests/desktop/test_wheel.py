"""The mouse wheel scrolls the page; it changes only the combo or spin box that has the focus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget, QWizard

from tests.wizards.factories import complete_charter
from wizards.steps import Step


def wheel(widget: QWidget, notches: int = -3) -> QWidget | None:
    """Turn the wheel over the middle of ``widget`` (negative: towards the user, page down).

    Returns the widget that took the turn. Qt passes a system wheel event that a widget ignores
    on to its parents, up to the scroll area; it does not do so for an event a program sends
    (not "spontaneous"), and Python cannot make a spontaneous one. So this helper passes it on
    itself, as ``QApplication.notify`` does for a real wheel.
    """
    target: QWidget | None = widget
    local = QPoint(widget.rect().center())
    while target is not None:
        event = QWheelEvent(
            QPointF(local),
            QPointF(target.mapToGlobal(local)),
            QPoint(0, 0),
            QPoint(0, 120 * notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(target, event)
        if event.isAccepted():
            QApplication.processEvents()
            return target
        if target.isWindow():
            break
        local += target.pos()
        target = target.parentWidget()
    return None


def value_of(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    assert isinstance(widget, QAbstractSpinBox)
    return widget.text()


def focus_elsewhere(window: Any) -> None:
    button = window.wizard.button(QWizard.WizardButton.NextButton)
    button.setFocus(Qt.FocusReason.OtherFocusReason)
    QApplication.processEvents()


def test_scrolling_the_risk_page_over_an_appetite_scrolls_and_keeps_the_appetite(
    qtbot: Any, window: Any
) -> None:
    window.resize(1000, 500)  # short enough that the risk page scrolls
    window.open_charter(complete_charter(), int(Step.RISK), event="created")
    page = window.wizard.current_page()
    appetite = page.findChild(QComboBox, "field_risk_categories_appetite")
    assert appetite is not None and appetite.isVisible()
    bar = page.form_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    page.form_scroll.ensureWidgetVisible(appetite)
    focus_elsewhere(window)
    before, position = appetite.currentIndex(), bar.value()

    taken_by = wheel(appetite)

    assert appetite.currentIndex() == before
    assert (
        window.wizard.charter.risk.categories[0].appetite
        == complete_charter().risk.categories[0].appetite
    )
    assert taken_by is page.form_scroll.viewport()
    assert bar.value() > position

    # In the field the user is in, the wheel still turns the value (the box is not dead).
    appetite.setFocus(Qt.FocusReason.TabFocusReason)
    assert wheel(appetite, notches=1) is appetite
    assert appetite.currentIndex() != before


def test_no_combo_or_spin_box_on_any_page_takes_the_wheel_without_focus(
    qtbot: Any, window: Any
) -> None:
    window.open_charter(complete_charter(), int(Step.ORGANISATION), event="created")
    checked = 0
    for step, page in window.wizard.pages.items():
        boxes = page.findChildren(QComboBox) + page.findChildren(QAbstractSpinBox)
        for box in boxes:
            focus_elsewhere(window)
            name = f"{step.name}: {box.objectName() or type(box).__name__}"
            assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus, name
            before = value_of(box)
            assert wheel(box) is not box, name
            assert wheel(box, notches=3) is not box, name
            assert value_of(box) == before, name
            checked += 1
    assert checked >= 10  # appetites, cadences, roles, months, counts...
