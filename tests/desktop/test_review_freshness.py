"""The review page's readiness findings follow the sign-offs as they are typed, debounced."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from tests.desktop.conftest import clear_and_type
from tests.wizards.factories import complete_charter
from wizards.steps import Step

NOT_SIGNED = "No member of the leadership team has signed the charter yet."


def child(window: Any, name: str) -> Any:
    """The widget called ``name``; fails the test when there is none."""
    found = window.findChild(QWidget, name)
    assert found is not None, f"no widget named {name}"
    return found


def click(qtbot: Any, button: QPushButton) -> None:
    """Press a button with the mouse."""
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def findings(window: Any) -> list[str]:
    tree = child(window, "review_findings")
    return [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]


def open_review(window: Any, *, signed: bool) -> Any:
    charter = complete_charter()
    if not signed:
        charter.approvals = []
    window.open_charter(charter, int(Step.REVIEW), event="created")
    assert window.wizard.currentId() == int(Step.REVIEW)
    return window.wizard.current_page()


def test_signing_off_clears_the_finding_once_typing_pauses(qtbot: Any, window: Any) -> None:
    page = open_review(window, signed=False)
    assert NOT_SIGNED in findings(window)

    click(qtbot, child(window, "approvals_add"))
    qtbot.keyClicks(child(window, "field_approvals_name"), "Ruth Ames")
    qtbot.keyClicks(child(window, "field_approvals_role"), "Chair of the board")
    assert page.findings_timer.isActive()  # each key restarts the pause; nothing ran yet
    assert NOT_SIGNED in findings(window)
    qtbot.waitUntil(lambda: NOT_SIGNED not in findings(window), timeout=3000)
    assert not page.findings_timer.isActive()

    # A date after the charter takes effect is flagged as soon as it is typed.
    qtbot.keyClicks(child(window, "field_approvals_date").line, "2027-03-01")
    qtbot.waitUntil(
        lambda: any("after the charter took effect" in f for f in findings(window)), timeout=3000
    )


def test_the_executive_signing_alone_is_flagged_and_cleared(qtbot: Any, window: Any) -> None:
    page = open_review(window, signed=True)
    executive = page.charter.executive.person.name
    alone = f"{executive} is the only person who approved"
    assert not any(alone in f for f in findings(window))
    child(window, "approvals_table").selectRow(0)
    clear_and_type(qtbot, child(window, "field_approvals_name"), executive)
    qtbot.waitUntil(lambda: any(alone in f for f in findings(window)), timeout=3000)
    clear_and_type(qtbot, child(window, "field_approvals_name"), "Ruth Ames")
    qtbot.waitUntil(lambda: not any(alone in f for f in findings(window)), timeout=3000)


def test_the_chosen_finding_stays_chosen_when_the_list_is_refreshed(
    qtbot: Any, window: Any
) -> None:
    page = open_review(window, signed=False)
    tree = child(window, "review_findings")
    assert tree.topLevelItemCount() >= 2
    last = tree.topLevelItem(tree.topLevelItemCount() - 1)
    tree.scrollToItem(last)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(last).center()
    )
    chosen = tree.currentItem().text(2)
    assert chosen == last.text(2) and chosen != NOT_SIGNED
    click(qtbot, child(window, "approvals_add"))
    qtbot.keyClicks(child(window, "field_approvals_name"), "Ruth Ames")
    qtbot.waitUntil(lambda: NOT_SIGNED not in findings(window), timeout=3000)
    assert not page.findings_timer.isActive()
    assert tree.currentItem().text(2) == chosen
    assert chosen in child(window, "review_finding_detail").text()
