"""The redline: the new charter in Word with its changes against an old one as tracked changes."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import os
import random
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree
from pydantic import BaseModel

from tests.conftest import EXAMPLES
from wizards.answers import load, save
from wizards.build import build, output_names
from wizards.docx_writer import write_docx
from wizards.model import AiSystem, Appetite, Charter, RiskClass
from wizards.paths import resource_path
from wizards.versions.redline import AUTHOR, redline_docx, redline_name, write_redline

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, R, TR, T, DEL_TEXT = W + "p", W + "r", W + "tr", W + "t", W + "delText"
INS, DEL = W + "ins", W + "del"
WHEN = dt.datetime(2026, 12, 8, 9, 30, tzinfo=dt.timezone.utc)
LENDER = EXAMPLES / "eu-lender-credit-scoring.charter.json"


def body(path: Path) -> Any:
    """The w:body of a Word file, read the way Word reads it: through python-docx."""
    return docx.Document(str(path)).element.body


def text(element: Any, *tags: str) -> str:
    return "".join(t.text or "" for t in element.iter(*(tags or (T,))))


def mark_of(paragraph: Any) -> str | None:
    """'ins' or 'del' when the paragraph mark itself is tracked, else None."""
    mark = paragraph.find(f"{W}pPr/{W}rPr")
    if mark is None:
        return None
    for tag in (INS, DEL):
        if mark.find(tag) is not None:
            return tag[len(W) :]
    return None


def is_contents(paragraph: Any) -> bool:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style is not None and style.get(W + "val", "").lower().startswith("toc")


def paragraphs(root: Any) -> Iterator[Any]:
    """Every paragraph in document order, table cells included, the contents left out (it is a
    field Word regenerates, taken from the new document as it is)."""
    return (p for p in root.iter(P) if not is_contents(p))


def style_of(paragraph: Any, accept: bool = True) -> str | None:
    """The paragraph's style, or on Reject the style a tracked formatting change restores."""
    ppr = paragraph.find(f"{W}pPr")
    change = ppr.find(f"{W}pPrChange/{W}pPr") if ppr is not None else None
    if not accept and change is not None:
        ppr = change
    style = ppr.find(f"{W}pStyle") if ppr is not None else None
    return style.get(W + "val") if style is not None else None


def resolved(root: Any, accept: bool, styles: bool = False) -> list[Any]:
    """The paragraph texts after Accept all (or Reject all) of the tracked changes.

    As Word and LibreOffice do it: a paragraph whose mark goes joins the next paragraph, but
    the last paragraph of a cell or of the document cannot go, and stays, if only empty.
    """
    root = copy.deepcopy(root)
    gone = DEL if accept else INS
    for row in list(root.iter(TR)):
        if row.find(f"{W}trPr/{gone}") is not None:
            row.getparent().remove(row)
    for mark in list(root.iter(gone)):
        if mark.getparent().tag not in (W + "rPr", W + "trPr"):
            mark.getparent().remove(mark)
    out, carried = [], ""
    for paragraph in root.iter(P):
        joined = carried + text(paragraph, T, DEL_TEXT)
        following = next((e for e in paragraph.itersiblings() if isinstance(e.tag, str)), None)
        if mark_of(paragraph) == gone[len(W) :] and following is not None and following.tag == P:
            carried = joined
            continue
        carried = ""
        if not is_contents(paragraph):
            out.append((style_of(paragraph, accept), joined) if styles else joined)
    return out


def has_changes(paragraph: Any) -> bool:
    """True when text of the paragraph is marked, or the paragraph is an empty one inserted or
    deleted; a mark on the paragraph mark alone may stand for the paragraph after it."""
    if paragraph.find(f".//{INS}/{R}") is not None or paragraph.find(f".//{DEL}/{R}") is not None:
        return True
    return mark_of(paragraph) is not None and not text(paragraph)


def changes(paragraph: Any) -> tuple[list[str], list[str]]:
    """The texts of the paragraph's w:del and w:ins run wrappers, in order."""
    deleted = [text(d, DEL_TEXT) for d in paragraph.iter(DEL) if d.getparent() is not None]
    inserted = [text(i) for i in paragraph.iter(INS)]
    return [d for d in deleted if d], [i for i in inserted if i]


def check_well_formed(root: Any) -> int:
    """The tracked changes as the schema and Word want them; returns how many there are."""
    ids: list[str] = []
    for mark in root.iter(INS, DEL, W + "pPrChange"):
        assert mark.get(W + "author") == AUTHOR
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mark.get(W + "date", ""))
        assert mark.get(W + "id", "").isdigit()
        ids.append(mark.get(W + "id"))
        parent = mark.getparent().tag
        if mark.tag == W + "pPrChange":  # a formatting change: the last child of w:pPr
            assert parent == W + "pPr" and mark.getparent()[-1] is mark
        elif parent == W + "rPr":  # the paragraph mark: the first child of the paragraph's rPr
            assert mark.getparent().getparent().tag == W + "pPr" and mark.getparent()[0] is mark
        elif parent == W + "trPr":
            assert len(mark) == 0
        else:  # a run wrapper
            assert len(mark) and all(child.tag == R for child in mark)
            if mark.tag == DEL:
                assert mark.find(f".//{T}") is None and mark.find(f".//{DEL_TEXT}") is not None
    for deleted_text in root.iter(DEL_TEXT):
        assert any(a.tag == DEL for a in deleted_text.iterancestors())
    bookmarks = [b.get(W + "id") for b in root.iter(W + "bookmarkStart")]
    assert len(set(ids)) == len(ids) and not set(ids) & set(bookmarks)
    return len(ids)


def built(charter: Charter, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return build(charter, folder, ["docx"]).files[0]


def revised(old: Charter) -> Charter:
    """The lender's charter a year on: a new deputy, a lower appetite, a new AI system, one
    principle fewer."""
    new = old.model_copy(deep=True)
    new.meta.version = "2.0"
    new.executive.deputy.name = "Lena Horvath"
    fairness = next(c for c in new.risk.categories if c.label == "Fairness in credit decisions")
    assert fairness.appetite == Appetite.OPEN
    fairness.appetite = Appetite.MINIMAL
    new.organisation.systems.append(
        AiSystem(
            name="Claims triage",
            purpose="Sorts incoming claims by urgency.",
            risk_class=RiskClass.LIMITED,
            owner="Anja Koch",
        )
    )
    new.ethics.principles = [p for p in new.ethics.principles if p.title != "Accountability"]
    return new


@pytest.fixture(scope="module")
def lender(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("redline")
    old = load(LENDER)
    new = revised(old)
    path = write_redline(old, new, folder / redline_name(old, new), when=WHEN)
    return {
        "old": old,
        "new": new,
        "path": path,
        "root": body(path),
        "old_root": body(built(old, folder / "old")),
        "new_root": body(built(new, folder / "new")),
    }


def test_the_redline_is_named_after_the_charter_and_the_old_version() -> None:
    old = load(LENDER)
    new = revised(old)
    assert redline_name(old, new) == (
        "nordwald-kreditbank-ag-ai-governance-charter-v2-0-changes-since-v1-0.docx"
    )


def test_accepting_every_change_gives_the_new_charter_and_rejecting_them_the_old(
    lender: dict[str, Any],
) -> None:
    old_texts = [text(p) for p in paragraphs(lender["old_root"])]
    new_texts = [text(p) for p in paragraphs(lender["new_root"])]
    assert old_texts != new_texts
    assert resolved(lender["root"], accept=True) == new_texts
    assert resolved(lender["root"], accept=False) == old_texts


def test_exactly_the_paragraphs_that_changed_are_marked(lender: dict[str, Any]) -> None:
    # Said without the alignment: a paragraph both documents have is left alone, and the rest
    # is marked (accepting and rejecting, above, show it is marked right).
    old_texts = Counter(text(p) for p in paragraphs(lender["old_root"]))
    new_texts = Counter(text(p) for p in paragraphs(lender["new_root"]))
    untouched = Counter(text(p) for p in paragraphs(lender["root"]) if not has_changes(p))
    assert untouched == old_texts & new_texts


def _paragraph(root: Any, needle: str) -> Any:
    found = [p for p in paragraphs(root) if needle in text(p, T, DEL_TEXT)]
    assert len(found) == 1, (needle, [text(p, T, DEL_TEXT) for p in found])
    return found[0]


def test_a_changed_name_is_one_word_level_change_in_its_sentence(lender: dict[str, Any]) -> None:
    sentence = _paragraph(lender["root"], "stands in with the same authority")
    assert mark_of(sentence) is None
    assert changes(sentence) == (["Jeroen van Dijk"], ["Lena Horvath"])
    # The new name keeps the formatting the new text has (the writer sets names in bold).
    inserted_run = next(sentence.iter(INS)).find(R)
    assert inserted_run.find(f"{W}rPr/{W}b") is not None
    # The principles after the removed one are renumbered: only the number is marked.
    heading = _paragraph(lender["root"], "Raising concerns")
    assert changes(heading) == (["4.7"], ["4.6"])


def test_a_removed_principle_is_put_back_struck_through(lender: dict[str, Any]) -> None:
    heading = _paragraph(lender["root"], "4.6 Accountability")
    assert mark_of(heading) == "del" and changes(heading) == (["4.6 Accountability"], [])
    following = heading.itersiblings()
    assert mark_of(next(following)) == "del"
    # No bookmark of the old document comes along: the contents link to the new headings.
    assert heading.find(f"{W}bookmarkStart") is None


def _table_with(root: Any, needle: str) -> Any:
    return next(t for t in root.iter(W + "tbl") if needle in text(t))


def test_a_new_ai_system_is_an_inserted_row_and_the_others_are_untouched(
    lender: dict[str, Any],
) -> None:
    table = _table_with(lender["root"], "Claims triage")
    rows = table.findall(TR)
    marked = [r for r in rows if r.find(f"{W}trPr/{INS}") is not None]
    assert [text(r) for r in marked] == [text(rows[-1])]
    assert "Claims triage" in text(marked[0]) and "Anja Koch" in text(marked[0])
    for paragraph in marked[0].iter(P):
        assert mark_of(paragraph) == "ins"
    for row in rows[:-1]:
        assert row.find(f".//{INS}") is None and row.find(f".//{DEL}") is None


def test_a_changed_appetite_shows_the_old_level_struck_and_the_new(
    lender: dict[str, Any],
) -> None:
    table = _table_with(lender["root"], "Fairness in credit decisions")
    row = next(r for r in table.findall(TR) if "Fairness in credit decisions" in text(r))
    cells = row.findall(W + "tc")
    # One paragraph, as the cell had: Reject cannot leave an empty paragraph behind.
    (level,) = cells[1].findall(P)
    assert changes(level) == (["Open"], ["Minimal"]) and mark_of(level) is None
    for cell in [cells[0], *cells[2:]]:
        assert cell.find(f".//{INS}") is None and cell.find(f".//{DEL}") is None
    assert row.find(f"{W}trPr/{INS}") is None and row.find(f"{W}trPr/{DEL}") is None


def test_the_tracked_changes_are_well_formed(lender: dict[str, Any]) -> None:
    assert check_well_formed(lender["root"]) > 10
    dates = {m.get(W + "date") for m in lender["root"].iter(INS, DEL)}
    assert dates == {"2026-12-08T09:30:00Z"}


def test_headers_footers_styles_and_contents_are_the_new_documents(
    lender: dict[str, Any], tmp_path: Path
) -> None:
    import zipfile

    new_docx = built(lender["new"], tmp_path)
    with zipfile.ZipFile(lender["path"]) as redline, zipfile.ZipFile(new_docx) as new:
        assert sorted(redline.namelist()) == sorted(new.namelist())
        for name in new.namelist():
            if name != "word/document.xml" and not name.startswith("docProps/"):
                assert redline.read(name) == new.read(name), name
    contents = [text(p) for p in lender["root"].iter(P) if is_contents(p)]
    assert contents == [text(p) for p in lender["new_root"].iter(P) if is_contents(p)]
    assert "4.6 Raising concerns" in contents
    assert all(not is_contents(p) or mark_of(p) is None for p in lender["root"].iter(P))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.charter.json")), ids=lambda p: p.name)
def test_identical_charters_give_no_tracked_changes(example: Path, tmp_path: Path) -> None:
    charter = load(example)
    path = write_redline(charter, charter.model_copy(deep=True), tmp_path / "same.docx")
    root = body(path)
    assert root.find(f".//{INS}") is None and root.find(f".//{DEL}") is None
    assert [text(p) for p in root.iter(P)] == [
        text(p) for p in body(built(charter, tmp_path / "plain")).iter(P)
    ]


# --- the alignment on small documents, where every mark can be named ------------------------

OLD_HTML = """
<h1>Purpose</h1>
<p>The deputy is <strong>Sophie Gruber</strong>, who reports monthly to the board.</p>
<ul><li>one</li><li>two</li><li>three</li></ul>
<table><tr><th>Role</th><th>Held by</th></tr>
<tr><td>Commander</td><td>Markus Lehmann</td></tr><tr><td>Deputy</td><td>Sophie</td></tr></table>
<ol><li>first step</li><li>second step</li></ol>
<p>A closing paragraph that stays.</p>
"""
NEW_HTML = """
<h1>Purpose</h1>
<p>The deputy is <strong>Lena Horvath</strong>, who reports quarterly to the board.</p>
<ul><li>one</li><li>three</li><li>four</li></ul>
<table><tr><th>Role</th><th>Held by</th></tr>
<tr><td>Commander</td><td>Markus Lehmann</td></tr><tr><td>Deputy</td><td>Lena</td></tr>
<tr><td>Scribe</td><td>Anja Koch</td></tr></table>
<ol><li>second step</li></ol>
<p>A closing paragraph that stays.</p>
"""


def _small_redline(tmp_path: Path, old_html: str, new_html: str) -> Any:
    reference = resource_path("reference.docx")
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    write_docx(old_html, old, reference)
    write_docx(new_html, new, reference)
    redline_docx(old, new, tmp_path / "redline.docx", when=WHEN)
    return body(tmp_path / "redline.docx")


def test_small_document_marks_exactly_the_changed_words(tmp_path: Path) -> None:
    root = _small_redline(tmp_path, OLD_HTML, NEW_HTML)
    check_well_formed(root)
    deleted = [d for p in root.iter(P) for d in changes(p)[0]]
    inserted = [i for p in root.iter(P) for i in changes(p)[1]]
    assert deleted == ["Sophie Gruber", "monthly", "two", "Sophie", "first step"]
    assert inserted == ["Lena Horvath", "quarterly", "four", "Lena", "Scribe", "Anja Koch"]
    rows = root.find(W + "tbl").findall(TR)
    assert [r.find(f"{W}trPr/{INS}") is not None for r in rows] == [False, False, False, True]
    unmarked = [text(p) for p in root.iter(P) if not any(changes(p)) and mark_of(p) is None]
    assert unmarked == [
        *("Purpose", "one", "three", "Role", "Held by", "Commander", "Markus Lehmann", "Deputy"),
        *("second step", "A closing paragraph that stays."),
    ]


def test_a_deleted_list_item_keeps_counting_with_its_list(tmp_path: Path) -> None:
    root = _small_redline(tmp_path, OLD_HTML, NEW_HTML)
    first = next(p for p in root.iter(P) if text(p, DEL_TEXT) == "first step")
    second = next(p for p in root.iter(P) if text(p) == "second step")
    num_id = f"{W}pPr/{W}numPr/{W}numId"
    assert first.find(num_id).get(W + "val") == second.find(num_id).get(W + "val")


def test_a_list_that_is_gone_gets_a_list_of_its_own(tmp_path: Path) -> None:
    import zipfile

    root = _small_redline(tmp_path, "<ol><li>a</li><li>b</li></ol><p>x</p>", "<p>x</p>")
    items = [p for p in root.iter(P) if mark_of(p) == "del"]
    assert [text(p, DEL_TEXT) for p in items] == ["a", "b"]
    values = {p.find(f"{W}pPr/{W}numPr/{W}numId").get(W + "val") for p in items}
    with zipfile.ZipFile(tmp_path / "redline.docx") as package:
        numbering = etree.fromstring(package.read("word/numbering.xml"))
    assert len(values) == 1 and values <= {n.get(W + "numId") for n in numbering.iter(W + "num")}


def test_a_rewritten_paragraph_is_shown_as_the_old_one_deleted_and_the_new_one_inserted(
    tmp_path: Path,
) -> None:
    root = _small_redline(
        tmp_path,
        "<p>Keep.</p><p>Reports go to the audit committee twice a year.</p><p>End.</p>",
        "<p>Keep.</p><p>Nothing of this sentence is the same as before.</p><p>End.</p>",
    )
    assert [(mark_of(p), text(p, T, DEL_TEXT)) for p in root.iter(P)] == [
        (None, "Keep."),
        ("del", "Reports go to the audit committee twice a year."),
        ("ins", "Nothing of this sentence is the same as before."),
        (None, "End."),
    ]


@pytest.mark.parametrize(
    ("old_html", "new_html"),
    [
        ("<p>A</p>", "<p>A</p><p>B</p>"),
        ("<p>A</p><p>B</p>", "<p>A</p>"),
        ("<p>A</p><p>Old words here.</p>", "<p>A</p><p>Entirely different now.</p>"),
        ("<p>A</p>", "<p>A</p><ul><li>b</li><li>c</li></ul>"),
        ("<p>A</p><ul><li>b</li><li>c</li></ul>", "<p>A</p>"),
        ("<p>A</p><ul><li>b</li></ul>", "<p>A</p><h2>c</h2>"),
        (
            "<table><tr><td>x</td><td>A</td></tr></table>",
            "<table><tr><td>x</td><td>A</td></tr></table>",
        ),
        (
            "<table><tr><td>x</td><td><p>A</p></td></tr></table>",
            "<table><tr><td>x</td><td><p>A</p><p>B</p></td></tr></table>",
        ),
        (
            "<table><tr><td>x</td><td><p>A</p><p>B</p></td></tr></table>",
            "<table><tr><td>x</td><td><p>A</p></td></tr></table>",
        ),
        (
            "<table><tr><td>x</td><td><p>A</p><p>Old words.</p></td></tr></table>",
            "<table><tr><td>x</td><td><p>A</p><p>New text.</p></td></tr></table>",
        ),
        (
            "<table><tr><td>x</td><td>Open</td></tr></table>",
            "<table><tr><td>x</td><td>Minimal</td></tr></table>",
        ),
    ],
)
def test_accept_and_reject_leave_no_empty_paragraph_at_the_end_of_a_cell_or_document(
    tmp_path: Path, old_html: str, new_html: str
) -> None:
    reference = resource_path("reference.docx")
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    write_docx(old_html, old, reference)
    write_docx(new_html, new, reference)
    root = _small_redline(tmp_path, old_html, new_html)
    check_well_formed(root)
    plain = {name: [(style_of(p), text(p)) for p in body(path).iter(P)] for name, path in
             (("old", old), ("new", new))}  # fmt: skip
    assert resolved(root, accept=True, styles=True) == plain["new"]
    assert resolved(root, accept=False, styles=True) == plain["old"]


def test_build_writes_the_redline_beside_the_charter(tmp_path: Path) -> None:
    old = load(LENDER)
    new = revised(old)
    result = build(new, tmp_path, ["docx"], compare_to=old, previous=old)
    names = [p.name for p in result.files]
    assert redline_name(old, new) in names
    redline = body(tmp_path / redline_name(old, new))
    # Accepting every change gives the charter beside it, "Changes since version 1.0" and all.
    charter = [
        text(p) for p in paragraphs(body(result.files[names.index(output_names(new)["charter"])]))
    ]
    assert "Changes since version 1.0" in charter
    assert resolved(redline, accept=True) == charter


def test_the_command_line_writes_the_redline_and_refuses_a_bad_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop import cli

    old = load(LENDER)
    new_file = save(revised(old), tmp_path / "new.charter.json")
    code = cli.main(["build", str(new_file), "--compare-to", str(LENDER), "--out", str(tmp_path)])
    out, _ = capsys.readouterr()
    assert code == 0 and redline_name(old, revised(old)) in out
    broken = tmp_path / "old.charter.json"
    broken.write_text('{"format_version": 1, "board": {"horizon_months": "two years"}}')
    code = cli.main(["build", str(new_file), "--compare-to", str(broken), "--out", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 2 and str(broken) in err and "$.board.horizon_months" in err
    assert "Traceback" not in err


# --- a real client: LibreOffice -------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.slow
def test_libreoffice_converts_the_redline_showing_old_and_new_wording(
    lender: dict[str, Any], tmp_path: Path
) -> None:
    if not (SOFFICE and PDFTOTEXT):
        if os.environ.get("CI"):
            pytest.fail("CI must install libreoffice-writer-nogui and poppler-utils")
        pytest.skip("LibreOffice or poppler-utils not installed here")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(lender["path"])],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / Path(lender["path"]).with_suffix(".pdf").name
    shown = subprocess.run(
        [PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for wording in ("Jeroen van Dijk", "Lena Horvath", "4.6 Accountability", "Claims triage"):
        assert wording in shown, wording


# A Basic macro that opens a document, accepts or rejects every tracked change as the Edit >
# Track Changes menu does, and saves the result as plain text.
RESOLVE_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Resolve(source As String, target As String, command As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(document.CurrentController.Frame, command, &quot;&quot;, 0, Array())
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;Text&quot;
  document.storeToURL(ConvertToURL(target), save())
  document.close(True)
End Sub
</script:module>
"""


def _without_contents(lines: list[str]) -> list[str]:
    """The lines of a text export without the entries of the contents (a field Word updates)."""
    start = lines.index("Contents") + 1
    end = lines.index(lines[start], start + 1)  # the first entry again: its heading
    return lines[:start] + lines[end:]


@pytest.mark.slow
def test_accept_all_and_reject_all_in_libreoffice_give_the_new_and_the_old_charter(
    lender: dict[str, Any], tmp_path: Path
) -> None:
    if not SOFFICE:
        if os.environ.get("CI"):
            pytest.fail("CI must install libreoffice-writer-nogui")
        pytest.skip("LibreOffice not installed here")
    profile = tmp_path / "lo-profile"
    office = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless"]
    subprocess.run(
        [*office, "--terminate_after_init"], check=True, capture_output=True, timeout=300
    )
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(RESOLVE_MACRO)
    plain = {}
    for name in ("old", "new"):
        docx_file = tmp_path / f"{name}.docx"
        shutil.copyfile(built(lender[name], tmp_path / name), docx_file)
        plain[name] = docx_file.with_suffix(".txt")
    subprocess.run(
        [*office, "--convert-to", "txt:Text", "--outdir", str(tmp_path),
         str(tmp_path / "old.docx"), str(tmp_path / "new.docx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for command, expected in (("Accept", "new"), ("Reject", "old")):
        result = tmp_path / f"{command}.txt"
        macro = (
            f'macro:///Standard.Module1.Resolve("{lender["path"]}","{result}",'
            f'".uno:{command}AllTrackedChanges")'
        )
        subprocess.run([*office, macro], check=True, capture_output=True, timeout=300)
        got = result.read_text(encoding="utf-8-sig").splitlines()
        want = plain[expected].read_text(encoding="utf-8-sig").splitlines()
        if command == "Accept":
            assert got == want
        else:  # the contents stay the new document's until Word or LibreOffice updates them
            assert _without_contents(got) == _without_contents(want)


def _text_fields(model: BaseModel) -> Iterator[tuple[BaseModel, str, Any]]:
    """Every text field and every list of texts of a charter, with the model holding it."""
    for name, value in model:
        if isinstance(value, BaseModel):
            yield from _text_fields(value)
        elif isinstance(value, list):
            if value and all(isinstance(v, str) for v in value):
                yield model, name, value
            for item in value:
                if isinstance(item, BaseModel):
                    yield from _text_fields(item)
        elif isinstance(value, str) and not isinstance(value, enum.Enum) and value:
            yield model, name, value


def _edited(charter: Charter, rng: random.Random) -> Charter:
    """The charter with a few words replaced, added or removed and a list entry dropped."""
    charter = charter.model_copy(deep=True)
    for _ in range(rng.randint(2, 6)):
        model, name, value = rng.choice(list(_text_fields(charter)))
        if isinstance(value, list):
            del value[rng.randrange(len(value))]
            continue
        words = value.split(" ")
        at = rng.randrange(len(words))
        choice = rng.random()
        if choice < 0.4:
            words[at] = rng.choice(["board", "quarterly", "Lena Horvath", "山田", "مراجعة", "4.2"])
        elif choice < 0.7:
            words.insert(at, "independent")
        elif len(words) > 1:
            del words[at]
        setattr(model, name, " ".join(words))
    return charter


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.charter.json")), ids=lambda p: p.name)
def test_random_edits_are_marked_exactly_and_accept_and_reject_undo_each_other(
    example: Path, tmp_path: Path
) -> None:
    old = load(example)
    new = _edited(old, random.Random(example.name))
    root = body(write_redline(old, new, tmp_path / "redline.docx"))
    check_well_formed(root)
    plain = {
        name: [text(p) for p in paragraphs(body(built(charter, tmp_path / name)))]
        for name, charter in (("old", old), ("new", new))
    }
    assert plain["old"] != plain["new"]
    assert resolved(root, accept=True) == plain["new"]
    assert resolved(root, accept=False) == plain["old"]
    untouched = Counter(text(p) for p in paragraphs(root) if not has_changes(p))
    assert untouched == Counter(plain["old"]) & Counter(plain["new"])
