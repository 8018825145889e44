"""Generate resources/reference.docx, the Word styles every exported document is built on."""

from __future__ import annotations

import argparse
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.styles import CT_Style
from docx.shared import Cm

from wizards.docx_writer import COMPLEX_FONT, EAST_ASIAN_FONT  # the runs name the same fonts

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "resources" / "reference.docx"

BODY_FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
# Calibri has no Japanese, Chinese, Korean or Arabic letters. Word takes the East-Asian and the
# complex-script font of a run for those; unset, they came from the theme (MS Mincho and Times
# New Roman) and LibreOffice fell back to whatever font it found first. Named here, with the
# languages, LibreOffice uses the Noto fonts (Debian's fonts-noto-cjk and fonts-noto-core) and
# Word, which lacks them, the substitute the font table names (w:altName), which every Windows
# and Office install has.
EAST_ASIAN_SUBSTITUTE = "Yu Gothic"
COMPLEX_SUBSTITUTE = "Arial"
EAST_ASIAN_LANGUAGE = "ja-JP"
COMPLEX_LANGUAGE = "ar-SA"
_RUN_FONTS = (
    f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{EAST_ASIAN_FONT}"'
    f' w:cs="{COMPLEX_FONT}"/>'
)
CODE_FONT = "Consolas"
ACCENT = "1F4E5F"  # dark teal
GREY = "5B6B73"
RULE = "B7C6CC"
NOTE_FILL = "EAF1F3"

# w:pPr and w:rPr children must follow the schema order, so each style's properties are
# written as one block in that order rather than patched piecemeal.
_PARAGRAPH_STYLES: dict[str, tuple[str, str]] = {
    "Heading 1": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/>'
        '<w:outlineLvl w:val="0"/>',
        f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
    ),
    "Heading 2": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="80"/>'
        '<w:outlineLvl w:val="1"/>',
        f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="26"/><w:szCs w:val="26"/>',
    ),
    "Heading 3": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/>'
        '<w:outlineLvl w:val="2"/>',
        f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    "Title": (
        f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" w:color="{ACCENT}"/></w:pBdr>'
        '<w:spacing w:before="0" w:after="160" w:line="240" w:lineRule="auto"/>',
        f'<w:color w:val="{ACCENT}"/><w:kern w:val="28"/><w:sz w:val="52"/><w:szCs w:val="52"/>',
    ),
    "Subtitle": (
        '<w:spacing w:before="0" w:after="360"/>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="28"/><w:szCs w:val="28"/>',
    ),
    "Caption": (
        '<w:spacing w:before="60" w:after="160" w:line="240" w:lineRule="auto"/>',
        f'<w:i/><w:iCs/><w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    "List Bullet": ('<w:spacing w:after="60"/>', ""),
    "List Bullet 2": ('<w:spacing w:after="40"/>', ""),
    "List Bullet 3": ('<w:spacing w:after="40"/>', ""),
    "List Number": ('<w:spacing w:after="60"/>', ""),
    "List Number 2": ('<w:spacing w:after="40"/>', ""),
    "List Number 3": ('<w:spacing w:after="40"/>', ""),
    "Small": (
        '<w:spacing w:after="80" w:line="240" w:lineRule="auto"/>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
    ),
    "Note": (
        # Borders in the fill colour pad the shaded box above, below and to the right.
        f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{NOTE_FILL}"/>'
        f'<w:left w:val="single" w:sz="24" w:space="8" w:color="{ACCENT}"/>'
        f'<w:bottom w:val="single" w:sz="4" w:space="4" w:color="{NOTE_FILL}"/>'
        f'<w:right w:val="single" w:sz="4" w:space="4" w:color="{NOTE_FILL}"/></w:pBdr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{NOTE_FILL}"/>'
        '<w:spacing w:before="160" w:after="240"/><w:ind w:left="200" w:right="200"/>',
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    "Signature Line": (
        "<w:keepLines/>"
        # "between" draws the line again when signature lines follow one another, which
        # Word and LibreOffice otherwise merge into one bordered group.
        '<w:pBdr><w:top w:val="single" w:sz="6" w:space="2" w:color="404040"/>'
        '<w:between w:val="single" w:sz="6" w:space="2" w:color="404040"/></w:pBdr>'
        '<w:spacing w:before="720" w:after="120" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:right="4536"/>',
        '<w:color w:val="404040"/><w:sz w:val="19"/><w:szCs w:val="19"/>',
    ),
    "Footer": (
        '<w:tabs><w:tab w:val="right" w:pos="9412"/></w:tabs>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
    ),
    "Header": (
        f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
        '<w:tabs><w:tab w:val="right" w:pos="9412"/></w:tabs>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
    ),
    "TOC Heading": (
        '<w:keepNext/><w:spacing w:before="240" w:after="160"/>',
        f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="28"/><w:szCs w:val="28"/>',
    ),
    "toc 1": (
        '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9402"/></w:tabs>'
        '<w:spacing w:before="40" w:after="0"/>',
        "<w:b/><w:bCs/>",
    ),
    "toc 2": (
        '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9402"/></w:tabs>'
        '<w:spacing w:before="0" w:after="0"/><w:ind w:left="360"/>',
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
}

_NEW_PARAGRAPH_STYLES = ("Small", "Note", "Signature Line", "TOC Heading", "toc 1", "toc 2")

_TABLE_STYLE = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="CharterTable">
  <w:name w:val="Charter Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="28" w:type="dxa"/>
      <w:left w:w="100" w:type="dxa"/>
      <w:bottom w:w="28" w:type="dxa"/>
      <w:right w:w="100" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ACCENT}"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def _field(instruction: str, shown: str) -> str:
    """A Word field that Word and LibreOffice fill in: document title, page number, ..."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _text(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


# The header shows the document title, the footer its subject (the writer puts the version
# there) and "Page X of Y": all fields, so the reference carries the design and every export
# fills in its own values. The title page has neither (w:titlePg).
_HEADER_RUNS = _field("TITLE", "Title")
_FOOTER_RUNS = (
    _field("SUBJECT", "Subject")
    + "<w:r><w:tab/></w:r>"
    + _text("Page ")
    + _field("PAGE", "1")
    + _text(" of ")
    + _field("NUMPAGES", "1")
)


def _tune_defaults(document: Document) -> None:
    """Body text: 10.5 pt Calibri, 1.15 lines, 6 pt after (in docDefaults, so tables can
    override the spacing through their style)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), BODY_FONT)
    rfonts.set(qn("w:hAnsi"), BODY_FONT)
    rfonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    rfonts.set(qn("w:cs"), COMPLEX_FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), "21")
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)
        lang.set(qn("w:bidi"), COMPLEX_LANGUAGE)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")
    spacing.set(qn("w:lineRule"), "auto")


_FONT_TABLE_ENTRIES = (
    # name, substitute, charset (80 Japanese, B2 Arabic), family
    (EAST_ASIAN_FONT, EAST_ASIAN_SUBSTITUTE, "80", "swiss"),
    (COMPLEX_FONT, COMPLEX_SUBSTITUTE, "B2", "roman"),
)


def _add_fonts(document: Document) -> None:
    """Declare the East-Asian and complex-script fonts, each with the substitute Word uses
    where the font is not installed."""
    from lxml import etree

    part = next(
        p for p in document.part.package.iter_parts() if p.partname.endswith("fontTable.xml")
    )
    fonts = etree.fromstring(part.blob)
    for name, substitute, charset, family in _FONT_TABLE_ENTRIES:
        for old in fonts.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                fonts.remove(old)
        fonts.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{substitute}"/>'
                f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
                '<w:pitch w:val="variable"/></w:font>'
            )
        )
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def _style_element(document: Document, name: str) -> CT_Style:
    styles = document.styles
    if name in _NEW_PARAGRAPH_STYLES and name not in styles:
        style = styles.add_style(name, 1)  # WD_STYLE_TYPE.PARAGRAPH
        style.base_style = styles["Normal"]
        style.quick_style = True
    element: CT_Style = styles[name].element
    return element


def _tune_paragraph_styles(document: Document) -> None:
    for name, (ppr_xml, rpr_xml) in _PARAGRAPH_STYLES.items():
        element = _style_element(document, name)
        ppr = element.get_or_add_pPr()
        # List styles keep their numbering, which comes first in w:pPr.
        num_pr = ppr.find(qn("w:numPr")) if name.startswith("List ") else None
        for child in list(ppr):
            ppr.remove(child)
        if num_pr is not None:
            ppr.append(num_pr)
        ppr.extend(list(parse_xml(f"<w:pPr {nsdecls('w')}>{ppr_xml}</w:pPr>")))
        old_rpr = element.find(qn("w:rPr"))
        if old_rpr is not None:
            element.remove(old_rpr)
        element.append(parse_xml(f"<w:rPr {nsdecls('w')}>{_RUN_FONTS}{rpr_xml}</w:rPr>"))
        if name == "Title" or name.startswith("Heading"):
            element.find(qn("w:next")).set(qn("w:val"), "Normal")
        # Headings, Title and Caption are hidden until used in the default template.
        for tag in ("w:semiHidden", "w:unhideWhenUsed"):
            flag = element.find(qn(tag))
            if flag is not None:
                element.remove(flag)


def _add_table_style(document: Document) -> None:
    styles = document.styles.element
    for old in styles.xpath('w:style[@w:styleId="CharterTable"]'):
        styles.remove(old)
    styles.append(parse_xml(_TABLE_STYLE))


_KEEP_TABLE_STYLES = ("TableNormal", "TableGrid", "CharterTable")
_DROP_RELATIONSHIPS = ("/stylesWithEffects", "/metadata/thumbnail")


def _prune(document: Document) -> None:
    """Drop what every export would otherwise carry for nothing.

    The default template defines some 140 coloured table styles (Word recreates any of them
    from its latent styles on demand), a Word 2010 copy of all styles (stylesWithEffects) and
    a thumbnail of a different document. Removing them makes the reference a tenth the size,
    and each export faster to open and save.
    """
    styles = document.styles.element
    for style in styles.xpath('w:style[@w:type="table"]'):
        if style.get(qn("w:styleId")) not in _KEEP_TABLE_STYLES:
            styles.remove(style)
    for rels in (document.part.rels, document.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(_DROP_RELATIONSHIPS):
                del rels[r_id]


def _set_up_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.header_distance = Cm(1.1)
    section.footer_distance = Cm(1.1)
    section.different_first_page_header_footer = True
    for part, style, runs in (
        (section.header, "Header", _HEADER_RUNS),
        (section.footer, "Footer", _FOOTER_RUNS),
    ):
        paragraph = part.paragraphs[0]
        paragraph.style = document.styles[style]
        for run in list(parse_xml(f"<w:p {nsdecls('w')}>{runs}</w:p>")):
            paragraph._p.append(run)
    # Empty first-page header and footer keep the title page clean.
    for part in (section.first_page_header, section.first_page_footer):
        part.is_linked_to_previous = False
        part.paragraphs[0].style = document.styles["Normal"]


def build_reference(output: Path) -> None:
    """Write the reference document with every style the Word writer uses.

    Args:
        output: Where to write the .docx; the folder must exist.
    """
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _tune_defaults(document)
    _tune_paragraph_styles(document)
    _add_table_style(document)
    _add_fonts(document)
    _prune(document)
    _set_up_page(document)
    props = document.core_properties
    props.title = "Charter Builder reference styles"
    props.subject = "Replace the styles in this document to rebrand every export."
    props.author = "Charter Builder"
    props.keywords = ""
    props.comments = ""
    props.revision = 1
    document.save(str(output))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    Args:
        argv: Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    output: Path = args.output
    build_reference(output)
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
