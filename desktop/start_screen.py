"""The start screen: the library of charters, search, and the ways to begin.

Kept light on purpose: it imports neither the charter model nor sqlite-utils, so that the first
screen appears quickly; the library rows come from ``wizards.library.read_summaries``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wizards.library import STATUS_APPROVED, STATUS_CHANGED, STATUS_LAPSED, CharterSummary

_Index = QModelIndex | QPersistentModelIndex

# Qt's item roles and orientation as plain numbers. Touching the ``Qt`` namespace in Python
# builds all of its enumerations (about 15 ms), which the first screen can do without.
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
FOREGROUND_ROLE = 9
USER_ROLE = 256
HORIZONTAL = 1


def local_time(stamp: str) -> str:
    """An ISO UTC timestamp as local date and time, e.g. '27 Nov 2026, 09:12'."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


class LibraryTableModel(QAbstractTableModel):
    """The charters of the library as table rows."""

    COLUMNS = ("organisation", "title", "version", "status", "next_review", "updated")

    DUE_SOON_DAYS = 60
    """A review due within this many days is marked as due."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CharterSummary] = []
        self.headers = list(self.COLUMNS)
        self.status_labels: dict[str, str] = {}
        self.no_name = ""
        self.due_words = {"overdue": "overdue", "due": "due in {days} days", "none": "not set"}
        self.today = dt.date.today

    def set_rows(self, rows: Sequence[CharterSummary]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Number of charters shown."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        """Cell text, and the charter id for UserRole."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == USER_ROLE:
            return row.id
        column = self.COLUMNS[index.column()]
        if role == FOREGROUND_ROLE and column == "next_review" and self.due(row):
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#b3261e"))
        if role not in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return None
        if column == "organisation":
            return row.organisation or self.no_name
        if column == "status":
            return self.status_labels.get(row.status, row.status)
        if column == "updated":
            return local_time(row.updated)
        if column == "next_review":
            return self.review_text(row.next_review)
        return getattr(row, column)

    def review_text(self, value: str) -> str:
        """'12 Mar 2027', with 'due in 40 days' or 'overdue' when it is near or past."""
        try:
            due = dt.date.fromisoformat(value)
        except ValueError:
            return self.due_words["none"]
        shown = f"{due.day} {due:%b %Y}"
        days = (due - self.today()).days
        if days < 0:
            return f"{shown} — {self.due_words['overdue']}"
        if days <= self.DUE_SOON_DAYS:
            return f"{shown} — {self.due_words['due'].format(days=days)}"
        return shown

    def due(self, row: CharterSummary) -> bool:
        """Whether the charter's review is due within the marked window, or overdue."""
        try:
            return (dt.date.fromisoformat(row.next_review) - self.today()).days <= (
                self.DUE_SOON_DAYS
            )
        except ValueError:
            return False

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY_ROLE) -> Any:
        """Column titles."""
        if int(orientation.value) == HORIZONTAL and role == DISPLAY_ROLE:
            return self.headers[section]
        return None


class StartScreenWidget(QWidget):
    """What the user sees first: how to begin, and the charters in the library."""

    new_requested = Signal()
    open_file_requested = Signal()
    example_requested = Signal(str)
    open_requested = Signal(str)
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)
    search_changed = Signal(str)
    retry_library_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startScreen")
        self.examples: Callable[[], Sequence[tuple[str, str]]] = list

        self.heading = QLabel(self)
        self.heading.setObjectName("start_heading")
        self.heading.setProperty("role", "heading")
        self.welcome = QLabel(self)
        self.welcome.setObjectName("start_welcome")
        self.welcome.setWordWrap(True)
        self.welcome.setProperty("role", "welcome")

        self.new_button = QPushButton(self)
        self.new_button.setProperty("look", "large")
        self.new_button.setObjectName("start_new")
        self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(self.new_requested)
        self.example_button = QPushButton(self)
        self.example_button.setProperty("look", "large")
        self.example_button.setObjectName("start_example")
        self.example_menu = QMenu(self.example_button)
        self.example_menu.setObjectName("start_example_menu")
        self.example_menu.aboutToShow.connect(self._on_example_menu_about_to_show)
        self.example_button.setMenu(self.example_menu)
        self.open_button = QPushButton(self)
        self.open_button.setProperty("look", "large")
        self.open_button.setObjectName("start_open_file")
        self.open_button.clicked.connect(self.open_file_requested)
        begin = QHBoxLayout()
        begin.addWidget(self.new_button)
        begin.addWidget(self.example_button)
        begin.addWidget(self.open_button)
        begin.addStretch(1)

        # Shown when the library is open read-only: why, and a way to try again.
        self.library_notice = QLabel(self)
        self.library_notice.setObjectName("start_library_notice")
        self.library_notice.setWordWrap(True)
        self.library_notice.setProperty("role", "caution")
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("start_retry_library")
        self.retry_button.clicked.connect(self.retry_library_requested)
        self.notice_bar = QWidget(self)
        notice_row = QHBoxLayout(self.notice_bar)
        notice_row.setContentsMargins(0, 0, 0, 0)
        notice_row.addWidget(self.library_notice, 1)
        notice_row.addWidget(self.retry_button)
        self.notice_bar.hide()

        self.library_heading = QLabel(self)
        self.library_heading.setObjectName("start_library_heading")
        self.library_heading.setProperty("role", "subheading")
        self.search = QLineEdit(self)
        self.search.setObjectName("start_search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.search_changed)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        self.search_bar = QWidget(self)
        search_row = QHBoxLayout(self.search_bar)
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.library_heading)
        search_row.addStretch(1)
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)

        self.model = LibraryTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("start_library")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(40)  # size columns from the first rows, not all 1,000
        self.table.activated.connect(self._on_table_activated)
        self._delete_key: QShortcut | None = None

        self.empty = QLabel(self)
        self.empty.setObjectName("start_empty")
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "hint")

        self.open_selected = QPushButton(self)
        self.open_selected.setObjectName("start_open")
        self.open_selected.clicked.connect(self._on_open_selected_clicked)
        self.duplicate_button = QPushButton(self)
        self.duplicate_button.setObjectName("start_duplicate")
        self.duplicate_button.clicked.connect(self._on_duplicate_button_clicked)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("start_delete")
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.count = QLabel(self)
        self.count.setObjectName("start_count")
        self.action_bar = QWidget(self)
        actions = QHBoxLayout(self.action_bar)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.open_selected)
        actions.addWidget(self.duplicate_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.welcome)
        layout.addLayout(begin)
        layout.addSpacing(8)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)
        layout.addWidget(self.action_bar)

        self.retranslate_ui()
        self.set_summaries([], first_time=True)

    def retranslate_ui(self) -> None:
        """Every visible string of the start screen."""
        self.heading.setText(self.tr("Charter Builder"))
        self.welcome.setText(
            self.tr(
                "Charter Builder takes your leadership team, one decision per screen, to a "
                "signed AI governance charter and a board reporting calendar in Word. "
                "Begin with a new charter, or open an example to see a finished one."
            )
        )
        self.new_button.setText(self.tr("&New charter"))
        self.new_button.setAccessibleName(self.tr("New charter"))
        self.example_button.setText(self.tr("Open an &example"))
        self.example_button.setAccessibleName(self.tr("Open an example charter"))
        self.open_button.setText(self.tr("Open a &file…"))
        self.open_button.setAccessibleName(self.tr("Open a charter file"))
        self.library_heading.setText(self.tr("Your charters"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Organisation name"))
        self.search.setAccessibleName(self.tr("Search by organisation"))
        self.table.setAccessibleName(self.tr("Charters in the library"))
        self.model.headers = [
            self.tr("Organisation"),
            self.tr("Title"),
            self.tr("Version"),
            self.tr("Status"),
            self.tr("Next review"),
            self.tr("Last change"),
        ]
        self.model.due_words = {
            "overdue": self.tr("overdue"),
            "due": self.tr("due in {days} days"),
            "none": self.tr("not set"),
        }
        self.model.status_labels = {
            "draft": self.tr("Draft"),
            STATUS_APPROVED: self.tr("Approved"),
            STATUS_CHANGED: self.tr("Changed since approval"),
            STATUS_LAPSED: self.tr("Under review"),
        }
        self.model.no_name = self.tr("(no name yet)")
        self.retry_button.setText(self.tr("&Try again"))
        self.retry_button.setAccessibleName(self.tr("Try to open the library for changes again"))
        self.open_selected.setText(self.tr("&Open"))
        self.open_selected.setAccessibleName(self.tr("Open the chosen charter"))
        self.duplicate_button.setText(self.tr("&Duplicate"))
        self.duplicate_button.setAccessibleName(self.tr("Duplicate the chosen charter"))
        self.delete_button.setText(self.tr("De&lete…"))
        self.delete_button.setAccessibleName(self.tr("Delete the chosen charter"))

    def set_library_notice(self, text: str | None) -> None:
        """Say why the library is read-only, with a way to try again; None hides it."""
        self.library_notice.setText(text or "")
        self.notice_bar.setVisible(bool(text))

    # Rows --------------------------------------------------------------------------------

    def set_summaries(
        self, rows: Sequence[CharterSummary], *, first_time: bool, select: str | None = None
    ) -> None:
        """Show the charters; ``first_time`` when the library holds none at all."""
        current = select or self.selected_id()
        self.model.set_rows(rows)
        searching = bool(self.search.text().strip())
        self.welcome.setVisible(first_time)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.search_bar.setVisible(not first_time)
        self.action_bar.setVisible(not first_time)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretch(layout.indexOf(self.empty) + 1, 0 if rows else 1)
        if first_time:
            self.empty.setText(
                self.tr("Your library is empty. Charters you start appear here, saved as you type.")
            )
        elif searching and not rows:
            self.empty.setText(
                self.tr("No organisation matches '{text}'.").format(text=self.search.text().strip())
            )
        self.count.setText(self.tr("{n} charter(s)").format(n=len(rows)))
        if rows:
            self._attach_model()
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            target = next((i for i, r in enumerate(rows) if r.id == current), 0)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(target, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    def _attach_model(self) -> None:
        """Connect the table to its model when there is something to show.

        Attaching makes the view ask for the column titles, which builds Qt's enumerations in
        Python; an empty library's first screen starts faster without.
        """
        if self._delete_key is not None:
            return
        from PySide6.QtCore import Qt

        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._delete_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        self._delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_key.activated.connect(self._on_delete_button_clicked)

    def selected_id(self) -> str | None:
        """The id of the chosen charter."""
        selection = self.table.selectionModel()
        if selection is None:
            return None
        rows = selection.selectedRows()
        if not rows:
            return None
        return str(self.model.data(rows[0], USER_ROLE))

    def _update_buttons(self, *_args: Any) -> None:
        chosen = self.selected_id() is not None
        for button in (self.open_selected, self.duplicate_button, self.delete_button):
            button.setEnabled(chosen)

    def set_examples(self, examples: Callable[[], Sequence[tuple[str, str]]]) -> None:
        """Where the examples offered come from: (label, path); read when the menu opens."""
        self.examples = examples

    def _on_example_menu_about_to_show(self) -> None:
        self.example_menu.clear()
        for label, path in self.examples():
            action = self.example_menu.addAction(label)
            action.triggered.connect(lambda _checked=False, p=path: self.example_requested.emit(p))

    # Slots -------------------------------------------------------------------------------

    def _on_table_activated(self, index: QModelIndex) -> None:
        self.open_requested.emit(str(self.model.data(index, USER_ROLE)))

    def _on_open_selected_clicked(self) -> None:
        charter_id = self.selected_id()
        if charter_id:
            self.open_requested.emit(charter_id)

    def _on_duplicate_button_clicked(self) -> None:
        charter_id = self.selected_id()
        if charter_id:
            self.duplicate_requested.emit(charter_id)

    def _on_delete_button_clicked(self) -> None:
        charter_id = self.selected_id()
        if charter_id:
            self.delete_requested.emit(charter_id)
