"""The workshop's set-up: a new workshop from the charter, bad input said at the field, the
agenda split and moved by keys, and every edit saved to the library."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.conftest import EXAMPLES
from tests.desktop.keyboard import Keyboard, letter_of
from tests.desktop.test_workshop_keyboard import gone, top_level
from wizards.answers import load
from wizards.steps import Step

LENDER = EXAMPLES / "eu-lender-credit-scoring.charter.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:30", dt.time(9, 30)), ("09.05", dt.time(9, 5)), ("14h00", dt.time(14, 0)), ("", None)],
)
def test_start_times_as_people_write_them(text: str, expected: dt.time | None) -> None:
    from desktop.workshop_setup import parse_time

    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["half past nine", "25:00", "9:75", "9"])
def test_a_start_that_is_not_a_time_is_refused(text: str) -> None:
    from desktop.workshop_setup import parse_time

    with pytest.raises(ValueError):
        parse_time(text)


def open_set_up(window: Any, qtbot: Any, charter: Any) -> Any:
    from desktop.workshop_setup import WorkshopSetupDialog

    window.open_charter(charter, int(Step.ORGANISATION), event="created")
    Keyboard().ctrl("w", shift=True)
    return top_level(qtbot, WorkshopSetupDialog)


def test_a_charter_without_a_workshop_gets_one_from_its_people(qtbot: Any, window: Any) -> None:
    charter = load(LENDER)
    charter.workshops.clear()
    dialog = open_set_up(window, qtbot, charter)
    (workshop,) = charter.workshops
    assert dialog.workshop is workshop
    names = [a.name for a in workshop.attendees]
    assert charter.executive.person.name in names
    assert [i.step for i in workshop.agenda if i.step][:2] == ["organisation", "executive"]
    assert dialog.agenda.table.rowCount() == len(workshop.agenda)
    assert dialog.attendees.table.rowCount() == len(workshop.attendees)


def test_bad_input_is_said_at_the_field_and_keeps_the_last_good_value(
    qtbot: Any, window: Any
) -> None:
    charter = load(LENDER)
    charter.workshops.clear()
    dialog = open_set_up(window, qtbot, charter)
    workshop = dialog.workshop
    kb = Keyboard()
    kb.alt(letter_of(dialog.details.labels["start"]))
    kb.select_all_and_type("half past nine")
    error = dialog.details.rows["start"].error
    assert error.isVisibleTo(dialog) and "09:30" in error.text()
    assert workshop.start is None  # the emptied field was the last time that made sense
    kb.select_all_and_type("10:15")
    assert not error.isVisibleTo(dialog) and workshop.start == dt.time(10, 15)
    leaders = sum(1 for a in workshop.attendees if a.leadership)
    kb.alt(letter_of(dialog.details.labels["quorum"]))
    kb.type(str(leaders + 1))
    quorum_error = dialog.details.rows["quorum"].error
    assert quorum_error.isVisibleTo(dialog)
    assert f"only {leaders} attendee(s)" in quorum_error.text()
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dialog), timeout=3000)
    saved = window.library.load(charter.meta.id).charter.workshops[-1]
    assert saved.start == dt.time(10, 15) and saved.quorum == leaders + 1


def test_an_item_split_in_two_by_keys(qtbot: Any, window: Any) -> None:
    charter = load(LENDER)
    charter.workshops.clear()
    dialog = open_set_up(window, qtbot, charter)
    agenda = dialog.workshop.agenda
    count, minutes = len(agenda), agenda[2].minutes
    kb = Keyboard()
    kb.alt(letter_of(dialog.details.labels["quorum"]))
    assert kb.tab() is dialog.agenda.table
    kb.down(2)
    kb.alt(letter_of(dialog.split_button))
    assert len(agenda) == count + 1
    assert agenda[2].minutes + agenda[3].minutes == minutes
    assert agenda[3].title.endswith("(continued)") and agenda[3].step == agenda[2].step
    assert dialog.agenda.table.rowCount() == count + 1
    assert kb.focus() is dialog.agenda.table
    assert "Planned from 09:00" in dialog.schedule.text() or "date" in dialog.schedule.text()


def letters_on(root: Any, controls: list[Any]) -> list[str | None]:
    from desktop import mnemonics

    return [mnemonics.preferred(w.text()) for w in controls if w.isVisibleTo(root)]


def test_each_alt_letter_of_the_set_up_means_one_thing(qtbot: Any, window: Any) -> None:
    from desktop import mnemonics

    charter = load(LENDER)
    charter.workshops.clear()
    dialog = open_set_up(window, qtbot, charter)
    controls = mnemonics.controls_in_layout_order(dialog.content)
    # Remove and the moves have keys of their own (Delete, Alt+Up, Alt+Down).
    lettered = [w for w in controls if w.property("mnemonic_rank") != "last"]
    letters = letters_on(dialog, lettered)
    assert None not in letters and len(letters) == len(set(letters))
    assert not set(letters) & window.menu_letters


def test_each_alt_letter_of_the_presenter_view_means_one_thing(qtbot: Any, window: Any) -> None:
    from desktop import mnemonics
    from desktop.presenter import PresenterDialog
    from wizards.workshop.model import Outcome

    window.open_charter(load(LENDER), int(Step.ORGANISATION), event="created")
    kb = Keyboard()
    kb.press(Qt.Key.Key_F5)
    presenter = top_level(qtbot, PresenterDialog)
    while not presenter.points:
        kb.press(Qt.Key.Key_PageDown)
    for outcome in Outcome:
        presenter.choose_outcome(outcome)
        controls = mnemonics.controls_in_layout_order(presenter.content)
        controls += mnemonics.controls_in_layout_order(presenter)
        letters = letters_on(presenter, controls)
        assert None not in letters and len(letters) == len(set(letters)), (outcome, letters)
        assert {"n", "p", "a", "d", "f"} <= set(letters)
        hidden = [w for w in controls if not w.isVisibleTo(presenter)]
        assert all(mnemonics.preferred(w.text()) is None for w in hidden), outcome
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(presenter), timeout=3000)
