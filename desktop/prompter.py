"""The one place that shows message boxes and file dialogs, so tests can replace it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.catalogue_picker import PickGroup


class Prompter:
    """Shows every message box and file dialog of the application.

    Widgets never call QMessageBox or QFileDialog themselves; they ask the prompter they were
    given. Tests pass a scripted prompter that records what was shown and returns set answers.
    The dialog classes are imported on first use: the first screen needs none of them.
    """

    def information(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something that needs no decision."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user that something went wrong and what to do about it.

        ``text`` is plain text, or rich text when it starts with an HTML tag such as ``<p>``
        (Qt's automatic detection), for messages with smaller print.
        """
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)

    def question(
        self, parent: QWidget | None, title: str, text: str, *, default_yes: bool = False
    ) -> bool:
        """Ask a yes/no question; True for yes."""
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No
        answer = QMessageBox.question(parent, title, text, buttons, default)
        return answer == QMessageBox.StandardButton.Yes

    def choose(
        self, parent: QWidget | None, title: str, text: str, choices: Sequence[str], default: int
    ) -> int:
        """Ask the user to pick one of ``choices`` (button labels, with & for Alt-letters).

        Escape and closing the box give ``default``, so it must be the choice that loses nothing.

        Returns:
            The index of the choice.
        """
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in choices]
        box.setDefaultButton(buttons[default])
        box.setEscapeButton(buttons[default])
        try:
            box.exec()
            clicked = box.clickedButton()
            return next((i for i, b in enumerate(buttons) if b is clicked), default)
        finally:
            box.deleteLater()

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        """Show the About box."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(parent, title, text)

    def open_file(
        self, parent: QWidget | None, title: str, folder: Path | None, name_filter: str
    ) -> Path | None:
        """Ask for an existing file to open; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder or ""), name_filter)
        return Path(name) if name else None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        """Ask where to save a file; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
        return Path(name) if name else None

    def choose_folder(self, parent: QWidget | None, title: str, folder: Path | None) -> Path | None:
        """Ask for a folder; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(parent, title, str(folder or ""))
        return Path(name) if name else None

    def pick(
        self, parent: QWidget | None, title: str, intro: str, groups: Sequence[PickGroup]
    ) -> list[tuple[str, str]] | None:
        """Let the user tick catalogue entries: (group, key) of each, or None if cancelled."""
        from PySide6.QtWidgets import QDialog

        from desktop.catalogue_picker import CataloguePickerDialog

        dialog = CataloguePickerDialog(title, intro, groups, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            dialog.deleteLater()
