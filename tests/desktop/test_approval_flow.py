"""Approving a charter in the window, as a secretary at the meeting would, and what follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtWidgets import QApplication

from tests.desktop.conftest import ScriptedPrompter
from tests.desktop.keyboard import Keyboard, letter_of
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.library import STATUS_APPROVED, STATUS_CHANGED
from wizards.steps import Step

ROOT = Path(__file__).resolve().parents[2]
LENDER = ROOT / "resources" / "examples" / "eu-lender-credit-scoring.charter.json"


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _review(window: Any, qtbot: Any, charter: Any) -> Any:
    window.open_charter(charter, int(Step.REVIEW), event="created")
    qtbot.waitUntil(lambda: window.wizard is not None)
    page = window.wizard.current_page()
    assert page.step is Step.REVIEW
    return page


def _alt(keys: Keyboard, widget: Any) -> None:
    keys.alt(letter_of(widget))
    _settle()


def _label(page: Any, path: str) -> Any:
    label = page.resolution_form.labels[path]
    return label if label.isVisible() else page.resolution_form.rows[path].editor


def _approve_meeting(page: Any, keys: Keyboard, day: str = "2026-12-08") -> None:
    """The meeting's date and its quorum, typed; then Record the approval."""
    _alt(keys, _label(page, "resolution.meeting_date"))
    keys.select_all_and_type(day)
    _alt(keys, _label(page, "resolution.quorum_confirmed"))
    assert (
        page.charter.resolution.quorum_confirmed
        or page.resolution_form.rows["resolution.quorum_confirmed"].editor.isChecked()
    )
    _alt(keys, page.approve_button)


def _export(window: Any, qtbot: Any, keys: Keyboard, out: Path) -> Path:
    window.wizard.go_to_step(Step.EXPORT)
    export = window.wizard.current_page()
    export.set_folder(out)
    _alt(keys, export.export_button)
    qtbot.waitUntil(lambda: export.export_button.isEnabled(), timeout=30000)
    return next(out.glob("*charter-v*[0-9].docx"))


def _headers(path: Path) -> str:
    document = docx.Document(str(path))
    section = document.sections[0]
    return section.header._element.xml + section.first_page_header._element.xml


def test_approve_edit_undo_and_the_export_follows(
    make_window: Any, qtbot: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    window = make_window()
    charter = complete_charter()
    charter.resolution.body = "Board of Directors"
    page = _review(window, qtbot, charter)
    keys = Keyboard()
    assert page.status_label.text() == "Draft for approval"
    _approve_meeting(page, keys)
    assert not prompter.kinds("warning"), prompter.kinds("warning")
    charter_id = window.wizard.charter.meta.id
    assert window.library.summary(charter_id).status == STATUS_APPROVED
    assert "(Approved)" in window.windowTitle()
    assert page.status_label.text().startswith("Approved as version 1.0 on 8 December 2026")
    assert page.review_button.isVisible() and letter_of(page.review_button)

    approved = _export(window, qtbot, keys, tmp_path / "approved")
    assert "NOT APPROVED" not in _headers(approved)
    text = "\n".join(c.text for t in docx.Document(str(approved)).tables for r in t.rows
                     for c in r.cells)  # fmt: skip
    assert "Approved as version 1.0 on 8 December 2026" in text
    assert "1 December 2026" in text  # the date the signatory recorded

    # An edit after approval: the status, the title bar, the library and the export agree.
    sector = window.wizard.charter.organisation.sector
    window.wizard.charter.organisation.sector = "Edited after the meeting"
    window.save_now()
    window._update_title()
    assert window.library.summary(charter_id).status == STATUS_CHANGED
    assert "(Changed since approval)" in window.windowTitle()
    changed = _export(window, qtbot, keys, tmp_path / "changed")
    assert "DRAFT — CHANGED SINCE THE APPROVAL OF VERSION 1.0" in _headers(changed)
    document = docx.Document(str(changed))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Changes since version 1.0" in body
    signatures = [t for t in document.tables if t.rows[0].cells[0].text == "Name"]
    assert signatures and all(r.cells[2].text == "" for t in signatures for r in t.rows[1:])
    redlines = list((tmp_path / "changed").glob("*changes-since-v1-0.docx"))
    assert len(redlines) == 1

    # The edit undone: the same fingerprint, approved again.
    window.wizard.charter.organisation.sector = sector
    window.save_now()
    assert window.library.summary(charter_id).status == STATUS_APPROVED


def test_no_approval_over_a_blocker_until_the_body_accepts_it(
    make_window: Any, qtbot: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    window = make_window()
    charter = load(LENDER)
    page = _review(window, qtbot, charter)
    keys = Keyboard()
    _approve_meeting(page, keys)
    _kind, title, text = prompter.kinds("warning")[-1]
    assert title == "Not approved yet"
    assert "Fix or accept the blocker" in text and "halt" in text
    assert window.wizard.charter.history == []

    # The blocker chosen in the findings, Accept the blocker: the cursor is in its reason.
    tree = page.findings_tree
    tree.setFocus()
    blocker = next(
        i for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(0) == "Blocker"
    )
    tree.setCurrentItem(tree.topLevelItem(blocker))
    _alt(keys, page.accept_button)
    assert keys.focus().objectName() == "field_accepted_risks_reason"
    keys.type("The halt authority moves to the executive when the contract is renewed.")
    keys.tab()
    keys.type("Dr Katharina Brandt")
    keys.tab()
    keys.type("2027-06-30")
    _settle()
    _alt(keys, page.approve_button)
    refusals = [w for w in prompter.kinds("warning") if w[1] == "Not approved yet"]
    assert len(refusals) == 1, refusals[-1]
    accepted = window.wizard.charter.accepted_risks[0]
    assert accepted.accepted_by == "Management Board"
    assert accepted.accepted_on == dt.date(2026, 12, 8)

    out = tmp_path / "out"
    document = docx.Document(str(_export(window, qtbot, keys, out)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "7.2 Risks accepted at approval" in body
    assert "The Management Board accepted on 8 December 2026, until 30 June 2027:" in body


def test_start_the_annual_review(make_window: Any, qtbot: Any, prompter: ScriptedPrompter) -> None:
    window = make_window()
    charter = complete_charter()
    charter.resolution.body = "Board of Directors"
    page = _review(window, qtbot, charter)
    keys = Keyboard()
    _approve_meeting(page, keys)
    versions = window.library.approved_versions(window.wizard.charter.meta.id)
    assert len(versions) == 1
    _alt(keys, page.review_button)
    assert window.wizard.current_step() is Step.ORGANISATION
    draft = window.wizard.charter
    assert all(a.date is None for a in draft.approvals)
    assert draft.resolution.meeting_date is None and not draft.resolution.quorum_confirmed
    # The approved version is kept as it was; a decision changed makes version 2.0.
    draft.executive.deputy.name = "Someone New"
    window.wizard.go_to_step(Step.REVIEW)
    page = window.wizard.current_page()
    page.load()
    assert "Deputy to the accountable executive" in page.changes_label.text()
    _approve_meeting(page, keys, "2027-12-07")
    assert draft.meta.version == "2.0"
    assert [v.version for v in window.library.approved_versions(draft.meta.id)] == ["1.0", "2.0"]
    assert draft.history[-1].summary.startswith("Deputy to the accountable executive")


@pytest.mark.parametrize(("days", "mark"), [(-3, "overdue"), (20, "due in 20 days"), (200, "")])
def test_the_start_screen_marks_reviews_due(
    make_window: Any, qtbot: Any, days: int, mark: str
) -> None:
    window = make_window()
    charter = complete_charter()
    charter.meta.review_months = 12
    charter.meta.effective_date = dt.date.today() + dt.timedelta(days=days) - dt.timedelta(days=365)
    due = charter.next_review_date()
    window.library.save(charter, 0, event="created")
    window.refresh_library_list()
    model = window.start.model
    column = model.COLUMNS.index("next_review")
    text = model.data(model.index(0, column))
    assert text.startswith(f"{due.day} {due:%b %Y}")
    assert text.endswith(mark) if mark else "—" not in text
