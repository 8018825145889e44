"""Export in the background: progress, success, and every failure leaves everything as it was."""

from __future__ import annotations

import errno
import os
import pathlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.desktop.conftest import ScriptedPrompter
from tests.wizards.factories import complete_charter
from wizards.steps import Step


def child(window: Any, name: str) -> Any:
    found = window.findChild(QWidget, name)
    assert found is not None, name
    return found


@pytest.fixture
def export_page(window: Any, tmp_path: Path) -> Any:
    window.open_charter(complete_charter(), int(Step.EXPORT), event="created")
    assert window.wizard.currentId() == int(Step.EXPORT)
    page = window.wizard.current_page()
    page.set_folder(tmp_path / "out")
    return page


def export(qtbot: Any, window: Any) -> None:
    qtbot.mouseClick(child(window, "export_start"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not export_running(window), timeout=20000)


def export_running(window: Any) -> bool:
    page = window.wizard.current_page()
    return page.task is not None and page.task.running


def test_export_writes_the_files_and_offers_the_folder(
    qtbot: Any, window: Any, export_page: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    opened: list[str] = []
    export_page.open_folder = lambda: opened.append("yes")
    prompter.answers.append(True)
    export(qtbot, window)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 3, names
    assert child(window, "export_progress").value() == child(window, "export_progress").maximum()
    assert "Written to" in child(window, "export_status").text()
    assert opened == ["yes"]
    assert child(window, "export_open_folder").isVisible()
    assert window.library.events()[-1].kind == "exported"


def test_only_the_calendar_file(qtbot: Any, window: Any, export_page: Any, tmp_path: Path) -> None:
    child(window, "export_docx").setChecked(False)
    export(qtbot, window)
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".ics"]


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        ("read-only", "read-only"),
        ("held-open", "close it and try again"),
        ("disk-full", "No space left on device"),
    ],
)
def test_failures_say_what_is_wrong_and_lose_nothing(
    qtbot: Any,
    window: Any,
    export_page: Any,
    prompter: ScriptedPrompter,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    failure: str,
    expected: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with monkeypatch.context() as patch:
        if failure == "read-only":
            patch.setattr(os, "access", lambda *_args, **_kw: False)
        elif failure == "held-open":

            def refuse(self: Path, target: Any) -> Path:
                raise PermissionError(errno.EACCES, "Permission denied")

            patch.setattr(pathlib.Path, "replace", refuse)
        else:

            def full(fd: int) -> None:
                raise OSError(errno.ENOSPC, "No space left on device")

            patch.setattr(os, "fsync", full)
        export(qtbot, window)
        _kind, title, text = prompter.kinds("warning")[-1]
    assert title == "Export failed"
    assert expected in text
    assert "Your answers are safe" in text
    assert expected in child(window, "export_status").text()
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]  # no half-written files
    assert child(window, "export_start").isEnabled()
    # Fix the problem and try again: it works, and the answers are untouched.
    export(qtbot, window)
    assert len([p for p in out.iterdir() if p.name != "keep.txt"]) == 3
    assert window.wizard.charter.organisation.name == complete_charter().organisation.name


def test_a_file_in_the_place_of_the_folder(
    qtbot: Any, window: Any, export_page: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    prompter.folders.append(blocker)
    qtbot.mouseClick(child(window, "export_choose_folder"), Qt.MouseButton.LeftButton)
    export(qtbot, window)
    assert "is a file, not a folder" in prompter.kinds("warning")[-1][2]


def test_the_worker_gets_a_snapshot(
    qtbot: Any, window: Any, export_page: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import wizards.build

    seen: list[Any] = []
    real = wizards.build.build

    def spy(charter: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(charter)
        return real(charter, *args, **kwargs)

    monkeypatch.setattr(wizards.build, "build", spy)
    export(qtbot, window)
    assert seen and seen[0] is not window.wizard.charter
    assert seen[0] == window.wizard.charter


def test_findings_appendix_is_chosen_on_the_export_page(
    qtbot: Any, window: Any, export_page: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    import docx

    window.wizard.charter.executive.authorities.halt_systems = False  # a blocker to report
    box = child(window, "export_with_findings")
    assert not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert window.wizard.charter.meta.include_findings is True
    prompter.answers.append(False)
    export(qtbot, window)
    (charter_file,) = (tmp_path / "out").glob("*charter*.docx")
    document = docx.Document(str(charter_file))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles[-1] == "Appendix C. Readiness findings"
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("cannot halt" in c for c in cells)


def test_branding_is_applied_and_remembered(
    qtbot: Any, window: Any, export_page: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    import zipfile

    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(300, 90, QImage.Format.Format_RGB32)
    image.fill(QColor("#7A1F3D"))
    assert image.save(str(logo))
    prompter.files.append(logo)
    qtbot.mouseClick(child(window, "branding_logo_choose"), Qt.MouseButton.LeftButton)
    assert child(window, "branding_logo").text() == str(logo)
    accent = child(window, "branding_accent")
    qtbot.keyClicks(accent, "#7a1f3dZZ")  # the validator refuses what is not a colour
    assert accent.text() == "#7a1f3d"
    prompter.answers.append(False)
    export(qtbot, window)
    (charter_file,) = (tmp_path / "out").glob("*charter*.docx")
    with zipfile.ZipFile(charter_file) as package:
        assert any(n.startswith("word/media/") for n in package.namelist())
        assert 'w:color w:val="7A1F3D"' in package.read("word/styles.xml").decode()

    charter = window.wizard.charter
    window.close_charter()
    window.open_charter(charter, int(Step.EXPORT))
    page = window.wizard.current_page()  # the closed run's widgets linger until deleted
    assert page.brand_paths["logo"].text() == str(logo)
    assert page.accent.text() == "#7a1f3d"
    qtbot.mouseClick(page.brand_clear["logo"], Qt.MouseButton.LeftButton)
    assert page.branding().logo is None


def test_a_bad_reference_docx_is_a_clear_message(
    qtbot: Any, window: Any, export_page: Any, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    fake = tmp_path / "brand.docx"
    fake.write_text("not a Word file")
    prompter.files.append(fake)
    qtbot.mouseClick(child(window, "branding_reference_choose"), Qt.MouseButton.LeftButton)
    export(qtbot, window)
    assert "brand.docx" in child(window, "export_status").text() or any(
        "brand.docx" in text for _kind, _title, text in prompter.shown
    )
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.docx"))
