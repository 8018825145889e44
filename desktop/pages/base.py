"""What every step page shares: the form beside a live preview, validation shown at the fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.forms import FieldForm, FieldSpec, RecordListWidget, group_findings, object_name
from desktop.rich_text import PREVIEW_CSS, with_column_widths
from desktop.tab_order import widgets_in_layout_order
from wizards.steps import MESSAGES, Finding, Step, validate_step

if TYPE_CHECKING:
    from desktop.wizard import CharterWizard
    from wizards.model import Charter

PREVIEW_DELAY_MS = 150
"""Pause in typing after which the preview is refreshed."""

BLOCKING_CODES = frozenset({"required", "empty_list"})
"""Findings that keep Next disabled; the rest are shown when the user presses Next."""


def finding_text(finding: Finding) -> str:
    """The message of a validation finding in the user's language."""
    template = MESSAGES.get(finding.code)
    if template is None:
        return finding.message
    try:
        return QCoreApplication.translate("Findings", template).format(**finding.params)
    except (KeyError, IndexError):
        return finding.message


class PreviewWidget(QTextBrowser):
    """Read-only rendering of a section of the charter, kept at its scroll position on refresh."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.document().setDefaultStyleSheet(PREVIEW_CSS)
        self.document().setDocumentMargin(14)
        self._html = ""

    def show_html(self, html: str) -> None:
        """Replace the content unless it is unchanged; keeps the reader's place."""
        if html == self._html:
            return
        self._html = html
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(with_column_widths(html))
        bar.setValue(min(position, bar.maximum()))


class StepPage(QWizardPage):
    """A wizard page for one step: an explanation, the fields, and the live preview.

    Life cycle: ``initializePage`` loads the model into the widgets; every edit writes back into
    the model at once (so autosave and the preview see it); ``isComplete`` checks only that
    nothing required is missing; ``validatePage`` runs the step's validation and shows each
    finding next to its field.
    """

    step: Step
    changed = Signal()

    def __init__(self, shell: CharterWizard) -> None:
        super().__init__()
        self.shell = shell
        self.setObjectName(f"page_{self.step.name.lower()}")
        self.forms: list[FieldForm] = []
        self.lists: dict[str, RecordListWidget] = {}
        self.sections: dict[str, QGroupBox] = {}
        self.attempted = False
        self._loading = False
        self._findings: list[Finding] = []

        self.why = QLabel(self)
        self.why.setObjectName(f"{self.objectName()}_why")
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.why.setProperty("role", "why")
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.defaults_button = QPushButton(self)
        self.defaults_button.setObjectName(f"{self.objectName()}_defaults")
        self.defaults_button.clicked.connect(self._on_defaults_button_clicked)
        self.defaults_all_button = QPushButton(self)
        self.defaults_all_button.setObjectName(f"{self.objectName()}_defaults_all")
        self.defaults_all_button.clicked.connect(self._on_defaults_all_button_clicked)
        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(0, 0, 0, 0)
        self.tools.addWidget(self.defaults_button)
        self.tools.addWidget(self.defaults_all_button)

        self.needed = QLabel(self)
        self.needed.setObjectName(f"{self.objectName()}_needed")
        self.needed.setWordWrap(True)
        self.needed.setProperty("role", "hint")
        # What the last action on the page did ("Filled: …"): shown in place, not in a box that
        # a facilitator at a projector must dismiss each time.
        self.notice = QLabel(self)
        self.notice.setObjectName(f"{self.objectName()}_notice")
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        self.page_errors = QLabel(self)
        self.page_errors.setObjectName(f"{self.objectName()}_errors")
        self.page_errors.setWordWrap(True)
        self.page_errors.setProperty("role", "error")
        self.page_errors.hide()

        self.content = QWidget(self)
        self.content.setObjectName(f"{self.objectName()}_content")
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(4, 4, 12, 4)
        self.body.setSpacing(10)
        self.body.addWidget(self.why)
        self.body.addLayout(self.tools)
        self.body.addWidget(self.notice)
        self.body.addWidget(self.page_errors)

        self.form_scroll = QScrollArea(self)
        self.form_scroll.setObjectName(f"{self.objectName()}_scroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(self.content)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it

        self.preview_label = QLabel(self)
        self.preview_label.setObjectName(f"{self.objectName()}_preview_label")
        self.preview_label.setProperty("role", "subheading")
        self.preview = PreviewWidget(self)
        self.preview.setObjectName(f"{self.objectName()}_preview")
        preview_box = QWidget(self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(8, 0, 0, 0)
        preview_layout.addWidget(self.preview_label)
        preview_layout.addWidget(self.preview, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName(f"{self.objectName()}_splitter")
        self.splitter.addWidget(self.form_scroll)
        self.splitter.addWidget(preview_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([5500, 4500])
        self.form_scroll.setMinimumWidth(420)
        preview_box.setMinimumWidth(260)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter, 1)
        outer.addWidget(self.needed)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.refresh_preview)

        self.build()
        if self.defaults_button.isHidden():  # a step without defaults offers neither button
            self.defaults_all_button.hide()
        self.tools.addStretch(1)
        self.body.addStretch(1)
        self.retranslate_ui()

    # To be provided by each page ---------------------------------------------------------

    def build(self) -> None:
        """Create the page's sections and lists."""

    def retranslate_ui(self) -> None:
        """Set every visible string of the page (called again when the language changes)."""
        self.setTitle(self.step.title)
        self.preview_label.setText(self.tr("Preview of this section"))
        self.preview.setAccessibleName(self.tr("Preview of the charter section"))
        self.defaults_button.setText(self.tr("Fill with suggested defaults"))
        self.defaults_button.setToolTip(
            self.tr(
                "Fill the empty answers of this step with defaults suited to the organisation; "
                "nothing you have typed is replaced."
            )
        )
        self.defaults_button.setAccessibleName(self.defaults_button.text())
        self.defaults_all_button.setText(self.tr("Fill every step"))
        self.defaults_all_button.setToolTip(
            self.tr(
                "Fill the empty answers of every step, from the executive to the board "
                "calendar, with the suggested defaults; nothing you have typed is replaced."
            )
        )
        self.defaults_all_button.setAccessibleName(
            self.tr("Fill every step with suggested defaults")
        )

    def help_text(self) -> str:
        """What F1 shows for this step."""
        return ""

    # Building helpers --------------------------------------------------------------------

    @property
    def charter(self) -> Charter:
        """The wizard's one charter model."""
        return self.shell.charter

    def add_section(self, key: str, specs: Sequence[FieldSpec]) -> FieldForm:
        """A titled group of fields bound to the charter."""
        box = QGroupBox(self.content)
        box.setObjectName(f"section_{object_name(key)}")
        layout = QVBoxLayout(box)
        form = FieldForm(specs, "field", box)
        layout.addWidget(form)
        self.body.addWidget(box)
        form.changed.connect(self._on_form_changed)
        self.forms.append(form)
        self.sections[key] = box
        return form

    def add_list(
        self,
        path: str,
        columns: Sequence[str],
        specs: Sequence[FieldSpec],
        factory: Callable[[], Any],
    ) -> RecordListWidget:
        """A titled, editable list of records at ``path`` in the charter."""
        box = QGroupBox(self.content)
        box.setObjectName(f"section_{object_name(path)}")
        layout = QVBoxLayout(box)
        widget = RecordListWidget(path, columns, specs, factory, box)
        widget.bind(lambda: self._list_at(path))
        widget.changed.connect(self._on_list_changed)
        layout.addWidget(widget)
        self.body.addWidget(box)
        self.lists[path] = widget
        self.sections[path] = box
        return widget

    def _list_at(self, path: str) -> list[Any]:
        from desktop.forms import get_path

        value = get_path(self.charter, path)
        assert isinstance(value, list)
        return value

    def section_title(self, key: str, title: str) -> None:
        """Set the title of a section added with :meth:`add_section` or :meth:`add_list`."""
        self.sections[key].setTitle(title)

    def set_why(self, text: str, references: str) -> None:
        """The plain-language reason for the step and its framework references."""
        label = self.tr("Why this matters")
        refs = self.tr("References")
        self.why.setText(
            f"<p style='margin:0'><b>{label}.</b> {text}</p>"
            f"<p style='margin-top:6px;margin-bottom:0'><span style='color:#4a5568'>"
            f"<b>{refs}:</b> {references}</span></p>"
        )

    # Life cycle --------------------------------------------------------------------------

    def initializePage(self) -> None:
        """Load the model into the widgets and show the preview at once."""
        self.show_notice("")
        self.load()
        self.refresh_preview()
        self.update_status()

    def cleanupPage(self) -> None:
        """Going back keeps everything: the model is the store, not the widgets."""
        self.store()

    def load(self) -> None:
        """Show the charter's answers for this step."""
        self._loading = True
        try:
            for form in self.forms:
                form.load(self.charter)
            for widget in self.lists.values():
                widget.load()
            self.load_extra()
        finally:
            self._loading = False
        if self.attempted:
            self.show_findings(validate_step(self.step, self.charter))

    def load_extra(self) -> None:
        """Load anything that is not a plain field or list (pages override)."""

    def store(self) -> None:
        """Write the widgets into the charter."""
        for form in self.forms:
            form.store(self.charter)

    def findings(self) -> list[Finding]:
        """The step's validation findings for the charter as it is now."""
        return validate_step(self.step, self.charter)

    def isComplete(self) -> bool:
        """Nothing required is missing (cheap: the step's checks on a small model)."""
        return not any(f.code in BLOCKING_CODES for f in self.findings())

    def validatePage(self) -> bool:
        """Write the widgets into the model, validate, and show the findings at the fields."""
        self.store()
        self.attempted = True
        findings = self.findings()
        self.update_status()  # also shows the findings at their fields
        if findings:
            self.focus_field(findings[0].field)
            return False
        return True

    # Changes -----------------------------------------------------------------------------

    def _on_form_changed(self) -> None:
        self.on_changed()

    def _on_list_changed(self) -> None:
        self.on_changed()

    def on_changed(self) -> None:
        """After any edit: tell the shell (autosave), schedule the preview, re-check."""
        if self._loading:
            return
        self.changed.emit()
        self.preview_timer.start()
        self.update_status()

    def update_status(self) -> None:
        """Re-evaluate Next and the line that says what is still needed."""
        findings = self.findings()
        self.shell.update_buttons()
        missing = [finding_text(f) for f in findings if f.code in BLOCKING_CODES]
        if self.attempted and findings and not missing:
            self.needed.setText(self.tr("Fix the answers marked in red to continue."))
        elif missing:
            shown = missing[:3]
            more = len(missing) - len(shown)
            text = self.tr("To continue: ") + " ".join(shown)
            if more:
                text += " " + self.tr("(and {n} more)").format(n=more)
            self.needed.setText(text)
        else:
            self.needed.setText(self.complete_text())
        if self.attempted:
            self.show_findings(findings)

    def complete_text(self) -> str:
        """What the line under the page says when nothing required is missing."""
        return self.tr("This step is complete. Press Next to continue.")

    def refresh_preview(self) -> None:
        """Render this step's section of the charter into the preview."""
        self.preview_timer.stop()
        try:
            from wizards.render import render_section

            html = render_section(self.charter, self.step)
        except Exception as error:  # a broken template must not stop the typing
            html = (
                "<p>"
                + self.tr("The preview is not available: {error}").format(
                    error=str(error).replace("<", "&lt;")
                )
                + "</p>"
            )
        self.preview.show_html(html)

    def _on_defaults_button_clicked(self) -> None:
        self.shell.apply_defaults()

    def _on_defaults_all_button_clicked(self) -> None:
        self.shell.apply_defaults(every_step=True)

    # Findings ----------------------------------------------------------------------------

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Show each finding next to its field; those without a field go to the top."""
        self._findings = list(findings)
        remaining = group_findings((f.field, finding_text(f)) for f in findings)
        for path, widget in self.lists.items():
            mine: dict[str, list[str]] = {}
            for key in list(remaining):
                if key == path or key.startswith(path + "[") or key.startswith(path + "."):
                    mine[key[len(path) :]] = remaining.pop(key)
            widget.show_findings(mine)
        for form in self.forms:
            remaining = form.show_findings(remaining)
        # A finding about a group (e.g. "board.pattern") goes to the first field inside it.
        for key in list(remaining):
            for form in self.forms:
                inside = [p for p in form.rows if p.startswith(key + ".")]
                if inside:
                    form.rows[inside[0]].show_errors(remaining.pop(key))
                    break
        lines = [m for messages in remaining.values() for m in messages]
        self.page_errors.setText("\n".join(lines))
        self.page_errors.setVisible(bool(lines))

    def focus_field(self, path: str) -> QWidget | None:
        """Put the cursor in the field at model path ``path`` and scroll it into view."""
        target: QWidget | None = None
        for list_path, widget in self.lists.items():
            if path == list_path or path.startswith((list_path + "[", list_path + ".")):
                target = widget.focus_path(path[len(list_path) :])
                break
        if target is None:
            for form in self.forms:
                candidates = [p for p in form.rows if p == path or p.startswith(path + ".")]
                candidates += [p for p in form.rows if path.startswith(p + ".")]
                if candidates:
                    target = form.rows[candidates[0]].editor
                    target.setFocus(Qt.FocusReason.OtherFocusReason)
                    break
        if target is not None:
            self.form_scroll.ensureWidgetVisible(target, 40, 60)
        return target

    def tab_chain(self) -> list[QWidget]:
        """The page's stops for Tab in the order they are seen: the form, then the preview."""
        return [*widgets_in_layout_order(self.content), self.preview]

    def return_pressed(self, focus: QWidget | None) -> bool:
        """Enter was pressed in a field of the page; True when the page has acted on it.

        Otherwise the wizard's default button (Next) takes it, as in any wizard.
        """
        del focus
        return False

    def show_notice(self, text: str) -> None:
        """Say on the page what the last action did; an empty text hides the line."""
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setVisible(bool(text))

    def first_field(self) -> QWidget | None:
        """The first control of the form that takes an answer (not a button), if any is shown."""
        for widget in widgets_in_layout_order(self.content):
            if widget.isVisible() and widget.isEnabled() and not isinstance(widget, QPushButton):
                return widget
        return None

    def reveal(self, widget: QWidget) -> None:
        """Scroll the form so that ``widget``, which has just got the focus, can be seen.

        Runs after the event that moved the focus, so after Qt's own scrolling and after a list
        has loaded the chosen record into its form.
        """
        if self.content.isAncestorOf(widget):
            QTimer.singleShot(0, lambda: self._scroll_to(widget))

    def _scroll_to(self, widget: QWidget) -> None:
        try:
            if not widget.isVisible() or not self.content.isAncestorOf(widget):
                return
        except RuntimeError:  # the widget is gone
            return
        top = widget.mapTo(self.content, QPoint(0, 0)).y()
        bottom = top + widget.height()
        bar = self.form_scroll.verticalScrollBar()
        height = self.form_scroll.viewport().height()
        margin = 12
        for list_widget in self.lists.values():
            if widget is list_widget.table:
                # A list's table comes with the chosen record's form below it, room permitting.
                box = list_widget.mapTo(self.content, QPoint(0, 0)).y() + list_widget.height()
                if box - top + 2 * margin <= height:
                    bottom = max(bottom, box)
        first, last = bar.value(), bar.value() + height
        if top - margin >= first and bottom + margin <= last:
            return
        if bottom + margin <= height:
            bar.setValue(0)  # it fits with the top of the page: keep the explanation in view
        elif bottom - top + 2 * margin <= height and top - margin >= first:
            bar.setValue(bottom + margin - height)
        else:
            bar.setValue(top - margin)

    def sizeHint(self) -> Any:
        """Pages are laid out to fill the window; the hint keeps the wizard compact."""
        hint = super().sizeHint()
        hint.setHeight(min(hint.height(), 400))
        return hint

    def set_preview_visible(self, visible: bool) -> None:
        """Show or hide the preview; hidden, the form takes the whole width (View menu)."""
        preview_box = self.splitter.widget(1)
        if preview_box is not None:
            preview_box.setVisible(visible)


def hline(parent: QWidget) -> QFrame:
    """A thin horizontal separator."""
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return line
