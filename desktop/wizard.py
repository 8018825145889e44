"""The wizard shell: owns the one charter model of a wizard run and the pages that edit it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget, QWizard

from desktop import mnemonics
from desktop.pages.base import StepPage
from desktop.prompter import Prompter
from desktop.tab_order import chain
from wizards.model import Charter
from wizards.steps import Step, next_step


class CharterWizard(QWizard):
    """One page per step; the order comes from ``wizards.steps.next_step``.

    The wizard is embedded in the main window. It owns ``charter``, the only model of this run;
    pages read and write it and never keep answers of their own.
    """

    charter_changed = Signal()
    step_changed = Signal(int)
    close_requested = Signal()

    def __init__(
        self,
        charter: Charter,
        prompter: Prompter,
        *,
        approver: Callable[[Charter], str] | None = None,
        exported: Callable[[list[str]], None] | None = None,
        last_approved: Callable[[], Charter | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("charterWizard")
        self.setWindowFlags(Qt.WindowType.Widget)
        self.charter = charter
        self.prompter = prompter
        self.approver = approver
        self.exported = exported
        self.last_approved = last_approved
        """The charter as last approved (from the library), for the changes since it."""
        self.tab_leader: QWidget | None = None
        """A widget outside the wizard that Tab reaches just before the page (the step list)."""
        self.stepping_from_leader = False
        """Set by the step list before it changes the step, so the focus stays in the list."""
        self._menu_letters: set[str] = set()
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveHelpButton, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HelpButtonOnRight, False)

        from desktop.pages.board import BoardPage
        from desktop.pages.ethics import EthicsPage
        from desktop.pages.executive import ExecutivePage
        from desktop.pages.export import ExportPage
        from desktop.pages.incidents import IncidentsPage
        from desktop.pages.organisation import OrganisationPage
        from desktop.pages.review import ReviewPage
        from desktop.pages.risk import RiskPage

        self.pages: dict[Step, StepPage] = {}
        for page_class in (
            OrganisationPage,
            ExecutivePage,
            RiskPage,
            EthicsPage,
            IncidentsPage,
            BoardPage,
            ReviewPage,
            ExportPage,
        ):
            page = page_class(self)
            self.setPage(int(page.step), page)
            page.changed.connect(self.charter_changed)
            self.pages[page.step] = page
        self.setStartId(int(Step.ORGANISATION))
        self.helpRequested.connect(self._on_self_help_requested)
        self.currentIdChanged.connect(self._on_self_current_id_changed)
        for which, name in (
            (QWizard.WizardButton.BackButton, "backButton"),
            (QWizard.WizardButton.NextButton, "nextButton"),
            (QWizard.WizardButton.FinishButton, "finishButton"),
            (QWizard.WizardButton.HelpButton, "helpButton"),
        ):
            self.button(which).setObjectName(name)
        self.retranslate_ui()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)

    def retranslate_ui(self) -> None:
        """Button texts that say what they do.

        Back, Next, Done and Help are Qt's own wizard strings, looked up in Qt's context
        "QWizard", so the qtbase catalogue that PySide6 ships translates them in every language
        it covers.
        """
        qt = QCoreApplication.translate
        self.setButtonText(QWizard.WizardButton.BackButton, qt("QWizard", "< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, qt("QWizard", "&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, "&" + qt("QWizard", "Done"))
        help_text = qt("QWizard", "&Help").replace("&", "")  # Alt+H belongs to the Help menu
        self.setButtonText(QWizard.WizardButton.HelpButton, f"{help_text} (F1)")
        self.button(QWizard.WizardButton.FinishButton).setToolTip(
            self.tr("Close this charter and go back to the library; everything is saved.")
        )
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.HelpButton,
        ):
            button = self.button(which)
            button.setAccessibleName(button.text().replace("&", "").strip("<> "))

    # Flow --------------------------------------------------------------------------------

    def nextId(self) -> int:
        """The next page, decided by the domain's ``next_step``."""
        current = self.currentId()
        if current < 0:
            return int(Step.ORGANISATION)
        following = next_step(Step(current), self.charter)
        return -1 if following is None else int(following)

    def update_buttons(self) -> None:
        """Enable Next and Done from the current page's completeness, leaving the focus alone.

        This replaces the page's ``completeChanged`` signal. QWizard answers that signal by
        hiding and re-showing the container of the pages (its guard against flicker); hiding it
        takes the keyboard focus out of the field being typed in and hands it to the next widget
        outside the wizard, so a person typing a name got one letter into the field. Moving to
        another page still goes through QWizard's own update, where a focus change is expected.
        """
        page = self.currentPage()
        if page is None:
            return
        complete = page.isComplete()
        self.button(QWizard.WizardButton.NextButton).setEnabled(complete and self.nextId() != -1)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(complete and page.isFinalPage())

    def current_step(self) -> Step:
        """The step on screen."""
        return Step(max(self.currentId(), 0))

    def current_page(self) -> StepPage:
        """The page on screen."""
        return self.pages[self.current_step()]

    def go_to_step(self, step: Step, field: str | None = None) -> bool:
        """Go back or forward to ``step`` (forward only through valid steps), then to ``field``.

        Returns True when the step was reached; otherwise the wizard stops at the first step whose
        answers need attention, with the problems shown.
        """
        if self.currentId() < 0:
            self.restart()
        while self.currentId() > int(step):
            before = self.currentId()
            self.back()
            if self.currentId() == before:
                break
        while self.currentId() < int(step):
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break
        reached = self.currentId() == int(step)
        if reached and field:
            self.current_page().focus_field(field)
        return reached

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter is offered to the page first (the export field exports); otherwise Next."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        focus = QApplication.focusWidget()
        if enter and self.currentId() >= 0 and self.current_page().return_pressed(focus):
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        """Finishing on the last page closes the charter; the window stays."""
        self.current_page().store()
        self.close_requested.emit()

    def reject(self) -> None:
        """Escape does not throw the wizard away."""

    # Model -------------------------------------------------------------------------------

    def replace_contents(self, other: Charter) -> None:
        """Copy ``other``'s answers into this run's charter (the object stays the same)."""
        for name in type(self.charter).model_fields:
            setattr(self.charter, name, getattr(other, name))
        page = self.current_page()
        page.load()
        page.refresh_preview()
        page.update_status()
        self.charter_changed.emit()

    def apply_defaults(self, *, every_step: bool = False) -> None:
        """Fill the empty answers of this step (or of every step) with the suggested defaults
        for this organisation, and say what was filled."""
        try:
            from wizards.presets import fill_defaults
        except ImportError as error:  # pragma: no cover - the presets ship with the program
            self.prompter.warning(self, self.tr("Defaults"), str(error))
            return
        from desktop.defaults_report import filled_text

        self.current_page().store()
        steps = None if every_step else [self.current_step()]
        try:
            result = fill_defaults(self.charter, steps)
        except Exception as error:
            self.prompter.warning(
                self,
                self.tr("Defaults not available"),
                self.tr("The suggested defaults could not be loaded: {error}").format(error=error),
            )
            return
        if result.filled:
            self.replace_contents(result.charter)
            if every_step:
                # Pages already visited keep their widgets when the user goes back to them;
                # they show the defaults now, or storing them would put back the blanks.
                for page in self.pages.values():
                    if page is not self.current_page():
                        page.load()
        self.current_page().show_notice(filled_text(result.filled, every_step=every_step))

    # Slots -------------------------------------------------------------------------------

    def _on_self_help_requested(self) -> None:
        self.show_help()

    def show_help(self) -> None:
        """Show the help for the step on screen."""
        page = self.current_page()
        self.prompter.information(
            self, self.tr("Help: {step}").format(step=page.title()), page.help_text()
        )

    def _on_self_current_id_changed(self, page_id: int) -> None:
        if page_id >= 0:
            self.arrange_tab_order()
            self.assign_mnemonics()
            self.step_changed.emit(page_id)
            from_leader = self.stepping_from_leader  # read now: the list resets it after
            QTimer.singleShot(0, lambda: self._focus_new_page(from_leader))

    def _focus_new_page(self, from_leader: bool) -> None:
        """After Next or Back the cursor waits in the page's first field, as it does on the
        first page; a step chosen in the step list leaves the focus there, so the arrows go on
        moving through the list."""
        if self.currentId() < 0:
            return
        if from_leader:
            if self.tab_leader is not None:
                self.tab_leader.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        focus = QApplication.focusWidget()
        page = self.current_page()
        if focus is not None and page.content.isAncestorOf(focus):
            return  # "go to the answer" has put the cursor in a field already
        first = page.first_field()
        if first is not None:
            page.form_scroll.verticalScrollBar().setValue(0)  # a new page is read from the top
            # Not Tab's reason: that selects the whole answer, and one stray key replaced it.
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first, QLineEdit):
                first.end(False)

    def arrange_tab_order(self) -> None:
        """Tab goes: the step list, the page's fields top to bottom, the preview, then Help,
        Back, Next and Done. The buttons keep their places whether enabled or not."""
        if self.currentId() < 0:
            return
        buttons = [
            self.button(which)
            for which in (
                QWizard.WizardButton.HelpButton,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
            )
        ]
        chain([self.tab_leader, *self.current_page().tab_chain(), *buttons])

    def assign_mnemonics(self, taken: set[str] | None = None) -> None:
        """Unique Alt-letters on the page in view: the menu bar's (``taken``) first, then Back,
        Next and Done, then the page's labels and buttons in the order they are seen. The other
        pages lose theirs, since Qt would let their hidden controls answer the keys."""
        if taken is not None:
            self._menu_letters = set(taken)
        buttons = [
            self.button(QWizard.WizardButton.BackButton),
            self.button(QWizard.WizardButton.NextButton),
            self.button(QWizard.WizardButton.FinishButton),
        ]
        letters = mnemonics.assign(buttons, self._menu_letters)
        current = self.currentId()
        for step, page in self.pages.items():
            controls = mnemonics.controls_in_layout_order(page.content)
            if int(step) == current:
                mnemonics.assign(controls, letters)
            else:
                mnemonics.clear(controls)

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.currentId() >= 0 and self.isAncestorOf(new):
            self.current_page().reveal(new)
