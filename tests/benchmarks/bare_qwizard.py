"""Baseline for the GUI benchmarks: a bare PySide6 QWizard with five pages.

Prints ``PAINTED`` once the wizard has been painted for the first time, then quits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage


class _FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, _report)
        return False


def _report() -> None:
    print("PAINTED rows=0", flush=True)
    QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    """Show the wizard, report the first paint, quit."""
    app = QApplication(sys.argv)
    wizard = QWizard()
    for i in range(5):
        page = QWizardPage()
        page.setTitle(f"Step {i + 1}")
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"Question {i + 1}"))
        layout.addWidget(QLineEdit())
        wizard.addPage(page)
    watcher = _FirstPaint()
    wizard.installEventFilter(watcher)
    wizard.resize(1280, 800)
    wizard.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
