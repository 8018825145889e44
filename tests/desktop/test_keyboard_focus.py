"""Every page as a keyboard user meets it: Tab order, focus that stays put, fields in view."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
    QWizard,
)

from tests.conftest import EXAMPLES
from tests.desktop.keyboard import Keyboard, letter_of
from wizards.steps import Step

LENDER = EXAMPLES / "eu-lender-credit-scoring.charter.json"
ROW_TOLERANCE = 8
"""Pixels by which two widgets on one visual row may differ in their top edge."""


def name(widget: QWidget) -> str:
    """A readable name for a widget in a failure message."""
    return widget.objectName() or type(widget).__name__


def fast_timers(window: Any) -> None:
    """Run the preview and the autosave at once, so a test sees everything an edit sets off."""
    window.autosave_timer.setInterval(0)
    for page in window.wizard.pages.values():
        page.preview_timer.setInterval(0)


def settle(qtbot: Any) -> None:
    """Let queued timers and events run."""
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(5)


def open_lender(window: Any, qtbot: Any, step: Step) -> Any:
    window.open_example(Path(LENDER))
    fast_timers(window)
    assert window.wizard.go_to_step(step)
    settle(qtbot)
    return window.wizard.current_page()


def walk(keyboard: Keyboard, page: Any, window: Any) -> list[QWidget]:
    """Tab from the step list round to it again; the widgets that got the focus, in order."""
    window.steps.setFocus(Qt.FocusReason.OtherFocusReason)  # the start of the walk, not typing
    seen: list[QWidget] = []
    for _ in range(250):
        widget = keyboard.tab()
        if widget is window.steps:
            return seen
        seen.append(widget)
    raise AssertionError(f"Tab never came back to the step list: {[name(w) for w in seen]}")


def wizard_buttons(window: Any) -> list[QWidget]:
    order = (
        QWizard.WizardButton.HelpButton,
        QWizard.WizardButton.BackButton,
        QWizard.WizardButton.NextButton,
        QWizard.WizardButton.FinishButton,
    )
    buttons = [window.wizard.button(which) for which in order]
    return [b for b in buttons if b.isVisible() and b.isEnabled()]


def top_left_in(widget: QWidget, ancestor: QWidget) -> QPoint:
    return widget.mapTo(ancestor, QPoint(0, 0))


@pytest.mark.parametrize("step", list(Step), ids=[s.name.lower() for s in Step])
def test_tab_order_is_the_visual_order(window: Any, qtbot: Any, step: Step) -> None:
    page = open_lender(window, qtbot, step)
    keyboard = Keyboard()
    seen = walk(keyboard, page, window)

    in_form = [w for w in seen if page.content.isAncestorOf(w)]
    rest = [w for w in seen if not page.content.isAncestorOf(w)]
    assert seen[: len(in_form)] == in_form, "Tab leaves the form and comes back to it"
    assert rest == [page.preview, *wizard_buttons(window)], [name(w) for w in rest]
    assert in_form, "Tab never reaches a field"

    for before, after in itertools.pairwise(in_form):
        a, b = top_left_in(before, page.content), top_left_in(after, page.content)
        same_row = abs(a.y() - b.y()) <= ROW_TOLERANCE
        assert (same_row and b.x() > a.x()) or (not same_row and b.y() > a.y()), (
            f"Tab goes from {name(before)} at {a.x()},{a.y()} to {name(after)} "
            f"at {b.x()},{b.y()}, against the reading order"
        )
    assert len(set(map(id, seen))) == len(seen), "Tab stops twice on one control"


@pytest.mark.parametrize("step", list(Step), ids=[s.name.lower() for s in Step])
def test_every_field_that_gets_the_focus_is_in_view(window: Any, qtbot: Any, step: Step) -> None:
    page = open_lender(window, qtbot, step)
    keyboard = Keyboard()
    window.steps.setFocus(Qt.FocusReason.OtherFocusReason)
    for _ in range(250):
        widget = keyboard.tab()
        if not page.content.isAncestorOf(widget):
            if widget is page.preview:
                break
            continue
        settle(qtbot)
        rect = QRect(widget.mapTo(page.form_scroll.viewport(), QPoint(0, 0)), widget.size())
        visible = page.form_scroll.viewport().rect()
        assert (visible.contains(rect.topLeft()) and rect.bottom() <= visible.bottom()) or (
            rect.top() >= 0 and rect.height() > visible.height()
        ), f"{name(widget)} got the focus out of view ({rect} in {visible})"


def edit_by_keyboard(keyboard: Keyboard, widget: QWidget) -> bool:
    """Change the focused control the way a person would; False when it is not an editor."""
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        if isinstance(widget, QLineEdit) and widget.isReadOnly():
            return False
        keyboard.press(Qt.Key.Key_End)
        keyboard.type("1")
        return True
    if isinstance(widget, (QComboBox, QAbstractSpinBox)):
        keyboard.press(Qt.Key.Key_Up)
        return True
    if isinstance(widget, QCheckBox):
        keyboard.space()
        return True
    if isinstance(widget, QAbstractItemView):
        keyboard.down()
        return True
    return False


@pytest.mark.parametrize("step", list(Step), ids=[s.name.lower() for s in Step])
def test_the_focus_stays_where_the_person_types(window: Any, qtbot: Any, step: Step) -> None:
    page = open_lender(window, qtbot, step)
    keyboard = Keyboard()
    window.steps.setFocus(Qt.FocusReason.OtherFocusReason)
    edited = 0
    for _ in range(250):
        widget = keyboard.tab()
        if widget is page.preview or not page.isAncestorOf(widget):
            if widget is page.preview:
                break
            continue
        if isinstance(widget, QAbstractButton) and not isinstance(widget, QCheckBox):
            continue
        if edit_by_keyboard(keyboard, widget):
            settle(qtbot)
            edited += 1
            assert QApplication.focusWidget() is widget, (
                f"editing {name(widget)} moved the focus to {name(keyboard.focus())}"
            )
    assert edited, "no field was edited"


def test_typing_a_name_in_a_new_charter_stays_in_the_field(window: Any, qtbot: Any) -> None:
    keyboard = Keyboard()
    keyboard.ctrl("n")
    fast_timers(window)
    keyboard.type("Gemeente Veldhoven-Zuid")
    settle(qtbot)
    assert window.wizard.charter.organisation.name == "Gemeente Veldhoven-Zuid"
    keyboard.tab()
    keyboard.type("Local government")
    settle(qtbot)
    assert window.wizard.charter.organisation.sector == "Local government"


def test_ticking_and_choosing_keep_the_focus(window: Any, qtbot: Any) -> None:
    keyboard = Keyboard()
    keyboard.ctrl("n")
    fast_timers(window)
    size = keyboard.tab_to(lambda w: isinstance(w, QComboBox))
    keyboard.down()
    settle(qtbot)
    assert keyboard.focus() is size
    box = keyboard.tab_to(lambda w: isinstance(w, QCheckBox))
    keyboard.space()
    settle(qtbot)
    assert keyboard.focus() is box
    keyboard.tab()
    keyboard.space()
    settle(qtbot)
    assert isinstance(keyboard.focus(), QCheckBox)


def test_deleting_the_last_row_clears_and_disables_the_form(window: Any, qtbot: Any) -> None:
    keyboard = Keyboard()
    keyboard.ctrl("n")  # a fresh charter: add three systems with Insert, then delete them
    page = window.wizard.current_page()
    systems = page.lists["organisation.systems"]
    keyboard.tab_to(lambda w: w is systems.table)
    for label in ("One", "Two", "Three"):
        keyboard.press(Qt.Key.Key_Insert)
        assert keyboard.focus() is systems.form.first_editor()
        keyboard.type(label)
        keyboard.tab_to(lambda w: w is systems.table)
    assert [s.name for s in window.wizard.charter.organisation.systems] == ["One", "Two", "Three"]
    keyboard.press(Qt.Key.Key_End)
    assert systems.current_row() == 2
    keyboard.press(Qt.Key.Key_Delete)
    assert systems.detail_title.text().endswith("2 of 2")
    keyboard.press(Qt.Key.Key_Delete)
    keyboard.press(Qt.Key.Key_Delete)
    assert window.wizard.charter.organisation.systems == []
    assert not systems.form.isEnabled() or not systems.form.isVisible()
    assert not systems.detail_title.isVisible()
    editor = systems.form.first_editor()
    assert editor is not None and not editor.isVisibleTo(page)
    keyboard.tab()
    assert keyboard.focus() is not editor


def letters_in_window(window: Any) -> list[tuple[str, str]]:
    """(letter, text) for every Alt-letter anywhere in the window, shown or not.

    Hidden controls count: Qt lets a button on a page that is not shown answer its letter.
    """
    from PySide6.QtWidgets import QLabel

    from desktop import mnemonics

    texts = [a.text() for a in window.menuBar().actions()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
    return [(letter, t) for t in texts if (letter := mnemonics.preferred(t))]


@pytest.mark.parametrize("step", list(Step), ids=[s.name.lower() for s in Step])
def test_each_alt_letter_means_one_thing(window: Any, qtbot: Any, step: Step) -> None:
    page = open_lender(window, qtbot, step)
    del page
    letters = letters_in_window(window)
    clashes: dict[str, list[str]] = {}
    for letter, text in letters:
        clashes.setdefault(letter, []).append(text)
    assert not {k: v for k, v in clashes.items() if len(v) > 1}
    assert len(letters) >= 4


def test_every_labelled_field_is_reached_by_its_alt_letter(window: Any, qtbot: Any) -> None:
    from desktop import mnemonics

    page = open_lender(window, qtbot, Step.ORGANISATION)
    keyboard = Keyboard()
    reached = 0
    for label in mnemonics.controls_in_layout_order(page.content):
        letter = mnemonics.preferred(label.text())
        if not hasattr(label, "buddy") or not label.isVisible() or letter is None:
            continue
        buddy = label.buddy()
        target = buddy.focusProxy() or buddy
        assert keyboard.alt(letter) in (buddy, target), label.text()
        reached += 1
    assert reached >= 10


def test_larger_text_and_the_preview_switch_leave_the_cursor_in_the_field(
    window: Any, qtbot: Any
) -> None:
    keyboard = Keyboard()
    keyboard.ctrl("n")
    fast_timers(window)
    keyboard.type("Gemeente ")
    keyboard.ctrl("l", shift=True)  # larger text for the projector
    settle(qtbot)
    keyboard.type("Veldhoven")
    keyboard.ctrl("p", shift=True)  # hide the preview
    settle(qtbot)
    keyboard.type("-Zuid")
    keyboard.ctrl("l", shift=True)
    keyboard.ctrl("p", shift=True)
    settle(qtbot)
    assert window.wizard.charter.organisation.name == "Gemeente Veldhoven-Zuid"
    assert keyboard.focus().objectName() == "field_organisation_name"


def test_enter_in_the_export_folder_exports_and_never_closes_the_charter(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    page = open_lender(window, qtbot, Step.EXPORT)
    keyboard = Keyboard()
    assert keyboard.focus() is page.folder
    out = tmp_path / "out"
    out.mkdir()
    keyboard.select_all_and_type(str(out))
    keyboard.enter()
    qtbot.waitUntil(lambda: any(out.glob("*.docx")), timeout=30000)
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=30000)
    assert window.wizard is not None, "Enter closed the charter"
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.enter()  # on a check box: nothing, and still no Done
    assert window.wizard is not None


def test_an_alt_letter_that_means_nothing_types_nothing(window: Any, qtbot: Any) -> None:
    keyboard = Keyboard()
    keyboard.ctrl("n")
    keyboard.type("Gemeente")
    next_button = window.wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    keyboard.alt("n")  # Next, disabled on an incomplete page
    keyboard.alt("q")  # a letter nothing on the screen carries
    settle(qtbot)
    assert window.wizard.charter.organisation.name == "Gemeente"


def test_a_new_page_puts_the_cursor_after_the_answer_not_over_it(window: Any, qtbot: Any) -> None:
    page = open_lender(window, qtbot, Step.ORGANISATION)
    keyboard = Keyboard()
    name = window.wizard.charter.organisation.name
    keyboard.alt("n")
    settle(qtbot)
    focus = keyboard.focus()
    assert window.wizard.current_page() is not page
    assert isinstance(focus, QLineEdit) and not focus.hasSelectedText()
    keyboard.type("x")
    keyboard.press(Qt.Key.Key_Backspace)
    assert window.wizard.charter.organisation.name == name


def test_arrows_in_the_step_list_show_the_step(window: Any, qtbot: Any) -> None:
    open_lender(window, qtbot, Step.ORGANISATION)
    keyboard = Keyboard()
    keyboard.backtab()
    assert keyboard.focus() is window.steps
    keyboard.down(2)
    settle(qtbot)
    assert window.wizard.currentId() == int(Step.RISK)
    assert keyboard.focus() is window.steps
    keyboard.press(Qt.Key.Key_End)
    settle(qtbot)
    assert window.wizard.currentId() == int(Step.EXPORT)
    assert keyboard.focus() is window.steps


def test_names_typed_into_a_new_list_get_their_column_room(window: Any, qtbot: Any) -> None:
    from tests.wizards.factories import complete_charter

    charter = complete_charter()
    charter.incidents.roles = []
    window.open_charter(charter, int(Step.INCIDENTS), event="created")
    page = window.wizard.current_page()
    roles = page.lists["incidents.roles"]
    keyboard = Keyboard()
    keyboard.alt(letter_of(roles.add_button))
    keyboard.type("Incident commander")
    keyboard.tab()
    keyboard.type("Marta de Vries-Janssen")
    keyboard.tab()
    keyboard.type("Jonas Bakker")
    settle(qtbot)
    metrics = roles.table.fontMetrics()
    for column, name in (("person", "Marta de Vries-Janssen"), ("deputy", "Jonas Bakker")):
        width = roles.table.columnWidth(roles.columns.index(column))
        assert width >= metrics.horizontalAdvance(name), (column, width)
