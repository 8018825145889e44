"""A drill run from the keyboard end to end, as a facilitator runs it; its report read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QPushButton

from tests.conftest import EXAMPLES
from tests.desktop.keyboard import Keyboard, letter_of
from wizards.answers import load
from wizards.steps import Step

LENDER = EXAMPLES / "eu-lender-credit-scoring.charter.json"
NO_DRILL = "have not been rehearsed in the past 12 months"


def drill_dialog(qtbot: Any) -> Any:
    from desktop.drill.screen import DrillDialog

    found: list[Any] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, DrillDialog)]
        return bool(found) and found[0].isVisible()

    qtbot.waitUntil(shown, timeout=5000)
    dialog = found[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    return dialog


def closed(dialog: Any) -> bool:
    """Whether the drill screen is gone (it deletes itself when closed)."""
    try:
        return not dialog.isVisible()
    except RuntimeError:
        return True


def findings(window: Any) -> list[str]:
    tree = window.wizard.current_page().findings_tree
    return [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]


def choose(kb: Keyboard, combo_index: int) -> None:
    """In the focused combo box: the first entry, then down to ``combo_index``."""
    assert isinstance(kb.focus(), QComboBox), kb.focus()
    kb.press(Qt.Key.Key_Home)
    kb.down(combo_index)


def decide(kb: Keyboard, dialog: Any, kind: int, choice: int, note: str = "") -> None:
    """Alt+D, the kind of decision, Tab, the choice, Tab, the note, Enter."""
    kb.alt(letter_of(dialog.kind_label))
    choose(kb, kind)
    kb.tab()
    choose(kb, choice)
    kb.tab()
    assert kb.focus() is dialog.note
    if note:
        kb.type(note)
    kb.enter()
    assert kb.focus() is dialog.kind  # ready for the next decision


def test_a_drill_by_keyboard_ends_in_a_report_and_a_record(
    qtbot: Any, window: Any, prompter: Any, tmp_path: Path
) -> None:
    charter = load(LENDER)
    window.open_charter(charter, int(Step.REVIEW), event="created")
    qtbot.waitUntil(lambda: any(NO_DRILL in f for f in findings(window)), timeout=3000)
    kb = Keyboard()
    page = window.wizard.current_page()
    kb.alt(letter_of(page.drill_button))
    dialog = drill_dialog(qtbot)

    # The scenarios that fit the lender; the third is the staff pasting personal data.
    scenarios = kb.focus()
    assert isinstance(scenarios, QListWidget) and scenarios.count() == 8
    kb.down(2)
    assert scenarios.currentItem().text().startswith("Staff paste personal data")
    kb.enter()
    assert dialog.stack.currentWidget() is dialog.run_page
    assert kb.focus() is dialog.kind
    assert dialog.clock_label.text() == "T+0  ·  " + dialog.clock_label.text().split("·  ")[1]

    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    roles = [r.key for r in charter.incidents.roles]
    clocks = [c.key for c in charter.incidents.clocks if c.applies]
    levels = [s.level for s in charter.incidents.severities]
    decide(kb, dialog, kinds.index("severity"), levels.index("SEV-2"))
    decide(kb, dialog, kinds.index("call"), roles.index("incident-commander"))
    decide(kb, dialog, kinds.index("call"), roles.index("accountable-executive"))
    decide(kb, dialog, kinds.index("call"), roles.index("regulatory-reporting-owner"))
    decide(kb, dialog, kinds.index("start_clock"), clocks.index("gdpr-33"), "Aware at 09:00")
    assert (
        "GDPR Art. 33" in dialog.clocks_label.text() and "72 h left" in dialog.clocks_label.text()
    )
    assert "Called or told" in dialog.people_label.text()

    kb.alt(letter_of(dialog.next_button))  # T+4 h
    assert dialog.clock_label.text().startswith("T+4 h")
    assert "68 h left" in dialog.clocks_label.text()
    decide(kb, dialog, kinds.index("file"), clocks.index("gdpr-33"), "Filed online")
    decide(kb, dialog, kinds.index("tell"), 0, "Chair of the Risk Committee briefed")
    kb.alt(letter_of(dialog.next_button))
    kb.alt(letter_of(dialog.next_button))
    assert dialog.clock_label.text().startswith("T+70 h")
    kb.alt(letter_of(dialog.note_label))
    kb.type("Block public AI tools on work devices")
    kb.alt(letter_of(dialog.kind_label))
    choose(kb, kinds.index("action"))
    kb.tab()
    choose(kb, roles.index("data-protection-officer"))
    kb.enter()
    assert not dialog.next_button.isEnabled()

    out = tmp_path / "reports"
    out.mkdir()
    prompter.folders.append(out)
    # Alt+F; the report takes a moment to write, so wait for the screen to go rather than
    # for the button's animation only.
    assert letter_of(dialog.finish_button) == "f"
    kb.press(Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    assert [kind for kind, *_ in prompter.shown][-2:] == ["choose_folder", "information"]

    (report,) = out.glob("*.docx")
    (log,) = out.glob("*.decisions.json")
    from desktop import cli

    again = tmp_path / "again"
    assert cli.main(
        ["drill", "run", str(LENDER), "--scenario", "staff-paste-personal-data",
         "--decisions", str(log), "--out", str(again), "--date", dt.date.today().isoformat()]
    ) == 0  # fmt: skip
    assert [p.name for p in again.glob("*.docx")] == [report.name]
    document = docx.Document(str(report))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Nordwald Kreditbank AG: Staff paste personal data into a public generative-AI tool" in (
        body
    )
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    (gdpr,) = [r for r in rows if r[0].startswith("Personal-data breach: notify")]
    assert gdpr[3].startswith("T+4 h") and gdpr[4].startswith("Met")
    timeline = " ".join(r[1] for r in rows if len(r) == 2)
    assert "Clock started: GDPR Art. 33. Aware at 09:00." in timeline
    actions = [r for r in rows if len(r) == 3 and r[0].isdigit()]
    assert any("Block public AI tools" in r[1] and "Elisabeth Maier" in r[2] for r in actions)

    # The drill is kept with the charter and in the library; the finding is gone.
    (record,) = window.wizard.charter.drills
    assert record.scenario == "staff-paste-personal-data" and record.date == dt.date.today()
    qtbot.waitUntil(lambda: not any(NO_DRILL in f for f in findings(window)), timeout=3000)
    assert window.save_now()
    saved = window.library.load(charter.meta.id).charter
    assert [d.scenario for d in saved.drills] == ["staff-paste-personal-data"]


def test_the_menu_opens_the_drill_and_escape_leaves_it(
    qtbot: Any, window: Any, prompter: Any
) -> None:
    window.open_charter(load(LENDER), int(Step.ORGANISATION), event="created")
    kb = Keyboard()
    kb.ctrl("d", shift=True)
    dialog = drill_dialog(qtbot)
    assert isinstance(kb.focus(), QListWidget)
    kb.alt(letter_of(dialog.start_button))
    decide(kb, dialog, 0, 0)
    prompter.answers.append(False)  # "Leave the drill?" No: stay
    kb.press(Qt.Key.Key_Escape)
    assert dialog.isVisible() and prompter.kinds("question")
    prompter.answers.append(True)
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: closed(dialog), timeout=3000)
    assert window.wizard.charter.drills == []


def test_every_alt_letter_of_the_drill_screen_means_one_thing(qtbot: Any, window: Any) -> None:
    from desktop import mnemonics

    window.open_charter(load(LENDER), int(Step.REVIEW), event="created")
    Keyboard().alt(letter_of(window.wizard.current_page().drill_button))
    dialog = drill_dialog(qtbot)
    dialog.start_button.click()
    for page in (dialog.run_page,):
        letters = [mnemonics.preferred(w.text()) for w in mnemonics.controls_in_layout_order(page)]
        assert None not in letters and len(letters) == len(set(letters))
    hidden = mnemonics.controls_in_layout_order(dialog.choose_page)
    assert all(mnemonics.preferred(w.text()) is None for w in hidden)
    assert all(isinstance(b, QPushButton) for b in (dialog.record_button, dialog.next_button))
    dialog.drill.decisions.clear()
    dialog.reject()


def test_the_no_drill_finding_leads_to_the_drill_button(qtbot: Any, window: Any) -> None:
    window.open_charter(load(LENDER), int(Step.REVIEW), event="created")
    page = window.wizard.current_page()
    qtbot.waitUntil(lambda: any(NO_DRILL in f for f in findings(window)), timeout=3000)
    kb = Keyboard()
    tree = kb.tab_to(lambda w: w is page.findings_tree)
    for _ in range(tree.topLevelItemCount()):
        if NO_DRILL in tree.currentItem().text(2):
            break
        kb.down()
    kb.enter()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.drill_button, timeout=3000)
    kb.space()
    dialog = drill_dialog(qtbot)
    dialog.reject()
