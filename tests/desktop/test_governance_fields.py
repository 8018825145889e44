"""The charter's governance sections answered in the wizard, by keyboard alone.

The forum's members and quorum and the indicators on the board step, the approval authority and
the intake gate on the risk step, the defined terms and the breach route on the organisation
step: reached with Alt-letters and Tab, typed into whatever has the focus, and found in the
charter model afterwards. Every place in these sections a readiness finding can name leads to a
control that takes the cursor.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.desktop.keyboard import Keyboard, letter_of
from tests.desktop.test_keyboard_focus import letters_in_window, name, top_left_in, walk
from tests.wizards.factories import complete_charter
from wizards.model import (
    ApprovalRule,
    Assurance,
    BodyMember,
    Cadence,
    Charter,
    Definition,
    Indicator,
    IntakeGate,
    RiskClass,
    Upkeep,
)
from wizards.readiness.core import step_of
from wizards.steps import Step


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def open_at(window: Any, charter: Charter, step: Step) -> Any:
    """The charter on screen at ``step``, the preview and autosave without delay."""
    window.open_charter(charter, int(step), event="created")
    window.autosave_timer.setInterval(0)
    for page in window.wizard.pages.values():
        page.preview_timer.setInterval(0)
    window.activateWindow()
    settle()
    assert window.wizard.currentId() == int(step)
    return window.wizard.current_page()


def governed_charter() -> Charter:
    """A complete charter with one or more entries in every governance section."""
    charter = complete_charter()
    charter.meta.definitions = [Definition(term="AI system", meaning="Software that infers.")]
    charter.meta.upkeep = Upkeep(
        breach_report_to="The responsible executive",
        breach_consequences="The use stops until the forum decides.",
        amended_by="The board",
        editorial_by="The secretary",
        proposals_from="Any member of the forum",
    )
    charter.risk.authority = [
        ApprovalRule(
            risk_class=RiskClass.HIGH,
            approve="The forum",
            conditions="The responsible executive",
            escalate_to="The board",
            block="The responsible executive",
        )
    ]
    charter.risk.intake = IntakeGate(
        checks=["Risk class recorded"], supplier_checks=["Documentation read"], inventory="Register"
    )
    charter.board.chair = "Priya Shah"
    charter.board.members = [BodyMember(name="Priya Shah", role="Chair")]
    charter.board.quorum = 3
    charter.board.decision_log = "The board portal"
    charter.board.assurance = Assurance(
        first_line="System owners", second_line="Compliance", third_line="Internal audit"
    )
    charter.board.indicators = [
        Indicator(commitment="Humans can stop every high-risk system", measure="Share with one")
    ]
    return charter


def focused(editor: QWidget) -> bool:
    """True when the keyboard focus is in ``editor`` (or the part of it that takes the keys)."""
    focus = QApplication.focusWidget()
    return focus is not None and (focus is editor or editor.isAncestorOf(focus))


def test_a_forum_member_the_quorum_and_an_indicator_by_keyboard(window: Any) -> None:
    page = open_at(window, complete_charter(), Step.BOARD)
    keys = Keyboard()
    board = window.wizard.charter.board
    members = page.members

    keys.alt(letter_of(members.add_button))
    settle()
    assert focused(members.form.editor("name")), name(keys.focus())
    keys.type("Priya Shah")
    keys.tab()
    keys.type("Chair of the board")
    keys.alt(letter_of(members.add_button))
    keys.type("Tomás Ortega")
    keys.tab()
    keys.type("Chief Risk Officer, attends to advise")
    assert keys.tab() is members.form.editor("voting")
    keys.space()  # not a voting member
    assert [(m.name, m.role, m.voting) for m in board.members] == [
        ("Priya Shah", "Chair of the board", True),
        ("Tomás Ortega", "Chief Risk Officer, attends to advise", False),
    ]
    assert members.table.rowCount() == 2

    quorum = page.decisions_form.editor("board.quorum")
    assert board.quorum is None
    assert keys.alt(letter_of(page.decisions_form.labels["board.quorum"])) is quorum
    keys.select_all_and_type("2")
    settle()
    assert board.quorum == 2
    assert quorum.text() == "2 voting members"
    keys.tab(2)  # past the days for the minutes
    keys.type("The board portal, AI folder")
    assert board.decision_log == "The board portal, AI folder"

    indicators = page.indicators
    keys.alt(letter_of(indicators.add_button))
    settle()
    assert focused(indicators.form.editor("commitment")), name(keys.focus())
    keys.type("A person can stop every high-risk system")
    keys.tab()
    keys.type("Share of high-risk systems with a named person who can stop them")
    keys.tab()
    keys.type("The AI register")
    keys.tab()
    keys.type("Head of Risk")
    assert keys.tab() is indicators.form.editor("cadence")
    keys.down()  # quarterly, the default, to twice a year
    assert board.indicators == [
        Indicator(
            commitment="A person can stop every high-risk system",
            measure="Share of high-risk systems with a named person who can stop them",
            evidence="The AI register",
            owner="Head of Risk",
            cadence=Cadence.SEMIANNUAL,
        )
    ]
    assert indicators.table.item(0, 0).text() == "A person can stop every high-risk system"


def test_an_approval_rule_and_the_intake_checks_by_keyboard(window: Any) -> None:
    page = open_at(window, complete_charter(), Step.RISK)
    keys = Keyboard()
    risk = window.wizard.charter.risk
    rules = page.authority

    keys.alt(letter_of(rules.add_button))
    settle()
    assert keys.focus() is rules.form.editor("risk_class")
    keys.down(2)  # minimal risk, transparency obligations, high-risk
    for text in ("The AI forum", "The responsible executive", "The board", "The DPO"):
        keys.tab()
        keys.type(text)
    assert risk.authority == [
        ApprovalRule(
            risk_class=RiskClass.HIGH,
            approve="The AI forum",
            conditions="The responsible executive",
            escalate_to="The board",
            block="The DPO",
        )
    ]
    assert rules.table.item(0, 0).text() == "High-risk"

    # From the rule's last field, Tab goes on to the checks before going live.
    assert keys.tab() is page.intake_form.editor("risk.intake.checks")
    keys.type("Risk class recorded\nImpact on people assessed")
    keys.tab()
    keys.type("Supplier's technical documentation read")
    inventory = page.intake_form.editor("risk.intake.inventory")
    assert keys.alt(letter_of(page.intake_form.labels["risk.intake.inventory"])) is inventory
    keys.type("AI register on the intranet")
    assert risk.intake == IntakeGate(
        checks=["Risk class recorded", "Impact on people assessed"],
        supplier_checks=["Supplier's technical documentation read"],
        inventory="AI register on the intranet",
    )


def test_a_definition_and_the_breach_route_by_keyboard(window: Any) -> None:
    page = open_at(window, complete_charter(), Step.ORGANISATION)
    keys = Keyboard()
    meta = window.wizard.charter.meta
    breach = page.breach_form

    assert keys.alt(letter_of(breach.labels["meta.upkeep.breach_report_to"])) is breach.editor(
        "meta.upkeep.breach_report_to"
    )
    keys.type("The responsible executive")
    keys.tab()
    keys.select_all_and_type("3")
    keys.tab()
    keys.type("The system is paused and the forum told.")
    assert meta.upkeep.breach_report_to == "The responsible executive"
    assert meta.upkeep.breach_days == 3
    assert meta.upkeep.breach_consequences == "The system is paused and the forum told."

    # Back from the breach section to the terms above it: the list's Add button, then Space.
    assert keys.backtab(3) is page.definitions.add_button
    keys.space()
    settle()
    assert focused(page.definitions.form.editor("term")), name(keys.focus())
    keys.type("The forum")
    keys.tab()
    keys.type("The board's AI committee.")
    assert meta.definitions == [Definition(term="The forum", meaning="The board's AI committee.")]

    # Remove it from the keyboard: Delete in the list.
    keys.backtab()  # to the term
    while keys.focus() is not page.definitions.table:
        keys.backtab()
    keys.press(Qt.Key.Key_Delete)
    assert meta.definitions == []


GOVERNANCE_PATHS = [
    "meta.definitions",
    "meta.definitions[0].term",
    "meta.definitions[0].meaning",
    "meta.upkeep",
    *(f"meta.upkeep.{f}" for f in Upkeep.model_fields),
    "risk.authority",
    *(f"risk.authority[0].{f}" for f in ApprovalRule.model_fields),
    "risk.intake",
    *(f"risk.intake.{f}" for f in IntakeGate.model_fields),
    "board.chair",
    "board.members",
    *(f"board.members[0].{f}" for f in BodyMember.model_fields),
    "board.quorum",
    "board.minutes_days",
    "board.decision_log",
    "board.assurance",
    *(f"board.assurance.{f}" for f in Assurance.model_fields),
    "board.indicators",
    *(f"board.indicators[0].{f}" for f in Indicator.model_fields),
]
"""Every place in the governance sections a finding can name, records and groups included."""


def test_every_governance_answer_has_a_field_a_finding_leads_to(window: Any) -> None:
    window.open_charter(governed_charter(), int(Step.REVIEW), event="created")
    for path in GOVERNANCE_PATHS:
        step = step_of(path)
        assert window.wizard.go_to_step(step, path), path
        settle()
        page = window.wizard.current_page()
        focus = QApplication.focusWidget()
        assert focus is not None and page.content.isAncestorOf(focus), path
        leaf = path.rsplit(".", 1)[-1]
        list_path = next((p for p in page.lists if path.startswith(p)), None)
        if list_path is not None and "]." in path:
            record = page.lists[list_path]
            assert record.current_row() == 0, path
            assert focused(record.form.editor(leaf)), (path, name(focus))
        elif list_path is not None:
            assert focus is page.lists[list_path].table, (path, name(focus))
        else:
            form = next(f for f in page.forms if any(p.startswith(path) for p in f.rows))
            first = next(p for p in form.rows if p == path or p.startswith(path + "."))
            assert focused(form.rows[first].editor), (path, name(focus))


@pytest.mark.parametrize("step", [Step.ORGANISATION, Step.RISK, Step.BOARD])
def test_tab_follows_the_reading_order_with_every_section_filled(window: Any, step: Step) -> None:
    page = open_at(window, governed_charter(), step)
    seen = walk(Keyboard(), page, window)
    in_form = [w for w in seen if page.content.isAncestorOf(w)]
    for form in (page.lists[p].form for p in page.lists):
        assert any(form.isAncestorOf(w) for w in in_form), form.objectName()
    for before, after in itertools.pairwise(in_form):
        a, b = top_left_in(before, page.content), top_left_in(after, page.content)
        same_row = abs(a.y() - b.y()) <= 8
        assert (same_row and b.x() > a.x()) or (not same_row and b.y() > a.y()), (
            f"Tab goes from {name(before)} to {name(after)}, against the reading order"
        )


ENTRY_POINTS = {
    Step.ORGANISATION: lambda page: [page.breach_form.labels["meta.upkeep.breach_report_to"]],
    Step.RISK: lambda page: [
        page.authority.add_button,
        page.intake_form.labels["risk.intake.inventory"],
    ],
    Step.BOARD: lambda page: [
        page.members.add_button,
        page.decisions_form.labels["board.quorum"],
        page.items.add_button,
        page.assurance_form.labels["board.assurance.first_line"],
        page.indicators.add_button,
    ],
}
"""Controls of the governance sections that must keep an Alt-letter of their own."""


@pytest.mark.parametrize("step", list(ENTRY_POINTS), ids=lambda s: s.name.lower())
def test_the_sections_keep_their_letters_and_each_letter_means_one_thing(
    window: Any, step: Step
) -> None:
    page = open_at(window, governed_charter(), step)
    clashes: dict[str, list[str]] = {}
    for letter, text in letters_in_window(window):
        clashes.setdefault(letter, []).append(text)
    assert not {k: v for k, v in clashes.items() if len(v) > 1}
    keys = Keyboard()
    for control in ENTRY_POINTS[step](page):
        letter = letter_of(control)
        if isinstance(control, QLabel):  # the letter puts the cursor in the label's field
            assert keys.alt(letter) is control.buddy(), (control.text(), name(keys.focus()))
            continue
        records = next(w for w in page.lists.values() if w.add_button is control)
        before = len(records.items())
        keys.alt(letter)  # the Add button: a new record, the cursor in its first field
        settle()
        assert len(records.items()) == before + 1, control.text()
        assert records.form.isAncestorOf(keys.focus()), (control.text(), name(keys.focus()))


@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
def test_the_filled_sections_fit_the_form_with_whole_column_titles(
    window: Any, larger: bool
) -> None:
    from PySide6.QtWidgets import QTableWidget

    from desktop.main_window import DEFAULT_SIZE

    window.apply_text_size(larger)
    window.resize(DEFAULT_SIZE)
    for step in ENTRY_POINTS:
        page = open_at(window, governed_charter(), step)
        settle()
        assert page.form_scroll.horizontalScrollBar().maximum() == 0, step
        for path, records in page.lists.items():
            table: QTableWidget = records.table
            header = table.horizontalHeader()
            for column in range(table.columnCount()):
                title = table.horizontalHeaderItem(column).text()
                room = header.sectionSize(column)
                assert room >= header.fontMetrics().horizontalAdvance(title), (path, title)
            assert table.horizontalScrollBar().maximum() == 0, path
    window.apply_text_size(False)
