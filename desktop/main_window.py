"""The main window: the start screen and library, the wizard, menus, autosave and settings.

Only what the first screen needs is imported at the top. The charter model, sqlite-utils,
the templates and the pages load after the first paint or when a charter is opened.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from desktop import mnemonics
from desktop.prompter import Prompter
from desktop.settings import (
    add_recent_file,
    app_settings,
    load_branding,
    read_bool,
    recent_files,
    save_branding,
)
from desktop.start_screen import StartScreenWidget
from desktop.style import style_sheet
from desktop.tab_order import focus_kept
from wizards import __version__
from wizards.library import (
    LibraryConflictError,
    LibraryError,
    library_path,
    read_summaries,
    user_home,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget

    from desktop.wizard import CharterWizard
    from wizards.library import Library
    from wizards.model import Charter

AUTOSAVE_MS = 500
"""Longest time between an edit and its autosave; a crash loses at most this much typing."""

LARGE_TEXT_FACTOR = 1.4
ANSWERS_FILTER = "Charter files (*.charter.json);;JSON files (*.json);;All files (*)"

DEFAULT_SIZE = QSize(1280, 800)
"""The window's size on a first start, shrunk to the screen when the screen is smaller."""

ESTIMATED_FRAME = QMargins(4, 32, 4, 4)
"""The window manager's frame before the window is shown and its real frame is known."""


def fit_window_rect(
    saved: QRect | None, available: QRect, frame: QMargins, default: QSize = DEFAULT_SIZE
) -> QRect:
    """Where the window's client area goes so that the whole window, frame included, is on screen.

    Args:
        saved: The client rectangle of the last session, or None on a first start.
        available: The screen's available geometry (without panels and docks).
        frame: The window manager's frame around the client area (the title bar at the top).
        default: The size on a first start.

    Returns:
        ``saved`` when its frame still fits inside ``available``; otherwise the saved (or default)
        size, shrunk to fit, centred on the available area.
    """
    room = available.marginsRemoved(frame)
    if saved is not None and saved.isValid() and room.contains(saved):
        return QRect(saved)
    wanted = saved.size() if saved is not None and saved.isValid() else default
    size = wanted.boundedTo(room.size())
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(room.center())
    return rect


def example_files() -> list[tuple[str, str]]:
    """The shipped examples as (organisation name, path), read without the charter model."""
    from wizards.paths import resource_path

    try:
        folder = resource_path("examples")
    except FileNotFoundError:
        return []
    out = []
    for path in sorted(folder.glob("*.charter.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            name = str(data["organisation"]["name"]) or path.name
        except (OSError, ValueError, KeyError, TypeError):
            name = path.name
        out.append((name, str(path)))
    return out


class MainWindow(QMainWindow):
    """Charter Builder's window."""

    library_ready = Signal()
    first_painted = Signal()

    def __init__(self, prompter: Prompter | None = None, home: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.prompter = prompter or Prompter()
        self.home = home or user_home()
        self.settings = app_settings(self.home)
        self._library: Library | None = None
        self.wizard: CharterWizard | None = None
        self._painted = False
        self._placed = False
        self._fit_tries = 0
        self._saved_rect: QRect | None = None
        self._save_error_shown = False
        self.last_saved: str = ""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # The font before any larger-text mode, kept on the application for every window.
        if app.property("base_font_pt") is None:
            app.setProperty("base_font_pt", app.font().pointSizeF())
        self._base_pt = float(app.property("base_font_pt"))
        # The font before the first widget: widgets made before a change of the application's
        # font keep the old one (the menu bar stayed small after a restart in larger text).
        self._set_application_font(read_bool(self.settings, "large_text"))

        self.start = StartScreenWidget(self)
        self.start.new_requested.connect(self.new_charter)
        self.start.open_file_requested.connect(self.open_file_dialog)
        self.start.example_requested.connect(self._on_start_example_requested)
        self.start.open_requested.connect(self.open_from_library)
        self.start.duplicate_requested.connect(self.duplicate_charter)
        self.start.delete_requested.connect(self.delete_charter)
        self.start.retry_library_requested.connect(self.reopen_library)
        self.start.search_changed.connect(self._on_start_search_changed)

        # The wizard's side of the window is built when the first charter opens.
        self.steps: QListWidget | None = None
        self.wizard_host = QWidget(self)
        self.wizard_host.setObjectName("wizardHost")
        self.host_layout = QHBoxLayout(self.wizard_host)
        self.host_layout.setContentsMargins(0, 0, 0, 0)
        self.host_layout.setSpacing(0)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.wizard_host)
        self.setCentralWidget(self.stack)
        # Made now, so the window is laid out with its status line from the first paint.
        self.statusBar().setObjectName("statusLine")

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.save_now)

        self._create_actions()
        self.retranslate_ui()
        self.apply_text_size(read_bool(self.settings, "large_text"))
        self._restore_geometry()
        self.start.set_examples(example_files)
        self.refresh_library_list()
        self._update_actions()

    # Menus -------------------------------------------------------------------------------

    def _create_actions(self) -> None:
        def action(name: str, slot: Any, keys: Any = None) -> QAction:
            act = QAction(self)
            act.setObjectName(name)
            if keys is not None:
                act.setShortcuts(keys if isinstance(keys, list) else [QKeySequence(keys)])
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action("action_new", self.new_charter, QKeySequence.StandardKey.New)
        self.open_action = action(
            "action_open", self.open_file_dialog, QKeySequence.StandardKey.Open
        )
        self.save_action = action(
            "action_save", self._on_save_action, QKeySequence.StandardKey.Save
        )
        self.save_as_action = action("action_save_as", self.save_as, "Ctrl+Shift+S")
        self.export_action = action("action_export", self.go_to_export, "Ctrl+E")
        self.drill_action = action("action_drill", self.run_drill, "Ctrl+Shift+D")
        self.close_action = action(
            "action_close", self.close_charter, QKeySequence.StandardKey.Close
        )
        self.quit_action = action("action_quit", self.close, "Ctrl+Q")
        self.large_text_action = action(
            "action_large_text", self._on_large_text_toggled, "Ctrl+Shift+L"
        )
        self.large_text_action.setCheckable(True)
        self.preview_action = action("action_preview", self._on_preview_toggled, "Ctrl+Shift+P")
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(read_bool(self.settings, "preview_visible", True))
        self.library_action = action("action_library", self.close_charter)
        self.help_action = action(
            "action_help", self.show_help, QKeySequence.StandardKey.HelpContents
        )
        self.about_action = action("action_about", self.show_about)
        self.workshop_setup_action = action(
            "action_workshop_setup", self.set_up_workshop, "Ctrl+Shift+W"
        )
        self.presenter_action = action("action_presenter", self.open_presenter, "F5")

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("menu_file")
        self.example_menu = QMenu(self)
        self.example_menu.setObjectName("menu_examples")
        self.example_menu.aboutToShow.connect(self._on_example_menu_about_to_show)
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("menu_recent")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addMenu(self.example_menu)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_action)
        self.file_menu.addAction(self.save_as_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.drill_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("menu_view")
        self.view_menu.addAction(self.library_action)
        self.view_menu.addAction(self.large_text_action)
        self.view_menu.addAction(self.preview_action)
        self.workshop_menu = bar.addMenu("")
        self.workshop_menu.setObjectName("menu_workshop")
        self.workshop_menu.addAction(self.workshop_setup_action)
        self.workshop_menu.addAction(self.presenter_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("menu_help")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.about_action)

    def retranslate_ui(self) -> None:
        """Every visible string of the window's own widgets."""
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.workshop_menu.setTitle(self.tr("&Workshop"))
        self.workshop_setup_action.setText(self.tr("&Set up the workshop…"))
        self.workshop_setup_action.setToolTip(
            self.tr("Date, place, attendees and the agenda with its timeboxes (Ctrl+Shift+W).")
        )
        self.presenter_action.setText(self.tr("&Presenter view"))
        self.presenter_action.setToolTip(
            self.tr("The workshop on the projector, one agenda item at a time (F5).")
        )
        self.new_action.setText(self.tr("&New charter"))
        self.open_action.setText(self.tr("&Open…"))
        self.example_menu.setTitle(self.tr("Open an &example"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.save_action.setText(self.tr("&Save"))
        self.save_action.setToolTip(self.tr("Everything is saved as you type; this saves at once."))
        self.save_as_action.setText(self.tr("Save &as file…"))
        self.export_action.setText(self.tr("&Export…"))
        self.drill_action.setText(self.tr("Run a &drill…"))
        self.drill_action.setToolTip(
            self.tr("Rehearse a fictitious AI incident against the charter (Ctrl+Shift+D).")
        )
        self.close_action.setText(self.tr("&Close charter"))
        self.quit_action.setText(self.tr("&Quit"))
        self.library_action.setText(self.tr("&Library"))
        self.large_text_action.setText(self.tr("&Larger text (for projectors)"))
        self.preview_action.setText(self.tr("Show the &preview"))
        self.preview_action.setToolTip(
            self.tr("Hide the preview to give the form the whole width (Ctrl+Shift+P).")
        )
        self.help_action.setText(self.tr("&Help for this step"))
        self.about_action.setText(self.tr("&About Charter Builder"))
        self.menu_letters = mnemonics.menu_bar_letters(self.menuBar())
        if self.wizard is None:
            mnemonics.assign(mnemonics.controls_in_layout_order(self.start), self.menu_letters)
        self._update_title()
        self._fill_steps()

    def _fill_steps(self) -> None:
        # wizards.steps needs the charter model, so the list waits for a charter to open.
        if self.wizard is None:
            return
        from PySide6.QtCore import Qt

        from wizards.steps import STEP_TITLES

        if self.steps is None:
            from PySide6.QtWidgets import QListWidget

            self.steps = QListWidget(self.wizard_host)
            self.steps.setObjectName("stepList")
            self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.steps.itemActivated.connect(self._on_steps_item_activated)
            self.steps.itemClicked.connect(self._on_steps_item_activated)
            self.steps.currentItemChanged.connect(self._on_steps_current_item_changed)
            self.host_layout.insertWidget(0, self.steps)
        self.wizard.tab_leader = self.steps
        self.wizard.arrange_tab_order()
        self.wizard.assign_mnemonics(self.menu_letters)
        self.steps.setAccessibleName(self.tr("Steps of the charter"))
        self.steps.clear()
        for step, title in STEP_TITLES.items():
            from PySide6.QtWidgets import QListWidgetItem

            item = QListWidgetItem(f"{int(step) + 1}. {self.tr(title)}", self.steps)
            item.setData(Qt.ItemDataRole.UserRole, int(step))
        self._fit_steps()

    def _fit_steps(self) -> None:
        if self.steps is None:
            return
        metrics = QFontMetrics(QApplication.font())
        texts = [self.steps.item(i).text() for i in range(self.steps.count())]
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=160)
        self.steps.setFixedWidth(widest + 48)

    def _update_title(self) -> None:
        name = ""
        if self.wizard is not None:
            from wizards.versions.status import charter_status

            charter = self.wizard.charter
            name = charter.organisation.name.strip() or self.tr("New charter")
            name = f"{name} ({charter_status(charter).short_label()})"
        title = self.tr("Charter Builder")
        if self._library is not None and self._library.read_only is not None:
            title = self.tr("Charter Builder (library read-only)")
        self.setWindowTitle(f"{name} — {title}" if name else title)

    def _update_actions(self) -> None:
        open_charter = self.wizard is not None
        for act in (self.save_action, self.save_as_action, self.export_action, self.close_action):
            act.setEnabled(open_charter)
        self.drill_action.setEnabled(open_charter)
        self.workshop_setup_action.setEnabled(open_charter)
        self.presenter_action.setEnabled(open_charter)
        self.library_action.setEnabled(open_charter)

    # First paint, library ----------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """After the first paint, load what the first screen did not need."""
        result = super().event(event)
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return result

    def _after_first_paint(self) -> None:
        self.first_painted.emit()
        from desktop import keyboard_guard

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        keyboard_guard.install(app)
        if os.environ.get("CHARTER_BUILDER_BENCH_EXIT"):
            return
        self.library  # noqa: B018 - opens the library, recovering a damaged one
        self.resume()

    def bring_forward(self) -> None:
        """Show the window in front (a second start of the program asked for it)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        QApplication.alert(self)

    @property
    def library(self) -> Library:
        """The library, opened (and if need be repaired) on first use."""
        if self._library is None:
            from wizards.library import Library

            self._library = Library(library_path(self.home))
            self.start.set_library_notice(self._library.read_only)
            self._update_title()
            if self._library.read_only is not None:
                self.prompter.warning(
                    self,
                    self.tr("Library open read-only"),
                    self.tr(
                        "{reason}\n\nYou can open, read and export charters; changes are not "
                        "saved to the library until it can be written again. Use File > Save as "
                        "file to keep a copy of your work."
                    ).format(reason=self._library.read_only),
                )
            if self._library.recovered_from is not None:
                self.prompter.warning(
                    self,
                    self.tr("Library repaired"),
                    self.tr(
                        "The library file could not be read, so a fresh library was started. "
                        "The damaged file was kept as {path}; nothing was deleted."
                    ).format(path=self._library.recovered_from),
                )
            self.refresh_library_list()
            self.library_ready.emit()
        return self._library

    def reopen_library(self) -> None:
        """Open the library again, for changes if it can now be written (Try again)."""
        if self.wizard is not None:
            return
        if self._library is not None:
            self._library.close()
            self._library = None
        self.library  # noqa: B018 - opens it, saying again why if it is still read-only
        if self._library is not None and self._library.read_only is None:
            self.statusBar().showMessage(self.tr("The library is open for changes again."))

    def refresh_library_list(self, select: str | None = None) -> None:
        """Show the library's charters matching the search."""
        search = self.start.search.text()
        try:
            if self._library is not None:
                rows = self._library.charters(search)
                first_time = not rows and not search and not self._library.charters()
            else:
                rows = read_summaries(library_path(self.home), search)
                first_time = not rows and not search
        except LibraryError:
            rows, first_time = [], True
        self.start.set_summaries(rows, first_time=first_time, select=select)

    def _on_start_search_changed(self, _text: str) -> None:
        self.refresh_library_list()

    def resume(self) -> None:
        """Re-open the charter that was open when the program last stopped, on the same step."""
        try:
            charter_id = self.library.open_charter()
        except LibraryError as error:
            self.prompter.warning(self, self.tr("Cannot return to the last charter"), str(error))
            return
        if charter_id is None or self.wizard is not None:
            return
        self.open_from_library(charter_id)

    # Opening charters --------------------------------------------------------------------

    def open_charter(self, charter: Charter, step: int = 0, *, event: str | None = None) -> None:
        """Show ``charter`` in a new wizard run at ``step``, saving it in the library."""
        from desktop.pages.export import ExportPage
        from desktop.wizard import CharterWizard
        from wizards.steps import Step

        self.close_charter(remember=False)
        if event is not None:
            try:
                self.library.save(charter, step, event=event)
            except LibraryError as error:
                self.prompter.warning(self, self.tr("Not saved"), str(error))
        wizard = CharterWizard(
            charter,
            self.prompter,
            approver=self._approve,
            exported=self._on_wizard_exported,
            last_approved=lambda: self._last_approved(charter.meta.id),
            parent=self.wizard_host,
        )
        self.wizard = wizard
        self.host_layout.addWidget(wizard, 1)
        wizard.charter_changed.connect(self._on_wizard_charter_changed)
        wizard.step_changed.connect(self._on_wizard_step_changed)
        wizard.close_requested.connect(self.close_charter)
        self._fill_steps()
        self._prepare_pages()
        export_page = wizard.pages[Step.EXPORT]
        assert isinstance(export_page, ExportPage)
        folder = Path(str(self.settings.value("export_folder", "")))
        if str(folder) not in ("", ".") and folder.is_dir():
            export_page.set_folder(folder)
        export_page.set_branding(load_branding(self.settings))
        export_page.use_settings(self.settings)
        self.stack.setCurrentWidget(self.wizard_host)
        mnemonics.clear(mnemonics.controls_in_layout_order(self.start))
        wizard.restart()
        wizard.go_to_step(Step(max(0, min(step, int(Step.EXPORT)))))
        self._on_wizard_step_changed(wizard.currentId())
        self._remember_open(charter.meta.id)
        self._update_actions()
        self._update_title()
        page = wizard.current_page()
        first = page.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first, QLineEdit):
                first.end(False)  # as after Next: typing adds to the answer
        # The page opens at its top; the window's layout is not final until the events queued
        # by showing it have run, so this runs after them.
        bar = page.form_scroll.verticalScrollBar()
        QTimer.singleShot(0, lambda: bar.setValue(0))

    def _remember_open(self, charter_id: str | None) -> None:
        """Note the open charter for the next start; a library fault only costs that note."""
        try:
            self.library.set_open_charter(charter_id)
        except LibraryError as error:
            self.statusBar().showMessage(str(error))

    def _log(self, kind: str, charter_id: str | None, detail: str = "") -> None:
        """Add to the event log; a library fault only costs the entry, and is shown."""
        if self._library is None:
            return
        try:
            self._library.log(kind, charter_id, detail)
        except LibraryError as error:
            self.statusBar().showMessage(str(error))

    def open_from_library(self, charter_id: str) -> None:
        """Open a charter of the library where the user left it."""
        try:
            draft = self.library.load(charter_id)
        except LibraryError as error:
            self.prompter.warning(self, self.tr("Cannot open the charter"), str(error))
            return
        self.open_charter(draft.charter, draft.step)

    def new_charter(self) -> None:
        """Start a new, empty charter."""
        from wizards.model import Charter

        self.open_charter(Charter(), 0, event="created")

    def _on_start_example_requested(self, path: str) -> None:
        self.open_example(Path(path))

    def open_example(self, path: Path) -> None:
        """Open a shipped example as a new charter of the library."""
        from wizards.answers import AnswersError, load

        try:
            charter = load(path)
        except AnswersError as error:
            self._show_answers_error(error)
            return
        charter.meta.id = uuid.uuid4().hex
        self.open_charter(charter, 0, event="example")

    def open_file_dialog(self) -> None:
        """Ask for an answers file and open it."""
        folder = self.settings.value("last_folder", str(Path.home()))
        path = self.prompter.open_file(
            self, self.tr("Open a charter file"), Path(str(folder)), self.tr(ANSWERS_FILTER)
        )
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> bool:
        """Open an answers file; a broken file is reported and nothing changes."""
        from wizards.answers import AnswersError, load

        try:
            charter = load(path)
        except AnswersError as error:
            self._show_answers_error(error)
            return False
        self.settings.setValue("last_folder", str(path.parent))
        add_recent_file(self.settings, path)
        if charter.meta.id in self.library:
            replace = self.prompter.question(
                self,
                self.tr("Already in the library"),
                self.tr(
                    "The library already holds this charter ({name}). Replace the library's "
                    "version with the file?\n\nChoose No to keep both: the file opens as a copy."
                ).format(name=charter.organisation.name or charter.meta.title),
            )
            if not replace:
                charter.meta.id = uuid.uuid4().hex
        self.open_charter(charter, 0, event="opened-file")
        self._log("opened-file", charter.meta.id, str(path))
        return True

    def _show_answers_error(self, error: Exception) -> None:
        """Say what is wrong with a file in words; the JSON path follows, small, for editors."""
        from html import escape

        from PySide6.QtCore import QCoreApplication

        from wizards.answers import AnswersError
        from wizards.field_names import fill, problem_words

        if isinstance(error, AnswersError):
            items = []
            for problem in error.problems[:12]:
                template, params = problem_words(problem)
                words = fill(QCoreApplication.translate("AnswersProblems", template), params)
                items.append(
                    f"<li>{escape(words, quote=False)}<br>"
                    f"<small style='color:#4a5568'>{escape(problem.path, quote=False)}</small></li>"
                )
            more = len(error.problems) - len(items)
            # Starts with a tag, so the message box shows it as rich text.
            text = "<p>" + escape(
                self.tr("{file} cannot be opened:").format(file=error.file.name), quote=False
            )
            text += "</p><ul>" + "".join(items) + "</ul>"
            if more > 0:
                text += "<p>" + escape(self.tr("…and {n} more.").format(n=more)) + "</p>"
        else:
            text = "<p>" + escape(str(error), quote=False) + "</p>"
        text += "<p>" + escape(self.tr("Nothing was changed."), quote=False) + "</p>"
        self.prompter.warning(self, self.tr("Cannot open the file"), text)

    def close_charter(self, *, remember: bool = False, save: bool = True) -> None:
        """Save (unless ``save`` is False) and close the open charter; back to the library."""
        if self.wizard is None:
            return
        wizard = self.wizard
        wizard.current_page().store()
        if save and not self.save_now() and not self._keep_unsaved():
            return
        charter_id = wizard.charter.meta.id
        self.wizard = None
        if not remember and self._library is not None:
            self._remember_open(None)
        self.host_layout.removeWidget(wizard)
        wizard.hide()
        wizard.deleteLater()
        self.stack.setCurrentWidget(self.start)
        mnemonics.assign(mnemonics.controls_in_layout_order(self.start), self.menu_letters)
        self.statusBar().clearMessage()
        self.refresh_library_list(select=charter_id)
        self._update_actions()
        self._update_title()
        self.start.table.setFocus()

    # Library actions ---------------------------------------------------------------------

    def duplicate_charter(self, charter_id: str) -> None:
        """Copy a charter in the library."""
        try:
            copy = self.library.duplicate(charter_id)
        except LibraryError as error:
            self.prompter.warning(self, self.tr("Cannot duplicate"), str(error))
            return
        self.refresh_library_list(select=copy.meta.id)

    def delete_charter(self, charter_id: str) -> None:
        """Delete a charter after the user confirms."""
        try:
            summary = self.library.summary(charter_id)
        except LibraryError as error:
            self.prompter.warning(self, self.tr("Cannot delete"), str(error))
            return
        if summary is None:
            return
        if not self.prompter.question(
            self,
            self.tr("Delete the charter?"),
            self.tr(
                "Delete '{title}' for {organisation}? Its approved versions and sign-offs are "
                "deleted too. This cannot be undone; save it as a file first to keep a copy."
            ).format(
                title=summary.title, organisation=summary.organisation or self.tr("(no name)")
            ),
        ):
            return
        try:
            self.library.delete(charter_id)
        except LibraryError as error:
            self.prompter.warning(self, self.tr("Cannot delete"), str(error))
        self.refresh_library_list()

    # Autosave ----------------------------------------------------------------------------

    def _on_wizard_charter_changed(self) -> None:
        # Not restarted by further typing, so a save follows every edit within AUTOSAVE_MS.
        if not self.autosave_timer.isActive():
            self.autosave_timer.start()
        self._update_title()

    def _on_wizard_step_changed(self, step: int) -> None:
        self._select_step(step)
        self._fit_pages()
        self.save_now()

    def save_now(self) -> bool:
        """Save the open charter and its step to the library at once."""
        self.autosave_timer.stop()
        if self.wizard is None:
            return True
        if self.library.read_only and self.library.is_saved(self.wizard.charter):
            return True  # only read: nothing to save, nothing to warn about
        try:
            self.library.save(self.wizard.charter, int(self.wizard.current_step()))
        except LibraryConflictError as conflict:
            return self._resolve_conflict(conflict)
        except LibraryError as error:
            self.statusBar().showMessage(self.tr("Not saved: {error}").format(error=error))
            if not self._save_error_shown:
                self._save_error_shown = True
                self.prompter.warning(
                    self,
                    self.tr("Not saved"),
                    self.tr(
                        "Your changes could not be saved to the library: {error}\n\nThe "
                        "program keeps trying; use File > Save as file to keep a copy."
                    ).format(error=error),
                )
            self.autosave_timer.start()
            return False
        self._save_error_shown = False
        from datetime import datetime

        self.last_saved = datetime.now().strftime("%H:%M:%S")
        self.statusBar().showMessage(self.tr("Saved at {time}").format(time=self.last_saved))
        return True

    def _keep_unsaved(self) -> bool:
        """The library could not take the changes: offer a file before they go.

        Returns:
            True when closing may go on (saved as a file, or the user lets the changes go).
        """
        if self.prompter.question(
            self,
            self.tr("Changes not saved"),
            self.tr(
                "Your latest changes are not in the library, which cannot be written now. "
                "Save the charter as a file before closing it?\n\nChoose No to close "
                "without them."
            ),
            default_yes=True,
        ):
            return self.save_as() is not None
        return True

    def _resolve_conflict(self, conflict: LibraryConflictError) -> bool:
        """Another program saved the open charter: the user chooses; nothing goes silently."""
        assert self.wizard is not None
        charter = self.wizard.charter
        step = int(self.wizard.current_step())
        choice = self.prompter.choose(
            self,
            self.tr("Changed by another program"),
            self.tr(
                "{problem}\n\nSave yours as a copy: both versions are kept in the library, "
                "yours under a new entry.\nKeep yours: your version replaces the other one.\n"
                "Open the other version: your changes since it was saved are dropped."
            ).format(problem=conflict),
            [
                self.tr("Save mine as a &copy"),
                self.tr("&Keep mine"),
                self.tr("&Open the other version"),
            ],
            0,
        )
        try:
            if choice == 1:
                self.library.save(charter, step, force=True, event="kept-over-conflict")
                return True
            if choice == 2:
                self.close_charter(remember=True, save=False)
                self.open_from_library(conflict.charter_id)
                return True
            copy = charter.model_copy(deep=True)
            copy.meta.id = uuid.uuid4().hex
            copy.meta.title = self.tr("{title} (my version)").format(title=charter.meta.title)
            self.library.save(copy, step, event="saved-copy-over-conflict")
            self.close_charter(remember=True, save=False)
            self.open_from_library(copy.meta.id)
            return True
        except LibraryError as error:
            self.prompter.warning(self, self.tr("Not saved"), str(error))
            return False

    def _on_save_action(self) -> None:
        self.save_now()

    def _last_approved(self, charter_id: str) -> Charter | None:
        """The charter as last approved in the library, or None (never, or unreadable)."""
        try:
            return self.library.last_approved_charter(charter_id)
        except LibraryError:
            return None

    def _approve(self, charter: Charter) -> str:
        """Record the approval (refused with reasons when it cannot be) and keep the snapshot.

        Raises:
            ApprovalRefusedError: Why the charter cannot be approved yet.
            LibraryError: When the approved version cannot be stored; nothing is recorded.
        """
        from wizards.versions.approval import approve
        from wizards.versions.status import long_date

        previous = self._last_approved(charter.meta.id)
        record = approve(charter, previous)
        try:
            stored = self.library.approve(
                charter, int(self.wizard.current_step()) if self.wizard else None
            )
        except LibraryError:
            charter.history.pop()
            raise
        self._update_title()
        return self.tr(
            "Approved as version {version} by the {body} on {date}, with {n} signatory(ies). "
            "The approval holds as long as the content does: any change makes a draft again."
        ).format(
            version=stored.version,
            body=record.body,
            date=long_date(record.approved_on),
            n=len(stored.sign_offs),
        )

    def _on_wizard_exported(self, files: list[str]) -> None:
        from desktop.pages.export import ExportPage
        from wizards.steps import Step

        if self.wizard is not None and self._library is not None:
            self._log("exported", self.wizard.charter.meta.id, "\n".join(files))
            self.settings.setValue("export_folder", str(Path(files[0]).parent) if files else "")
            export_page = self.wizard.pages[Step.EXPORT]
            assert isinstance(export_page, ExportPage)
            save_branding(self.settings, export_page.branding())

    # File actions ------------------------------------------------------------------------

    def save_as(self) -> Path | None:
        """Save the open charter as a portable ``.charter.json`` file."""
        if self.wizard is None:
            return None
        from wizards.answers import SUFFIX, save
        from wizards.build import slug

        charter = self.wizard.charter
        self.wizard.current_page().store()
        folder = Path(str(self.settings.value("last_folder", str(Path.home()))))
        suggested = folder / f"{slug(charter.organisation.name, 'charter')}{SUFFIX}"
        path = self.prompter.save_file(
            self, self.tr("Save the charter as a file"), suggested, self.tr(ANSWERS_FILTER)
        )
        if path is None:
            return None
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + SUFFIX)
        try:
            save(charter, path)
        except OSError as error:
            self.prompter.warning(
                self,
                self.tr("Not saved"),
                self.tr(
                    "{path} could not be written: {reason}. Nothing was lost; choose "
                    "another place and try again."
                ).format(path=path, reason=error.strerror or error),
            )
            return None
        self.settings.setValue("last_folder", str(path.parent))
        add_recent_file(self.settings, path)
        self._log("saved-as", charter.meta.id, str(path))
        self.statusBar().showMessage(self.tr("Saved as {path}").format(path=path))
        return path

    def go_to_export(self) -> None:
        """Go to the export step (through the steps, which must be complete)."""
        if self.wizard is not None:
            from wizards.steps import Step

            self.wizard.go_to_step(Step.EXPORT)

    def run_drill(self) -> None:
        """Open the drill screen on the open charter, as the review step's button does."""
        if self.wizard is None:
            return
        from desktop.pages.review import ReviewPage
        from wizards.steps import Step

        review = self.wizard.pages[Step.REVIEW]
        if isinstance(review, ReviewPage):
            review.run_drill()

    def set_up_workshop(self, focus: str | None = None) -> Any:
        """Open the workshop's set-up on the open charter; every edit is saved as it is made.

        ``focus`` is a model path under ``workshops`` (a finding's field): the cursor goes there.
        """
        if self.wizard is None:
            return None
        from desktop.workshop_setup import WorkshopSetupDialog

        wizard = self.wizard
        wizard.current_page().store()
        dialog = WorkshopSetupDialog(
            wizard.charter, taken_letters=set(self.menu_letters), parent=self
        )
        dialog.changed.connect(wizard.charter_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._after_workshop_screen(dialog, QApplication.focusWidget())
        dialog.resize(self.size() * 0.9)
        dialog.open()
        if focus:
            # Again once the dialog is active: activation gives the focus to its first field.
            dialog.focus_path(focus)
            QTimer.singleShot(0, lambda: dialog.focus_path(focus))
        return dialog

    def _after_workshop_screen(self, dialog: Any, before: QWidget | None) -> None:
        """When a workshop screen closes: save, and the cursor goes back to ``before``."""

        def give_back() -> None:
            self.activateWindow()
            try:
                if before is not None and before.isVisible() and before.isEnabled():
                    before.setFocus(Qt.FocusReason.OtherFocusReason)
                    return
            except RuntimeError:  # the widget is gone
                pass
            if self.wizard is not None:
                first = self.wizard.current_page().first_field()
                if first is not None:
                    first.setFocus(Qt.FocusReason.OtherFocusReason)

        dialog.finished.connect(lambda _result: self.save_now())
        # After the dialog has gone: Qt activates the window below only once it is hidden.
        dialog.finished.connect(lambda _result: QTimer.singleShot(0, give_back))

    def open_presenter(self) -> Any:
        """Open the presenter view (F5) on the open charter's current workshop."""
        if self.wizard is None:
            return None
        from desktop.presenter import run_presenter

        wizard = self.wizard
        wizard.current_page().store()
        before = QApplication.focusWidget()
        dialog = run_presenter(wizard, self, changed=wizard.charter_changed.emit)
        self._after_workshop_screen(dialog, before)
        return dialog

    def _on_example_menu_about_to_show(self) -> None:
        self.example_menu.clear()
        for label, path in example_files():
            act = self.example_menu.addAction(label)
            act.triggered.connect(lambda _c=False, p=path: self.open_example(Path(p)))

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        files = recent_files(self.settings)
        if not files:
            act = self.recent_menu.addAction(self.tr("No recent files"))
            act.setEnabled(False)
        for path in files:
            act = self.recent_menu.addAction(str(path))
            act.triggered.connect(lambda _c=False, p=path: self.open_file(p))

    # Steps sidebar -----------------------------------------------------------------------

    def _select_step(self, step: int) -> None:
        if self.steps is None:
            return
        from PySide6.QtCore import Qt

        for row in range(self.steps.count()):
            item = self.steps.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == step:
                self.steps.blockSignals(True)
                self.steps.setCurrentRow(row)
                self.steps.blockSignals(False)

    def _on_steps_current_item_changed(self, item: Any, _previous: Any) -> None:
        # Arrows in the list show the step they land on, as the highlight says.
        if item is not None and self.steps is not None and self.steps.hasFocus():
            self._on_steps_item_activated(item)

    def _on_steps_item_activated(self, item: Any) -> None:
        if self.wizard is None:
            return
        from PySide6.QtCore import Qt

        from wizards.steps import Step

        self.wizard.stepping_from_leader = self.steps is not None and self.steps.hasFocus()
        self.wizard.go_to_step(Step(int(item.data(Qt.ItemDataRole.UserRole))))
        self.wizard.stepping_from_leader = False
        self._select_step(self.wizard.currentId())

    # View and help -----------------------------------------------------------------------

    def _prepare_pages(self) -> None:
        """What the window decides for every page: the preview shown or not, words kept whole."""
        if self.wizard is None:
            return
        from PySide6.QtGui import QTextOption

        visible = self.preview_action.isChecked()
        for page in self.wizard.pages.values():
            # QTextEdit breaks a word anywhere when a table column is narrower than the word
            # ("Lev el", "SEV -1"); at word boundaries only, a column is never narrower than
            # its longest word.
            page.preview.setWordWrapMode(QTextOption.WrapMode.WordWrap)
            page.set_preview_visible(visible)
        self._fit_pages()

    def _fit_pages(self) -> None:
        """Give each form the width its widest row needs, so it never scrolls sideways."""
        if self.wizard is None:
            return
        for page in self.wizard.pages.values():
            bar = page.form_scroll.verticalScrollBar().sizeHint().width()
            needed = page.content.minimumSizeHint().width() + bar + 2
            page.form_scroll.setMinimumWidth(max(420, needed))

    def _on_preview_toggled(self, checked: bool) -> None:
        self.settings.setValue("preview_visible", checked)
        if self.wizard is not None:
            for page in self.wizard.pages.values():
                page.set_preview_visible(checked)

    def _on_large_text_toggled(self, checked: bool) -> None:
        self.apply_text_size(checked)
        self.settings.setValue("large_text", checked)

    def _set_application_font(self, large: bool) -> bool:
        """Set the application's font and style sheet; returns True when the size changed."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        font = app.font()
        size = self._base_pt if self._base_pt > 0 else 10.0
        if large:
            size *= LARGE_TEXT_FACTOR
        if font.pointSizeF() == size and app.styleSheet():
            return False
        font.setPointSizeF(size)
        app.setFont(font)
        app.setStyleSheet(style_sheet(size))
        return True

    def apply_text_size(self, large: bool) -> None:
        """Switch between normal and larger text (for projectors); the cursor stays put."""
        with focus_kept():
            self._set_application_font(large)
        self.large_text_action.setChecked(large)
        self._fit_steps()
        # The pages' fonts change in the events that setFont posts; measure after them.
        QTimer.singleShot(0, self._fit_pages)

    def show_help(self) -> None:
        """Help for the step on screen, or for the start screen."""
        if self.wizard is not None:
            self.wizard.show_help()
            return
        self.prompter.information(
            self,
            self.tr("Help: getting started"),
            self.tr(
                "Choose New charter to start; the wizard asks one decision per screen and saves "
                "as you type. Open an example to see a finished charter. Your charters are "
                "listed here: search by organisation, open one with Enter, duplicate it to "
                "reuse earlier answers.\n\nKeys: Ctrl+N new, Ctrl+O open, F1 help, "
                "Ctrl+Shift+L larger text."
            ),
        )

    def show_about(self) -> None:
        """The About box, with the version."""
        self.prompter.about(
            self,
            self.tr("About Charter Builder"),
            self.tr(
                "Charter Builder {version}\n\nGuides a leadership team to a signed AI "
                "governance charter and a board reporting calendar in Word. Works offline; "
                "your charters stay on this computer in {folder}."
            ).format(version=__version__, folder=self.home),
        )

    # Window state ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self.settings.value("window/rect")
        rect = saved if isinstance(saved, QRect) and saved.isValid() else None
        self._saved_rect = rect
        self._place(rect, ESTIMATED_FRAME)
        if read_bool(self.settings, "window/maximized"):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _place(self, saved: QRect | None, frame: QMargins) -> None:
        """Put the window on the screen it opens on, frame and status line included."""
        screen = None
        if saved is not None:
            screen = QGuiApplication.screenAt(saved.center())
        screen = screen or self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(saved.size() if saved is not None else DEFAULT_SIZE)
            return
        self.setGeometry(fit_window_rect(saved, screen.availableGeometry(), frame))

    def _frame_margins(self) -> QMargins:
        frame, inner = self.frameGeometry(), self.geometry()
        return QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Once the real frame is known, move the window in if the estimate was wrong."""
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            QTimer.singleShot(0, self._fit_to_screen)

    def _fit_to_screen(self) -> None:
        if self.isMaximized() or self.isFullScreen():
            return
        margins = self._frame_margins()
        if margins.isNull():  # the window manager has not framed the window yet
            self._fit_tries += 1
            if self._fit_tries < 20:
                QTimer.singleShot(50, self._fit_to_screen)
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        # With the real frame, the last session's place is kept exactly when it fits.
        target = fit_window_rect(self._saved_rect, screen.availableGeometry(), margins)
        if target != self.geometry():
            self.setGeometry(target)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save everything; the open charter is re-opened on the next start."""
        if self.wizard is not None:
            self.wizard.current_page().store()
            if not self.save_now() and not self._keep_unsaved():
                event.ignore()
                return
        self.settings.setValue("window/maximized", self.isMaximized())
        if not (self.isMaximized() or self.isFullScreen()):
            self.settings.setValue("window/rect", self.geometry())
        self.settings.sync()
        if self._library is not None:
            self._library.close()
            self._library = None
        event.accept()
