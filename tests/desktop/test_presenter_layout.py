"""The presenter view on a 1280 × 800 or 1024 × 768 projector, in normal and larger text, and at
200 % scaling: on every item, decision and verdict, no control is clipped or squeezed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from tests.desktop.keyboard import Keyboard
from tests.desktop.test_workshop_keyboard import Clock
from wizards.workshop.model import Outcome

ROOT = Path(__file__).resolve().parents[2]


def problems(presenter: Any) -> list[str]:
    """What is clipped or squeezed on the presenter view as it is now."""
    out: list[str] = []
    content = presenter.content
    viewport = presenter.scroll_area.viewport()
    if presenter.scroll_area.horizontalScrollBar().maximum() > 0:
        out.append("the decision scrolls sideways")
    if content.width() > viewport.width():
        out.append(f"the decision is {content.width()} wide in {viewport.width()}")
    window = presenter.rect()
    for widget in presenter.findChildren(QWidget):
        if not widget.isVisibleTo(presenter) or widget.width() <= 0:
            continue
        label = f"{widget.objectName() or type(widget).__name__}"
        if isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the text field inside a spin box is sized by the box
        if content.isAncestorOf(widget):
            place = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
            if place.left() < 0 or place.right() >= viewport.width():
                out.append(f"{label} sticks out of the decision: {place}")
        elif presenter.isAncestorOf(widget) and not presenter.scroll_area.isAncestorOf(widget):
            place = QRect(widget.mapTo(presenter, QPoint(0, 0)), widget.size())
            if not window.contains(place):
                out.append(f"{label} is off the screen: {place} in {window}")
        if isinstance(widget, (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)):
            need = widget.minimumSizeHint()
            if widget.height() < need.height():
                out.append(f"{label} is {widget.height()} high, needs {need.height()}")
        if isinstance(widget, QAbstractButton) and widget.text():
            need = widget.sizeHint().width()
            if widget.width() < need:
                out.append(f"{label} is {widget.width()} wide, its words need {need}")
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            need = widget.sizeHint().width()
            if widget.width() < need:
                out.append(f"{label} shows part of its words: {widget.width()} < {need}")
    return out


def walk_everything(presenter: Any) -> dict[str, list[str]]:
    """Every item, every decision and every verdict on screen in turn; the problems of each."""
    found: dict[str, list[str]] = {}
    kb = Keyboard()
    for n in range(len(presenter.workshop.agenda)):
        for row in range(max(len(presenter.points), 1)):
            if presenter.points:
                presenter.points_list.setCurrentRow(row)
            states: list[Outcome | None] = [None]
            if presenter.points:
                states += list(Outcome)
            for outcome in states:
                if outcome is not None:
                    presenter.choose_outcome(outcome)
                for _ in range(4):
                    QApplication.processEvents()  # the layouts settle as on the screen
                kb.focus()  # the focus is somewhere in the presenter view all along
                key = presenter.point.key if presenter.point else "-"
                where = f"item {n + 1}, {key}, {outcome.value if outcome else 'no verdict'}"
                trouble = problems(presenter)
                if trouble:
                    found[where] = trouble
        kb.press(Qt.Key.Key_PageDown)
    return found


@pytest.mark.parametrize("large", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)], ids=["1280x800", "1024x768"])
def test_nothing_is_clipped_on_a_projector(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, large: bool, size: tuple[int, int]
) -> None:
    from tests.desktop.test_presenter_focus import LENDER, open_presenter

    monkeypatch.setattr("desktop.presenter.wall_clock", Clock())
    window.apply_text_size(large)
    presenter = open_presenter(window, qtbot)
    presenter.resize(*size)
    qtbot.wait(20)
    assert (presenter.width(), presenter.height()) == size
    assert LENDER.is_file()
    found = walk_everything(presenter)
    assert not found, json.dumps(found, indent=1)
    window.apply_text_size(False)


SCALED = """
import json, sys
from PySide6.QtWidgets import QApplication
from desktop.app import create_application
from desktop.prompter import Prompter
from desktop.style import style_sheet
from desktop.wizard import CharterWizard
from desktop.presenter import PresenterDialog
from tests.desktop.test_presenter_layout import problems, walk_everything
from tests.desktop.test_presenter_focus import LENDER
from tests.desktop.test_workshop_keyboard import Clock
from wizards.answers import load

app = create_application([])
app.setStyleSheet(style_sheet(app.font().pointSizeF()))  # as the main window sets it
wizard = CharterWizard(load(LENDER), Prompter())
presenter = PresenterDialog(wizard, now=Clock())
presenter.resize(1280, 800)
presenter.show()
for _ in range(5):
    app.processEvents()
presenter.activateWindow()
presenter.next_button.setFocus()
print(json.dumps({
    "ratio": presenter.devicePixelRatioF(),
    "size": [presenter.width(), presenter.height()],
    "problems": walk_everything(presenter),
}))
"""


def run_qt_script(script: str, home: Path, **env: str) -> Any:
    """Run ``script`` in a fresh interpreter (screens are fixed when Qt starts) with ``env``
    added, and return the JSON its last line prints."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **env, "CHARTER_BUILDER_HOME": str(home), "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_nothing_is_clipped_at_200_percent(home: Path) -> None:
    """A 2560 × 1600 projector at 200 %: 1280 × 800 in Qt's units, every part twice as big."""
    report = run_qt_script(
        SCALED, home, QT_QPA_PLATFORM="offscreen:size=2560x1600", QT_SCALE_FACTOR="2"
    )
    assert report["ratio"] == 2.0
    assert report["size"] == [1280, 800]
    assert not report["problems"], json.dumps(report["problems"], indent=1)
