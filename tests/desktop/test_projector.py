"""Larger text for projectors is a real presenter layout on a 1280×800 screen.

On every step, in both text sizes, nothing is clipped or hidden behind a sideways scrollbar,
table headers are whole, and the mode (with the menu bar's size) survives a restart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect
from PySide6.QtWidgets import QApplication, QHeaderView, QTableWidget, QWidget

from desktop.main_window import ESTIMATED_FRAME, fit_window_rect
from wizards.paths import resource_path
from wizards.steps import Step

SCREEN = QRect(0, 0, 1280, 800)
"""A common projector and laptop resolution."""


def largest_example() -> Path:
    """The example with the most content: the longest tables and texts."""
    return max(resource_path("examples").glob("*.charter.json"), key=lambda p: p.stat().st_size)


def settle() -> None:
    for _ in range(4):
        QCoreApplication.processEvents()


@pytest.fixture(params=[False, True], ids=["normal", "larger"])
def presenter(request: Any, make_window: Callable[[], Any]) -> Iterator[Any]:
    """A window the size a 1280×800 screen gives it, frame included, with the largest example."""
    window = make_window()
    window.apply_text_size(request.param)
    window.open_example(largest_example())
    window.resize(fit_window_rect(None, SCREEN, ESTIMATED_FRAME).size())
    settle()
    yield window
    window.apply_text_size(False)


def steps(window: Any) -> Iterator[Any]:
    """Every step's page, on screen in turn."""
    for step in Step:
        assert window.wizard.go_to_step(step), step
        settle()
        yield window.wizard.current_page()


def visible_controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and w.width() > 0]


def test_the_window_fits_a_1280x800_screen_with_its_frame() -> None:
    rect = fit_window_rect(None, SCREEN, ESTIMATED_FRAME)
    assert SCREEN.contains(rect.marginsAdded(ESTIMATED_FRAME))


def test_nothing_is_clipped_or_needs_a_sideways_scrollbar(presenter: Any) -> None:
    window = presenter
    for page in steps(window):
        scroll = page.form_scroll
        viewport = scroll.viewport()
        assert scroll.horizontalScrollBar().maximum() == 0, page.step
        assert not scroll.horizontalScrollBar().isVisible(), page.step
        assert page.content.width() <= viewport.width(), page.step
        for control in visible_controls(page.content):
            top_left = control.mapTo(page.content, QPoint(0, 0))
            place = QRect(top_left, control.size())
            # Inside the form's width; below or above the fold is reached by scrolling down.
            assert place.left() >= 0 and place.right() < viewport.width(), (
                page.step,
                control.objectName() or type(control).__name__,
                place,
                viewport.width(),
            )
            assert place.top() >= 0 and place.bottom() < page.content.height()
        # Everything outside the form (preview, wizard buttons, the line below) is on screen.
        window_rect = window.rect()
        for control in visible_controls(window):
            if page.content.isAncestorOf(control) or not control.isVisible():
                continue
            if not page.isAncestorOf(control) and control is not page:
                continue
            place = QRect(control.mapTo(window, QPoint(0, 0)), control.size())
            assert window_rect.contains(place), (page.step, control.objectName(), place)
        for name in ("backButton", "nextButton", "helpButton"):
            button = window.wizard.findChild(QWidget, name)
            if button is not None and button.isVisible():
                place = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
                assert window_rect.contains(place), (page.step, name)
        assert window.statusBar().isVisible()


def test_table_headers_are_whole_and_columns_readable(presenter: Any) -> None:
    window = presenter
    for page in steps(window):
        for table in page.content.findChildren(QTableWidget):
            if not table.isVisibleTo(page):
                continue
            header: QHeaderView = table.horizontalHeader()
            metrics = header.fontMetrics()
            for column in range(table.columnCount()):
                title = table.horizontalHeaderItem(column).text()
                assert header.sectionSize(column) >= metrics.horizontalAdvance(title), (
                    page.step,
                    table.objectName(),
                    title,
                )
                # A column shows at least a few characters of its content, never "Qu…".
                assert header.sectionSize(column) >= metrics.averageCharWidth() * 6
            assert table.horizontalScrollBar().maximum() == 0, (page.step, table.objectName())


def test_a_cut_off_cell_tells_its_whole_text(make_window: Callable[[], Any]) -> None:
    from PySide6.QtCore import Qt

    window = make_window()
    window.apply_text_size(True)
    window.open_example(largest_example())
    window.resize(fit_window_rect(None, SCREEN, ESTIMATED_FRAME).size())
    window.wizard.go_to_step(Step.INCIDENTS)
    settle()
    table = window.wizard.current_page().lists["incidents.roles"].table
    cut = 0
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            room = table.columnWidth(column) - 10
            if table.fontMetrics().horizontalAdvance(item.text()) > room:
                cut += 1
                assert item.text() in (item.data(Qt.ItemDataRole.ToolTipRole) or "")
    window.apply_text_size(False)
    assert cut, "the long role names are shortened at this width"


def test_people_in_the_roles_table_show_whole_names(presenter: Any) -> None:
    window = presenter
    window.wizard.go_to_step(Step.INCIDENTS)
    settle()
    widget = window.wizard.current_page().lists["incidents.roles"]
    table = widget.table
    metrics = table.fontMetrics()
    for column, attr in enumerate(widget.columns):
        if column == 0:
            continue  # the role's name may be shortened; its tooltip has it whole
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            assert metrics.horizontalAdvance(text) <= table.columnWidth(column) - 6, (attr, text)


def test_preview_table_words_are_never_broken(presenter: Any) -> None:
    from PySide6.QtGui import QTextOption

    window = presenter
    for page in steps(window):
        assert page.preview.wordWrapMode() == QTextOption.WrapMode.WordWrap, page.step


def test_the_preview_can_be_hidden_and_stays_hidden(
    make_window: Callable[[], Any],
) -> None:
    window = make_window()
    window.open_example(largest_example())
    settle()
    assert window.preview_action.isChecked()
    page = window.wizard.current_page()
    narrow = page.form_scroll.width()
    window.preview_action.trigger()
    settle()
    assert not page.preview.isVisible()
    assert page.form_scroll.width() > narrow
    window.close()
    second = make_window()
    assert not second.preview_action.isChecked()
    second.open_example(largest_example())
    settle()
    assert all(not p.preview.isVisibleTo(p) for p in second.wizard.pages.values())
    second.preview_action.trigger()
    settle()
    assert second.wizard.current_page().preview.isVisible()


def test_larger_text_and_the_menu_bar_survive_a_restart(make_window: Callable[[], Any]) -> None:
    first = make_window()
    normal = QApplication.font().pointSizeF()
    first.large_text_action.trigger()
    first.close()
    first.apply_text_size(False)  # as a fresh process would start
    second = make_window()
    large = QApplication.font().pointSizeF()
    assert large == pytest.approx(normal * 1.4)
    for widget in (second.menuBar(), second.statusBar(), second.start):
        assert widget.font().pointSizeF() == pytest.approx(large), type(widget).__name__
    second.large_text_action.trigger()
    assert second.menuBar().font().pointSizeF() == pytest.approx(normal)
