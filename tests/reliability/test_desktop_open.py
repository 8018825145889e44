"""Issue 8 in the desktop: hostile files are explained, edge values show, export says why.

Opening a file nested 100,000 levels deep, too large or with a 0th weekday shows one message
and changes nothing (before, the first was an uncaught RecursionError); a charter with dates
at the ends of the calendar opens, and every step's preview shows. The export step shows that
a reference's links to the outside were dropped, and names a cut-off logo.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.desktop.conftest import ScriptedPrompter, home, make_window, prompter, window
from tests.reliability.helpers import complete_data
from tests.reliability.test_branding_inputs import _png, _with_external_links
from tests.wizards.factories import complete_charter
from wizards.answers import MAX_FILE_BYTES
from wizards.build import Branding
from wizards.steps import Step

__all__ = ["home", "make_window", "prompter", "window"]  # the desktop tests' fixtures


def _deep(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _large(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(b'{"format_version": 1}')
        handle.truncate(MAX_FILE_BYTES + 1)


def _zeroth_weekday(path: Path) -> None:
    data = complete_data()
    data["board"]["pattern"]["nth"] = 0
    path.write_text(json.dumps(data), encoding="utf-8")


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "nested 100,000 deep": (_deep, "nested more than"),
    "too large": (_large, "too large"),
    "a 0th weekday": (_zeroth_weekday, "0th weekday"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_explained_and_nothing_changes(
    name: str, qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    make, words = HOSTILE[name]
    path = tmp_path / "hostile.charter.json"
    make(path)
    assert not window.open_file(path)
    _kind, _title, text = prompter.kinds("warning")[-1]
    assert "hostile.charter.json" in text and words in text, text
    assert "Traceback" not in text


def test_dates_at_the_ends_of_the_calendar_open_and_show(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    data = complete_data()
    data["meta"]["effective_date"] = dt.date.max.isoformat()
    data["executive"]["term_start"] = dt.date.min.isoformat()
    data["executive"]["term_months"] = 0
    data["board"]["pattern"]["months"] = []
    path = tmp_path / "edges.charter.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.open_file(path)
    assert window.wizard is not None
    for page in window.wizard.pages.values():
        page.initializePage()
        page.refresh_preview()
        assert "not available" not in page.preview.toPlainText(), page.step
        page.isComplete()
    assert not prompter.kinds("critical")


def _export(
    qtbot: Any, window: Any, tmp_path: Path, reference: Path | None, logo: Path | None
) -> Any:
    window.open_charter(complete_charter(), int(Step.EXPORT), event="created")
    page = window.wizard.current_page()
    page.set_folder(tmp_path / "out")
    page.set_branding(Branding(reference_docx=reference, logo=logo))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is not None and not page.task.running, timeout=30000)
    return page


def test_the_export_step_shows_that_outside_links_were_dropped(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    reference = tmp_path / "brand.docx"
    _with_external_links(reference, ["http://example.invalid/logo.png"])
    prompter.answers.append(False)  # do not open the folder
    page = _export(qtbot, window, tmp_path, reference, None)
    status = page.status.text()
    assert "Written to" in status and "brand.docx links to 1 outside resource" in status, status


def test_the_export_step_names_a_cut_off_logo(
    qtbot: Any, window: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    logo = tmp_path / "cut.png"
    logo.write_bytes(_png()[:40])
    page = _export(qtbot, window, tmp_path, None, logo)
    shown = page.status.text() + " ".join(text for _kind, _title, text in prompter.shown)
    assert "cut.png" in shown and "cut off" in shown, shown
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.docx"))
