"""The whole charter by keyboard alone, from the empty start screen to the Word file.

Every key goes to whatever has the focus (tests/desktop/keyboard.py); the walk moves only with
Tab, Shift+Tab, arrows, Alt-letters and Return, as a facilitator at a projector would. It fills
the lean preset for a 20-person organisation, counts the keys and checks the budget of at most
1.5 navigation keys per field filled (README, "Performance").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget, QWizard

from tests.desktop.conftest import ScriptedPrompter
from tests.desktop.keyboard import Keyboard, letter_of
from wizards.steps import Step

ORG = "Gemeente Veldhoven-Zuid"
EXECUTIVE = "Zoë van den Berg"
DEPUTY = "Karim El Amrani"
SIGNATORY = "Chloé Dubois"
NAVIGATION_BUDGET = 1.5
"""Navigation keys per field filled, at most (README)."""


def label_for(page: Any, path: str) -> QWidget:
    """The label of the field at ``path`` on ``page`` (or the check box itself)."""
    for form in page.forms:
        if path in form.rows:
            label = form.labels[path]
            return label if label.isVisible() else form.rows[path].editor
    for widget in page.lists.values():
        if path in widget.form.rows:
            label = widget.form.labels[path]
            return label if label.isVisible() else widget.form.rows[path].editor
    raise AssertionError(f"no field {path} on {page.objectName()}")


class Walk:
    """A person at the keyboard, with a count of the fields they filled."""

    def __init__(self, window: Any, qtbot: Any) -> None:
        self.window = window
        self.qtbot = qtbot
        self.keys = Keyboard()
        self.fields = 0

    @property
    def page(self) -> Any:
        return self.window.wizard.current_page()

    def settle(self) -> None:
        for _ in range(3):
            QApplication.processEvents()

    def go(self, path: str) -> QWidget:
        """Alt+the field's letter; the focus lands in the field."""
        label = label_for(self.page, path)
        widget = self.keys.alt(letter_of(label))
        self.settle()
        editor = label.buddy() if hasattr(label, "buddy") else label
        assert widget in (editor, editor.focusProxy()), (
            f"Alt+{letter_of(label)} for {path} went to {widget.objectName()}"
        )
        return widget

    def fill(self, text: str) -> None:
        """Type an answer into the focused field."""
        self.keys.type(text)
        self.fields += 1
        self.settle()

    def answer(self, path: str, text: str) -> None:
        """Go to a field by its Alt-letter and type the answer."""
        self.go(path)
        self.fill(text)

    def next_field(self, text: str) -> None:
        """Tab to the next field and type the answer."""
        self.keys.tab()
        self.fill(text)

    def button(self, widget: QAbstractButton) -> None:
        """Press a button by its Alt-letter."""
        assert widget.isVisible() and widget.isEnabled(), (
            f"{widget.objectName()}: {self.page.needed.text()}"
        )
        self.keys.alt(letter_of(widget))
        self.settle()

    def next(self, expected: Step) -> None:
        """Alt+N, and the wizard is on the expected step with the cursor in the page."""
        self.button(self.window.wizard.button(QWizard.WizardButton.NextButton))
        self.qtbot.waitUntil(lambda: self.window.wizard.currentId() == int(expected))
        self.settle()
        focus = self.keys.focus()
        assert self.page.content.isAncestorOf(focus), focus.objectName()

    def defaults(self) -> None:
        """Fill with suggested defaults, this step only."""
        self.button(self.page.defaults_button)


def test_a_lean_charter_by_keyboard_alone(
    window: Any, qtbot: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    walk = Walk(window, qtbot)
    keys = walk.keys
    window.activateWindow()
    assert QApplication.focusWidget() is not None

    # The empty start screen: Ctrl+N starts a charter with the cursor in the first field.
    keys.ctrl("n")
    walk.settle()
    assert window.wizard is not None
    for page in window.wizard.pages.values():
        page.preview_timer.setInterval(0)

    # 1. Organisation: the fields in reading order, Tab between them.
    assert keys.focus().objectName() == "field_organisation_name"
    walk.fill(ORG)
    walk.next_field("Local government")
    keys.tab()  # size: small, 10 to 49 people, is already chosen
    walk.next_field("20")
    walk.next_field("European Union, Netherlands")
    walk.answer("meta.effective_date", "2027-01-01")
    walk.button(walk.page.lists["organisation.systems"].add_button)
    assert keys.focus().objectName() == "field_organisation_systems_name", keys.focus()
    walk.fill("Copilot chat")
    walk.next_field("Drafting letters and summarising case notes")
    walk.next("EXECUTIVE" and Step.EXECUTIVE)

    # 2. Responsible executive: the defaults fill the reporting line; names are typed.
    walk.defaults()
    walk.answer("executive.person.name", EXECUTIVE)
    walk.next_field("Municipal Secretary")
    keys.tab()  # email
    walk.next_field(DEPUTY)
    walk.next_field("Head of Information Management")
    for _ in range(3):  # halt, veto, approve exceptions: ticked, as a person sees them
        box = keys.tab()
        if not box.isChecked():
            keys.space()
        walk.fields += 1
    assert window.wizard.charter.executive.authorities.halt_systems
    walk.next(Step.RISK)

    # 3-6. The lean preset's defaults are accepted step by step; the owner of the guidelines
    # and the people in the incident chain are the charter's own.
    walk.defaults()
    walk.next(Step.ETHICS)
    walk.defaults()
    walk.answer("ethics.owner", EXECUTIVE)
    # The guidelines bind the leadership only once one of them approves them.
    walk.button(walk.page.lists["ethics.approvals"].add_button)
    walk.fill(EXECUTIVE)
    walk.next_field("Municipal Secretary")
    walk.next_field("2026-11-20")
    walk.next(Step.INCIDENTS)
    walk.defaults()
    roles = walk.page.lists["incidents.roles"]
    people = ["Marta de Vries", "Jonas Bakker", "Lena Smit", "Tom Visser", "Ruth Mulder"]
    # One column at a time: the person in every role going down, then the deputies coming
    # back up; Ctrl+PgDown and Ctrl+PgUp change the role with the cursor in the same field.
    chosen = window.wizard.charter.incidents.roles
    keys.alt(letter_of(roles.form.labels["person"]))
    for row, role in enumerate(chosen):
        if row:
            keys.press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert roles.current_row() == row
        walk.fill(EXECUTIVE if role.executive else people[row % len(people)])
    keys.alt(letter_of(roles.form.labels["deputy"]))
    for row in reversed(range(len(chosen))):
        if row < len(chosen) - 1:
            keys.press(Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
        assert roles.current_row() == row
        walk.fill(people[(row + 1) % len(people)])
    assert all(r.person and r.deputy for r in window.wizard.charter.incidents.roles)
    walk.next(Step.BOARD)
    walk.defaults()
    walk.next(Step.REVIEW)

    # 7. Review and approval: the meeting, one signatory who signs on paper, the approval.
    review = walk.page
    assert review.resolution_form.rows["resolution.body"].editor.text()  # from the forum
    walk.answer("resolution.meeting_date", "2026-12-10")
    walk.go("resolution.quorum_confirmed")  # Alt+its letter ticks the box
    walk.fields += 1
    walk.button(review.lists["approvals"].add_button)
    walk.fill(SIGNATORY)
    walk.next_field("Mayor, chair of the council")
    walk.button(review.approve_button)
    refused = [w for w in prompter.kinds("warning") if w[1] == "Not approved yet"]
    assert not refused, refused
    versions = window.library.approved_versions(window.wizard.charter.meta.id)
    assert [s.name for s in versions[0].sign_offs] == [SIGNATORY]
    assert "(Approved)" in window.windowTitle()
    walk.next(Step.EXPORT)

    # 8. Export: the folder is typed, Alt+the export button writes the files.
    out = tmp_path / "out"
    out.mkdir()
    export = walk.page
    assert keys.focus() is export.folder
    keys.select_all_and_type(str(out))
    walk.button(export.export_button)
    qtbot.waitUntil(lambda: export.export_button.isEnabled(), timeout=30000)
    assert not prompter.kinds("warning"), prompter.kinds("warning")

    charter_file = next(out.glob("*charter*.docx"))
    document = docx.Document(str(charter_file))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for typed in (ORG, EXECUTIVE, DEPUTY, SIGNATORY, "Copilot chat", "Marta de Vries"):
        assert typed in text, typed
    assert any(p.suffix == ".ics" for p in out.iterdir())

    per_field = keys.navigation / walk.fields
    print(
        f"\nkeyboard walk: {walk.fields} fields filled, {keys.navigation} navigation keys "
        f"({per_field:.2f} per field), {keys.content} content keys, {keys.commands} commands"
    )
    assert per_field <= NAVIGATION_BUDGET, keys.log

    # Done closes the charter; the library lists it as approved.
    walk.button(window.wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: window.wizard is None)
    summary = window.library.charters()[0]
    assert (summary.organisation, summary.status) == (ORG, "approved")
