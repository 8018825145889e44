"""The charter as PDF: ticked on the export page, written off the GUI thread, read back."""

from __future__ import annotations

import errno
import os
import pathlib
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.conftest import example_files
from tests.desktop.conftest import ScriptedPrompter
from tests.desktop.test_export import child, export
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.build import output_names, pdf_name
from wizards.render import render_charter
from wizards.steps import Step

PDFTOTEXT = shutil.which("pdftotext")


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or of one page of it) as poppler's pdftotext reads it."""
    assert PDFTOTEXT is not None
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    done = subprocess.run(
        [PDFTOTEXT, "-layout", *pages, str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
        timeout=60,
    )
    return done.stdout


@pytest.fixture
def export_page(window: Any, tmp_path: Path) -> Any:
    window.open_charter(complete_charter(), int(Step.EXPORT), event="created")
    page = window.wizard.current_page()
    page.set_folder(tmp_path / "out")
    return page


def tick(qtbot: Any, window: Any, name: str) -> None:
    """Click a check box on its box, as a user does (the widget is wider than its label)."""
    box = child(window, name)
    middle = box.height() // 2
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(middle, middle))


def test_the_pdf_is_off_by_default(
    qtbot: Any, window: Any, export_page: Any, tmp_path: Path
) -> None:
    assert not child(window, "export_pdf").isChecked()
    export(qtbot, window)
    assert not [p for p in (tmp_path / "out").iterdir() if p.suffix == ".pdf"]


def test_ticked_the_charter_is_written_as_pdf_beside_the_word_file(
    qtbot: Any, window: Any, export_page: Any, tmp_path: Path
) -> None:
    tick(qtbot, window, "export_pdf")
    assert child(window, "export_pdf").isChecked()
    export(qtbot, window)
    out = tmp_path / "out"
    charter = complete_charter()
    docx = out / output_names(charter)["charter"]
    pdf = out / pdf_name(charter)
    assert docx.is_file()
    assert pdf.name == docx.with_suffix(".pdf").name
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    assert pdf.name in child(window, "export_status").text()
    if PDFTOTEXT is None:
        return  # the bytes are checked; reading the text needs poppler-utils
    text = pdf_text(pdf)
    assert charter.organisation.name in text
    assert charter.executive.person.name in text
    assert "Contents" in text
    assert re.search(r"Page 2 of \d+", text)


def test_the_pdf_alone(qtbot: Any, window: Any, export_page: Any, tmp_path: Path) -> None:
    tick(qtbot, window, "export_docx")
    tick(qtbot, window, "export_ics")
    tick(qtbot, window, "export_pdf")
    export(qtbot, window)
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".pdf"]


def test_the_pdf_is_laid_out_on_a_worker_thread(
    qtbot: Any, window: Any, export_page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.pdf

    threads: list[threading.Thread] = []
    real = desktop.pdf.charter_pdf

    def spy(html: str, info: Any) -> bytes:
        threads.append(threading.current_thread())
        return real(html, info)

    monkeypatch.setattr(desktop.pdf, "charter_pdf", spy)
    tick(qtbot, window, "export_pdf")
    export(qtbot, window)
    assert threads
    assert threads[0] is not threading.main_thread()


@pytest.mark.parametrize(
    ("failure", "expected"),
    [("read-only", "read-only"), ("held-open", "close it and try again")],
)
def test_pdf_failures_say_what_is_wrong_and_lose_nothing(
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
    tick(qtbot, window, "export_docx")
    tick(qtbot, window, "export_ics")
    tick(qtbot, window, "export_pdf")
    with monkeypatch.context() as patch:
        if failure == "read-only":
            patch.setattr(os, "access", lambda *_args, **_kw: False)
        else:

            def refuse(self: Path, target: Any) -> Path:
                raise PermissionError(errno.EACCES, "Permission denied")

            patch.setattr(pathlib.Path, "replace", refuse)
        export(qtbot, window)
    _kind, title, text = prompter.kinds("warning")[-1]
    assert title == "Export failed"
    assert expected in text
    assert "Your answers are safe" in text
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    export(qtbot, window)
    assert sorted(p.suffix for p in out.iterdir()) == [".pdf", ".txt"]


# Each example too: a page break early on moves every heading after it (a heading that sat
# inside its page can end one after the move), and the examples are long enough to show it.
CHARTERS = {"factory": complete_charter, **{p.name.split(".")[0]: p for p in example_files()}}


@pytest.mark.parametrize("source", CHARTERS.values(), ids=CHARTERS.keys())
def test_the_contents_give_the_page_of_each_heading(source: Any, tmp_path: Path, qapp: Any) -> None:
    from desktop.pdf import PdfInfo, charter_pdf, headings

    charter = source() if callable(source) else load(source)
    html = render_charter(charter)
    path = tmp_path / "charter.pdf"
    path.write_bytes(charter_pdf(html, PdfInfo(title="Charter", footer="Footer")))
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) reads the pages back")
    contents = pdf_text(path, 2)
    listed = [h.text for h in headings(html) if h.listed]
    assert listed
    for text in listed:
        found = re.search(re.escape(text) + r"\s+(\d+)\s*$", contents, re.MULTILINE)
        assert found, f"{text!r} is not in the contents"
        assert text in pdf_text(path, int(found.group(1))), f"{text!r} not on its page"
    assert "Footer" not in pdf_text(path, 1)  # the title page has no footer
    assert "Footer" in contents


def test_printable_html_turns_markers_into_page_breaks_and_contents() -> None:
    from desktop.pdf import printable_html

    html = (
        '<h1 class="title">T</h1><div class="page-break"></div><div class="toc"></div>'
        '<div class="page-break"></div><h1>1. One</h1><h2 class="no-toc">Aside</h2>'
        '<div class="keep-together"><p>Sign</p></div><p>After</p><div class="page-break"></div>'
    )
    out = printable_html(html, pages={0: 3})
    assert '<p class="title">T</p>' in out
    assert "Contents" in out and ">1. One</b>" in out and "Aside</td>" not in out
    assert '<h1 style="page-break-before: always"><a name="pdf-h0"></a>1. One</h1>' in out
    assert '<p class="contents-title" style="page-break-before: always">' in out
    assert '<p><a name="pdf-k0"></a>Sign</p>' in out
    assert '<p><a name="pdf-e0"></a>After</p>' in out
    assert 'class="page-break"' not in out  # the trailing break is dropped, not an empty page
    assert ">3</td>" in out
