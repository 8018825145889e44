"""What the presenter view shows of the record: the time a decision was taken, and a decision
reopened when the room (or anyone) changes its answer afterwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.desktop.keyboard import Keyboard, letter_of
from tests.desktop.test_presenter_focus import go_to, open_presenter
from tests.desktop.test_workshop_keyboard import Clock
from wizards.steps import Step
from wizards.workshop.model import Outcome


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The presenter view's wall clock, set by the test."""
    fake = Clock()
    monkeypatch.setattr("desktop.presenter.wall_clock", fake)
    return fake


def test_a_changed_answer_shows_the_decision_reopened(
    window: Any, qtbot: Any, clock: Clock
) -> None:
    presenter = open_presenter(window, qtbot)
    kb = Keyboard()
    go_to(kb, presenter, Step.EXECUTIVE)
    clock.at = dt.datetime(2030, 3, 17, 10, 42)
    kb.select_all_and_type("Ines Vogel")
    kb.alt(letter_of(presenter.agreed_button))
    kb.enter()
    decision = presenter.workshop.decisions[-1]
    assert decision.key == "executive.person" and decision.outcome is Outcome.AGREED
    assert decision.taken_at == dt.datetime(2030, 3, 17, 10, 42)
    assert (
        presenter.log.item(presenter.log.count() - 1)
        .text()
        .startswith("The accountable executive: Agreed at 10:42 by")
    )
    # Back to the decision, and the room changes its mind about the name.
    kb.alt(letter_of(presenter.points_label))
    kb.press(Qt.Key.Key_Home)
    assert presenter.point.key == "executive.person"
    assert "Agreed at 10:42" in presenter.status.text()
    assert "Reopened" not in presenter.status.text()
    kb.tab_to(lambda w: w is presenter.answer_forms[0].editor("executive.person.name"))
    kb.select_all_and_type("Henrik Lund")
    assert "Reopened" in presenter.status.text()
    assert presenter.points_list.item(0).text().startswith("! ")
    last = presenter.log.item(presenter.log.count() - 1).text()
    assert last.endswith("reopened by a later change"), last
    # Agreeing again settles it: the new entry stands and the mark goes.
    kb.alt(letter_of(presenter.agreed_button))
    kb.enter()
    kb.alt(letter_of(presenter.points_label))
    kb.press(Qt.Key.Key_Home)
    assert presenter.points_list.item(0).text().startswith("✓ ")
    assert "Reopened" not in presenter.status.text()
    assert [d.answer for d in presenter.workshop.decisions[-2:]] == [
        "Ines Vogel, " + window.wizard.charter.executive.person.title,
        "Henrik Lund, " + window.wizard.charter.executive.person.title,
    ]
