"""Field editors: small widgets with a typed ``value()`` / ``set_value()`` and a ``changed`` signal.

``changed`` fires only when the user edits, never when the program sets a value, so loading the
model into the widgets does not write it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QValidator, QWheelEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

Choices = Sequence[tuple[Any, str]]
ChoicesSource = Choices | Callable[[], Choices]


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a widget as holding a problem; the style sheet draws it red."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def _has_focus(widget: QWidget) -> bool:
    line = widget.lineEdit() if isinstance(widget, QComboBox) else None
    return widget.hasFocus() or (line is not None and line.hasFocus())


def _wheel_allowed(widget: QWidget, event: QWheelEvent) -> bool:
    """True when the wheel may change ``widget``; otherwise the event is left to the parents.

    A wheel turned over a combo box or spin box on its way down a page scrolls the page: it
    changes a value only in the field the user is in (it once turned an appetite from Averse to
    Eager while someone scrolled the risk page).
    """
    if _has_focus(widget):
        return True
    event.ignore()  # not accepted: Qt passes it on to the parent, up to the scroll area
    return False


class TextEditor(QLineEdit):
    """A one-line text."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(self.changed)

    def value(self) -> str:
        """The text as typed."""
        return self.text()

    def set_value(self, value: str) -> None:
        """Show ``value`` without signalling a change."""
        if self.text() != (value or ""):
            self.setText(value or "")
            if not self.hasFocus():
                self.setCursorPosition(0)  # show the start of a long text, not its end


class ProseEditor(QPlainTextEdit):
    """Free text over several lines; Tab moves on to the next field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._lines = lines
        self._loading = False
        self.textChanged.connect(self._on_self_text_changed)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def _fit_height(self) -> None:
        line = self.fontMetrics().lineSpacing()
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + int(self.document().documentMargin() * 2)
        self.setFixedHeight(line * self._lines + frame + margins.top() + margins.bottom())

    def changeEvent(self, event: Any) -> None:
        """Keep the height in lines when the font grows (larger-text mode)."""
        super().changeEvent(event)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FontChange:
            self._fit_height()

    def _on_self_text_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def value(self) -> str:
        """The text as typed."""
        return self.toPlainText()

    def set_value(self, value: str) -> None:
        """Show ``value`` without signalling a change."""
        if self.toPlainText() == (value or ""):
            return
        self._loading = True
        try:
            self.setPlainText(value or "")
        finally:
            self._loading = False


class LinesEditor(ProseEditor):
    """A list of short texts, one per line."""

    def value(self) -> list[str]:  # type: ignore[override]
        """The non-empty lines, trimmed."""
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Sequence[str]) -> None:
        """Show one item per line."""
        if self.value() != [v.strip() for v in value if v.strip()]:
            super().set_value("\n".join(value))


class CsvEditor(TextEditor):
    """A list of short texts separated by commas."""

    def value(self) -> list[str]:  # type: ignore[override]
        """The non-empty items, trimmed."""
        return [part.strip() for part in self.text().split(",") if part.strip()]

    def set_value(self, value: Sequence[str]) -> None:
        """Show the items joined by commas."""
        if self.value() != list(value):
            super().set_value(", ".join(value))


class ChoiceEditor(QComboBox):
    """One value out of a list; the choices may come from a function called on each refresh."""

    changed = Signal()

    def __init__(self, choices: ChoicesSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = choices
        self._choices: list[tuple[Any, str]] = []
        self._value: Any = None
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.refresh()
        self.activated.connect(self._on_self_activated)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel changes the choice only when the box has the focus; else the page scrolls."""
        if _wheel_allowed(self, event):
            super().wheelEvent(event)

    def _index_of(self, value: Any) -> int:
        for i, (choice, _label) in enumerate(self._choices):
            if choice == value:
                return i
        return -1

    def refresh(self) -> None:
        """Re-read the choices (for lists that depend on other answers)."""
        choices = list(self._source() if callable(self._source) else self._source)
        if self._value not in (None, "") and all(c != self._value for c, _ in choices):
            choices.append((self._value, str(self._value)))
        blocker = QSignalBlocker(self)
        if choices != self._choices:
            self._choices = choices
            self.clear()
            self.addItems([label for _, label in choices])
        self.setCurrentIndex(max(self._index_of(self._value), 0))
        del blocker

    def _on_self_activated(self, index: int) -> None:
        if 0 <= index < len(self._choices):
            self._value = self._choices[index][0]
        self.changed.emit()

    def value(self) -> Any:
        """The value of the chosen item (the value last set when there are no choices)."""
        index = self.currentIndex()
        return self._choices[index][0] if 0 <= index < len(self._choices) else self._value

    def set_value(self, value: Any) -> None:
        """Choose the item whose value is ``value`` without signalling a change."""
        self._value = value
        if self._index_of(value) < 0:
            self.refresh()
        blocker = QSignalBlocker(self)
        self.setCurrentIndex(max(self._index_of(value), 0))
        del blocker


class BoolEditor(QCheckBox):
    """Yes or no; the label is the check box's own text."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clicked.connect(self.changed)

    def value(self) -> bool:
        """True when ticked."""
        return self.isChecked()

    def set_value(self, value: bool) -> None:
        """Tick or untick without signalling a change."""
        blocker = QSignalBlocker(self)
        self.setChecked(bool(value))
        del blocker


class IntEditor(QSpinBox):
    """A whole number within a range, with an optional unit after it."""

    changed = Signal()

    def __init__(
        self, minimum: int = 0, maximum: int = 999, suffix: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.setSuffix(suffix)
        self.setMaximumWidth(180)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.valueChanged.connect(self._on_self_value_changed)
        self._loading = False

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel changes the number only when the box has the focus; else the page scrolls."""
        if _wheel_allowed(self, event):
            super().wheelEvent(event)

    def _on_self_value_changed(self, _value: int) -> None:
        if not self._loading:
            self.changed.emit()

    def set_value(self, value: int | None) -> None:
        """Show ``value`` (the minimum for None) without signalling a change."""
        self._loading = True
        try:
            self.setValue(self.minimum() if value is None else int(value))
        finally:
            self._loading = False


class OptionalIntEditor(IntEditor):
    """A whole number or 'not set' (the lowest position of the spin box), which shows empty."""

    def __init__(
        self, minimum: int = 0, maximum: int = 999, suffix: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(minimum - 1, maximum, suffix, parent)
        # The position below the range stands for "not set"; it must not read as a number
        # ("-1 people employed"): it shows as an empty field with a grey hint, and clearing the
        # field sets it. With a unit, a blank special text keeps the unit from showing alone.
        self.set_hint(QCoreApplication.translate("OptionalIntEditor", "not set"))

    def setSuffix(self, suffix: str) -> None:
        """Show ``suffix`` after the number; 'not set' stays empty, without the unit alone,
        also when the unit is set after the editor is made (as a translated text is)."""
        super().setSuffix(suffix)
        self.setSpecialValueText(" " if suffix else "")

    def set_hint(self, text: str) -> None:
        """The grey text shown while the number is not set."""
        self.lineEdit().setPlaceholderText(text)

    def textFromValue(self, value: int) -> str:
        """'Not set' is an empty field."""
        return "" if value == self.minimum() else super().textFromValue(value)

    def valueFromText(self, text: str) -> int:
        """An empty field is 'not set'."""
        return self.minimum() if not self._bare(text) else super().valueFromText(text)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """An empty field is acceptable: it means 'not set'."""
        if not self._bare(text):
            return (QValidator.State.Acceptable, text, pos)
        return super().validate(text, pos)

    def _bare(self, text: str) -> str:
        return text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()

    def value(self) -> int | None:  # type: ignore[override]
        """The number, or None when 'not set'."""
        number = super().value()
        return None if number == self.minimum() else number


class FloatEditor(QLineEdit):
    """A number of hours or similar; empty means 'not set'."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        validator = QDoubleValidator(0.0, 1e6, 2, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.setValidator(validator)
        self.setMaximumWidth(180)
        self.textEdited.connect(self.changed)

    def value(self) -> float | None:
        """The number, or None when empty or unreadable."""
        text = self.text().strip().replace(",", ".")
        try:
            return float(text) if text else None
        except ValueError:
            return None

    def set_value(self, value: float | None) -> None:
        """Show the number without signalling a change."""
        if self.value() != value:
            self.setText("" if value is None else f"{value:g}")


class DateEditor(QWidget):
    """A date typed as YYYY-MM-DD, or picked from a calendar; empty means 'not set'."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("YYYY-MM-DD")
        self.line.setMaximumWidth(160)
        self.line.textEdited.connect(self._on_line_text_edited)
        self.pick = QToolButton(self)
        self.pick.setText("…")
        self.pick.clicked.connect(self._on_pick_clicked)
        layout.addWidget(self.line)
        layout.addWidget(self.pick)
        layout.addStretch(1)
        self.setFocusProxy(self.line)
        # Never a Tab stop itself (it has a proxy), but with a focus policy Qt's setTabOrder
        # accepts it and places its line and calendar button together where it is put.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def setAccessibleName(self, name: str) -> None:
        """Name the text field and the calendar button after the field."""
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        self.pick.setAccessibleName(f"{name}: pick from a calendar")
        self.pick.setToolTip(self.pick.accessibleName())

    def _on_line_text_edited(self, _text: str) -> None:
        set_invalid(self.line, bool(self.line.text().strip()) and self.value() is None)
        self.changed.emit()

    def _on_pick_clicked(self) -> None:
        dialog = QDialog(self)
        dialog.setObjectName("datePickerDialog")
        dialog.setWindowTitle(self.accessibleName() or "Date")
        calendar = QCalendarWidget(dialog)
        calendar.setObjectName("datePickerCalendar")
        current = self.value() or dt.date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.activated.connect(dialog.accept)
        box = QVBoxLayout(dialog)
        box.addWidget(calendar)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = calendar.selectedDate()
            self.line.setText(dt.date(chosen.year(), chosen.month(), chosen.day()).isoformat())
            self._on_line_text_edited(self.line.text())

    def value(self) -> dt.date | None:
        """The date, or None when empty or not a valid YYYY-MM-DD date."""
        text = self.line.text().strip()
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError:
            return None

    def has_bad_text(self) -> bool:
        """True when something is typed that is not a date."""
        return bool(self.line.text().strip()) and self.value() is None

    def set_value(self, value: dt.date | None) -> None:
        """Show the date without signalling a change."""
        if self.value() != value or (value is None and self.line.text()):
            self.line.setText("" if value is None else value.isoformat())
        set_invalid(self.line, False)


class ChecklistEditor(QListWidget):
    """Several values out of a list, ticked; the choices may depend on other answers."""

    changed = Signal()

    def __init__(self, choices: ChoicesSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = choices
        self._values: list[Any] = []
        self.itemChanged.connect(self._on_self_item_changed)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the choices, keeping what is ticked."""
        choices = list(self._source() if callable(self._source) else self._source)
        known = {value for value, _ in choices}
        choices += [(v, str(v)) for v in self._values if v not in known]
        blocker = QSignalBlocker(self)
        self.clear()
        for value, label in choices:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = value in self._values
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        rows = min(max(self.count(), 2), 6)
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4)
        del blocker

    def _on_self_item_changed(self, _item: QListWidgetItem) -> None:
        self._values = self.value()
        self.changed.emit()

    def value(self) -> list[Any]:
        """The ticked values, in list order."""
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, value: Sequence[Any]) -> None:
        """Tick exactly the given values without signalling a change."""
        self._values = list(value)
        self.refresh()


class MonthsEditor(QWidget):
    """Months of the year, ticked (1 for January)."""

    changed = Signal()

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for i, name in enumerate(names):
            box = QCheckBox(name[:3], self)
            box.setObjectName(f"month{i + 1}")
            box.setAccessibleName(name)
            # The label's letter leads to the row; twelve boxes would otherwise take twelve
            # letters the fields below need.
            box.setProperty("mnemonic_rank", "last")
            box.clicked.connect(self.changed)
            grid.addWidget(box, i // 6, i % 6)
            self.boxes.append(box)

    def setAccessibleName(self, name: str) -> None:
        """Name the group; each box keeps its month's name."""
        super().setAccessibleName(name)

    def value(self) -> list[int]:
        """The ticked months, 1 to 12."""
        return [i + 1 for i, box in enumerate(self.boxes) if box.isChecked()]

    def set_value(self, value: Sequence[int]) -> None:
        """Tick exactly the given months without signalling a change."""
        for i, box in enumerate(self.boxes):
            blocker = QSignalBlocker(box)
            box.setChecked(i + 1 in value)
            del blocker
