"""Drive the desktop application through every example without a person: for the offline test.

``drive(examples, out)`` opens each example in the real main window, visits every step (so each
preview and the review's readiness check render), exports the files into ``out/<n>`` in the
background and closes the charter. Message boxes are answered 'no' and printed, so nothing
waits for a click.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.prompter import Prompter


class _Silent(Prompter):
    """Prints what would be shown; answers no; never opens a dialog."""

    def information(self, parent: Any, title: str, text: str) -> None:
        print(f"info: {title}", file=sys.stderr)

    def warning(self, parent: Any, title: str, text: str) -> None:
        print(f"warning: {title}: {text}", file=sys.stderr)

    def question(self, parent: Any, title: str, text: str, *, default_yes: bool = False) -> bool:
        return False


def drive(examples: Sequence[Path], out: Path, *, timeout_s: float = 60.0) -> list[Path]:
    """Open, walk through and export every example; returns the files written.

    Raises:
        RuntimeError: When a step cannot be reached or an export fails or times out.
    """
    import time

    from PySide6.QtCore import QCoreApplication

    from desktop.app import create_application
    from desktop.main_window import MainWindow
    from desktop.pages.export import ExportPage
    from wizards.steps import Step

    app = create_application([sys.argv[0] if sys.argv else "charter-builder"])
    window = MainWindow(prompter=_Silent())
    window.show()
    written: list[Path] = []
    try:
        for index, example in enumerate(examples):
            window.open_example(Path(example))
            wizard = window.wizard
            if wizard is None:
                raise RuntimeError(f"{example} did not open")
            for step in Step:
                if not wizard.go_to_step(step):
                    raise RuntimeError(f"{example}: stopped before {step.title}")
                QCoreApplication.processEvents()
            page = wizard.current_page()
            assert isinstance(page, ExportPage)
            page.set_folder(out / str(index))
            (out / str(index)).parent.mkdir(parents=True, exist_ok=True)
            page.start_export()
            deadline = time.monotonic() + timeout_s
            while page.task is not None and page.task.running:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{example}: the export took longer than {timeout_s} s")
                QCoreApplication.processEvents()
                time.sleep(0.01)
            if not page.last_files:
                raise RuntimeError(f"{example}: the export wrote nothing: {page.status.text()}")
            written += page.last_files
            window.close_charter()
    finally:
        window.close()
        app.processEvents()
    return written
