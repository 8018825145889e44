"""Every control that takes the keyboard focus shows it clearly enough for a projector.

For each kind of focusable control on every page (and the start screen, the step list, the
preview and the wizard's buttons), a picture of the control with the focus differs from one
without it by at least a ring of a few pixels around it. A problem (red) stays distinct from
the focus (blue).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop.editors import set_invalid
from desktop.style import FOCUS, INVALID
from tests.desktop.test_projector import largest_example
from wizards.steps import Step


def settle() -> None:
    for _ in range(4):
        QCoreApplication.processEvents()


def picture(widget: QWidget) -> QImage:
    settle()
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def changed_pixels(a: QImage, b: QImage) -> int:
    """How many pixels differ between two pictures of the same size."""
    assert a.size() == b.size()
    row = a.bytesPerLine()
    first, second = bytes(a.constBits()), bytes(b.constBits())
    count = 0
    for y in range(a.height()):
        line_a = first[y * row : y * row + a.width() * 4]
        line_b = second[y * row : y * row + a.width() * 4]
        if line_a != line_b:
            count += sum(
                1 for x in range(0, len(line_a), 4) if line_a[x : x + 3] != line_b[x : x + 3]
            )
    return count


def focusable(root: QWidget) -> list[QWidget]:
    """One control of each kind that Tab stops at, as shown now."""
    seen: dict[str, QWidget] = {}
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
            continue
        if widget.objectName() == "qt_spinbox_lineedit":
            continue  # the spin box shows the focus
        key = type(widget).__name__ + (
            "#" + widget.objectName()
            if widget.objectName()
            in ("stepList", "nextButton", "backButton", "helpButton", "finishButton")
            else ""
        )
        seen.setdefault(key, widget)
    return list(seen.values())


def assert_focus_shows(window: Any, widget: QWidget, where: str) -> None:
    window.activateWindow()
    anchor = window.menuBar()
    anchor.setFocus(Qt.FocusReason.OtherFocusReason)
    widget.clearFocus()
    before = picture(widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    assert widget.hasFocus() or QApplication.focusWidget() is widget, (where, widget)
    after = picture(widget)
    ring = 2 * (widget.width() + widget.height())
    changed = changed_pixels(before, after)
    name = f"{where}: {type(widget).__name__} {widget.objectName()}"
    assert changed >= 1.5 * ring, f"{name}: {changed} pixels change, want {1.5 * ring:.0f}"


@pytest.fixture(params=[False, True], ids=["normal", "larger"])
def text_size(request: Any) -> bool:
    return bool(request.param)


def test_every_control_on_every_page_shows_the_focus(
    make_window: Callable[[], Any], qtbot: Any, text_size: bool
) -> None:
    window = make_window()
    window.apply_text_size(text_size)
    window.resize(1272, 764)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    for widget in focusable(window.start):
        assert_focus_shows(window, widget, "start")
    window.open_example(largest_example())
    checked: set[str] = set()
    for step in Step:
        window.wizard.go_to_step(step)
        settle()
        for widget in focusable(window):
            page = window.wizard.current_page()
            page.form_scroll.ensureWidgetVisible(widget)
            assert_focus_shows(window, widget, step.name)
            checked.add(
                type(widget).__name__ + widget.objectName() * (widget.objectName() == "stepList")
            )
    window.apply_text_size(False)
    for kind in (
        "QListWidgetstepList",
        "QTableWidget",
        "PreviewWidget",
        "BoolEditor",
        "ChoiceEditor",
        "IntEditor",
        "TextEditor",
        "ProseEditor",
        "QPushButton",
        "QToolButton",
        "ChecklistEditor",
        "QCheckBox",
    ):
        assert kind in checked, kind


def _edge(image: QImage) -> QColor:
    """The colour of the border in the middle of the left edge."""
    return QColor(image.pixel(1, image.height() // 2))


def _near(colour: QColor, name: str) -> bool:
    want = QColor(name)
    return all(
        abs(a - b) <= 40
        for a, b in zip(
            (colour.red(), colour.green(), colour.blue()),
            (want.red(), want.green(), want.blue()),
            strict=True,
        )
    )


def test_a_field_with_a_problem_is_red_and_shows_the_focus_in_blue(window: Any) -> None:
    window.new_charter()
    settle()
    field = window.wizard.current_page().forms[0].first_editor()
    set_invalid(field, True)
    field.clearFocus()
    window.menuBar().setFocus()
    assert _near(_edge(picture(field)), INVALID)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    assert _near(_edge(picture(field)), FOCUS)
    set_invalid(field, False)
    assert _near(_edge(picture(field)), FOCUS)
