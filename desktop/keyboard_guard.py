"""Alt-letters that mean nothing on the screen type nothing.

On X11, an Alt+letter that no shortcut takes (Next while it is disabled, a guessed letter)
reaches the focused field as an ordinary key with its text, and a line edit inserts the letter:
a facilitator pressing Alt+N on an incomplete page renamed the organisation "…n". The guard
swallows such keys before a text field sees them. AltGr, which types characters such as "@"
on many layouts, does not come with the Alt modifier and passes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

_KEY_PRESS = QEvent.Type.KeyPress


class AltLetterGuard(QObject):
    """An application event filter; :func:`install` puts the one guard in place."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow an Alt+key that would insert its text into a field."""
        if event.type() != _KEY_PRESS or not isinstance(event, QKeyEvent):
            return False
        modifiers = event.modifiers()
        alt_only = bool(modifiers & Qt.KeyboardModifier.AltModifier) and not (
            modifiers & Qt.KeyboardModifier.ControlModifier
        )
        if not alt_only or not event.text() or not event.text().isprintable():
            return False
        return isinstance(
            watched, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)
        )


_guard: list[AltLetterGuard] = []


def install(app: QApplication) -> None:
    """Filter the application's key presses through the guard (once; later calls do nothing).

    Called after the first paint: every event passes the filter, and the first screen should
    not wait for it.
    """
    if not _guard:
        _guard.append(AltLetterGuard(app))
        app.installEventFilter(_guard[0])
