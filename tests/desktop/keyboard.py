"""A keyboard for GUI tests that types the way a person does.

Every key goes to ``QApplication.focusWidget()`` at the moment it is pressed, never to a named
widget, so a test that uses it fails when something moves the focus away from where the person
is typing. Movement is by Tab, Shift+Tab, arrows, mnemonics (Alt+letter) and Return only.

Keys are sent through ``QTest`` so that shortcuts and mnemonics are looked up in Qt's shortcut
map, as they are for a real key press. Characters that ``QTest`` cannot send (anything outside
ASCII) go as a key event carrying the text, which is what an input method delivers.

The keyboard counts what it sends: navigation keys (Tab, Shift+Tab, arrows, mnemonics) apart
from content keys (characters, Space, Return, Backspace and the like) and commands (Ctrl+...),
for the keys-per-field measure in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

NAVIGATION_KEYS = frozenset(
    {
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)

BUTTON_ANIMATION_MS = 160
"""Longer than the press animation of a button clicked by its Alt-letter."""

_NAMED_CHARACTERS = {" ": Qt.Key.Key_Space, "\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}


class NoFocusError(AssertionError):
    """A key was pressed while no widget had the keyboard focus."""


@dataclass
class Keyboard:
    """Types into whatever has the focus, and counts the keys."""

    navigation: int = 0
    content: int = 0
    commands: int = 0
    log: list[str] = field(default_factory=list)

    # What has the focus -------------------------------------------------------------------

    @staticmethod
    def focus() -> QWidget:
        """The widget that has the keyboard focus; fails when none has."""
        widget = QApplication.focusWidget()
        if widget is None:
            raise NoFocusError("no widget has the keyboard focus")
        return widget

    # Keys ---------------------------------------------------------------------------------

    def press(
        self,
        key: Qt.Key,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        """Press and release one key (with modifiers) on the focused widget."""
        target = self.focus()
        self._count(key, modifiers)
        QTest.keyClick(target, key, modifiers)
        QCoreApplication.processEvents()

    def _count(self, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key in NAVIGATION_KEYS:  # with Ctrl too: Ctrl+PgDown moves to the next record
            self.navigation += 1
            kind = "nav"
        elif alt and not ctrl:
            self.navigation += 1  # a mnemonic moves to a field or presses a button
            kind = "nav"
        elif ctrl:
            self.commands += 1
            kind = "cmd"
        else:
            self.content += 1
            kind = "content"
        self.log.append(f"{kind}:{int(key)}:{int(modifiers.value)}")

    def type(self, text: str) -> None:
        """Type ``text`` one character at a time into whatever has the focus."""
        for char in text:
            target = self.focus()
            self.content += 1
            named = _NAMED_CHARACTERS.get(char)
            if named is not None:
                QTest.keyClick(target, named)
            elif char.isascii() and char.isprintable():
                QTest.keyClick(target, char)
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                    QApplication.sendEvent(target, event)
            QCoreApplication.processEvents()

    # Movement -----------------------------------------------------------------------------

    def tab(self, times: int = 1) -> QWidget:
        """Tab forward; returns the widget that then has the focus."""
        for _ in range(times):
            self.press(Qt.Key.Key_Tab)
        return self.focus()

    def backtab(self, times: int = 1) -> QWidget:
        """Shift+Tab; returns the widget that then has the focus."""
        for _ in range(times):
            self.press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        return self.focus()

    def alt(self, letter: str) -> QWidget:
        """Press Alt+letter (a mnemonic); returns the widget that then has the focus.

        A button pressed by its letter clicks after a short animation (about 100 ms), as on
        the screen; the keyboard waits for it.
        """
        self.press(_letter_key(letter), Qt.KeyboardModifier.AltModifier)
        QTest.qWait(BUTTON_ANIMATION_MS)
        return self.focus()

    def ctrl(self, letter: str, *, shift: bool = False) -> None:
        """Press Ctrl+letter (a command such as Ctrl+S)."""
        modifiers = Qt.KeyboardModifier.ControlModifier
        if shift:
            modifiers |= Qt.KeyboardModifier.ShiftModifier
        self.press(_letter_key(letter), modifiers)

    def down(self, times: int = 1) -> None:
        """Arrow down (next item in a list or a combo box)."""
        for _ in range(times):
            self.press(Qt.Key.Key_Down)

    def up(self, times: int = 1) -> None:
        """Arrow up."""
        for _ in range(times):
            self.press(Qt.Key.Key_Up)

    def space(self) -> None:
        """Space: ticks a check box or presses a focused button."""
        self.press(Qt.Key.Key_Space)

    def enter(self) -> None:
        """Return."""
        self.press(Qt.Key.Key_Return)

    def select_all_and_type(self, text: str) -> None:
        """Replace what the focused field holds by typing (Ctrl+A, then the text)."""
        self.ctrl("a")
        self.press(Qt.Key.Key_Backspace)
        self.type(text)

    def tab_to(self, predicate: object, *, limit: int = 60) -> QWidget:
        """Tab until the focused widget satisfies ``predicate`` (a callable on the widget).

        Fails after ``limit`` presses, naming the widgets that were passed.
        """
        assert callable(predicate)
        seen: list[str] = []
        for _ in range(limit):
            widget = self.tab()
            if predicate(widget):
                return widget
            seen.append(widget.objectName() or type(widget).__name__)
        raise AssertionError(f"Tab never reached the widget; passed: {seen}")


def letter_of(widget: QWidget) -> str:
    """The Alt-letter the screen gave a label or a button; fails when it has none."""
    from desktop import mnemonics

    letter = mnemonics.preferred(widget.text())  # type: ignore[attr-defined]
    assert letter is not None, f"{widget.objectName()} has no Alt-letter"
    return letter


def _letter_key(letter: str) -> Qt.Key:
    assert len(letter) == 1 and letter.isascii() and letter.isalnum(), letter
    return Qt.Key(ord(letter.upper()))
