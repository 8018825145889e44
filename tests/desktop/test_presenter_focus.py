"""The presenter view as a keyboard user meets it: Tab in reading order, fields in view, the focus
kept while typing, and a timer that runs past its end without taking a single key."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QLineEdit, QWidget

from tests.conftest import EXAMPLES
from tests.desktop.keyboard import Keyboard, letter_of
from tests.desktop.test_keyboard_focus import ROW_TOLERANCE, edit_by_keyboard, name
from tests.desktop.test_workshop_keyboard import Clock, gone, top_level
from wizards.answers import load
from wizards.steps import Step

LENDER = EXAMPLES / "eu-lender-credit-scoring.charter.json"
STEPS_WITH_DECISIONS = [Step.EXECUTIVE, Step.RISK, Step.ETHICS, Step.INCIDENTS, Step.BOARD]
IDS = [s.name.lower() for s in STEPS_WITH_DECISIONS]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The presenter view's wall clock, moved on by the test."""
    fake = Clock()
    monkeypatch.setattr("desktop.presenter.wall_clock", fake)
    return fake


def open_presenter(window: Any, qtbot: Any) -> Any:
    """The lender's charter in the presenter view, opened with F5, at 1280 × 800."""
    from desktop.presenter import PresenterDialog

    window.open_charter(load(LENDER), int(Step.ORGANISATION), event="created")
    Keyboard().press(Qt.Key.Key_F5)
    presenter = top_level(qtbot, PresenterDialog)
    presenter.showNormal()
    presenter.resize(1280, 800)
    qtbot.wait(20)
    return presenter


def go_to(kb: Keyboard, presenter: Any, step: Step) -> None:
    """Page Down until the item that discusses ``step``."""
    for _ in range(len(presenter.workshop.agenda)):
        item = presenter.current_item()
        if item is not None and item.step == step.name.lower():
            return
        kb.press(Qt.Key.Key_PageDown)
    raise AssertionError(f"no agenda item for {step.name}")


def walk(kb: Keyboard, presenter: Any) -> list[QWidget]:
    """Tab from the leave button round to it again; the widgets that got the focus."""
    kb.tab_to(lambda w: w is presenter.leave_button)
    seen: list[QWidget] = []
    for _ in range(120):
        widget = kb.tab()
        if widget is presenter.leave_button:
            return seen
        seen.append(widget)
    raise AssertionError(f"Tab never came back: {[name(w) for w in seen]}")


def every_point(kb: Keyboard, presenter: Any) -> Iterator[Any]:
    """Each decision of the item in turn, chosen with the arrows in the list, with the
    verdict that shows the most fields (agreed with dissent) open."""
    for row in range(len(presenter.points)):
        kb.alt(letter_of(presenter.points_label))
        assert kb.focus() is presenter.points_list
        kb.press(Qt.Key.Key_Home)
        kb.down(row)
        assert presenter.point is presenter.points[row]
        kb.alt(letter_of(presenter.dissent_button))
        yield presenter.point


@pytest.mark.parametrize(
    "step", STEPS_WITH_DECISIONS, ids=[s.name.lower() for s in STEPS_WITH_DECISIONS]
)
def test_tab_goes_in_reading_order(window: Any, qtbot: Any, clock: Clock, step: Step) -> None:
    presenter = open_presenter(window, qtbot)
    kb = Keyboard()
    go_to(kb, presenter, step)
    for point in every_point(kb, presenter):
        seen = walk(kb, presenter)
        content = presenter.content
        centre = [w for w in seen if content.isAncestorOf(w)]
        rest = [w for w in seen if not content.isAncestorOf(w)]
        assert seen[: len(centre)] == centre, (point.key, [name(w) for w in seen])
        assert rest == [
            presenter.points_list,
            presenter.previous_button,
            presenter.next_button,
            presenter.setup_button,
        ]
        assert any(isinstance(w, QLineEdit) for w in centre) or presenter.answer_list
        for before, after in itertools.pairwise(centre):
            a, b = before.mapTo(content, QPoint(0, 0)), after.mapTo(content, QPoint(0, 0))
            same_row = abs(a.y() - b.y()) <= ROW_TOLERANCE
            assert (same_row and b.x() > a.x()) or (not same_row and b.y() > a.y()), (
                point.key,
                f"{name(before)} at {a.x()},{a.y()} then {name(after)} at {b.x()},{b.y()}",
            )
        assert len(set(map(id, seen))) == len(seen), point.key


@pytest.mark.parametrize(
    "step", STEPS_WITH_DECISIONS, ids=[s.name.lower() for s in STEPS_WITH_DECISIONS]
)
def test_every_field_with_the_focus_is_in_view_and_keeps_it(
    window: Any, qtbot: Any, clock: Clock, step: Step
) -> None:
    presenter = open_presenter(window, qtbot)
    presenter.timer.setInterval(5)  # the timer ticks all the while
    kb = Keyboard()
    go_to(kb, presenter, step)
    edited = 0
    for point in every_point(kb, presenter):
        for _ in range(60):
            widget = kb.tab()
            if widget is presenter.leave_button:
                break
            if not presenter.content.isAncestorOf(widget):
                continue
            qtbot.wait(10)
            viewport = presenter.scroll_area.viewport()
            rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
            visible = viewport.rect()
            assert (visible.contains(rect.topLeft()) and rect.bottom() <= visible.bottom()) or (
                rect.top() >= 0 and rect.height() > visible.height()
            ), f"{point.key}: {name(widget)} got the focus out of view ({rect} in {visible})"
            if isinstance(widget, QAbstractButton) and not isinstance(widget, QCheckBox):
                continue
            if edit_by_keyboard(kb, widget):
                qtbot.wait(10)
                edited += 1
                assert QApplication.focusWidget() is widget, (
                    f"{point.key}: editing {name(widget)} moved the focus to {name(kb.focus())}"
                )
    assert edited


def test_a_long_answer_typed_while_the_timer_runs_out_lands_whole(
    window: Any, qtbot: Any, clock: Clock
) -> None:
    presenter = open_presenter(window, qtbot)
    presenter.timer.setInterval(5)
    kb = Keyboard()
    go_to(kb, presenter, Step.EXECUTIVE)
    item = presenter.current_item()
    field = kb.focus()
    assert isinstance(field, QLineEdit) and presenter.point.key == "executive.person"
    kb.select_all_and_type("")
    text = (
        "Dr Katharina Brandt, who chairs the AI risk forum and answers to the supervisory "
        "board for every system in use; agreed after a long discussion about the deputy"
    )
    states = set()
    minutes_per_key = (item.minutes + 5) / len(text)
    for n, char in enumerate(text):
        clock.at = item.started_at + dt.timedelta(minutes=minutes_per_key * (n + 1))
        kb.type(char)
        if n % 2 == 0:
            qtbot.wait(6)  # the timer ticks between keys
            states.add(presenter.timer_label.property("state"))
        assert QApplication.focusWidget() is field, f"the focus left after {text[: n + 1]!r}"
    qtbot.wait(20)
    assert field.text() == text
    assert window.wizard.charter.executive.person.name == text
    assert {"", "warn", "over"} <= states, states  # it changed colour, and only that
    assert presenter.timer_label.property("state") == "over"
    assert "over" in presenter.timer_label.text()
    assert presenter.isVisible() and QApplication.activeModalWidget() is presenter
    assert presenter.timer_label.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_escape_leaves_and_the_wizard_shows_the_room_s_answers(
    window: Any, qtbot: Any, clock: Clock
) -> None:
    presenter = open_presenter(window, qtbot)
    kb = Keyboard()
    go_to(kb, presenter, Step.EXECUTIVE)
    kb.select_all_and_type("Ines Vogel")
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(presenter), timeout=3000)
    page = window.wizard.pages[Step.EXECUTIVE]
    assert page.person_form.editor("executive.person.name").text() == "Ines Vogel"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    assert window.isAncestorOf(QApplication.focusWidget())
