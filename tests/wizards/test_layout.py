"""Layout in the Word file: scripts' fonts and languages, rows that hold together, notes that
stay with their table, columns wide enough for their words."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from tests.wizards.factories import complete_charter
from wizards.build import build
from wizards.docx_writer import (
    COMPLEX_FONT,
    CONTENTS_PAGES_VARIABLE,
    EAST_ASIAN_FONT,
    heading_pages,
    wants_contents_pages,
    write_docx,
)
from wizards.model import Charter
from wizards.paths import resource_path
from wizards.text_width import word_width

REFERENCE = resource_path("reference.docx")


def _write(html: str, tmp_path: Path) -> Document:
    out = tmp_path / "out.docx"
    write_docx(html, out, REFERENCE)
    return docx.Document(str(out))


def _text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(qn("w:t")))


def _runs_with(document: Document, text: str) -> list[etree._Element]:
    return [r for r in document.element.body.iter(qn("w:r")) if text in _text(r)]


def _attr(run: etree._Element, path: str, name: str) -> str | None:
    found = run.find("/".join(qn(step) for step in path.split("/")))
    return None if found is None else found.get(qn(name))


def test_japanese_runs_name_their_font_and_language(tmp_path: Path) -> None:
    document = _write("<p>Held by 山田 花子, Chief Operating Officer</p>", tmp_path)
    (run,) = _runs_with(document, "山田 花子")
    assert _attr(run, "w:rPr/w:rFonts", "w:eastAsia") == EAST_ASIAN_FONT
    assert _attr(run, "w:rPr/w:lang", "w:eastAsia") == "ja-JP"
    (plain,) = _runs_with(_write("<p>Held by Zoë Dvořák</p>", tmp_path), "Zoë")
    assert plain.find(qn("w:rPr")) is None


def test_korean_runs_take_the_korean_language(tmp_path: Path) -> None:
    (run,) = _runs_with(_write("<p>김민준</p>", tmp_path), "김민준")
    assert _attr(run, "w:rPr/w:lang", "w:eastAsia") == "ko-KR"


def test_arabic_words_in_an_english_sentence_are_complex_script(tmp_path: Path) -> None:
    document = _write("<p>The deputy, عمر الحسيني, Chief Financial Officer.</p>", tmp_path)
    (arabic,) = _runs_with(document, "عمر الحسيني")
    assert _text(arabic) == "عمر الحسيني"  # a run of its own
    assert arabic.find(f"{qn('w:rPr')}/{qn('w:cs')}") is not None
    assert _attr(arabic, "w:rPr/w:rFonts", "w:cs") == COMPLEX_FONT
    assert _attr(arabic, "w:rPr/w:lang", "w:bidi") == "ar-SA"
    (english,) = _runs_with(document, "Chief Financial")
    assert english.find(qn("w:rPr")) is None


def test_the_reference_names_fonts_and_languages_for_every_script() -> None:
    with zipfile.ZipFile(REFERENCE) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        fonts = etree.fromstring(package.read("word/fontTable.xml"))
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rfonts, lang = defaults.find(qn("w:rFonts")), defaults.find(qn("w:lang"))
    assert rfonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT
    assert rfonts.get(qn("w:cs")) == COMPLEX_FONT
    assert qn("w:eastAsiaTheme") not in rfonts.attrib and qn("w:cstheme") not in rfonts.attrib
    assert (lang.get(qn("w:eastAsia")), lang.get(qn("w:bidi"))) == ("ja-JP", "ar-SA")
    for style in styles.iter(qn("w:style")):
        style_fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if style_fonts is not None and style_fonts.get(qn("w:ascii")) == "Calibri":
            assert style_fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT, style.get(qn("w:styleId"))
            assert style_fonts.get(qn("w:cs")) == COMPLEX_FONT
    # Word, which lacks the Noto fonts, substitutes the font the table names for each.
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in fonts.iter(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt[EAST_ASIAN_FONT] == "Yu Gothic" and alt[COMPLEX_FONT] == "Arial"


TABLE = (
    "<table><thead><tr><th>Law</th><th>Deadline</th></tr></thead><tbody>"
    "<tr><td>GDPR Art. 33</td><td>72 hours</td></tr>"
    "<tr><td>NIS2 Art. 23</td><td>24 hours</td></tr></tbody></table>"
)


def test_no_row_breaks_across_pages_and_the_header_repeats(tmp_path: Path) -> None:
    (table,) = _write(TABLE, tmp_path).tables
    rows = table._tbl.findall(qn("w:tr"))
    assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows[1:])


def _keeps(paragraph: etree._Element) -> bool:
    return paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None


def test_a_note_under_a_table_stays_with_its_last_row(tmp_path: Path) -> None:
    html = f"{TABLE}<p class='small'>The register above is kept current.</p><p>Body text.</p>"
    document = _write(html, tmp_path)
    rows = document.tables[0]._tbl.findall(qn("w:tr"))
    assert all(_keeps(p) for p in rows[-1].iter(qn("w:p")))
    assert not any(_keeps(p) for p in rows[1].iter(qn("w:p")))
    # A plain paragraph after a table does not pull the table's last row along.
    plain = _write(f"{TABLE}<p>Body text.</p>", tmp_path).tables[0]._tbl.findall(qn("w:tr"))
    assert not any(_keeps(p) for p in plain[-1].iter(qn("w:p")))


def test_the_words_leading_into_a_table_stay_with_it(tmp_path: Path) -> None:
    document = _write(f"<p>Body.</p><p>Appointment accepted by:</p>{TABLE}", tmp_path)
    body, lead = document.paragraphs[:2]
    assert _keeps(lead._p) and not _keeps(body._p)


def test_the_words_leading_into_a_list_stay_with_its_first_item(tmp_path: Path) -> None:
    html = (
        "<h2>7.1 Resolution</h2><p>The Board of Trustees is asked to resolve:</p>"
        "<ol><li>to adopt the charter;</li><li>to appoint the executive.</li></ol>"
        "<p>Body.</p><ul><li>a list after a sentence that leads into nothing</li></ul>"
    )
    document = _write(html, tmp_path)
    heading, lead, first, second, body, item = document.paragraphs[:6]
    assert _keeps(heading._p) and _keeps(lead._p)
    assert not any(_keeps(p._p) for p in (first, second, body, item))


def test_the_last_row_of_a_table_never_carries_over_alone(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>Role {i}</td><td>R</td></tr>" for i in range(4))
    html = (
        f"<table><thead><tr><th>Role</th><th>Detect</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    table = _write(html, tmp_path).tables[0]._tbl.findall(qn("w:tr"))
    # The row before the last goes with it; the rows above may break anywhere.
    assert all(_keeps(p) for p in table[-2].iter(qn("w:p")))
    assert not any(
        _keeps(p) for row in (table[1], table[2], table[-1]) for p in row.iter(qn("w:p"))
    )
    # A short table has no break to choose: its rows are not tied.
    short = _write(TABLE, tmp_path).tables[0]._tbl.findall(qn("w:tr"))
    assert not any(_keeps(p) for row in short for p in row.iter(qn("w:p")))


def _grid(document: Document) -> list[int]:
    grid = document.tables[0]._tbl.find(qn("w:tblGrid"))
    return [int(col.get(qn("w:w"))) for col in grid.iter(qn("w:gridCol"))]


def test_a_column_is_never_narrower_than_its_longest_word(tmp_path: Path) -> None:
    html = (
        '<table data-widths="45,8,47"><thead><tr><th>Body</th><th>Notify</th><th>Note</th></tr>'
        "</thead><tbody><tr><td>Data protection</td><td>Landesbeauftragte (Baden-Württemberg)"
        "</td><td>Commissioner's Office</td></tr></tbody></table>"
    )
    widths = _grid(_write(html, tmp_path))
    text_width = sum(widths)
    # "Landesbeauftragte" at 10 pt, with the cell's margins; a line may break after the hyphen.
    need = word_width("Landesbeauftragte", 10) + 200
    assert widths[1] >= need > text_width * 8 / 100
    # The others give up that room in proportion to what they have to spare above their own
    # widest words ("protection", "Commissioner's"), and keep room for those.
    given = [text_width * 45 / 100 - widths[0], text_width * 47 / 100 - widths[2]]
    assert all(g > 0 for g in given)
    spare = [
        text_width * 45 / 100 - word_width("protection", 10) - 240,
        text_width * 47 / 100 - word_width("Commissioner's", 10) - 240,
    ]
    assert abs(given[0] / given[1] - spare[0] / spare[1]) < 0.05
    assert text_width == 9412


def test_columns_keep_their_shares_when_the_words_fit(tmp_path: Path) -> None:
    html = '<table data-widths="1,3"><tr><td>a</td><td>b</td></tr></table>'
    assert _grid(_write(html, tmp_path)) == [2353, 7059]


def test_words_too_wide_for_the_page_share_it_by_their_widths(tmp_path: Path) -> None:
    word = "Datenschutzfolgenabschätzung" * 2
    html = f'<table data-widths="1,1,1"><tr><td>{word}</td><td>{word}</td><td>x</td></tr></table>'
    widths = _grid(_write(html, tmp_path))
    assert widths[0] == widths[1] or abs(widths[0] - widths[1]) <= 1
    assert widths[2] < widths[0] / 5


def _built(charter: Charter, tmp_path: Path) -> tuple[Document, Document]:
    files = build(charter, tmp_path, ["docx"]).files
    return docx.Document(str(files[0])), docx.Document(str(files[1]))


def _breaks_before(paragraph: etree._Element) -> bool:
    if paragraph.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
        return True
    previous = paragraph.getprevious()
    return (
        previous is not None
        and previous.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None
    )


def test_the_first_role_card_shares_the_page_of_appendix_b(tmp_path: Path) -> None:
    charter = complete_charter()
    document, _ = _built(charter, tmp_path)
    paragraphs = document.paragraphs
    heading = "Appendix B. Incident role cards"
    at = [i for i, p in enumerate(paragraphs) if p.text == heading][-1]  # not the contents
    titles = [r.title for r in charter.incidents.roles]
    cards = [p for p in paragraphs[at:] if p.text in titles]
    assert [p.text for p in cards] == titles
    assert _breaks_before(paragraphs[at]._p)
    assert not _breaks_before(cards[0]._p)
    assert all(_breaks_before(card._p) for card in cards[1:])


def test_role_cards_carry_the_phone_and_out_of_hours_contact(tmp_path: Path) -> None:
    charter = complete_charter()
    first, second = charter.incidents.roles[:2]
    first.phone = "+44 20 7946 0018"
    first.out_of_hours = "Duty phone +44 7700 900123, 18:00–08:00 and weekends"
    document, _ = _built(charter, tmp_path)
    cards = [
        {row.cells[0].text: row.cells[1].text for row in table.rows}
        for table in document.tables
        if table.rows and table.rows[0].cells[0].text == "Held by"
    ]
    by_person = {card["Held by"]: card for card in cards}
    assert by_person[first.person]["Telephone"] == "+44 20 7946 0018"
    assert by_person[first.person]["Out of hours"].startswith("Duty phone")
    assert "Telephone" not in by_person[second.person]
    assert "Out of hours" not in by_person[second.person]


def test_the_calendar_has_its_footer_on_page_one(tmp_path: Path) -> None:
    charter_doc, calendar_doc = _built(complete_charter(), tmp_path)
    assert charter_doc.sections[0].different_first_page_header_footer  # a title page
    assert not calendar_doc.sections[0].different_first_page_header_footer


CONTENTS_HTML = (
    "<h1 class='title'>Charter</h1><div class='page-break'></div><div class='toc'></div>"
    "<div class='page-break'></div><h1>1. Purpose</h1><p>Text.</p><h2>1.1 Scope</h2>"
    "<div class='page-break'></div><h1>2. Executive</h1>"
)


def test_the_pages_of_the_headings_are_read_after_the_contents() -> None:
    entries = [(1, "1. Purpose", "_Toc1"), (2, "1.1 Scope", "_Toc2"), (1, "2. Executive", "_Toc3")]
    pages = [
        "Charter",
        "Contents 1. Purpose ........ 88 1.1 Scope ........ 88 2. Executive ........ 88",
        "1. Purpose Text. 1.1\nScope",  # a heading may wrap
        "2. Executive",
    ]
    assert heading_pages(pages, entries) == {"_Toc1": 3, "_Toc2": 3, "_Toc3": 4}
    assert heading_pages(pages[:3], entries) == {"_Toc1": 3, "_Toc2": 3}


def test_without_libreoffice_the_contents_stay_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / "out.docx"
    warnings = write_docx(CONTENTS_HTML, out, REFERENCE, contents_pages=True)
    assert any("left to Word" in w for w in warnings)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "TOC \\o" in xml and "PAGEREF" not in xml


def test_the_layout_pass_is_asked_for_or_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONTENTS_PAGES_VARIABLE, raising=False)
    assert not wants_contents_pages(None)
    assert wants_contents_pages(True)
    monkeypatch.setenv(CONTENTS_PAGES_VARIABLE, "1")
    assert wants_contents_pages(None) and not wants_contents_pages(False)


def test_a_column_of_dates_fits_a_whole_date(tmp_path: Path) -> None:
    html = (
        '<table data-widths="10,50,40"><tr><td>Once<br>14 September 2027</td>'
        "<td>Item</td><td>Owner</td></tr></table>"
    )
    widths = _grid(_write(html, tmp_path))
    assert widths[0] >= word_width("14 September 2027", 10) + 200
