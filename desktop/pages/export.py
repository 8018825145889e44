"""Step 8: write the charter and the board calendar to Word and iCalendar, in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRegularExpression, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.background import BackgroundTask, run_in_background
from desktop.pages.base import StepPage
from desktop.settings import read_bool
from wizards.steps import Step

if TYPE_CHECKING:
    from wizards.build import Branding


CONTENTS_SETTING = "export/contents_pages"
"""Settings key: fill in the contents' page numbers from a LibreOffice layout pass."""


def layout_tools_found() -> bool:
    """Whether LibreOffice and pdftotext are here to lay the charter out for its contents."""
    import shutil

    office = shutil.which("soffice") or shutil.which("libreoffice")
    return bool(office and shutil.which("pdftotext"))


PDF_SETTING = "export_pdf"
"""Settings key of the 'Charter as PDF' choice, remembered from one export to the next."""


def default_folder() -> Path:
    """Where exports go unless the user chose a folder before."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home())


class ExportPage(StepPage):
    """Choose a folder and formats; the files are written off the GUI thread."""

    step = Step.EXPORT

    def build(self) -> None:
        """Folder, formats, progress."""
        self.defaults_button.hide()
        self.task: BackgroundTask | None = None
        self.last_files: list[Path] = []
        box = QGroupBox(self.content)
        box.setObjectName("section_export")
        layout = QVBoxLayout(box)
        self.folder_label = QLabel(box)
        self.folder = QLineEdit(box)
        self.folder.setObjectName("export_folder")
        self.folder.setClearButtonEnabled(True)
        self.folder.textEdited.connect(self._on_folder_text_edited)
        self._folder_typed = False
        self._settings: QSettings | None = None
        self.folder_label.setBuddy(self.folder)
        self.choose_button = QPushButton(box)
        self.choose_button.setObjectName("export_choose_folder")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        self.charter_docx = QCheckBox(box)
        self.charter_docx.setObjectName("export_docx")
        self.charter_docx.setChecked(True)
        self.calendar_ics = QCheckBox(box)
        self.calendar_ics.setObjectName("export_ics")
        self.calendar_ics.setChecked(True)
        self.workshop_record = QCheckBox(box)
        self.workshop_record.setObjectName("export_workshop")
        self.workshop_record.setChecked(True)
        self.workshop_record.hide()  # shown for a charter with a workshop (load_extra)
        self.charter_pdf = QCheckBox(box)
        self.charter_pdf.setObjectName("export_pdf")
        self.charter_pdf.setChecked(False)
        self.charter_pdf.toggled.connect(self._on_charter_pdf_toggled)
        self.with_findings = QCheckBox(box)
        self.with_findings.setObjectName("export_with_findings")
        self.with_findings.toggled.connect(self._on_with_findings_toggled)
        self.contents_pages = QCheckBox(box)
        self.contents_pages.setObjectName("export_contents_pages")
        self.contents_pages.setChecked(False)
        self.contents_pages.toggled.connect(self._on_contents_pages_toggled)
        # Only where LibreOffice can lay the charter out; Word fills the numbers in anyway.
        self._layout_found = layout_tools_found()
        self.contents_pages.setVisible(self._layout_found)
        self.with_redline = QCheckBox(box)
        self.with_redline.setObjectName("export_redline")
        self.with_redline.setChecked(True)
        self.with_redline.hide()
        self.export_button = QPushButton(box)
        self.export_button.setObjectName("export_start")
        self.export_button.setProperty("role", "primary")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.export_button.setDefault(False)
        self.progress = QProgressBar(box)
        self.progress.setObjectName("export_progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel(box)
        self.status.setObjectName("export_status")
        self.status.setWordWrap(True)
        self.open_button = QPushButton(box)
        self.open_button.setObjectName("export_open_folder")
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.open_button.hide()
        action_row = QHBoxLayout()
        action_row.addWidget(self.export_button)
        action_row.addWidget(self.open_button)
        action_row.addStretch(1)
        layout.addWidget(self.folder_label)
        layout.addLayout(folder_row)
        layout.addWidget(self.charter_docx)
        layout.addWidget(self.calendar_ics)
        layout.addWidget(self.workshop_record)
        layout.addWidget(self.charter_pdf)
        layout.addWidget(self.with_findings)
        layout.addWidget(self.contents_pages)
        layout.addWidget(self.with_redline)
        layout.addLayout(action_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.body.addWidget(box)
        self.sections["export"] = box
        self._build_branding()
        self.set_folder(default_folder())
        self.setFinalPage(True)

    def retranslate_ui(self) -> None:
        """All visible strings of the page."""
        super().retranslate_ui()
        self.setSubTitle(
            self.tr("Write the charter and the board calendar to Word and your calendar.")
        )
        self.set_why(
            self.tr(
                "The signed charter lives in Word, where the organisation keeps its policies; "
                "the board calendar goes into everyone's diary as an .ics file, so that the "
                "reports happen on time and not only when someone remembers."
            ),
            "ISO/IEC 42001 7.5 (documented information), 9.3; NIST AI RMF GOVERN 1.5",
        )
        self.preview_label.setText(self.tr("Preview of the board calendar"))
        self.section_title("export", self.tr("Export"))
        self.folder_label.setText(self.tr("&Folder"))
        self.folder.setAccessibleName(self.tr("Export folder"))
        self.folder.setPlaceholderText(self.tr("Type or paste a folder, or press Browse…"))
        self.folder.setToolTip(
            self.tr("The folder the files are written to; it is checked when you press Export.")
        )
        self.choose_button.setText(self.tr("B&rowse…"))
        self.choose_button.setAccessibleName(self.tr("Browse for the export folder"))
        self.charter_docx.setText(self.tr("Charter and board calendar in Word (.docx)"))
        self.charter_docx.setAccessibleName(self.charter_docx.text())
        self.calendar_ics.setText(self.tr("Board calendar for Outlook or Google Calendar (.ics)"))
        self.calendar_ics.setAccessibleName(self.calendar_ics.text())
        self.workshop_record.setText(
            self.tr("Workshop record in Word, and its open actions for the calendar (.docx, .ics)")
        )
        self.workshop_record.setAccessibleName(self.tr("Workshop record and its actions"))
        self.workshop_record.setToolTip(
            self.tr(
                "Who was in the room, the agenda as planned and as held, each decision with who "
                "agreed and who objected in their own words, and the open actions with owners "
                "and due dates."
            )
        )
        self.charter_pdf.setText(self.tr("Charter as PDF (.pdf)"))
        self.charter_pdf.setAccessibleName(self.tr("Charter as PDF"))
        self.charter_pdf.setToolTip(
            self.tr(
                "The same charter as the Word file, laid out on A4 pages with contents and "
                "page numbers. Sign the Word file or a printout; the PDF cannot be edited."
            )
        )
        self.with_findings.setText(
            self.tr("Add the open readiness findings to the charter as an appendix")
        )
        self.with_findings.setAccessibleName(self.tr("Add the readiness findings as an appendix"))
        self.with_findings.setToolTip(
            self.tr(
                "For a draft sent for comment: the charter then lists where leadership "
                "ownership is still on paper only, with what to do about it."
            )
        )
        self.contents_pages.setText(
            self.tr("Number the pages in the contents (LibreOffice lays the charter out once)")
        )
        self.contents_pages.setAccessibleName(self.tr("Number the pages in the contents"))
        self.contents_pages.setToolTip(
            self.tr(
                "Word numbers the contents itself when it opens the file; LibreOffice shows "
                "them only when they are filled in. This adds a few seconds to the export."
            )
        )
        self.with_redline.setAccessibleName(
            self.tr("Also write a redline against the version last approved")
        )
        self.export_button.setText(self.tr("&Export"))
        self.export_button.setAccessibleName(self.tr("Export the files"))
        self.open_button.setText(self.tr("&Open folder"))
        self.open_button.setAccessibleName(self.tr("Open the export folder"))
        self.progress.setAccessibleName(self.tr("Export progress"))
        self._retranslate_branding()

    def help_text(self) -> str:
        """F1 help for the export step."""
        return self.tr(
            "Type or paste a folder, or press Browse…, and press Export. A folder that does "
            "not exist yet is created after you confirm it. The charter and the board "
            "calendar are written as Word documents, and the calendar also as an .ics file "
            "that Outlook, Google Calendar and Apple Calendar import. Tick 'Charter as PDF' "
            "for a PDF of the charter beside the Word file, with the same name; the choice is "
            "remembered. Each file is written completely or not at all: if Word holds a file "
            "open or the folder is read-only, close the file or choose another folder and try "
            "again; nothing is lost."
        )

    def return_pressed(self, focus: QWidget | None) -> bool:
        """Enter in the folder field exports, as the help says; elsewhere it does nothing."""
        if focus is self.folder and self.export_button.isEnabled():
            self.start_export()
        return True  # Enter on this page never presses Done, which closes the charter

    def isComplete(self) -> bool:
        """Done is always possible; exporting is optional."""
        return self.task is None or not self.task.running

    def findings(self) -> list[Any]:
        """The export step has nothing to validate."""
        return []

    def update_status(self) -> None:
        """No 'still needed' line on this page."""
        self.needed.setText("")
        self.shell.update_buttons()

    def refresh_preview(self) -> None:
        """The board calendar as it will be written."""
        self.preview_timer.stop()
        try:
            from wizards.render import render_calendar

            html = render_calendar(self.charter)
        except Exception as error:
            html = "<p>" + str(error).replace("<", "&lt;") + "</p>"
        self.preview.show_html(html)

    # Branding ----------------------------------------------------------------------------

    def _build_branding(self) -> None:
        """A consultant's own look for the Word files: styles, logo and accent colour."""
        box = QGroupBox(self.content)
        box.setObjectName("section_branding")
        form = QFormLayout(box)
        self.brand_labels: dict[str, QLabel] = {}
        self.brand_paths: dict[str, QLineEdit] = {}
        self.brand_choose: dict[str, QPushButton] = {}
        self.brand_clear: dict[str, QPushButton] = {}
        for key in ("reference", "logo"):
            path = QLineEdit(box)
            path.setObjectName(f"branding_{key}")
            path.setReadOnly(True)
            choose = QPushButton(box)
            choose.setObjectName(f"branding_{key}_choose")
            choose.clicked.connect(lambda _=False, k=key: self._on_brand_choose_clicked(k))
            clear = QPushButton(box)
            clear.setObjectName(f"branding_{key}_clear")
            clear.clicked.connect(lambda _=False, k=key: self.brand_paths[k].clear())
            row = QHBoxLayout()
            row.addWidget(path, 1)
            row.addWidget(choose)
            row.addWidget(clear)
            label = QLabel(box)
            label.setBuddy(path)
            form.addRow(label, row)
            self.brand_labels[key], self.brand_paths[key] = label, path
            self.brand_choose[key], self.brand_clear[key] = choose, clear
        self.accent = QLineEdit(box)
        self.accent.setObjectName("branding_accent")
        self.accent.setMaxLength(7)
        self.accent.setValidator(
            QRegularExpressionValidator(QRegularExpression("#?[0-9A-Fa-f]{0,6}"), self.accent)
        )
        self.accent_label = QLabel(box)
        self.accent_label.setBuddy(self.accent)
        form.addRow(self.accent_label, self.accent)
        self.body.addWidget(box)
        self.sections["branding"] = box

    def _retranslate_branding(self) -> None:
        self.section_title("branding", self.tr("Branding of the Word files"))
        texts = {
            "reference": (
                self.tr("&Word styles"),
                self.tr("The built-in styles"),
                self.tr("A Word file whose styles, header and footer the documents take"),
            ),
            "logo": (
                self.tr("&Logo"),
                self.tr("No logo"),
                self.tr("An image shown above the title of each document"),
            ),
        }
        for key, (label, empty, tip) in texts.items():
            self.brand_labels[key].setText(label)
            self.brand_paths[key].setPlaceholderText(empty)
            self.brand_paths[key].setToolTip(tip)
            self.brand_paths[key].setAccessibleName(label.replace("&", ""))
            self.brand_choose[key].setText(self.tr("Choose…"))
            self.brand_choose[key].setAccessibleName(
                self.tr("Choose: {what}").format(what=label.replace("&", ""))
            )
            self.brand_clear[key].setText(self.tr("Clear"))
            self.brand_clear[key].setAccessibleName(
                self.tr("Clear: {what}").format(what=label.replace("&", ""))
            )
        self.accent_label.setText(self.tr("&Accent colour"))
        self.accent.setPlaceholderText(self.tr("e.g. 1F4E5F; empty keeps the styles' colours"))
        self.accent.setToolTip(
            self.tr("Six hexadecimal digits for the title, headings and table header rows")
        )
        self.accent.setAccessibleName(self.tr("Accent colour"))

    def _on_brand_choose_clicked(self, key: str) -> None:
        titles = {
            "reference": (self.tr("Choose a Word file with your styles"), "Word (*.docx)"),
            "logo": (
                self.tr("Choose a logo"),
                "Images (*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff)",
            ),
        }
        title, name_filter = titles[key]
        current = self.brand_paths[key].text()
        folder = Path(current).parent if current else None
        chosen = self.shell.prompter.open_file(self, title, folder, name_filter)
        if chosen is not None:
            self.brand_paths[key].setText(str(chosen))

    def branding(self) -> Branding:
        """The branding chosen on this page."""
        from wizards.build import Branding

        reference = self.brand_paths["reference"].text()
        logo = self.brand_paths["logo"].text()
        return Branding(
            reference_docx=Path(reference) if reference else None,
            logo=Path(logo) if logo else None,
            accent=self.accent.text().strip() or None,
        )

    def set_branding(self, branding: Branding) -> None:
        """Show ``branding`` (remembered from the last export)."""
        self.brand_paths["reference"].setText(str(branding.reference_docx or ""))
        self.brand_paths["logo"].setText(str(branding.logo or ""))
        self.accent.setText(branding.accent or "")

    # Folder ------------------------------------------------------------------------------

    def set_folder(self, folder: Path) -> None:
        """Export into ``folder`` (chosen in the dialog or remembered, not typed)."""
        self.folder.setText(str(folder))
        self._folder_typed = False

    def chosen_folder(self) -> Path:
        """The folder the files go to, as typed (``~`` is the home folder)."""
        return Path(self.folder.text().strip()).expanduser()

    def _on_folder_text_edited(self, _text: str) -> None:
        self._folder_typed = True

    def check_folder(self) -> str | None:
        """Make sure the files can be written to the chosen folder; None when they can.

        Runs before anything is written and returns the message that says which folder and
        why not. A missing folder that the user typed is created only after asking (a typing
        mistake should not leave a new folder behind); one that the program proposed (the
        documents folder of a new account, say) is created without asking.
        """
        text = self.folder.text().strip()
        if not text:
            return self.tr("Type or choose a folder for the files.")
        folder = self.chosen_folder()
        if not folder.is_absolute():
            return self.tr(
                "{folder} is not a full path; type the folder from the start, or press Browse…"
            ).format(folder=text)
        if (
            not folder.exists()
            and self._folder_typed
            and not self.shell.prompter.question(
                self,
                self.tr("Create the folder?"),
                self.tr(
                    "The folder {folder} does not exist. Create it and write the files there?"
                ).format(folder=folder),
                default_yes=True,
            )
        ):
            return self.tr("The folder {folder} does not exist; nothing was written.").format(
                folder=folder
            )
        from wizards.build import BuildError, check_output_dir

        try:
            check_output_dir(folder)  # a file in the way, creating it, writing in it
        except BuildError as error:
            return str(error)
        return None

    def _on_choose_button_clicked(self) -> None:
        folder = self.shell.prompter.choose_folder(
            self, self.tr("Choose a folder for the files"), self.chosen_folder()
        )
        if folder is not None:
            self.set_folder(folder)

    # Export ------------------------------------------------------------------------------

    def formats(self) -> list[str]:
        """The formats of wizards.build ticked (the PDF is written by this page's worker)."""
        chosen = []
        if self.charter_docx.isChecked():
            chosen.append("docx")
        if self.calendar_ics.isChecked():
            chosen.append("ics")
        if not self.workshop_record.isHidden() and self.workshop_record.isChecked():
            chosen.append("workshop")
        return chosen

    def use_settings(self, settings: QSettings) -> None:
        """Take the remembered choices from ``settings`` and remember new ones there."""
        self._settings = settings
        self.charter_pdf.setChecked(read_bool(settings, PDF_SETTING, False))
        self.contents_pages.setChecked(read_bool(settings, CONTENTS_SETTING, False))

    def _on_contents_pages_toggled(self, checked: bool) -> None:
        if self._settings is not None:
            self._settings.setValue(CONTENTS_SETTING, checked)

    def _on_charter_pdf_toggled(self, checked: bool) -> None:
        if self._settings is not None:
            self._settings.setValue(PDF_SETTING, checked)

    def load_extra(self) -> None:
        """The appendix choice is kept with the charter; a redline is offered once approved."""
        self.with_findings.setChecked(self.charter.meta.include_findings)
        self.workshop_record.setVisible(bool(self.charter.workshops))
        previous = self.approved_before()
        if previous is not None:
            version = self.charter.history[-1].version if self.charter.history else ""
            self.with_redline.setText(
                self.tr(
                    "Also write the charter with its changes since version {v} as tracked "
                    "changes, for the board pack"
                ).format(v=version)
            )
        self.with_redline.setVisible(previous is not None)

    def approved_before(self) -> Any:
        """The version last approved, when the charter has changed since; else None."""
        from wizards.versions.status import StatusKind, charter_status

        if self.shell.last_approved is None:
            return None
        if charter_status(self.charter).kind is not StatusKind.CHANGED:
            return None
        return self.shell.last_approved()

    def _on_with_findings_toggled(self, checked: bool) -> None:
        if self.charter.meta.include_findings != checked:
            self.charter.meta.include_findings = checked
            self.on_changed()

    def _on_export_button_clicked(self) -> None:
        self.start_export()

    def start_export(self) -> None:
        """Write the files in the background from a snapshot of the charter."""
        if self.task is not None and self.task.running:
            return
        formats = self.formats()
        want_pdf = self.charter_pdf.isChecked()
        if not formats and not want_pdf:
            self.shell.prompter.warning(
                self, self.tr("Nothing to export"), self.tr("Tick at least one kind of file.")
            )
            return
        problem = self.check_folder()
        if problem is not None:
            self._show_failure(problem)
            self.folder.setFocus()
            return
        self.store()
        snapshot = self.charter.model_copy(deep=True)
        folder = self.chosen_folder()
        branding = self.branding()
        previous = self.approved_before()
        redline = previous is not None and self.with_redline.isChecked()
        numbered = self._layout_found and self.contents_pages.isChecked()

        def work(progress: Any) -> tuple[list[Path], list[str]]:
            from wizards.build import FileWriter, build, pdf_name

            findings = None
            if snapshot.meta.include_findings:
                from wizards.readiness import check

                findings = check(snapshot)
            extra: list[tuple[str, FileWriter]] = []
            if want_pdf:
                # Qt's rich text and PDF writer are reentrant: they are created here, on the
                # worker, from the snapshot, and never meet a widget.
                from desktop.pdf import write_charter_pdf

                def pdf(path: Path) -> list[str]:
                    return write_charter_pdf(snapshot, path, findings=findings)

                extra.append((pdf_name(snapshot), pdf))
            result = build(
                snapshot,
                folder,
                formats,
                branding=branding,
                findings=findings,
                progress=progress,
                extra=extra,
                previous=previous,
                compare_to=previous if redline else None,
                contents_pages=numbered,
            )
            return result.files, result.warnings

        self.export_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.open_button.hide()
        self.progress.show()
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Writing the files…"))
        self.task = run_in_background(
            work,
            parent=self,
            on_finished=self._on_task_finished,
            on_failed=self._on_task_failed,
            on_progress=self._on_task_progress,
        )
        self.shell.update_buttons()

    def _on_task_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if what != "done":
            self.status.setText(self.tr("Writing {name}…").format(name=what))

    def _on_task_finished(self, result: tuple[list[Path], list[str]]) -> None:
        files, warnings = result
        self.last_files = list(files)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.export_button.setEnabled(True)
        self.choose_button.setEnabled(True)
        self.shell.update_buttons()
        names = "\n".join(f"• {p.name}" for p in files)
        text = self.tr("Written to {folder}:\n{names}").format(
            folder=self.chosen_folder(), names=names
        )
        if warnings:
            # What the build had to change (a link the reference carried, characters Word
            # cannot hold) is said where the result is, in the build's own words.
            text += "\n\n" + self.tr("Note:") + "\n" + "\n".join(f"• {w}" for w in warnings)
        self.status.setText(text)
        self.open_button.show()
        if self.shell.exported is not None:
            self.shell.exported([str(p) for p in files])
        if self.shell.prompter.question(
            self,
            self.tr("Export finished"),
            self.tr("The files are in {folder}. Open the folder now?").format(
                folder=self.chosen_folder()
            ),
            default_yes=True,
        ):
            self.open_folder()

    def _on_task_failed(self, error: BaseException, details: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.export_button.setEnabled(True)
        self.choose_button.setEnabled(True)
        self.shell.update_buttons()
        from wizards.build import BuildError

        if isinstance(error, BuildError):
            message = str(error)
        elif isinstance(error, OSError):
            message = self.tr("The files could not be written: {reason}.").format(
                reason=error.strerror or error
            )
        else:
            message = self.tr("The export failed: {error}").format(error=error)
        self._show_failure(message)

    def _show_failure(self, message: str) -> None:
        self.status.setText(message)
        self.shell.prompter.warning(
            self,
            self.tr("Export failed"),
            message
            + "\n\n"
            + self.tr(
                "Your answers are safe. Fix the problem and press Export "
                "again, or choose another folder."
            ),
        )

    def _on_open_button_clicked(self) -> None:
        self.open_folder()

    def open_folder(self) -> None:
        """Show the export folder in the system's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.chosen_folder())))
