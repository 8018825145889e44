"""Desktop conventions: menus and shortcuts, keyboard use, accessible names, help, settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)

from tests.desktop.conftest import ScriptedPrompter
from tests.wizards.factories import complete_charter
from wizards import __version__
from wizards.steps import Step


def child(window: Any, name: str) -> Any:
    found = window.findChild(QWidget, name)
    assert found is not None, name
    return found


def test_file_menu_has_the_standard_shortcuts(window: Any) -> None:
    expected = {
        "action_new": QKeySequence(QKeySequence.StandardKey.New),
        "action_open": QKeySequence(QKeySequence.StandardKey.Open),
        "action_save_as": QKeySequence("Ctrl+Shift+S"),
        "action_quit": QKeySequence("Ctrl+Q"),
        "action_help": QKeySequence(QKeySequence.StandardKey.HelpContents),
    }
    actions = {a.objectName(): a for a in window.file_menu.actions() + window.help_menu.actions()}
    for name, keys in expected.items():
        assert actions[name].shortcut() == keys, name
    titles = [a.text().replace("&", "") for a in window.file_menu.actions() if a.text()]
    for title in ("New charter", "Open…", "Save as file…", "Export…", "Quit"):
        assert title in titles
    assert [m.title().replace("&", "") for m in (window.example_menu, window.recent_menu)] == [
        "Open an example",
        "Open recent",
    ]


def test_recent_files_list_what_was_opened(
    window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    from wizards.answers import save

    path = save(complete_charter(), tmp_path / "recent.charter.json")
    assert window.open_file(path)
    window.recent_menu.aboutToShow.emit()
    assert str(path.resolve()) in [a.text() for a in window.recent_menu.actions()]


def test_keyboard_only_new_charter_and_list_editing(qtbot: Any, window: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.wizard is not None
    assert QApplication.focusWidget() is child(window, "field_organisation_name")
    # Tab moves through the organisation fields in reading order.
    order = []
    for _ in range(4):
        order.append(QApplication.focusWidget().objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [
        "field_organisation_name",
        "field_organisation_sector",
        "field_organisation_size",
        "field_organisation_employees",
    ]
    table = child(window, "organisation_systems_table")
    systems = window.wizard.charter.organisation.systems
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert len(systems) == 1
    assert QApplication.focusWidget() is child(window, "field_organisation_systems_name")
    qtbot.keyClicks(QApplication.focusWidget(), "First")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    qtbot.keyClicks(QApplication.focusWidget(), "Second")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [s.name for s in systems] == ["Second", "First"]
    assert table.currentRow() == 0
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [s.name for s in systems] == ["First"]
    assert table.item(0, 0).text() == "First"


FOCUSABLE = (
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractButton,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextBrowser,
)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, FOCUSABLE) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.objectName().startswith("qt_"):
            continue
        name = widget.accessibleName()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text()
        if not name:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


@pytest.mark.parametrize("step", list(Step))
def test_every_control_has_an_accessible_name(qtbot: Any, window: Any, step: Step) -> None:
    window.open_charter(complete_charter(), int(step), event="created")
    assert window.wizard.currentId() == int(step)
    page = window.wizard.current_page()
    for widget in page.lists.values():
        widget.select_row(0) if widget.table.rowCount() else None
    assert _unnamed(window) == []


def test_start_screen_controls_have_accessible_names(window: Any) -> None:
    assert _unnamed(window) == []


def test_f1_shows_help_for_the_step(qtbot: Any, window: Any, prompter: ScriptedPrompter) -> None:
    window.help_action.trigger()
    assert prompter.kinds("information")[-1][1] == "Help: getting started"
    window.open_charter(complete_charter(), int(Step.RISK), event="created")
    window.help_action.trigger()
    _kind, title, text = prompter.kinds("information")[-1]
    assert title == "Help: Risk tolerance"
    assert "appetite" in text
    qtbot.mouseClick(child(window, "helpButton"), Qt.MouseButton.LeftButton)
    assert prompter.kinds("information")[-1][1] == "Help: Risk tolerance"


def test_every_step_explains_why_it_matters(window: Any) -> None:
    window.open_charter(complete_charter(), 0, event="created")
    for step, page in window.wizard.pages.items():
        why = page.why.text()
        assert "Why this matters" in why, step
        assert "References" in why, step
        assert page.help_text(), step


def test_about_shows_the_version(window: Any, prompter: ScriptedPrompter) -> None:
    window.about_action.trigger()
    _kind, _title, text = prompter.kinds("about")[-1]
    assert __version__ in text


def test_larger_text_mode_is_remembered(qtbot: Any, make_window: Any) -> None:
    first = make_window()
    normal = QApplication.font().pointSizeF()
    first.large_text_action.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(normal * 1.4)
    first.close()
    second = make_window()
    assert second.large_text_action.isChecked()
    second.large_text_action.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(normal)


def test_window_size_and_position_are_remembered(qtbot: Any, make_window: Any, home: Path) -> None:
    first = make_window()
    first.resize(760, 560)
    first.close()
    assert (home / "settings.ini").is_file()
    second = make_window()
    assert (second.width(), second.height()) == (760, 560)
