"""Drive the real application from a script, for the crash-and-resume test.

``python -m desktop.testing_harness type`` starts the application on the library in
``$CHARTER_BUILDER_HOME``, starts a new charter, types the organisation step, moves on to the
executive step and then keeps typing the executive's title one character every 50 ms, printing
``CHAR <count>`` after each, until it is killed.

``python -m desktop.testing_harness report`` starts the application, lets it resume what was
open, prints the step and the texts on screen as one JSON line, and quits.

``python -m desktop.testing_harness app`` starts the application the way the command does (the
one-window lock included), prints ``SHOWN`` and, when a second start wakes it, ``WOKEN``.

Message boxes are printed instead of shown, so nothing waits for a click.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from desktop.prompter import Prompter

ORGANISATION = "Zoë Harness GmbH"
EXECUTIVE = "Åsa Lindqvist"
TITLE = "Chief Risk Officer and Member of the Management Board of 山田 Holdings"
TYPING_INTERVAL_MS = 50


class ConsolePrompter(Prompter):
    """Prints what would be shown and answers no."""

    def information(self, parent: Any, title: str, text: str) -> None:
        print(f"INFO {title}: {text}", file=sys.stderr, flush=True)

    def warning(self, parent: Any, title: str, text: str) -> None:
        print(f"WARNING {title}: {text}", file=sys.stderr, flush=True)

    def question(self, parent: Any, title: str, text: str, *, default_yes: bool = False) -> bool:
        print(f"QUESTION {title}: {text}", file=sys.stderr, flush=True)
        return False


def type_into(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events carrying the characters (works for any script)."""
    target = getattr(widget, "line", widget)
    target.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    QCoreApplication.processEvents()


def _child(window: QWidget, name: str) -> QWidget:
    found = window.findChild(QWidget, name)
    if found is None:
        raise SystemExit(f"no widget named {name}")
    return found


def _type(window: Any) -> None:
    window.new_charter()
    type_into(_child(window, "field_organisation_name"), ORGANISATION)
    type_into(_child(window, "field_organisation_sector"), "Insurance")
    type_into(_child(window, "field_organisation_jurisdictions"), "European Union")
    type_into(_child(window, "field_meta_effective_date"), "2027-01-01")
    window.wizard.button(QWizard.WizardButton.NextButton).click()
    type_into(_child(window, "field_executive_person_name"), EXECUTIVE)
    title = _child(window, "field_executive_person_title")
    count = 0

    def next_char() -> None:
        nonlocal count
        if count >= len(TITLE):
            print("DONE", flush=True)
            return
        type_into(title, TITLE[count])
        count += 1
        print(f"CHAR {count}", flush=True)
        QTimer.singleShot(TYPING_INTERVAL_MS, next_char)

    print(f"READY step={window.wizard.currentId()}", flush=True)
    QTimer.singleShot(TYPING_INTERVAL_MS, next_char)


def _report(window: Any) -> None:
    wizard = window.wizard
    result: dict[str, Any] = {"open": wizard is not None}
    if wizard is not None:
        result["step"] = wizard.currentId()
        for name in ("field_executive_person_name", "field_executive_person_title"):
            widget = window.findChild(QWidget, name)
            result[name] = widget.text() if widget is not None else None
        result["organisation"] = wizard.charter.organisation.name
    print("REPORT " + json.dumps(result, ensure_ascii=False), flush=True)
    QTimer.singleShot(0, QApplication.quit)


def main(argv: list[str] | None = None) -> int:
    """Run the harness; see the module docstring."""
    args = sys.argv[1:] if argv is None else argv
    mode = args[0] if args else "report"
    if mode == "app":
        from desktop.app import run

        def shown(window: Any) -> None:
            print("SHOWN", flush=True)
            window.bring_forward = lambda: print("WOKEN", flush=True)

        return run([sys.argv[0]], prompter=ConsolePrompter(), on_shown=shown)
    from desktop.app import create_application
    from desktop.main_window import MainWindow

    app = create_application([sys.argv[0]])
    window = MainWindow(prompter=ConsolePrompter())
    action = _type if mode == "type" else _report
    window.library_ready.connect(lambda: QTimer.singleShot(0, lambda: action(window)))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
