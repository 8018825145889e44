"""The Qt application: creates QApplication, installs translations and shows the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.prompter import Prompter

APP_ID = "io.github.charterbuilder.CharterBuilder"
"""The AppStream id; also the name of the icon in resources/icons and in icon themes."""

DESKTOP_FILE = "charter-builder"
"""packaging/charter-builder.desktop without its suffix: Wayland matches the window to it."""

BENCH_ENV = "CHARTER_BUILDER_BENCH_EXIT"
"""Set by the benchmarks: print timing figures after the first paint and quit."""


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with names, Qt's own translations and ours for the system language."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("Charter Builder")
    app.setOrganizationName("charter-builder")
    app.setApplicationDisplayName("Charter Builder")
    app.setDesktopFileName(DESKTOP_FILE)
    icon = app_icon_path()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    loaded = install_translations(app)
    app.setProperty("translators", len(loaded))
    return app


QT_CATALOGUE = "qtbase"
"""Qt's own strings: the wizard's Back and Next buttons, message box and file dialog buttons."""

OUR_CATALOGUE = "charter_builder"
"""Our strings, as ``resources/translations/charter_builder_<language>.qm`` when translated."""

_installed: list[QTranslator] = []


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Install Qt's and our translations for ``locale`` (by default the user's languages).

    Translators installed by an earlier call are removed first, so calling this again (each
    test's window, or a future language setting) never stacks catalogues. A language with no
    catalogue stays in English. Widgets change language when they are next built: the
    language is read at start, and there is no language setting yet to change it later.

    Returns:
        The files loaded, most specific first (ours before Qt's, as Qt searches them).
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = locale or QLocale()
    loaded: list[str] = []
    for name, folder in ((QT_CATALOGUE, qt_translations()), (OUR_CATALOGUE, our_translations())):
        translator = QTranslator(app)
        if folder and translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.insert(0, translator.filePath())
    return loaded


def app_icon_path() -> Path | None:
    """The application's icon (an SVG drawn for it), or None in a broken installation."""
    from wizards.paths import resource_path

    try:
        path = resource_path("icons", f"{APP_ID}.svg")
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def qt_translations() -> str:
    """The folder of Qt's own .qm files (PySide6 ships qtbase_<language>.qm there)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def our_translations() -> str:
    """The folder of our .qm files, or "" when the installation has none."""
    from wizards.paths import resource_path

    try:
        folder = resource_path("translations")
    except FileNotFoundError:
        return ""
    return str(folder) if folder.is_dir() else ""


def run(
    argv: list[str],
    prompter: Prompter | None = None,
    on_shown: Callable[[MainWindow], None] | None = None,
) -> int:
    """Run the application until its window closes; returns the exit code.

    Args:
        argv: The command line, for Qt.
        prompter: What shows message boxes (the test harness prints them instead).
        on_shown: Called with the window once it is shown (the test harness drives it).
    """
    app = create_application(argv)
    from desktop.instance import InstanceLock
    from desktop.main_window import MainWindow
    from desktop.prompter import Prompter
    from wizards.library import user_home

    prompter = prompter or Prompter()
    home = user_home()
    lock = InstanceLock(home, app)
    if not lock.acquire():
        lock.wake_running()
        prompter.information(
            None,
            QCoreApplication.translate("App", "Charter Builder is already open"),
            QCoreApplication.translate(
                "App",
                "Charter Builder is already running with this library ({holder}); its window "
                "has been brought to the front. One window per library keeps every change "
                "safe: two would overwrite each other's saves.",
            ).format(holder=lock.holder()),
        )
        return 0
    window = MainWindow(prompter=prompter, home=home)
    lock.on_wake(lambda: window.bring_forward())
    if os.environ.get(BENCH_ENV):
        window.first_painted.connect(lambda: _bench_report(window))
    window.show()
    if on_shown is not None:
        on_shown(window)
    return app.exec()


def _bench_report(window: object) -> None:
    """Print how many charters are listed, then quit (the parent measures time and memory)."""
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    rows = window.start.model.rowCount()
    print(f"PAINTED rows={rows}", flush=True)
    QTimer.singleShot(0, QApplication.quit)
    sys.stdout.flush()
