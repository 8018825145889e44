"""With a second screen, the charter's section for the item is shown on it, full screen, and
follows the room's answers; the presenter view keeps the keyboard on the first screen."""

from __future__ import annotations

import json
from pathlib import Path

from tests.desktop.test_presenter_layout import run_qt_script

SCREENS = {
    "synchronousWindowSystemEvents": True,
    "windowFrameMargins": False,
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96},
        {"name": "projector", "x": 1280, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96},
    ],
}

TWO_SCREENS = """
import json
from PySide6.QtWidgets import QApplication, QWidget
from desktop.app import create_application
from desktop.prompter import Prompter
from desktop.wizard import CharterWizard
from desktop.presenter import run_presenter
from tests.desktop.keyboard import Keyboard
from tests.desktop.test_presenter_focus import LENDER
from tests.desktop.test_workshop_keyboard import Clock
from wizards.answers import load

app = create_application([])
host = QWidget()
host.setGeometry(100, 100, 1000, 600)
host.show()
wizard = CharterWizard(load(LENDER), Prompter(), parent=host)
presenter = run_presenter(wizard, host, now=Clock())
for _ in range(10):
    app.processEvents()
while presenter.current_item().step != "executive":
    presenter.next_item()
for _ in range(5):
    app.processEvents()
second = presenter.second_screen
before = second.preview.toPlainText()
Keyboard().select_all_and_type("Marit Olsen")
for _ in range(5):
    app.processEvents()
report = {
    "presenter": presenter.screen().name(),
    "second": second.screen().name(),
    "full": second.isFullScreen(),
    "typed": wizard.charter.executive.person.name,
    "before": "Marit Olsen" in before,
    "after": "Marit Olsen" in second.preview.toPlainText(),
    "focus_in_presenter": presenter.isAncestorOf(QApplication.focusWidget()),
}
presenter.reject()
for _ in range(5):
    app.processEvents()
report["closed"] = presenter.second_screen is None and not second.isVisible()
print(json.dumps(report))
"""


def test_the_charter_goes_to_the_second_screen(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    report = run_qt_script(
        TWO_SCREENS, tmp_path / "home", QT_QPA_PLATFORM=f"offscreen:configfile={config}"
    )
    assert report == {
        "presenter": "laptop",
        "second": "projector",
        "full": True,
        "typed": "Marit Olsen",
        "before": False,
        "after": True,
        "focus_in_presenter": True,
        "closed": True,
    }
