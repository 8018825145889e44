"""Tests for the HTML to Word writer: each test re-opens the written .docx and reads it back."""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph

from wizards.docx_writer import (
    STYLE_NAMES,
    DocumentProperties,
    DocxWriteError,
    ReferenceDocxError,
    sanitize_xml_text,
    write_docx,
)
from wizards.paths import resource_path

REFERENCE = resource_path("reference.docx")


def _write(
    html: str,
    tmp_path: Path,
    reference: Path = REFERENCE,
    properties: DocumentProperties | None = None,
) -> tuple[Document, list[str]]:
    out = tmp_path / "out.docx"
    warnings = write_docx(html, out, reference, properties)
    return docx.Document(str(out)), warnings


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _styled(document: Document) -> list[tuple[str, str]]:
    return [(_style(p), p.text) for p in document.paragraphs]


def _table_style(table: Table) -> str:
    return table.style.name if table.style is not None else ""


def _has(paragraph: Paragraph, path: str) -> bool:
    return bool(paragraph._p.xpath(path))


@pytest.fixture
def plain_reference(tmp_path: Path) -> Path:
    """python-docx's default template: no Note, Small, Signature Line or Charter Table."""
    path = tmp_path / "plain-reference.docx"
    docx.Document().save(str(path))
    return path


# --- blocks and styles ----------------------------------------------------------------------


def test_headings_title_and_subtitle_map_to_named_styles(tmp_path: Path) -> None:
    html = (
        '<h1 class="title">Charter</h1><p class="subtitle">Acme</p>'
        "<h1>One</h1><h2>One point one</h2><h3>Detail</h3><p>Body</p>"
    )
    document, warnings = _write(html, tmp_path)
    assert _styled(document) == [
        ("Title", "Charter"),
        ("Subtitle", "Acme"),
        ("Heading 1", "One"),
        ("Heading 2", "One point one"),
        ("Heading 3", "Detail"),
        ("Normal", "Body"),
    ]
    assert warnings == []


def test_headings_keep_with_next_and_body_does_not(tmp_path: Path) -> None:
    document, _ = _write("<h1>A</h1><h2>B</h2><h3>C</h3><p>text</p>", tmp_path)
    keep = [p.paragraph_format.keep_with_next for p in document.paragraphs]
    assert keep == [True, True, True, None]


@pytest.mark.parametrize(
    ("css_class", "style"),
    [
        ("note", "Note"),
        ("small", "Small"),
        ("caption", "Caption"),
        ("signature-line", "Signature Line"),
        ("something-else", "Normal"),
    ],
)
def test_paragraph_classes_map_to_named_styles(tmp_path: Path, css_class: str, style: str) -> None:
    document, _ = _write(f'<p class="{css_class}">Text</p>', tmp_path)
    assert _styled(document) == [(style, "Text")]


def test_empty_explicit_paragraph_is_kept(tmp_path: Path) -> None:
    """An empty signature line is a line to sign on, so it must not disappear."""
    document, _ = _write('<p class="signature-line"></p><p>After</p>', tmp_path)
    assert _styled(document) == [("Signature Line", ""), ("Normal", "After")]


def test_wrappers_and_unknown_tags_are_transparent(tmp_path: Path) -> None:
    html = (
        "<html><head><title>not shown</title><style>p {color: red}</style></head><body>"
        '<section class="intro"><div class="x"><p>In a div</p></div></section>'
        "<article><custom-tag>Unknown <b>inline</b></custom-tag> tag</article>"
        "<!-- a comment --><script>alert(1)</script><blink>still here</blink>"
        "</body></html>"
    )
    document, _ = _write(html, tmp_path)
    assert _styled(document) == [
        ("Normal", "In a div"),
        ("Normal", "Unknown inline tag"),
        ("Normal", "still here"),
    ]
    assert document.paragraphs[1].runs[1].bold is True


def test_empty_input_gives_a_valid_document(tmp_path: Path) -> None:
    for html in ("", "   \n", "<!-- nothing -->"):
        document, warnings = _write(html, tmp_path)
        assert [p.text for p in document.paragraphs] == [""]
        assert warnings == []


# --- inline content -------------------------------------------------------------------------


def test_bold_and_italic_become_run_properties(tmp_path: Path) -> None:
    html = "<p>plain <strong>strong</strong> <b>b</b> <em>em <b>both</b></em> end</p>"
    document, _ = _write(html, tmp_path)
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in document.paragraphs[0].runs]
    assert runs == [
        ("plain ", False, False),
        ("strong", True, False),
        (" ", False, False),
        ("b", True, False),
        (" ", False, False),
        ("em ", False, True),
        ("both", True, True),
        (" end", False, False),
    ]


def test_whitespace_collapses_as_in_html_but_nbsp_survives(tmp_path: Path) -> None:
    html = "<p>\n   one   two\n\tthree <b> four</b>  </p><p>a\u00a0\u00a0b</p>"
    document, _ = _write(html, tmp_path)
    assert [p.text for p in document.paragraphs] == ["one two three four", "a\u00a0\u00a0b"]


def test_line_break_muted_link_and_code(tmp_path: Path) -> None:
    html = (
        '<p>first<br>second <span class="muted">grey</span> '
        '<a href="https://example.org">link</a> <code>x = 1</code></p>'
    )
    document, _ = _write(html, tmp_path)
    paragraph = document.paragraphs[0]
    assert paragraph.text == "first\nsecond grey link x = 1"
    by_text = {run.text: run for run in paragraph.runs}
    assert by_text["grey"].font.color.rgb is not None
    assert by_text["link"].underline is True
    assert by_text["x = 1"].font.name == "Consolas"
    assert not document.part.rels or all(
        "hyperlink" not in rel.reltype for rel in document.part.rels.values()
    )


def test_escaped_markup_and_template_syntax_appear_literally(tmp_path: Path) -> None:
    html = "<p>{{ x }} &lt;b&gt;not bold&lt;/b&gt; &amp; {% raw %} &lt;script&gt;</p>"
    document, _ = _write(html, tmp_path)
    paragraph = document.paragraphs[0]
    assert paragraph.text == "{{ x }} <b>not bold</b> & {% raw %} <script>"
    assert not any(run.bold for run in paragraph.runs)


# --- lists ----------------------------------------------------------------------------------


def test_lists_use_list_styles_and_nested_levels(tmp_path: Path) -> None:
    html = (
        "<ul><li>one <strong>bold</strong></li>"
        "<li>two<ul><li>two a</li></ul></li></ul>"
        "<ol><li>first<ol><li>first a</li></ol></li><li>second</li></ol>"
    )
    document, _ = _write(html, tmp_path)
    assert _styled(document) == [
        ("List Bullet", "one bold"),
        ("List Bullet", "two"),
        ("List Bullet 2", "two a"),
        ("List Number", "first"),
        ("List Number 2", "first a"),
        ("List Number", "second"),
    ]
    assert document.paragraphs[0].runs[-1].bold is True


def test_each_numbered_list_restarts_at_one(tmp_path: Path) -> None:
    document, _ = _write("<ol><li>a</li><li>b</li></ol><p>x</p><ol><li>c</li></ol>", tmp_path)
    ids = [p._p.xpath("string(./w:pPr/w:numPr/w:numId/@w:val)") for p in document.paragraphs]
    assert ids[0] == ids[1] != ""
    assert ids[3] not in ("", ids[0])
    numbering = document.part.numbering_part.element
    for num_id in (ids[0], ids[3]):
        start = numbering.xpath(f'string(w:num[@w:numId="{num_id}"]//w:startOverride/@w:val)')
        assert start == "1"


# --- tables ---------------------------------------------------------------------------------


def test_table_cells_header_row_and_style(tmp_path: Path) -> None:
    html = (
        "<table><thead><tr><th>Name</th><th>Role</th></tr></thead>"
        "<tbody><tr><td>Ada</td><td><em>Chair</em></td></tr>"
        "<tr><td>Grace</td><td>CEO</td></tr></tbody></table>"
    )
    document, _ = _write(html, tmp_path)
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Name", "Role"],
        ["Ada", "Chair"],
        ["Grace", "CEO"],
    ]
    assert _table_style(table) == "Charter Table"
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not table.rows[1].cells[0].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[1].paragraphs[0].runs[0].italic
    header_flags = [bool(row._tr.xpath("./w:trPr/w:tblHeader")) for row in table.rows]
    assert header_flags == [True, False, False]
    assert table._tbl.xpath('string(./w:tblPr/w:tblW[@w:type="pct"]/@w:w)') == "5000"


def test_table_widths_follow_data_widths(tmp_path: Path) -> None:
    html = '<table data-widths="30,70"><tr><td>a</td><td>b</td></tr></table>'
    document, warnings = _write(html, tmp_path)
    grid = [int(w) for w in document.tables[0]._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
    section = document.sections[0]
    assert section.page_width and section.left_margin and section.right_margin
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635
    assert sum(grid) == pytest.approx(text_width, abs=2)
    assert grid[0] / sum(grid) == pytest.approx(0.30, abs=0.01)
    assert warnings == []


def test_bad_data_widths_give_equal_columns_and_a_warning(tmp_path: Path) -> None:
    html = '<table data-widths="30,abc"><tr><td>a</td><td>b</td></tr></table>'
    document, warnings = _write(html, tmp_path)
    first, second = (int(w) for w in document.tables[0]._tbl.xpath("./w:tblGrid/w:gridCol/@w:w"))
    assert abs(first - second) <= 1
    assert any("30,abc" in warning for warning in warnings)


def test_colspan_becomes_grid_span_and_short_rows_are_padded(tmp_path: Path) -> None:
    html = (
        '<table><tr><th colspan="3">Wide</th></tr>'
        "<tr><td>a</td><td>b</td><td>c</td></tr><tr><td>only</td></tr></table>"
    )
    document, _ = _write(html, tmp_path)
    table = document.tables[0]
    assert table._tbl.xpath("string(.//w:tr[1]/w:tc[1]/w:tcPr/w:gridSpan/@w:val)") == "3"
    assert [len(row._tr.tc_lst) for row in table.rows] == [1, 3, 3]
    assert [c.text for c in table.rows[1].cells] == ["a", "b", "c"]
    # A first row of only <th> cells is treated as the header row.
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_table_without_charter_style_falls_back_to_table_grid(
    tmp_path: Path, plain_reference: Path
) -> None:
    document, warnings = _write("<table><tr><td>x</td></tr></table>", tmp_path, plain_reference)
    assert _table_style(document.tables[0]) == "Table Grid"
    assert any('"Charter Table"' in w and "Table Grid" in w for w in warnings)


# --- page layout ----------------------------------------------------------------------------


def test_page_breaks(tmp_path: Path) -> None:
    html = (
        '<p>one</p><div class="page-break"></div><h1>two</h1>'
        '<div class="page-break"></div><table><tr><td>three</td></tr></table>'
    )
    document, _ = _write(html, tmp_path)
    paragraphs = document.paragraphs
    assert paragraphs[0].paragraph_format.page_break_before is None
    assert paragraphs[1].text == "two"
    assert paragraphs[1].paragraph_format.page_break_before is True
    # A table cannot break before itself: an explicit page break paragraph precedes it.
    assert paragraphs[2]._p.xpath('./w:r/w:br[@w:type="page"]')


def test_keep_together_binds_its_paragraphs(tmp_path: Path) -> None:
    html = '<p>before</p><div class="keep-together"><p>a</p><p>b</p><p>c</p></div><p>after</p>'
    document, _ = _write(html, tmp_path)
    keep = [bool(p.paragraph_format.keep_with_next) for p in document.paragraphs]
    assert keep == [False, True, True, False, False]
    assert all(p.paragraph_format.keep_together for p in document.paragraphs[1:4])


def test_reference_page_setup_is_kept_and_its_body_replaced(tmp_path: Path) -> None:
    reference = tmp_path / "ref.docx"
    template = docx.Document(str(REFERENCE))
    template.add_paragraph("Reference body text that must not reach the output")
    template.add_table(rows=1, cols=1)
    template.save(str(reference))
    document, _ = _write("<p>Ours</p>", tmp_path, reference)
    assert [p.text for p in document.paragraphs] == ["Ours"]
    assert document.tables == []
    body = document.element.body
    assert body[-1].tag == qn("w:sectPr")
    section = document.sections[0]
    assert section.page_width == pytest.approx(Cm(21.0), abs=Cm(0.01))
    assert section.left_margin == pytest.approx(Cm(2.2), abs=Cm(0.01))
    assert section.footer.paragraphs[0]._p.xpath(".//w:instrText")  # the page number


# --- styles from other reference documents ---------------------------------------------------


def test_missing_styles_fall_back_to_normal_with_one_warning_each(
    tmp_path: Path, plain_reference: Path
) -> None:
    html = '<p class="note">n1</p><p class="note">n2</p><p class="small">s</p><h1>Kept</h1>'
    document, warnings = _write(html, tmp_path, plain_reference)
    assert _styled(document) == [
        ("Normal", "n1"),
        ("Normal", "n2"),
        ("Normal", "s"),
        ("Heading 1", "Kept"),
    ]
    assert sum('"Note"' in w for w in warnings) == 1
    assert sum('"Small"' in w for w in warnings) == 1
    assert len(warnings) == 2


def test_style_ids_are_found_by_style_name(tmp_path: Path) -> None:
    """A German Word names the style "heading 1" but gives it the ID "berschrift1"."""
    reference = tmp_path / "german.docx"
    template = docx.Document(str(REFERENCE))
    for element in template.styles.element.iter():
        for attr in (qn("w:styleId"), qn("w:val")):
            if element.get(attr) == "Heading1":
                element.set(attr, "berschrift1")
    template.save(str(reference))
    document, warnings = _write("<h1>Überschrift</h1>", tmp_path, reference)
    paragraph = document.paragraphs[0]
    assert paragraph._p.xpath("string(./w:pPr/w:pStyle/@w:val)") == "berschrift1"
    assert _style(paragraph) == "Heading 1"
    assert warnings == []


def test_reference_with_another_namespace_prefix(tmp_path: Path) -> None:
    """Word may bind WordprocessingML to a prefix other than w; the slower path handles it."""
    reference = tmp_path / "prefix.docx"
    with zipfile.ZipFile(REFERENCE) as source, zipfile.ZipFile(reference, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                text = data.decode()
                text = re.sub(r"(</?)w:", r"\1x:", text)
                text = re.sub(r"(\s)w:(\w+=)", r"\1x:\2", text)
                text = text.replace("xmlns:w=", "xmlns:x=")
                data = text.encode()
            target.writestr(info, data)
    document, _ = _write("<h2>Prefix</h2><p>body</p>", tmp_path, reference)
    assert _styled(document) == [("Heading 2", "Prefix"), ("Normal", "body")]


# --- text of any length and script -----------------------------------------------------------


def test_sanitize_xml_text() -> None:
    text = "a\x00b\x08c\td\ne\rf\x0bg\x1fh\ufffei\uffffj\ud800k😀l"
    assert sanitize_xml_text(text) == ("abc\td\ne\rfghijk😀l", 7)
    assert sanitize_xml_text("clean") == ("clean", 0)


def test_control_characters_are_removed_and_reported(tmp_path: Path) -> None:
    html = "<p>a\x01b\x1bc</p><table><tr><td>d\x0ce</td></tr></table><p>x&#xFFFE;y</p>"
    document, warnings = _write(html, tmp_path)
    assert [p.text for p in document.paragraphs] == ["abc", "xy"]
    assert document.tables[0].cell(0, 0).text == "de"
    assert warnings == ["Removed 4 characters Word cannot hold."]


def test_right_to_left_paragraphs_get_bidi(tmp_path: Path) -> None:
    html = (
        "<p>هذا الميثاق يطبق على جميع الأنظمة <b>ACME</b></p>"
        "<p>שלום עולם</p>"
        "<p>An English sentence naming الميثاق once.</p>"
    )
    document, _ = _write(html, tmp_path)
    arabic, hebrew, english = document.paragraphs
    assert _has(arabic, "./w:pPr/w:bidi") and _has(hebrew, "./w:pPr/w:bidi")
    assert not _has(english, "./w:pPr/w:bidi")
    assert _has(arabic, "./w:r[1]/w:rPr/w:rtl") and _has(hebrew, "./w:r/w:rPr/w:rtl")
    assert not _has(english, ".//w:rtl")
    assert arabic.text == "هذا الميثاق يطبق على جميع الأنظمة ACME"


def test_cjk_and_emoji_round_trip(tmp_path: Path) -> None:
    text = "日本語のテキスト、中文、한국어 and emoji 🚀👩🏽‍💻"
    document, warnings = _write(f"<p>{text}</p><table><tr><td>{text}</td></tr></table>", tmp_path)
    assert document.paragraphs[0].text == text
    assert document.tables[0].cell(0, 0).text == text
    assert warnings == []


def test_a_paragraph_of_100000_characters(tmp_path: Path) -> None:
    text = ("Long text with <escaped> & ampersands. " * 2600)[:100_000].strip()
    html = "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"
    document, _ = _write(html, tmp_path)
    assert document.paragraphs[0].text == text


def test_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    html = "<p>" + "<span>" * 600 + "deep" + "</span>" * 600 + " end</p>"
    document, warnings = _write(html, tmp_path)
    assert document.paragraphs[0].text == "deep end"
    assert any("nested" in w for w in warnings)


# --- properties -----------------------------------------------------------------------------


def test_core_properties_are_set(tmp_path: Path) -> None:
    properties = DocumentProperties(
        title="AI Governance Charter: Zoë & Co",
        subject="AI governance charter",
        author="山田 花子",
        keywords="AI governance, charter",
        revision=3,
    )
    document, _ = _write("<p>x</p>", tmp_path, properties=properties)
    core = document.core_properties
    assert (core.title, core.subject, core.author, core.keywords, core.revision) == (
        "AI Governance Charter: Zoë & Co",
        "AI governance charter",
        "山田 花子",
        "AI governance, charter",
        3,
    )


def test_unusable_core_properties_are_cleaned(tmp_path: Path) -> None:
    properties = DocumentProperties(title="T\x07itle " + "x" * 300, revision=0)
    document, warnings = _write("<p>x</p>", tmp_path, properties=properties)
    assert document.core_properties.title.startswith("Title x")
    assert len(document.core_properties.title) == 255
    assert document.core_properties.revision == 1
    assert "Removed 1 character Word cannot hold." in warnings
    assert any("title" in w and "255" in w for w in warnings)


# --- files and folders ----------------------------------------------------------------------


def test_missing_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "charter.docx"
    with pytest.raises(DocxWriteError) as caught:
        write_docx("<p>x</p>", out, REFERENCE)
    assert str(tmp_path / "missing") in str(caught.value)
    assert caught.value.path == out


def test_output_folder_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    with pytest.raises(DocxWriteError, match="not a folder"):
        write_docx("<p>x</p>", blocker / "charter.docx", REFERENCE)


def test_folder_without_write_permission_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, for whom chmod does not stop writing; fail where the OS would.
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(DocxWriteError, match="permission") as caught:
        write_docx("<p>x</p>", tmp_path / "charter.docx", REFERENCE)
    assert str(tmp_path) in str(caught.value)


def test_failed_write_keeps_the_existing_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "charter.docx"
    out.write_bytes(b"the previous export")

    def disk_full(self: object, stream: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", disk_full)
    with pytest.raises(DocxWriteError, match="No space left"):
        write_docx("<p>new</p>", out, REFERENCE)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["charter.docx"]


def test_successful_write_replaces_the_file_and_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "charter.docx"
    out.write_bytes(b"old")
    write_docx("<p>new</p>", out, REFERENCE)
    assert docx.Document(str(out)).paragraphs[0].text == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["charter.docx"]


def test_missing_or_broken_reference_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.docx"
    with pytest.raises(ReferenceDocxError, match="does not exist") as caught:
        write_docx("<p>x</p>", tmp_path / "out.docx", missing)
    assert str(missing) in str(caught.value)
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip file")
    with pytest.raises(ReferenceDocxError, match="not a Word document"):
        write_docx("<p>x</p>", tmp_path / "out.docx", broken)
    assert not (tmp_path / "out.docx").exists()


# --- the shipped reference document ---------------------------------------------------------


def test_shipped_reference_defines_every_style_the_writer_uses() -> None:
    document = docx.Document(str(REFERENCE))
    names = {style.name for style in document.styles}
    assert set(STYLE_NAMES) <= names
    assert document.styles["Charter Table"].type == 3  # WD_STYLE_TYPE.TABLE
    section = document.sections[0]
    assert section.page_height == pytest.approx(Cm(29.7), abs=Cm(0.01))
    assert section.right_margin == pytest.approx(Cm(2.2), abs=Cm(0.01))


def test_everything_in_the_vocabulary_writes_without_warnings(tmp_path: Path) -> None:
    html = (
        '<h1 class="title">T</h1><p class="subtitle">S</p><div class="toc"></div>'
        "<h1>1</h1><h2>2</h2><h3>3</h3>"
        '<p>p <strong>b</strong> <em>i</em> <span class="muted">m</span> <a href="#">a</a>'
        ' <code>c</code><br>n</p><p class="note">n</p><p class="small">s</p>'
        '<p class="caption">c</p><div class="keep-together"><p class="signature-line">x</p></div>'
        "<ul><li>u<ul><li>u2</li></ul></li></ul><ol><li>o<ol><li>o2</li></ol></li></ol>"
        '<div class="page-break"></div><table data-widths="40,60"><thead><tr><th>h</th>'
        '<th>h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>'
    )
    document, warnings = _write(html, tmp_path)
    assert warnings == []
    assert {_style(p) for p in document.paragraphs} >= set(STYLE_NAMES) - {
        "List Bullet 3",
        "List Number 3",
        "Charter Table",
    }


def test_tables_one_after_another_stay_apart(tmp_path: Path) -> None:
    table = "<table><tr><td>a</td></tr></table>"
    document, _ = _write(table + table + "<p>after</p>", tmp_path)
    assert len(document.tables) == 2
    body = list(document.element.body)
    first = body.index(document.tables[0]._tbl)
    assert body[first + 1].tag.endswith("}p")  # Word would merge tables that touch
