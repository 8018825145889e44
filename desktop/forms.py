"""Forms bound to the charter model by dotted paths, and editable lists of records.

A path such as ``organisation.systems[1].name`` names a field in the model exactly as a
validation finding does, so a finding leads straight to the widget that shows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.editors import (
    BoolEditor,
    ChecklistEditor,
    ChoiceEditor,
    ChoicesSource,
    CsvEditor,
    DateEditor,
    FloatEditor,
    IntEditor,
    LinesEditor,
    MonthsEditor,
    OptionalIntEditor,
    ProseEditor,
    TextEditor,
    set_invalid,
)
from desktop.mnemonics import RANK
from desktop.tab_order import widgets_in_layout_order

_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def path_tokens(path: str) -> list[str | int]:
    """``"a.b[2].c"`` as ``["a", "b", 2, "c"]``."""
    tokens: list[str | int] = []
    for name, index in _TOKEN.findall(path):
        tokens.append(int(index) if index else name)
    return tokens


def get_path(root: Any, path: str | Sequence[str | int]) -> Any:
    """The value at ``path`` below ``root``."""
    value = root
    for token in path_tokens(path) if isinstance(path, str) else path:
        value = value[token] if isinstance(token, int) else getattr(value, token)
    return value


def set_path(root: Any, path: str, value: Any) -> None:
    """Set the value at ``path`` below ``root``."""
    tokens = path_tokens(path)
    parent = get_path(root, tokens[:-1])
    last = tokens[-1]
    if isinstance(last, int):
        parent[last] = value
    else:
        setattr(parent, last, value)


def object_name(path: str) -> str:
    """A widget object name from a model path: ``a.b[1]`` → ``a_b_1``."""
    return re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_")


def buddy_for(editor: QWidget) -> QWidget:
    """What a label's Alt-letter puts the cursor in: the editor, or for a compound editor (a
    date with its calendar button, a row of months) the first part of it that takes focus.

    QLabel gives the focus to its buddy only when the buddy itself accepts focus, which a plain
    container does not, so the letter would do nothing.
    """
    if editor.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return editor
    proxy = editor.focusProxy()
    if proxy is not None:
        return proxy
    parts = widgets_in_layout_order(editor)
    return parts[0] if parts else editor


@dataclass
class FieldSpec:
    """One field of a form: where it lives in the model and how it is edited.

    ``kind`` is one of text, prose, lines, csv, choice, bool, int, optint, float, date,
    checklist, months. ``get``/``set`` replace plain attribute access for values that are not
    a plain attribute (such as one phase of a duties mapping).
    """

    path: str
    kind: str = "text"
    choices: ChoicesSource | None = None
    minimum: int = 0
    maximum: int = 999
    suffix: str = ""
    lines: int = 3
    get: Callable[[Any], Any] | None = None
    set: Callable[[Any, Any], None] | None = None

    def read(self, root: Any) -> Any:
        """The model's value for this field."""
        return self.get(root) if self.get else get_path(root, self.path)

    def write(self, root: Any, value: Any) -> None:
        """Put a value into the model."""
        if self.set:
            self.set(root, value)
        else:
            set_path(root, self.path, value)


def make_editor(spec: FieldSpec, parent: QWidget | None = None) -> QWidget:
    """The editor widget for a field spec."""
    kind = spec.kind
    if kind == "text":
        return TextEditor(parent)
    if kind == "prose":
        return ProseEditor(parent, spec.lines)
    if kind == "lines":
        return LinesEditor(parent, spec.lines)
    if kind == "csv":
        return CsvEditor(parent)
    if kind == "choice":
        return ChoiceEditor(spec.choices or [], parent)
    if kind == "bool":
        return BoolEditor(parent)
    if kind == "int":
        return IntEditor(spec.minimum, spec.maximum, spec.suffix, parent)
    if kind == "optint":
        return OptionalIntEditor(spec.minimum, spec.maximum, spec.suffix, parent)
    if kind == "float":
        return FloatEditor(parent)
    if kind == "date":
        return DateEditor(parent)
    if kind == "checklist":
        return ChecklistEditor(spec.choices or [], parent)
    if kind == "months":
        from wizards.board_calendar import MONTH_NAMES

        return MonthsEditor(MONTH_NAMES, parent)
    raise ValueError(f"unknown field kind {kind!r}")


def display_text(spec: FieldSpec | None, value: Any) -> str:
    """How a value reads in a table cell."""
    if value is None:
        return ""
    if spec is not None and spec.choices is not None and spec.kind == "choice":
        choices = spec.choices() if callable(spec.choices) else spec.choices
        for choice, label in choices:
            if choice == value:
                return label
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(display_text(None, v) for v in value)
    text = str(value)
    first = text.splitlines()[0] if text.strip() else ""
    return first if len(first) <= 80 else first[:79] + "…"


class FieldRow(QWidget):
    """An editor with the problems found in its value written underneath."""

    def __init__(self, editor: QWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        layout.addWidget(self.error)

    def show_errors(self, messages: Sequence[str]) -> None:
        """Show the messages under the field and mark it; no messages clears both."""
        target = self.editor.line if isinstance(self.editor, DateEditor) else self.editor
        if messages:
            self.error.setText("\n".join(messages))
            self.error.show()
            self.error.setAccessibleName("\n".join(messages))
        else:
            self.error.clear()
            self.error.hide()
        set_invalid(target, bool(messages))


class FieldForm(QWidget):
    """A form of fields bound to one object of the model (the charter, or one record)."""

    changed = Signal()

    def __init__(self, specs: Sequence[FieldSpec], prefix: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.specs = list(specs)
        self.rows: dict[str, FieldRow] = {}
        self.labels: dict[str, QLabel] = {}
        self._root: Any = None
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for spec in self.specs:
            name = object_name(f"{prefix}.{spec.path}")
            editor = make_editor(spec, self)
            editor.setObjectName(name)
            row = FieldRow(editor, name, self)
            label = QLabel(self)
            label.setObjectName(f"{name}_label")
            label.setBuddy(buddy_for(editor))
            label.setWordWrap(True)
            label.setMinimumWidth(110)
            label.setMaximumWidth(210)
            if spec.kind == "bool":
                label.hide()
                layout.addRow(row)
            else:
                layout.addRow(label, row)
            editor.changed.connect(self._on_editor_changed)  # type: ignore[attr-defined]
            self.rows[spec.path] = row
            self.labels[spec.path] = label

    def set_labels(self, labels: dict[str, str]) -> None:
        """Set the visible label and the accessible name of each field."""
        for path, text in labels.items():
            row = self.rows.get(path)
            if row is None:
                continue
            editor = row.editor
            if isinstance(editor, BoolEditor):
                editor.setText(text)
            else:
                self.labels[path].setText(text)
            editor.setAccessibleName(text.replace("&", ""))

    def set_tooltips(self, tips: dict[str, str]) -> None:
        """Hints shown on hover and read by screen readers as the field's description."""
        for path, text in tips.items():
            row = self.rows.get(path)
            if row is not None:
                row.editor.setToolTip(text)
                row.editor.setAccessibleDescription(text)

    def letters_last(self) -> None:
        """Give this form's fields their Alt-letters only after the rest of the screen has had
        theirs: for the form of a list's chosen record, reached from the list, when the
        screen has more fields than letters (see :data:`desktop.mnemonics.RANK`)."""
        for path, row in self.rows.items():
            carrier = row.editor if isinstance(row.editor, BoolEditor) else self.labels[path]
            carrier.setProperty(RANK, "last")

    def editor(self, path: str) -> QWidget:
        """The editor of the field at ``path`` (relative to the form's object)."""
        return self.rows[path].editor

    def load(self, root: Any) -> None:
        """Show the model's values; ``root`` is the object the paths start from."""
        self._root = root
        self.setEnabled(root is not None)
        for spec in self.specs:
            editor = self.rows[spec.path].editor
            if isinstance(editor, (ChoiceEditor, ChecklistEditor)):
                editor.refresh()
            if root is None:
                continue
            editor.set_value(spec.read(root))  # type: ignore[attr-defined]

    def store(self, root: Any | None = None) -> None:
        """Write the widgets' values into the model."""
        root = root if root is not None else self._root
        if root is None:
            return
        for spec in self.specs:
            editor = self.rows[spec.path].editor
            if isinstance(editor, DateEditor) and editor.has_bad_text():
                continue  # keep the last good date until the typing makes sense
            spec.write(root, editor.value())  # type: ignore[attr-defined]

    def _on_editor_changed(self) -> None:
        self.store()
        self.changed.emit()

    def show_findings(self, findings: dict[str, list[str]]) -> dict[str, list[str]]:
        """Show each message next to its field; returns those with no field on this form."""
        rest = dict(findings)
        for path, row in self.rows.items():
            row.show_errors(rest.pop(path, []))
        return rest

    def first_editor(self) -> QWidget | None:
        """The first field, to put the cursor in."""
        return self.rows[self.specs[0].path].editor if self.specs else None


_WHOLE_TEXT = int(Qt.ItemDataRole.UserRole) + 1
"""Where a table cell keeps its whole text when the cell shows a shortened one."""


class _CellItem(QTableWidgetItem):
    """A table cell whose tooltip gives the whole text when the column shows only part of it."""

    def data(self, role: int) -> Any:
        """The cell's data; the tooltip adds the whole text of a cut-off cell."""
        value = super().data(role)
        if role != int(Qt.ItemDataRole.ToolTipRole):
            return value
        whole = super().data(_WHOLE_TEXT) or ""
        table = self.tableWidget()
        if not whole and table is not None:
            room = table.columnWidth(self.column()) - 10
            if table.fontMetrics().horizontalAdvance(self.text()) > room:
                whole = self.text()
        return "\n".join(t for t in (whole, value or "") if t) or None


class _WidthWatcher(QObject):
    """Calls back when a widget's width changes."""

    def __init__(self, target: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(target)
        self._callback = callback
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Pass every event on; call back after a change of width."""
        if event.type() == QEvent.Type.Resize:
            assert isinstance(event, QResizeEvent)
            if event.size().width() != event.oldSize().width():
                self._callback()
        return False


class RecordListWidget(QWidget):
    """An editable list of records: a table to choose, add, remove and reorder them, and a form
    below it for the chosen record.

    Keys on the table: Insert adds, Delete removes, Alt+Up and Alt+Down move the chosen record,
    Enter moves into its form.
    """

    changed = Signal()

    def __init__(
        self,
        path: str,
        columns: Sequence[str],
        specs: Sequence[FieldSpec],
        factory: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.columns = list(columns)
        self.specs = {s.path: s for s in specs}
        self.factory = factory
        self._items: Callable[[], list[Any]] = list
        self._findings: dict[str, list[str]] = {}
        self._fitting = False
        base = object_name(path)
        self.setObjectName(f"list_{base}")

        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setObjectName(f"{base}_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.activated.connect(self._on_table_activated)

        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.up_button = QPushButton(self)
        self.down_button = QPushButton(self)
        for keyed in (self.remove_button, self.up_button, self.down_button):
            keyed.setProperty("mnemonic_rank", "last")  # Delete, Alt+Up and Alt+Down do these
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button, name, slot in (
            (self.add_button, "add", self.add_record),
            (self.remove_button, "remove", self.remove_record),
            (self.up_button, "up", lambda: self.move_record(-1)),
            (self.down_button, "down", lambda: self.move_record(1)),
        ):
            button.setObjectName(f"{base}_{name}")
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)

        shortcuts = (
            (QKeySequence(Qt.Key.Key_Insert), self.add_record),
            (QKeySequence(Qt.Key.Key_Delete), self.remove_record),
            (QKeySequence("Alt+Up"), lambda: self.move_record(-1)),
            (QKeySequence("Alt+Down"), lambda: self.move_record(1)),
        )
        for sequence, slot in shortcuts:
            shortcut = QShortcut(sequence, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        # From anywhere in the list, the form included: the next or previous record, with the
        # cursor in the same field, so a facilitator fills one column row after row.
        for keys, delta in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.step_record(d))

        self.message = QLabel(self)
        self.message.setObjectName(f"{base}_error")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        self.detail_title = QLabel(self)
        self.detail_title.setObjectName(f"{base}_detail_title")
        self.detail_title.setProperty("role", "subheading")
        self.form = FieldForm(specs, f"field_{base}", self)
        self.form.setObjectName(f"{base}_detail")
        self.form.changed.connect(self._on_form_changed)
        self.empty_hint = QLabel(self)
        self.empty_hint.setObjectName(f"{base}_empty")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setProperty("role", "hint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.form)
        self._item_name = "item"
        # Fit again whenever the table's width changes (window, splitter, preview hidden).
        self._width_watcher = _WidthWatcher(self.table.viewport(), self._fit_table)
        self._fit_table()

    # Labels ------------------------------------------------------------------------------

    def set_labels(
        self, item_name: str, headers: dict[str, str], fields: dict[str, str], empty: str = ""
    ) -> None:
        """Name the record kind, the table columns and the form's fields (translated)."""
        self._item_name = item_name
        self.table.setHorizontalHeaderLabels([headers.get(c, c) for c in self.columns])
        self.table.setAccessibleName(item_name)
        self.form.set_labels(fields)
        tr = self.tr
        # "Add principle", "Add approval": two lists on a page get two Alt-letters.
        self.add_button.setText(tr("&Add {item}").format(item=item_name))
        self.remove_button.setText(tr("Remove"))
        self.up_button.setText(tr("Move up"))
        self.down_button.setText(tr("Move down"))
        for button, key, what in (
            (self.add_button, "Insert", tr("Add {item}")),
            (self.remove_button, "Delete", tr("Remove the chosen {item}")),
            (self.up_button, "Alt+Up", tr("Move the chosen {item} up")),
            (self.down_button, "Alt+Down", tr("Move the chosen {item} down")),
        ):
            text = what.format(item=item_name)
            button.setAccessibleName(text)
            button.setToolTip(
                f"{text} ({key} in the list; Ctrl+PgDown and Ctrl+PgUp go to the next or "
                "previous one with the cursor in the same field)"
            )
        self.empty_hint.setText(empty or tr("Nothing here yet: choose Add."))
        self._update_detail_title()

    def _update_detail_title(self) -> None:
        row = self.current_row()
        if row is None:
            self.detail_title.setText("")
        else:
            self.detail_title.setText(
                self.tr("{item} {n} of {count}").format(
                    item=self._item_name[:1].upper() + self._item_name[1:],
                    n=row + 1,
                    count=self.table.rowCount(),
                )
            )

    # Model -------------------------------------------------------------------------------

    def bind(self, items: Callable[[], list[Any]]) -> None:
        """Edit the list returned by ``items`` (asked again on every load)."""
        self._items = items

    def items(self) -> list[Any]:
        """The records being edited."""
        return self._items()

    def load(self, keep_row: int | None = None) -> None:
        """Show the records; choose ``keep_row`` (or the first) record."""
        items = self.items()
        blocker = QSignalBlocker(self.table)
        self.table.setRowCount(len(items))
        for row in range(len(items)):
            self._fill_row(row)
        del blocker
        self._fit_table()
        if items:
            row = keep_row if keep_row is not None and 0 <= keep_row < len(items) else 0
            blocker = QSignalBlocker(self.table)
            self.select_row(row)
            del blocker
        else:
            self.table.clearSelection()
        # Always refresh the form: when Qt has already moved the selection while rows were
        # removed, no signal follows, and the form would go on showing a record that is gone.
        self._on_table_item_selection_changed()
        self._mark_rows()

    def _fill_row(self, row: int) -> None:
        record = self.items()[row]
        for col, attr in enumerate(self.columns):
            spec = self.specs.get(attr)
            value = spec.read(record) if spec else get_path(record, attr)
            item = self.table.item(row, col)
            if not isinstance(item, _CellItem):
                item = _CellItem()
                self.table.setItem(row, col, item)
            text = display_text(spec, value)
            item.setText(text)
            whole = value.strip() if isinstance(value, str) else text
            item.setData(_WHOLE_TEXT, whole if whole != text else None)

    def _fit_table(self) -> None:
        """Show three to eight rows; give every column its whole header and, room permitting,
        its content's width. When the columns do not fit, short columns stay whole and the long
        ones share what is left, elided, with the whole text in the cell's tooltip."""
        table = self.table
        row_height = table.fontMetrics().height() + 10
        table.verticalHeader().setDefaultSectionSize(row_height)
        rows = min(max(table.rowCount(), 3), 8)
        header = table.horizontalHeader()
        height = header.sizeHint().height()
        table.setFixedHeight(height + rows * row_height + 2 * table.frameWidth() + 2)
        if self._fitting or len(self.columns) < 2:
            return
        self._fitting = True
        try:
            pad = table.fontMetrics().averageCharWidth() * 2
            columns = range(len(self.columns))
            floors = [header.sectionSizeHint(c) + pad // 2 for c in columns]
            wants = [max(table.sizeHintForColumn(c) + pad, floors[c]) for c in columns]
            room = table.viewport().width()
            widths = list(floors)
            left = room - sum(floors)
            hungry = [c for c in columns if wants[c] > widths[c]]
            while left > 0 and hungry:
                share = max(left // len(hungry), 1)
                for c in list(hungry):
                    more = min(share, wants[c] - widths[c], left)
                    widths[c] += more
                    left -= more
                    if widths[c] >= wants[c]:
                        hungry.remove(c)
            for c in columns[1:]:
                table.setColumnWidth(c, widths[c])  # the first column stretches into the rest
        finally:
            self._fitting = False

    def changeEvent(self, event: Any) -> None:
        """Fit the rows again when the font changes (larger-text mode)."""
        super().changeEvent(event)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FontChange:
            self._fit_table()

    def current_row(self) -> int | None:
        """The chosen record's position, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_row(self, row: int) -> None:
        """Choose the record at ``row``."""
        self.table.selectionModel().setCurrentIndex(
            self.table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _on_table_item_selection_changed(self) -> None:
        row = self.current_row()
        items = self.items()
        record = items[row] if row is not None and row < len(items) else None
        self.form.load(record)
        self.form.setVisible(record is not None)
        self.detail_title.setVisible(record is not None)
        self.empty_hint.setVisible(not items)
        self.remove_button.setEnabled(record is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < len(items) - 1)
        self._update_detail_title()
        self._show_row_findings()

    def _on_table_activated(self) -> None:
        first = self.form.first_editor()
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def _on_form_changed(self) -> None:
        row = self.current_row()
        if row is not None:
            self._fill_row(row)
            if self._row_outgrows_columns(row):
                self._fit_table()  # a name typed into an empty list gets its column's room
        self.changed.emit()

    def _row_outgrows_columns(self, row: int) -> bool:
        metrics = self.table.fontMetrics()
        pad = metrics.averageCharWidth() * 2
        for col in range(1, len(self.columns)):
            item = self.table.item(row, col)
            width = self.table.columnWidth(col)
            if item is not None and metrics.horizontalAdvance(item.text()) + pad > width:
                return True
        return False

    def add_record(self) -> None:
        """Append a new record, choose it and put the cursor in its form."""
        items = self.items()
        items.append(self.factory())
        self.load(keep_row=len(items) - 1)
        self.changed.emit()
        self._on_table_activated()

    def remove_record(self) -> None:
        """Remove the chosen record."""
        row = self.current_row()
        items = self.items()
        if row is None or row >= len(items):
            return
        del items[row]
        self.load(keep_row=min(row, len(items) - 1))
        self.changed.emit()
        self.table.setFocus()

    def step_record(self, delta: int) -> None:
        """Choose the next (+1) or previous (-1) record, keeping the cursor in the same field."""
        row = self.current_row()
        if row is None or not 0 <= row + delta < self.table.rowCount():
            return
        focus = QApplication.focusWidget()
        self.select_row(row + delta)
        if focus is not None and self.form.isAncestorOf(focus) and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(focus, QLineEdit):
                focus.selectAll()  # typing replaces the answer, as after Tab

    def move_record(self, delta: int) -> None:
        """Move the chosen record up (-1) or down (+1)."""
        row = self.current_row()
        items = self.items()
        if row is None or not 0 <= row + delta < len(items):
            return
        items[row], items[row + delta] = items[row + delta], items[row]
        self.load(keep_row=row + delta)
        self.changed.emit()
        self.table.setFocus()

    # Findings ----------------------------------------------------------------------------

    def show_findings(self, findings: dict[str, list[str]]) -> None:
        """Show problems; keys are paths relative to the list: ``""``, ``"[2]"``, ``"[2].name"``."""
        self._findings = findings
        self._mark_rows()
        self._show_row_findings()

    def _mark_rows(self) -> None:
        bad_rows = {int(m.group(1)) for key in self._findings if (m := re.match(r"\[(\d+)\]", key))}
        for row in range(self.table.rowCount()):
            for col in range(self.table.columnCount()):
                item = self.table.item(row, col)
                if item is None:
                    continue
                if row in bad_rows:
                    item.setBackground(QBrush(QColor("#fde7e7")))
                    item.setToolTip(
                        self.tr("This {item} needs attention").format(item=self._item_name)
                    )
                else:
                    item.setBackground(QBrush())
                    item.setToolTip("")
        lines = []
        for key, messages in sorted(self._findings.items(), key=lambda kv: _row_sort_key(kv[0])):
            match = re.match(r"\[(\d+)\]", key)
            prefix = self.tr("Row {n}: ").format(n=int(match.group(1)) + 1) if match else ""
            lines += [prefix + m for m in messages]
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))
        set_invalid(self.table, bool(lines))

    def _show_row_findings(self) -> None:
        row = self.current_row()
        prefix = f"[{row}]."
        mine = {
            key[len(prefix) :]: messages
            for key, messages in self._findings.items()
            if row is not None and key.startswith(prefix)
        }
        self.form.show_findings(mine)

    def focus_path(self, relative: str) -> QWidget:
        """Choose the record named by ``relative`` and put the cursor in the named field."""
        match = re.match(r"\[(\d+)\]\.?(.*)", relative)
        if match and int(match.group(1)) < self.table.rowCount():
            self.select_row(int(match.group(1)))
            field = match.group(2)
            for path, row in self.form.rows.items():
                if field and (field == path or field.startswith(path + ".")):
                    row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                    return row.editor
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.table


def _row_sort_key(key: str) -> tuple[int, str]:
    match = re.match(r"\[(\d+)\]", key)
    return (int(match.group(1)) if match else -1, key)


def group_findings(findings: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Messages grouped by path, in the order they came."""
    grouped: dict[str, list[str]] = {}
    for path, message in findings:
        grouped.setdefault(path, []).append(message)
    return grouped
