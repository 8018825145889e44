"""The Qt application: creates QApplication and shows the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel


def run(argv: list[str]) -> int:
    """Run the application until its last window closes; returns the exit code."""
    app = QApplication(argv)
    label = QLabel(
        "Charter Builder: the guided wizard is coming. Until then, build a charter from an "
        "answers file with 'charter-builder build FILE.charter.json'."
    )
    label.setWordWrap(True)
    label.setMargin(24)
    label.resize(520, 140)
    label.show()
    return app.exec()
