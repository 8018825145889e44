"""Field editors on their own: what an empty number looks like and how it is typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QWidget

from desktop.editors import OptionalIntEditor
from tests.desktop.keyboard import Keyboard


def test_a_new_charter_shows_people_employed_empty_not_minus_one(qtbot: Any, window: Any) -> None:
    window.new_charter()
    employees = window.findChild(QWidget, "field_organisation_employees")
    assert isinstance(employees, OptionalIntEditor)
    assert employees.value() is None
    assert employees.text() == ""
    assert "-1" not in employees.lineEdit().text()
    assert employees.lineEdit().placeholderText() == "not set"


def test_an_optional_number_is_typed_cleared_and_stepped(qtbot: Any) -> None:
    editor = OptionalIntEditor(0, 1000)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    editor.set_value(None)
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(editor.hasFocus)
    keys = Keyboard()
    keys.type("250")
    assert editor.value() == 250
    keys.select_all_and_type("")
    assert editor.text() == ""
    assert editor.value() is None
    keys.up()
    assert editor.value() == 0
    keys.down()
    assert editor.value() is None
    assert editor.text() == ""


def test_an_optional_number_with_a_unit_shows_neither_minus_one_nor_the_unit_alone(
    qtbot: Any,
) -> None:
    editor = OptionalIntEditor(1, 60, " months")
    qtbot.addWidget(editor)
    editor.set_value(None)
    assert editor.text().strip() == ""
    editor.set_value(6)
    assert editor.text() == "6 months"
    assert editor.value() == 6


def test_spin_boxes_do_not_take_the_focus_from_the_wheel(qtbot: Any) -> None:
    editor = OptionalIntEditor()
    qtbot.addWidget(editor)
    assert isinstance(editor, QAbstractSpinBox)
    assert editor.focusPolicy() == Qt.FocusPolicy.StrongFocus
