"""The export step writes the workshop record with the charter when the charter has a workshop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from tests.conftest import EXAMPLES
from tests.desktop.test_export import child, export
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.steps import Step

LENDER = EXAMPLES / "eu-lender-credit-scoring.charter.json"


def _open(window: Any, charter: Any, folder: Path) -> Any:
    window.open_charter(charter, int(Step.EXPORT), event="created")
    page = window.wizard.current_page()
    page.set_folder(folder)
    return page


def test_the_record_is_offered_and_written_beside_the_charter(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    charter = load(LENDER)
    assert charter.workshops
    page = _open(window, charter, tmp_path / "out")
    box = child(window, "export_workshop")
    assert box.isVisible() and box.isChecked()
    assert "workshop" in page.formats()
    export(qtbot, window)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    records = [n for n in names if "workshop" in n]
    assert {Path(n).suffix for n in records} == {".docx", ".ics"}, names
    record = next(tmp_path / "out" / n for n in records if n.endswith(".docx"))
    text = "\n".join(p.text for p in Document(str(record)).paragraphs)
    attendee = charter.workshops[-1].attendees[0].name
    cells = [c.text for t in Document(str(record)).tables for row in t.rows for c in row.cells]
    assert attendee in text or attendee in cells


def test_unticked_the_record_is_not_asked_for(window: Any, tmp_path: Path) -> None:
    page = _open(window, load(LENDER), tmp_path / "out")
    child(window, "export_workshop").setChecked(False)
    assert "workshop" not in page.formats()


def test_without_a_workshop_it_is_not_offered(qtbot: Any, window: Any, tmp_path: Path) -> None:
    page = _open(window, complete_charter(), tmp_path / "out")
    assert not child(window, "export_workshop").isVisible()
    assert "workshop" not in page.formats()
    export(qtbot, window)
    names = [p.name for p in (tmp_path / "out").iterdir()]
    assert len(names) == 3 and not [n for n in names if "workshop" in n], names
