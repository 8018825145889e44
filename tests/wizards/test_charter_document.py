"""The Word files, re-opened: structure, the craft items, and text exactly as typed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import icalendar
import pytest
from docx.document import Document

from tests.conftest import EXAMPLES
from tests.wizards.factories import complete_charter
from wizards.answers import load
from wizards.board_calendar import board_events
from wizards.build import Branding, BuildError, build, output_names
from wizards.model import Charter

LENDER = "eu-lender-credit-scoring.charter.json"
CLIENT = "consultant-client-multiscript.charter.json"


def built(charter: Charter, out: Path, branding: Branding | None = None) -> dict[str, Path]:
    result = build(charter, out, branding=branding)
    names = output_names(charter)
    assert {p.name for p in result.files} == set(names.values())
    return {key: out / name for key, name in names.items()}


@pytest.fixture(scope="module")
def lender(tmp_path_factory: pytest.TempPathFactory) -> tuple[Charter, dict[str, Path]]:
    charter = load(EXAMPLES / LENDER)
    return charter, built(charter, tmp_path_factory.mktemp("lender"))


def body_text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def part_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def headings(document: Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_numbered_sections_and_appendices(lender: tuple[Charter, dict[str, Path]]) -> None:
    document = docx.Document(str(lender[1]["charter"]))
    assert headings(document, 1) == [
        "1. Purpose, scope and AI systems",
        "2. Accountable executive",
        "3. AI risk tolerance",
        "4. AI ethics guidelines",
        "5. AI incident response",
        "6. Board reporting",
        "7. Approval",
        "Appendix A. Framework references",
        "Appendix B. Incident role cards",
    ]
    assert document.paragraphs[0].style.name == "Title"


def test_title_page_and_document_control(lender: tuple[Charter, dict[str, Path]]) -> None:
    charter, files = lender
    document = docx.Document(str(files["charter"]))
    control = document.tables[0]
    rows = {row.cells[0].text: row.cells[1].text for row in control.rows[1:]}
    assert control.rows[0].cells[0].text == "Document control"
    assert rows["Organisation"] == "Nordwald Kreditbank AG"
    assert rows["Version"] == charter.meta.version
    assert rows["Effective date"] == "1 January 2027"
    assert rows["Next full review"].startswith("1 January 2028")
    assert rows["Status"] == "Draft for approval"  # the example awaits its meeting
    assert len(rows["Fingerprint"].split()[0]) == 4
    assert "Dr Katharina Brandt" in rows["Accountable executive"]


def test_updatable_contents(lender: tuple[Charter, dict[str, Path]]) -> None:
    files = lender[1]
    xml = part_xml(files["charter"], "word/document.xml")
    assert re.search(r'<w:instrText[^>]*> TOC \\o "1-2" \\h \\z \\u </w:instrText>', xml)
    assert xml.count('w:anchor="_Toc') >= 25  # every numbered section and subsection
    assert '<w:updateFields w:val="true"/>' in part_xml(files["charter"], "word/settings.xml")
    document = docx.Document(str(files["charter"]))
    contents = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    assert contents[:2] == ["1. Purpose, scope and AI systems", "2. Accountable executive"]


def test_header_footer_and_page_x_of_y(lender: tuple[Charter, dict[str, Path]]) -> None:
    document = docx.Document(str(lender[1]["charter"]))
    section = document.sections[0]
    assert section.different_first_page_header_footer  # a clean title page
    header = section.header._element.xml
    footer = section.footer._element.xml
    assert " TITLE " in header
    for field in (" SUBJECT ", " PAGE ", " NUMPAGES "):
        assert field in footer
    assert "Page " in footer and " of " in footer


def test_document_properties(lender: tuple[Charter, dict[str, Path]]) -> None:
    charter, files = lender
    props = docx.Document(str(files["charter"])).core_properties
    assert props.title == "AI Governance Charter: Nordwald Kreditbank AG"
    assert props.subject == "AI Governance Charter, version 1.0, effective 1 January 2027"
    assert props.author == charter.meta.author
    assert "EU AI Act" in props.keywords and "ISO/IEC 42001" in props.keywords
    assert props.revision == 1


def table_with_header(document: Document, first: str, second: str = "") -> list[list[str]]:
    for table in document.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0][0] == first and len(rows[0]) > 1 and second in rows[0][1]:
            return rows
    raise AssertionError(f"no table starting with {first!r}")


def test_severity_matrix_with_escalation_times(lender: tuple[Charter, dict[str, Path]]) -> None:
    charter, files = lender
    rows = table_with_header(docx.Document(str(files["charter"])), "Level", "Meaning")
    assert rows[0] == ["Level", "Meaning", "Executive told within", "Board told within",
                       "Escalated to"]  # fmt: skip
    assert [r[0] for r in rows[1:]] == [s.level for s in charter.incidents.severities]
    assert rows[1][2] == "1 hour"


def test_raci_table(lender: tuple[Charter, dict[str, Path]]) -> None:
    charter, files = lender
    document = docx.Document(str(files["charter"]))
    raci = next(
        [[c.text for c in row.cells] for row in t.rows]
        for t in document.tables
        if t.rows[0].cells[1].text == "Detect"
    )
    assert raci[0] == ["Role", "Detect", "Assess", "Contain", "Notify", "Recover", "Review"]
    assert [r[0] for r in raci[1:]] == [r.title for r in charter.incidents.roles]
    letters = {cell for row in raci[1:] for cell in row[1:]}
    assert letters <= {"R", "A", "C", "I", ""} and {"R", "A"} <= letters


def test_regulatory_clocks_table(lender: tuple[Charter, dict[str, Path]]) -> None:
    charter, files = lender
    rows = table_with_header(docx.Document(str(files["charter"])), "Law")
    assert len(rows) - 1 == sum(1 for c in charter.incidents.clocks if c.applies)
    assert any("72 hours" in r[2] for r in rows)


def test_one_role_card_per_page(lender: tuple[Charter, dict[str, Path]]) -> None:
    charter, files = lender
    xml = part_xml(files["charter"], "word/document.xml")
    appendix = xml[xml.rindex("Appendix B. Incident role cards") :]
    for index, role in enumerate(charter.incidents.roles):
        title = role.title.replace("&", "&amp;")
        at = appendix.index(f">{title}</w:t>")
        paragraph = appendix[appendix.rindex("<w:p>", 0, at) : at]
        # The first card shares the appendix's first page; each other card starts a page.
        assert ("<w:pageBreakBefore/>" in paragraph) == (index > 0), role.title


def test_signature_block_and_resolution(lender: tuple[Charter, dict[str, Path]]) -> None:
    charter, files = lender
    document = docx.Document(str(files["charter"]))
    text = body_text(document)
    assert "The Management Board is asked to resolve:" in text
    assert "to adopt the AI Governance Charter, version 1.0, as the charter under which " in text
    signatures = [t for t in document.tables if t.rows[0].cells[0].text == "Name"]
    approvers, accepting = ([[c.text for c in r.cells] for r in t.rows] for t in signatures)
    assert approvers[0] == ["Name", "Role", "Date", "Signature"]
    assert [r[0] for r in approvers[1:]] == [a.name for a in charter.approvals if not a.countersign]
    assert [r[0] for r in accepting[1:]] == ["Dr Katharina Brandt"]
    # A draft: no date is printed for anyone, every signature cell is empty.
    assert all(r[2] == "" and r[3] == "" for r in approvers[1:] + accepting[1:])
    assert "Next full review of this charter: 1 January 2028." in text


def test_framework_appendix_marks_unverified(lender: tuple[Charter, dict[str, Path]]) -> None:
    text = body_text(docx.Document(str(lender[1]["charter"])))
    assert "NIST GOVERN 2.3" in text and "ISO/IEC 42001 5.3" in text
    assert "EU AI Act Art. 26(2)" in text
    assert "confirm with counsel" in text


def test_calendar_document_and_ics_agree(lender: tuple[Charter, dict[str, Path]]) -> None:
    charter, files = lender
    events = board_events(charter)
    rows = table_with_header(docx.Document(str(files["calendar_docx"])), "Date")
    assert len(rows) - 1 == len(events)
    assert rows[1][0].startswith("9 March 2027")
    calendar = icalendar.Calendar.from_ical(files["calendar_ics"].read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == len(events)


def test_names_in_every_script(tmp_path: Path) -> None:
    charter = load(EXAMPLES / CLIENT)
    files = built(charter, tmp_path)
    document = docx.Document(str(files["charter"]))
    text = body_text(document)
    for name in (charter.executive.person.name, charter.executive.deputy.name,
                 *(r.person for r in charter.incidents.roles)):  # fmt: skip
        assert name in text
    assert re.search("[\u3040-\u30ff\u4e00-\u9fff]", text) and re.search("[\u0600-\u06ff]", text)
    xml = part_xml(files["charter"], "word/document.xml")
    assert "<w:rtl/>" in xml  # Arabic runs are marked right-to-left


@pytest.mark.parametrize("typed", ["{{ 7 * 7 }}", "<b>bold</b>", "Tom & Jerry's <AI> Ltd"])
def test_text_is_written_exactly_as_typed(tmp_path: Path, typed: str) -> None:
    charter = complete_charter()
    charter.organisation.name = typed
    charter.risk.statement = typed
    files = built(charter, tmp_path)
    document = docx.Document(str(files["charter"]))
    assert document.paragraphs[1].text == typed  # the subtitle on the title page
    assert typed in [p.text for p in document.paragraphs]


def test_control_characters_are_removed_and_reported(tmp_path: Path) -> None:
    charter = complete_charter()
    charter.risk.statement = "Safe\x00 and\x07 sound\x1b."
    result = build(charter, tmp_path, ["docx"])
    assert any("Removed 3 characters" in w for w in result.warnings)
    document = docx.Document(str(result.files[0]))
    assert "Safe and sound." in [p.text for p in document.paragraphs]


def test_very_long_text_is_kept_whole(tmp_path: Path) -> None:
    charter = complete_charter()
    charter.risk.statement = "Oversight " * 9_999 + "end."
    files = built(charter, tmp_path)
    document = docx.Document(str(files["charter"]))
    longest = max((p.text for p in document.paragraphs), key=len)
    assert longest == charter.risk.statement
    assert longest.endswith("end.")


def test_branding_accent_and_logo(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(400, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#7A1F3D"))
    assert image.save(str(logo))
    charter = complete_charter()
    files = built(charter, tmp_path / "out", Branding(accent="#7a1f3d", logo=logo))
    styles = part_xml(files["charter"], "word/styles.xml")
    assert styles.count('w:color w:val="7A1F3D"') >= 4  # title and three heading levels
    assert 'w:fill="7A1F3D"' in styles  # table header rows
    with zipfile.ZipFile(files["charter"]) as package:
        assert any(n.startswith("word/media/") for n in package.namelist())
    document = docx.Document(str(files["charter"]))
    assert document.inline_shapes[0].width <= 5.5 * 360000


@pytest.mark.parametrize(
    ("branding", "message"),
    [
        (Branding(accent="teal"), "six hexadecimal digits"),
        (Branding(logo=Path("/nonexistent/logo.png")), "does not exist"),
        (Branding(reference_docx=Path("/nonexistent/brand.docx")), "does not exist"),
    ],
)
def test_bad_branding_is_named(tmp_path: Path, branding: Branding, message: str) -> None:
    with pytest.raises(BuildError, match=message):
        build(complete_charter(), tmp_path, branding=branding)
    assert list(tmp_path.iterdir()) == []


def test_broken_reference_docx_is_named(tmp_path: Path) -> None:
    fake = tmp_path / "brand.docx"
    fake.write_text("not a zip")
    with pytest.raises(BuildError, match=r"brand\.docx"):
        build(complete_charter(), tmp_path / "out", branding=Branding(reference_docx=fake))
