"""A workshop run from the keyboard: set up with five attendees, three items in the presenter
view, an agreed, a dissenting and a deferred decision, and the charter's record read back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit

from tests.desktop.keyboard import Keyboard, letter_of
from wizards.steps import Step
from wizards.workshop.model import Outcome

PEOPLE = [
    ("Amara Okafor", "Chief Executive", True),
    ("Jonas Weber", "Chief Risk Officer", True),
    ("Lena Fischer", "Data Protection Officer", False),
    ("Zoë Martin", "Chief Operating Officer", True),
    ("Ravi Patel", "Head of Data Science", False),
]
REASON = "The deputy should sit outside the risk function — Ravi's words."


def top_level(qtbot: Any, kind: type) -> Any:
    """The shown top-level window of ``kind``, once it has the keyboard focus."""
    found: list[Any] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)]
        return bool(found) and found[0].isVisible()

    qtbot.waitUntil(shown, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    return found[0]


def gone(widget: Any) -> bool:
    try:
        return not widget.isVisible()
    except RuntimeError:  # deleted on close
        return True


class Clock:
    """A wall clock the test moves on by hand."""

    def __init__(self) -> None:
        self.at = dt.datetime(2026, 3, 17, 9, 0)

    def __call__(self) -> dt.datetime:
        return self.at

    def wait(self, minutes: int) -> None:
        self.at += dt.timedelta(minutes=minutes)


def set_up(kb: Keyboard, qtbot: Any) -> Any:
    """Ctrl+Shift+W, then the details, five attendees and the agenda, all by keys."""
    from desktop.workshop_setup import WorkshopSetupDialog

    kb.ctrl("w", shift=True)
    dialog = top_level(qtbot, WorkshopSetupDialog)
    details = dialog.details
    kb.alt(letter_of(details.labels["date"]))
    kb.select_all_and_type("2026-03-17")
    kb.alt(letter_of(details.labels["start"]))
    kb.select_all_and_type("9.30")
    kb.alt(letter_of(details.labels["place"]))
    kb.type("Board room, 4th floor")
    kb.alt(letter_of(details.labels["facilitator"]))
    kb.type("Mira Sandoval")
    kb.alt(letter_of(details.labels["quorum"]))
    kb.type("3")
    for name, role, leader in PEOPLE:
        assert isinstance(kb.alt(letter_of(dialog.attendees.add_button)), QLineEdit)
        kb.type(name)
        kb.tab()
        kb.type(role)
        assert isinstance(kb.tab(), QCheckBox)  # member of the leadership team
        if leader:
            kb.space()
    # The agenda: the executive's item first after the opening, with a shorter timebox.
    kb.alt(letter_of(details.labels["quorum"]))
    table = kb.tab()
    assert table is dialog.agenda.table
    kb.down(2)
    assert dialog.workshop.agenda[2].step == "executive"
    kb.press(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert dialog.workshop.agenda[1].step == "executive"
    kb.enter()  # into the chosen item's form
    kb.alt(letter_of(dialog.agenda.form.labels["minutes"]))
    kb.select_all_and_type("40")
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(dialog), timeout=3000)
    return dialog.workshop


def test_a_workshop_set_up_and_run_from_the_keyboard(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.presenter import PresenterDialog

    kb = Keyboard()
    kb.ctrl("n")
    qtbot.waitUntil(lambda: window.wizard is not None, timeout=3000)
    charter = window.wizard.charter
    workshop = set_up(kb, qtbot)
    assert workshop is charter.workshops[-1]
    assert workshop.date == dt.date(2026, 3, 17) and workshop.start == dt.time(9, 30)
    assert (workshop.place, workshop.facilitator, workshop.quorum) == (
        "Board room, 4th floor",
        "Mira Sandoval",
        3,
    )
    assert [(a.name, a.role, a.leadership) for a in workshop.attendees] == PEOPLE
    assert workshop.agenda[1].minutes == 40
    ids = {a.name: a.id for a in workshop.attendees}

    clock = Clock()
    monkeypatch.setattr("desktop.presenter.wall_clock", clock)
    kb.press(Qt.Key.Key_F5)
    presenter = top_level(qtbot, PresenterDialog)
    assert presenter.isFullScreen()
    # Item 1, the opening: nothing to decide; Page Down goes on.
    assert kb.focus() is presenter.next_button
    clock.wait(12)
    kb.press(Qt.Key.Key_PageDown)
    # Item 2, the executive: the cursor waits in the executive's name.
    assert presenter.current_item() is workshop.agenda[1]
    assert isinstance(kb.focus(), QLineEdit)
    kb.type("Amara Okafor")
    assert charter.executive.person.name == "Amara Okafor"
    clock.wait(5)
    # Agreed, by everyone present but Ravi, who is unticked.
    kb.alt(letter_of(presenter.agreed_button))
    assert kb.focus() is presenter.agreed_by
    kb.down(4)
    kb.space()
    kb.enter()
    # The deputy: typed, then agreed with Ravi's dissent in his words.
    assert isinstance(kb.focus(), QLineEdit) and presenter.point.key == "executive.deputy"
    kb.type("Jonas Weber")
    kb.alt(letter_of(presenter.dissent_button))
    assert isinstance(kb.focus(), QComboBox)
    kb.down(5)  # past "(choose who)" to the fifth person
    # Who objects is unticked among those who agreed, as the room sees at once.
    assert presenter.agreed_by.value() == [ids[p[0]] for p in PEOPLE[:4]]
    kb.tab()
    assert kb.focus() is presenter.reason
    kb.type(REASON)
    kb.enter()
    # The budget: deferred to an action with an owner and a due date.
    assert presenter.point.key == "executive.authorities.budget"
    clock.wait(3)
    kb.alt(letter_of(presenter.deferred_button))
    kb.type("Propose a budget for AI governance to the board")
    kb.tab()
    assert kb.focus() is presenter.owner
    kb.down(4)  # past "(no owner yet)" to Zoë Martin
    kb.tab()
    kb.type("2026-04-30")
    kb.enter()
    clock.wait(10)
    kb.alt("n")  # Alt+N: the next item
    assert presenter.current_item() is workshop.agenda[2]
    clock.wait(1)
    kb.press(Qt.Key.Key_PageDown)
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(presenter), timeout=3000)

    names = {a.id: a.name for a in workshop.attendees}
    agreed, dissent, deferred = workshop.decisions
    assert agreed.key == "executive.person" and agreed.outcome is Outcome.AGREED
    assert [names[i] for i in agreed.agreed_by] == [p[0] for p in PEOPLE[:4]]
    assert agreed.answer == "Amara Okafor"
    assert agreed.taken_at == dt.datetime(2026, 3, 17, 9, 17)
    assert dissent.outcome is Outcome.DISSENT
    assert [(names[d.attendee], d.reason) for d in dissent.dissent] == [("Ravi Patel", REASON)]
    assert ids["Ravi Patel"] not in dissent.agreed_by
    assert deferred.outcome is Outcome.DEFERRED and deferred.agreed_by == []
    (action,) = workshop.actions
    assert action.text == "Propose a budget for AI governance to the board"
    assert (action.owner, action.due, action.decision) == (
        "Zoë Martin",
        dt.date(2026, 4, 30),
        "executive.authorities.budget",
    )
    # Each item's actual times, as the clock said when Page Down or Alt+N was pressed.
    opening, executive, third = workshop.agenda[:3]
    assert (opening.started_at, opening.ended_at) == (
        dt.datetime(2026, 3, 17, 9, 0),
        dt.datetime(2026, 3, 17, 9, 12),
    )
    assert (executive.started_at, executive.ended_at) == (
        dt.datetime(2026, 3, 17, 9, 12),
        dt.datetime(2026, 3, 17, 9, 30),
    )
    assert third.started_at == dt.datetime(2026, 3, 17, 9, 30)
    assert third.ended_at == dt.datetime(2026, 3, 17, 9, 31)
    # The wizard shows what the room typed, and the library has it all.
    executive = window.wizard.pages[Step.EXECUTIVE]
    assert executive.person_form.editor("executive.person.name").text() == "Amara Okafor"
    assert window.save_now()
    saved = window.library.load(charter.meta.id).charter
    assert saved.executive.person.name == "Amara Okafor"
    assert saved.executive.deputy.name == "Jonas Weber"
    assert saved.workshops[-1].decisions == workshop.decisions
    assert saved.workshops[-1].actions == workshop.actions


def test_the_record_is_saved_while_the_room_works(qtbot: Any, window: Any) -> None:
    """Every change in the presenter view reaches the library within the autosave delay."""
    from desktop.presenter import PresenterDialog

    kb = Keyboard()
    kb.ctrl("n")
    qtbot.waitUntil(lambda: window.wizard is not None, timeout=3000)
    charter = window.wizard.charter
    window.autosave_timer.setInterval(0)
    kb.press(Qt.Key.Key_F5)
    presenter = top_level(qtbot, PresenterDialog)
    while presenter.current_item() is not None and not presenter.points:
        kb.press(Qt.Key.Key_PageDown)
    kb.type("Ines Vogel")
    qtbot.waitUntil(
        lambda: window.library.load(charter.meta.id).charter.executive.person.name == "Ines Vogel",
        timeout=3000,
    )
    stored = window.library.load(charter.meta.id).charter.workshops[-1]
    assert stored.agenda[0].ended_at is not None
    assert stored.agenda[presenter.index].started_at is not None
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(presenter), timeout=3000)


def test_with_no_one_in_the_room_the_view_leads_to_the_set_up(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.presenter import PresenterDialog
    from desktop.workshop_setup import WorkshopSetupDialog

    monkeypatch.setattr("desktop.presenter.wall_clock", Clock())
    kb = Keyboard()
    kb.ctrl("n")
    qtbot.waitUntil(lambda: window.wizard is not None, timeout=3000)
    kb.press(Qt.Key.Key_F5)
    presenter = top_level(qtbot, PresenterDialog)
    while not presenter.points:
        kb.press(Qt.Key.Key_PageDown)
    item = presenter.current_item()
    kb.alt(letter_of(presenter.agreed_button))
    assert "No one is recorded as present" in presenter.panel_error.text()
    assert presenter.panel_error.isVisible() and not presenter.record_button.isVisible()
    assert kb.focus() is presenter.setup_button
    kb.space()  # opens the set-up over the presenter view
    setup = top_level(qtbot, WorkshopSetupDialog)
    kb.alt(letter_of(setup.attendees.add_button))
    kb.type("Ana Lima")
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(setup), timeout=3000)
    assert presenter.current_item() is item  # back where the room was
    kb.alt(letter_of(presenter.agreed_button))
    assert kb.focus() is presenter.agreed_by
    kb.enter()
    (decision,) = presenter.workshop.decisions
    assert [presenter.workshop.attendees[0].name] == ["Ana Lima"]
    assert decision.agreed_by == [presenter.workshop.attendees[0].id]
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(presenter), timeout=3000)
