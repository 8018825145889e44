"""Fixtures for the GUI tests: a scripted prompter, the main window, and typing helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.prompter import Prompter


@dataclass
class ScriptedPrompter(Prompter):
    """A prompter that records every message and answers from a script instead of asking."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answers: list[bool] = field(default_factory=list)
    default_answer: bool = False
    files: list[Path | None] = field(default_factory=list)
    folders: list[Path | None] = field(default_factory=list)
    choices: list[int] = field(default_factory=list)
    picks: list[Callable[[Sequence[Any]], list[tuple[str, str]]] | None] = field(
        default_factory=list
    )

    def information(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("information", title, text))

    def warning(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("warning", title, text))

    def about(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("about", title, text))

    def choose(
        self, parent: Any, title: str, text: str, choices: Sequence[str], default: int
    ) -> int:
        self.shown.append(("choose", title, text))
        return self.choices.pop(0) if self.choices else default

    def question(self, parent: Any, title: str, text: str, *, default_yes: bool = False) -> bool:
        self.shown.append(("question", title, text))
        return self.answers.pop(0) if self.answers else self.default_answer

    def open_file(self, parent: Any, title: str, folder: Any, name_filter: str) -> Path | None:
        self.shown.append(("open_file", title, ""))
        return self.files.pop(0) if self.files else None

    def save_file(self, parent: Any, title: str, suggested: Path, name_filter: str) -> Path | None:
        self.shown.append(("save_file", title, str(suggested)))
        return self.files.pop(0) if self.files else None

    def choose_folder(self, parent: Any, title: str, folder: Any) -> Path | None:
        self.shown.append(("choose_folder", title, ""))
        return self.folders.pop(0) if self.folders else None

    def pick(self, parent: Any, title: str, intro: str, groups: Sequence[Any]) -> Any:
        self.shown.append(("pick", title, intro))
        chooser = self.picks.pop(0) if self.picks else None
        if chooser is None:
            return [(g.key, e.key) for g in groups for e in g.entries if e.suggested]
        return chooser(groups)

    def kinds(self, kind: str) -> list[tuple[str, str, str]]:
        """The messages of one kind."""
        return [s for s in self.shown if s[0] == kind]


@pytest.fixture
def prompter() -> ScriptedPrompter:
    """A fresh scripted prompter."""
    return ScriptedPrompter()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The user folder the conftest points CHARTER_BUILDER_HOME at."""
    return tmp_path / "user-data"


@pytest.fixture
def make_window(qtbot: Any, prompter: ScriptedPrompter, home: Path) -> Iterator[Callable[[], Any]]:
    """A factory for shown main windows with the scripted prompter; closed after the test."""
    from desktop.app import create_application
    from desktop.main_window import MainWindow

    create_application([])
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(prompter=prompter, home=home)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window._library is not None, timeout=5000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.isVisible():
            window.close()


@pytest.fixture
def window(make_window: Callable[[], Any]) -> Any:
    """A shown main window on an empty library."""
    return make_window()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as key events carrying the text, one per character.

    Qt's QTest.keyClicks aborts the process on non-ASCII characters; a QKeyEvent with key code 0
    and the character as its text is what an input method delivers for 'ë' or '山'.
    """
    target = getattr(widget, "line", widget)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(target, event)
    QCoreApplication.processEvents()


def clear_and_type(qtbot: Any, widget: QWidget, text: str) -> None:
    """Select everything in a field and replace it by typing."""
    target = getattr(widget, "line", widget)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(target, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(target, text)
    else:
        type_text(target, text)
