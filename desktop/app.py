"""The Qt application: creates QApplication, installs translations and shows the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

BENCH_ENV = "CHARTER_BUILDER_BENCH_EXIT"
"""Set by the benchmarks: print timing figures after the first paint and quit."""


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with names, Qt's own translations and ours for the system language."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("Charter Builder")
    app.setOrganizationName("charter-builder")
    app.setApplicationDisplayName("Charter Builder")
    translators = []
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_translations), ("charter_builder", _our_translations())):
        translator = QTranslator(app)
        if folder and translator.load(QLocale(), name, "_", folder):
            app.installTranslator(translator)
            translators.append(translator)
    app.setProperty("translators", len(translators))
    return app


def _our_translations() -> str:
    from wizards.paths import resource_path

    try:
        return str(resource_path("translations"))
    except FileNotFoundError:
        return ""


def run(argv: list[str]) -> int:
    """Run the application until its window closes; returns the exit code."""
    app = create_application(argv)
    from desktop.main_window import MainWindow

    window = MainWindow()
    if os.environ.get(BENCH_ENV):
        window.first_painted.connect(lambda: _bench_report(window))
    window.show()
    return app.exec()


def _bench_report(window: object) -> None:
    """Print how many charters are listed, then quit (the parent measures time and memory)."""
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    rows = window.start.model.rowCount()
    print(f"PAINTED rows={rows}", flush=True)
    QTimer.singleShot(0, QApplication.quit)
    sys.stdout.flush()
