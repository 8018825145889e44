"""Turn the charter's semantic HTML into a Word document styled by a reference .docx."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final, Protocol, cast

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import element_class_lookup
from lxml import etree

__all__ = [
    "REFERENCE_MAX_BYTES",
    "REFERENCE_MAX_PARTS",
    "STYLE_NAMES",
    "DocumentProperties",
    "DocxWriteError",
    "ReferenceDocxError",
    "check_reference",
    "drop_external_relationships",
    "probe_logo",
    "sanitize_xml_text",
    "write_docx",
]

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W: Final = "{" + W_NS + "}"

STYLE_NAMES: Final[tuple[str, ...]] = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "List Number",
    "List Number 2",
    "List Number 3",
    "Caption",
    "Small",
    "Note",
    "Signature Line",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "Charter Table",
)
"""Every style name the writer asks the reference document for."""

TABLE_STYLE: Final = "Charter Table"
_TABLE_STYLE_FALLBACK: Final = "Table Grid"

_ROW: Final = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
_SIGNATURE_ROW: Final = (
    '<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="907" w:hRule="atLeast"/></w:trPr>'
)
"""A table row at least 1.6 cm high: room for a handwritten signature."""

_P_CLASS_STYLES: Final[dict[str, str]] = {
    "draft-note": "Note",
    "draft-mark": "Subtitle",
    "subtitle": "Subtitle",
    "note": "Note",
    "small": "Small",
    "caption": "Caption",
    "signature-line": "Signature Line",
}
_HEADING_STYLES: Final[dict[str, str]] = {
    "h1": "Heading 1",
    "h2": "Heading 2",
    "h3": "Heading 3",
    # Deeper levels are not part of the vocabulary; clamp them rather than lose the heading.
    "h4": "Heading 3",
    "h5": "Heading 3",
    "h6": "Heading 3",
}
# A missing list level falls back to the level above it before Normal.
_STYLE_FALLBACKS: Final[dict[str, tuple[str, ...]]] = {
    "List Bullet 2": ("List Bullet",),
    "List Bullet 3": ("List Bullet 2", "List Bullet"),
    "List Number 2": ("List Number",),
    "List Number 3": ("List Number 2", "List Number"),
}

# Inline formatting as bit flags, so a run's formatting is one int and equal runs merge.
_BOLD: Final = 1
_ITALIC: Final = 2
_MUTED: Final = 4
_UNDERLINE: Final = 8
_CODE: Final = 16
_BREAK: Final = -1  # a run that is a line break, not text

_INLINE_FLAGS: Final[dict[str, int]] = {
    "strong": _BOLD,
    "b": _BOLD,
    "em": _ITALIC,
    "i": _ITALIC,
    "cite": _ITALIC,
    "var": _ITALIC,
    "a": _UNDERLINE,
    "u": _UNDERLINE,
    "ins": _UNDERLINE,
    "code": _CODE,
    "kbd": _CODE,
    "samp": _CODE,
    "tt": _CODE,
}
# Elements that end the running paragraph. Anything else unknown is treated as inline and
# transparent: its text joins the paragraph around it.
_BLOCKS: Final = frozenset(
    (
        *("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "div", "section"),
        *("article", "aside", "header", "footer", "main", "nav", "blockquote", "figure"),
        *("figcaption", "address", "dl", "dt", "dd", "pre", "hr", "form", "fieldset"),
        *("details", "summary", "center", "tr", "td", "th", "thead", "tbody", "tfoot"),
        *("caption", "body", "html"),
    )
)
_SKIP: Final = frozenset(
    ("head", "script", "style", "template", "title", "meta", "link", "img", "svg", "math")
)

_MUTED_COLOR: Final = "6B7780"
_CODE_FONT: Final = "Consolas"
_MAX_DEPTH: Final = 150  # deeper nesting is written as plain text, keeping recursion bounded
_MAX_COLUMNS: Final = 63  # Word's limit
_DEFAULT_TEXT_WIDTH: Final = 9638  # twips; A4 with 2 cm margins, used if the reference has none
_CORE_PROPERTY_LIMIT: Final = 255  # python-docx refuses longer core properties

_INVALID_XML_CHARS: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HTML_SPACE_CHARS: Final = " \t\n\r\f"  # HTML collapses these, not U+00A0
_HTML_SPACE: Final = re.compile(f"[{_HTML_SPACE_CHARS}]+")
_RTL_CHARS: Final = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


@dataclass(frozen=True)
class DocumentProperties:
    """Core properties stored in the Word file (File > Info in Word)."""

    title: str = ""
    subject: str = ""
    author: str = ""
    keywords: str = ""
    revision: int = 1


class DocxWriteError(Exception):
    """The Word document could not be written to ``path``."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(path, reason)

    def __str__(self) -> str:
        return f"Cannot write {self.path}: {self.reason}"


class ReferenceDocxError(DocxWriteError):
    """The reference .docx that carries the styles is missing or unreadable."""

    def __str__(self) -> str:
        return f"The reference Word file {self.path} cannot be used: {self.reason}"


class BrandingError(DocxWriteError):
    """A logo or accent colour that cannot be used."""

    def __str__(self) -> str:
        return f"The branding {self.path} cannot be used: {self.reason}"


@dataclass(frozen=True)
class Look:
    """Branding on top of the reference document.

    Attributes:
        accent: Colour as 'RRGGBB' (a leading '#' is allowed) for the title, headings, the
            contents heading and table header rows; None keeps the reference's colours.
        logo: An image (PNG, JPEG, GIF, BMP or TIFF) shown above the title; None for none.
    """

    accent: str | None = None
    logo: Path | None = None
    draft_mark: str | None = None
    """Words printed in the header of every page (a draft is marked so); None for none."""


_HEX_COLOUR: Final = re.compile(r"#?([0-9A-Fa-f]{6})")
_LOGO_BOX: Final = (5.5, 2.2)  # the largest logo, width and height in cm
_EMU_PER_CM: Final = 360000


def accent_hex(value: str) -> str:
    """Normalise a colour to 'RRGGBB' in upper case.

    Raises:
        BrandingError: When the value is not a six-digit hexadecimal colour.
    """
    match = _HEX_COLOUR.fullmatch(value.strip())
    if match is None:
        raise BrandingError(Path(value), "an accent colour is six hexadecimal digits, e.g. 1F4E5F.")
    return match.group(1).upper()


def sanitize_xml_text(text: str) -> tuple[str, int]:
    """Remove the characters that XML 1.0, and so Word, cannot hold.

    Those are the C0 control characters other than tab, line feed and carriage return,
    U+FFFE, U+FFFF and unpaired surrogates.

    Args:
        text: Any text.

    Returns:
        The text without those characters, and how many were removed.
    """
    if _INVALID_XML_CHARS.search(text) is None:
        return text, 0
    return _INVALID_XML_CHARS.subn("", text)


def write_docx(
    html: str,
    out_path: Path,
    reference_docx: Path,
    properties: DocumentProperties | None = None,
    look: Look | None = None,
    contents_pages: bool | None = None,
) -> list[str]:
    """Write ``html`` (the charter's HTML vocabulary) to a Word file.

    Each element becomes a paragraph or table in a named style of ``reference_docx``: its
    page set-up, headers, footers and styles are kept, its body text is replaced. The file is
    written to a temporary file beside ``out_path`` and renamed into place, so an existing
    file survives any failure.

    Args:
        html: An HTML fragment (a whole document is accepted too).
        out_path: The .docx to write; its folder must exist.
        reference_docx: The Word file whose styles and page set-up the output uses.
        properties: Title, author and the other core properties; empty when None.
        look: Accent colour and logo on top of the reference; None for the reference as is.
        contents_pages: True to print the page numbers in the table of contents from a
            LibreOffice layout pass (see ``fill_contents_pages``); None follows the
            environment variable CHARTER_BUILDER_CONTENTS_PAGES ("1" for yes), off unless set.

    Returns:
        Human-readable warnings, e.g. removed characters or styles the reference lacks.

    Raises:
        DocxWriteError: When the output folder or file cannot be written.
        ReferenceDocxError: When the reference document is missing or not a .docx.
        BrandingError: When the logo is not a usable image or the accent not a colour.
    """
    out_path = Path(out_path)
    _check_output(out_path)
    warnings: list[str] = []
    html, removed = sanitize_xml_text(html)
    document = _open_reference(Path(reference_docx))
    dropped = drop_external_relationships(document)
    if dropped:
        links = ", ".join(dropped[:3]) + (
            f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
        )
        warnings.append(
            f"The reference Word file {Path(reference_docx).name} links to "
            f"{len(dropped)} outside resource(s) ({links}); they were left out, so that the "
            "document never fetches anything when it is opened."
        )
    body = document.element.body
    section = body.find(_W + "sectPr")
    styles = _Styles(document, warnings)
    builder = _BodyBuilder(styles, _Numbering(document), _text_width(section), warnings)
    body_xml = builder.build(html)
    prefix = ""
    if look is not None and look.accent:
        _apply_accent(styles, accent_hex(look.accent))
    if look is not None and look.logo is not None:
        prefix = _logo_paragraph(document, look.logo)
        body_xml = prefix + body_xml
    if not builder.title_page:
        for each in document.sections:
            each.different_first_page_header_footer = False
    if look is not None and look.draft_mark:
        _mark_every_page(document, look.draft_mark)
    if builder.has_contents:
        _ask_to_update_fields(document)
    late_sanitize = _has_invalid_char_refs(html)
    if late_sanitize:
        # A reference such as &#xFFFE; only becomes a character in the HTML parser.
        body_xml, late_removed = sanitize_xml_text(body_xml)
        removed += late_removed
    for child in list(body):
        if child is not section:
            body.remove(child)
    removed += _set_properties(document, properties or DocumentProperties(), warnings)
    if removed:
        noun = "character" if removed == 1 else "characters"
        warnings.insert(0, f"Removed {removed} {noun} Word cannot hold.")
    if document.element.nsmap.get("w") == W_NS:
        # The fast path: the body goes into document.xml as text when the package is written.
        # Parsing it and moving the elements into the reference's tree costs more than
        # building it (lxml re-homes every node), so only a marker is put in the tree.
        body.insert(0, etree.Comment(_BODY_MARKER))
        if builder.has_contents and wants_contents_pages(contents_pages):

            def numbered(pages: dict[str, int]) -> str:
                xml = prefix + builder.with_contents(pages)
                return sanitize_xml_text(xml)[0] if late_sanitize else xml

            pages = _layout_pages(document, numbered, builder.contents_entries, warnings)
            if pages:
                body_xml = numbered(pages)
        _save_atomically(document, out_path, body_xml)
    else:
        _insert_parsed(body, body_xml)
        _save_atomically(document, out_path, None)
    return warnings


_BODY_MARKER: Final = "charter-builder-body"
_CHAR_REF: Final = re.compile("&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _has_invalid_char_refs(html: str) -> bool:
    """True if ``html`` holds a character reference to a character XML cannot hold."""
    if "&#" not in html:
        return False
    for match in _CHAR_REF.finditer(html):
        hex_digits, digits = match.groups()
        code = int(hex_digits, 16) if hex_digits else int(digits)
        if (code < 0x20 and code not in (0x9, 0xA, 0xD)) or 0xD800 <= code <= 0xDFFF:
            return True
        if code in (0xFFFE, 0xFFFF):
            return True
    return False


def _insert_parsed(body: Any, body_xml: str) -> None:
    """Parse the body and move it into the document (for references that do not use the
    usual ``w`` prefix for WordprocessingML)."""
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    parser.set_element_class_lookup(element_class_lookup)
    new_body = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>'.encode(), parser)
    for index, child in enumerate(list(new_body)):
        body.insert(index, child)


# --- reading the reference ------------------------------------------------------------------


REFERENCE_MAX_BYTES: Final = 100 * 1024 * 1024
"""Most bytes the parts of a reference .docx may unpack to (Word's own templates: about 1 MB)."""

REFERENCE_MAX_PARTS: Final = 1_000
"""Most parts (files in the zip) of a reference .docx."""


def check_reference(path: Path) -> None:
    """Refuse a reference .docx that is missing, not a zip, or unpacks to too much.

    Only the zip's directory is read: the unpacked sizes it declares are what python-docx
    would decompress (zipfile never inflates a part past its declared size), so a file that
    would cost gigabytes is refused in milliseconds, before any part is read.

    Raises:
        ReferenceDocxError: With the reason, naming the file.
    """
    if not path.is_file():
        raise ReferenceDocxError(path, "the file does not exist.")
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as error:
        raise ReferenceDocxError(path, f"it is not a Word document ({error}).") from None
    except OSError as error:
        raise ReferenceDocxError(path, f"{error.strerror or error}.") from None
    if len(parts) > REFERENCE_MAX_PARTS:
        raise ReferenceDocxError(
            path,
            f"it holds {len(parts):,} parts; a Word document used for styles holds at most "
            f"{REFERENCE_MAX_PARTS:,}.",
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > REFERENCE_MAX_BYTES:
        raise ReferenceDocxError(
            path,
            f"its parts unpack to {unpacked / 1024**2:,.0f} MB; a Word document used for "
            f"styles may unpack to at most {REFERENCE_MAX_BYTES // 1024**2} MB.",
        )


_R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def drop_external_relationships(document: Document) -> list[str]:
    """Remove every link to a resource outside the package, and what points at it.

    An offline program's output must not fetch anything when it is opened: an image linked by
    URL, an attached template or a linked frame in the reference would be carried into every
    document. The attributes that name a dropped relationship (``r:id``, ``r:link``,
    ``r:embed``) go with it, so that no reference dangles.

    Returns:
        The targets dropped, in the order found.
    """
    dropped: list[str] = []
    for part in document.part.package.iter_parts():
        external = [rid for rid, rel in part.rels.items() if rel.is_external]
        if not external:
            continue
        for rid in external:
            dropped.append(str(part.rels[rid].target_ref))
            del part.rels[rid]
        element = getattr(part, "_element", None)
        if element is None:
            continue
        gone = set(external)
        for node in element.iter():
            for name in [n for n in node.attrib if n.startswith("{" + _R_NS + "}")]:
                if node.attrib[name] in gone:
                    del node.attrib[name]
    return dropped


def _open_reference(path: Path) -> Document:
    check_reference(path)
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReferenceDocxError(path, f"it is not a Word document ({error}).") from None
    except etree.XMLSyntaxError as error:
        raise ReferenceDocxError(path, f"it is damaged ({error}).") from None
    except OSError as error:
        raise ReferenceDocxError(path, f"{error.strerror or error}.") from None


def _text_width(section: Any) -> int:
    """The width between the margins in twips, from the reference's section properties."""
    if section is None:
        return _DEFAULT_TEXT_WIDTH
    size = section.find(_W + "pgSz")
    margins = section.find(_W + "pgMar")
    try:
        width = int(size.get(_W + "w"))
        left = int(margins.get(_W + "left", 0))
        right = int(margins.get(_W + "right", 0))
        gutter = int(margins.get(_W + "gutter", 0))
    except (AttributeError, TypeError, ValueError):
        return _DEFAULT_TEXT_WIDTH
    text_width = width - left - right - gutter
    return text_width if text_width > 1000 else _DEFAULT_TEXT_WIDTH


class _Styles:
    """Style IDs of the reference document, looked up by name as Word shows it."""

    def __init__(self, document: Document, warnings: list[str]) -> None:
        self._warnings = warnings
        self._ids: dict[tuple[str, str], str] = {}
        self._default_paragraph: str | None = None
        self._cache: dict[tuple[str, str], str | None] = {}
        self.elements: dict[str, Any] = {}
        for style in document.styles.element.iterfind(_W + "style"):
            style_id = style.get(_W + "styleId")
            name_el = style.find(_W + "name")
            kind = style.get(_W + "type", "paragraph")
            if style_id is None:
                continue
            self.elements[style_id] = style
            # Word stores built-in names in lower case ("heading 1") and shows them capitalised.
            name = name_el.get(_W + "val") if name_el is not None else style_id
            self._ids.setdefault((kind, name.lower()), style_id)
            if kind == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                self._default_paragraph = style_id

    def paragraph(self, name: str) -> str | None:
        """The style ID for paragraph style ``name``; None means the default (Normal)."""
        key = ("paragraph", name)
        if key not in self._cache:
            self._cache[key] = self._resolve("paragraph", name, _STYLE_FALLBACKS.get(name, ()))
        return self._cache[key]

    def table(self) -> str | None:
        """The style ID for tables, or None when the reference has no usable table style."""
        key = ("table", TABLE_STYLE)
        if key not in self._cache:
            self._cache[key] = self._resolve("table", TABLE_STYLE, (_TABLE_STYLE_FALLBACK,))
        return self._cache[key]

    def lookup(self, kind: str, name: str) -> str | None:
        """The raw style ID for ``name``, or None when the reference lacks it (no warning)."""
        return self._ids.get((kind, name.lower()))

    def _resolve(self, kind: str, name: str, fallbacks: tuple[str, ...]) -> str | None:
        style_id = self._ids.get((kind, name.lower()))
        if style_id is not None:
            return None if style_id == self._default_paragraph else _escape_attr(style_id)
        for fallback in fallbacks:
            style_id = self._ids.get((kind, fallback.lower()))
            if style_id is not None:
                self._warnings.append(
                    f'The reference document has no {kind} style "{name}"; used "{fallback}".'
                )
                return None if style_id == self._default_paragraph else _escape_attr(style_id)
        instead = "Normal" if kind == "paragraph" else "no table style"
        self._warnings.append(
            f'The reference document has no {kind} style "{name}"; used {instead} instead.'
        )
        return None


class _Numbering:
    """Restarts numbered lists: each <ol> gets its own w:num so it counts from 1."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._styles: dict[str, Any] = {}

    def restart(self, style_id: str | None, styles: _Styles) -> str:
        """A w:numPr that restarts the numbering of ``style_id``, or "" if it has none."""
        if style_id is None:
            return ""
        num_pr = self._style_num_pr(style_id, styles)
        if num_pr is None:
            return ""
        num_id_el = num_pr.find(_W + "numId")
        ilvl_el = num_pr.find(_W + "ilvl")
        try:
            num_id = int(num_id_el.get(_W + "val"))
            ilvl = int(ilvl_el.get(_W + "val")) if ilvl_el is not None else 0
        except (AttributeError, TypeError, ValueError):
            return ""
        numbering = self._document.part.numbering_part.element
        try:
            abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
        except KeyError:
            return ""
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=ilvl).add_startOverride(1)
        return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{int(num.numId)}"/></w:numPr>'

    def _style_num_pr(self, style_id: str, styles: _Styles) -> Any:
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen:
            seen.add(current)
            style = styles.elements.get(current)
            if style is None:
                return None
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                return num_pr
            based_on = style.find(_W + "basedOn")
            current = based_on.get(_W + "val") if based_on is not None else None
        return None


# --- building the body ----------------------------------------------------------------------


class _Node(Protocol):
    """The part of an lxml.html element the builder reads."""

    tag: object  # a str for elements; comments and processing instructions have other tags
    text: str | None
    tail: str | None

    def get(self, key: str, default: str | None = None) -> str | None: ...

    def __iter__(self) -> Iterator[_Node]: ...

    def itertext(self) -> Iterator[str]: ...

    def __len__(self) -> int: ...


@dataclass(frozen=True, slots=True)
class _Para:
    """How the paragraphs of the current block are written."""

    style_id: str | None = None
    keep_next: bool = False
    num_pr: str = ""
    list_depth: int = 0
    outline: int = 0  # 1 or 2 for headings listed in the table of contents


_NORMAL: Final = _Para()


def _field_start(instruction: str) -> str:
    """The runs that open a complex field, up to its (empty) shown result."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


def _page_reference(bookmark: str, page: int) -> str:
    """A tab and a PAGEREF field to ``bookmark`` that shows ``page`` until it is updated."""
    return (
        "<w:r><w:tab/></w:r>"
        + _field_start(f"PAGEREF {bookmark} \\h")
        + f"<w:r><w:t>{page}</w:t></w:r>"
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(text: str) -> str:
    return _escape_text(text).replace('"', "&quot;")


def _classes(node: _Node) -> list[str]:
    value = node.get("class")
    return value.split() if value else []


def _is_rtl(text: str) -> bool:
    """True when most letters of ``text`` are right-to-left (Arabic, Hebrew, …)."""
    if _RTL_CHARS.search(text) is None:
        return False
    rtl = ltr = 0
    for char in text:
        if char.isalpha():
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                rtl += 1
            elif kind == "L":
                ltr += 1
    return rtl > ltr


def _has_ltr_letters(text: str) -> bool:
    return any(char.isalpha() and unicodedata.bidirectional(char) == "L" for char in text)


# Scripts a run holds beyond Latin, as bit flags: each names the run's East-Asian or
# complex-script font and language, so that Word and LibreOffice take a font with its letters
# (Calibri has none) and break its lines by its rules. Han characters alone cannot tell
# Japanese from Chinese; they are taken as Japanese, whose font has the Chinese characters too.
_JAPANESE: Final = 1
_KOREAN: Final = 2
_ARABIC: Final = 4
_HEBREW: Final = 8
EAST_ASIAN_FONT: Final = "Noto Sans CJK JP"
"""East-Asian font of the reference and of Japanese and Chinese runs (Word: Yu Gothic)."""
KOREAN_FONT: Final = "Noto Sans CJK KR"
COMPLEX_FONT: Final = "Noto Naskh Arabic"
"""Complex-script font of the reference and of Arabic runs (Word: Arial)."""
HEBREW_FONT: Final = "Noto Sans Hebrew"
_SCRIPT_FONTS: Final = (
    (_JAPANESE, "eastAsia", EAST_ASIAN_FONT, "ja-JP"),
    (_KOREAN, "eastAsia", KOREAN_FONT, "ko-KR"),
    (_ARABIC, "cs", COMPLEX_FONT, "ar-SA"),
    (_HEBREW, "cs", HEBREW_FONT, "he-IL"),
)
_CJK_CHARS: Final = re.compile(
    "[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)
_HANGUL: Final = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")
_ARABIC_CHARS: Final = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_HEBREW_CHARS: Final = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")


# Right-to-left words with the spaces between them: a run of their own in a left-to-right
# paragraph, so that only they take the complex-script font.
_RTL_SPAN: Final = re.compile(f"({_RTL_CHARS.pattern}+(?:[ \u00a0]+{_RTL_CHARS.pattern}+)*)")


def _scripts(text: str) -> int:
    """The script flags of ``text``: Japanese (or Chinese), Korean, Arabic, Hebrew."""
    if text.isascii():
        return 0
    flags = 0
    if _CJK_CHARS.search(text) is not None:
        flags |= _KOREAN if _HANGUL.search(text) is not None else _JAPANESE
    if _ARABIC_CHARS.search(text) is not None:
        flags |= _ARABIC
    elif _HEBREW_CHARS.search(text) is not None:
        flags |= _HEBREW
    return flags


def _rpr(mask: int, rtl: bool, scripts: int = 0) -> str:
    parts = []
    fonts = [f'w:ascii="{_CODE_FONT}" w:hAnsi="{_CODE_FONT}"'] if mask & _CODE else []
    langs = []
    for flag, slot, font, language in _SCRIPT_FONTS:
        if scripts & flag:
            fonts.append(f'w:{slot}="{font}"')
            langs.append(f'w:{"eastAsia" if slot == "eastAsia" else "bidi"}="{language}"')
    if fonts:
        parts.append(f"<w:rFonts {' '.join(fonts)}/>")
    if mask & _BOLD:
        parts.append("<w:b/><w:bCs/>")
    if mask & _ITALIC:
        parts.append("<w:i/><w:iCs/>")
    if mask & _MUTED:
        parts.append(f'<w:color w:val="{_MUTED_COLOR}"/>')
    if mask & _UNDERLINE:
        parts.append('<w:u w:val="single"/>')
    if rtl:
        parts.append("<w:rtl/>")
    elif scripts & (_ARABIC | _HEBREW):
        parts.append("<w:cs/>")  # right-to-left words in a left-to-right paragraph
    if langs:
        parts.append(f"<w:lang {' '.join(langs)}/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


_RPR: Final[dict[tuple[int, bool, int], str]] = {
    (mask, rtl, scripts): _rpr(mask, rtl, scripts)
    for mask in range(32)
    for rtl in (False, True)
    for scripts in range(16)
}
_SPACE_AFTER_TABLE: Final = '<w:spacing w:before="160"/>'
_PAGE_BREAK_PARAGRAPH: Final = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
# Word and LibreOffice join two tables with nothing between them into one; a small empty
# paragraph keeps them apart.
_BETWEEN_TABLES_PARAGRAPH: Final = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="140" w:lineRule="exact"/>'
    "</w:pPr></w:p>"
)


class _BodyBuilder:
    """Walks the parsed HTML once and writes WordprocessingML into a list of strings."""

    def __init__(
        self, styles: _Styles, numbering: _Numbering, text_width: int, warnings: list[str]
    ) -> None:
        self._styles = styles
        self._numbering = numbering
        self._text_width = text_width
        self._warnings = warnings
        self._out: list[str] = []
        self._runs: list[tuple[int, str]] = []  # (format mask or _BREAK, text)
        self._space_before = True  # the paragraph so far ends in a space (or is empty)
        self._paragraphs = 0
        self._last_paragraph: tuple[int, bool] | None = None  # (index in _out, removable)
        self._keep_depth = 0
        self._pending_break = False
        self._last_was_table = False
        self._last_row_at = 0  # index in _out where the last table's last row starts
        self._paragraph_end = -1  # length of _out after the last paragraph written
        self._lead_in_at: int | None = None  # the last paragraph, when it ends in a colon
        self._metrics: tuple[float, int] | None = None
        self._depth = 0
        self._flattened = False
        self._rtl_possible = False
        self._toc_at: int | None = None
        self._toc_break = False
        self._toc_entries: list[tuple[int, str, str]] = []  # (level, text, bookmark)
        self.title_page = True  # the first page goes without header and footer

    def build(self, html: str) -> str:
        """The body's WordprocessingML (without w:body and w:sectPr)."""
        root = self._parse(html)
        # Most documents have no right-to-left script at all; skip the check per paragraph.
        self._rtl_possible = not html.isascii() and _RTL_CHARS.search(html) is not None
        if root is not None:
            body = root.find("body")
            self._walk(cast(_Node, body if body is not None else root), 0, _NORMAL)
            self._flush(_NORMAL)
        if self._pending_break:
            self._out.append(_PAGE_BREAK_PARAGRAPH)
        if self._flattened:
            self._warnings.append(
                f"Content nested more than {_MAX_DEPTH} levels deep was written as plain text."
            )
        if self._toc_at is not None:
            self._out[self._toc_at] = self._contents()
        if not self._out:
            self._out.append("<w:p/>")  # Word expects at least one paragraph
        return "".join(self._out)

    @property
    def has_contents(self) -> bool:
        """True when the body holds a table of contents."""
        return bool(self._toc_entries)

    @property
    def contents_entries(self) -> list[tuple[int, str, str]]:
        """The headings the contents list: (level, text, bookmark name)."""
        return list(self._toc_entries)

    def with_contents(self, pages: dict[str, int]) -> str:
        """The body built last, its contents showing the page of each heading in ``pages``
        (by bookmark name); entries without a page show none."""
        if self._toc_at is None:
            return "".join(self._out)
        out = list(self._out)
        out[self._toc_at] = self._contents(pages)
        return "".join(out)

    def _contents(self, pages: dict[str, int] | None = None) -> str:
        """An updatable Word table of contents, filled in with the headings it will show.

        The entries are written out, each linked to a bookmark on its heading, so the contents
        read correctly in any viewer. Page numbers depend on the layout, which only a word
        processor knows: the document asks Word to update its fields on opening, and Word then
        regenerates the contents with page numbers. With ``pages`` (bookmark to page number,
        from a LibreOffice layout pass) each entry shows its page too, as a PAGEREF field
        inside the contents' result, the way Word itself writes a table of contents.
        """
        if not self._toc_entries:
            return ""
        heading = self._styles.paragraph("TOC Heading")
        out = [
            "<w:p><w:pPr>"
            + (f'<w:pStyle w:val="{heading}"/>' if heading else "")
            + ("<w:pageBreakBefore/>" if self._toc_break else "")
            + "</w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>"
        ]
        last = len(self._toc_entries) - 1
        for index, (level, text, bookmark) in enumerate(self._toc_entries):
            style = self._styles.paragraph(f"toc {level}")
            out.append(
                "<w:p><w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + "</w:pPr>"
            )
            if index == 0:
                out.append(_field_start(r'TOC \o "1-2" \h \z \u'))
            page = pages.get(bookmark) if pages else None
            out.append(
                f'<w:hyperlink w:anchor="{bookmark}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{_escape_text(text)}</w:t></w:r>'
                + ("" if page is None else _page_reference(bookmark, page))
                + "</w:hyperlink>"
            )
            if index == last:
                out.append('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            out.append("</w:p>")
        return "".join(out)

    @staticmethod
    def _parse(html: str) -> Any:
        if not html.strip():
            return None
        parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True)
        # Bytes, so that a <meta charset> or XML declaration in the input cannot conflict.
        return etree.fromstring(html.encode("utf-8"), parser)

    # inline content

    def _add_text(self, text: str, mask: int) -> None:
        if self._space_before and not text.strip(_HTML_SPACE_CHARS):
            return  # whitespace between blocks, the most common text node
        if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
            text = _HTML_SPACE.sub(" ", text)
        if self._space_before and text[:1] == " ":
            text = text[1:]
        if not text:
            return
        self._space_before = text[-1] == " "
        runs = self._runs
        if runs and runs[-1][0] == mask:
            runs[-1] = (mask, runs[-1][1] + text)
        else:
            runs.append((mask, text))

    def _add_break(self) -> None:
        self._strip_trailing_space()
        self._runs.append((_BREAK, ""))
        self._space_before = True

    def _strip_trailing_space(self) -> None:
        runs = self._runs
        while runs and runs[-1][0] != _BREAK and runs[-1][1].endswith(" "):
            mask, text = runs[-1]
            text = text.rstrip(" ")
            if text:
                runs[-1] = (mask, text)
                break
            runs.pop()

    def _walk(self, node: _Node, mask: int, para: _Para) -> None:
        """Process the children of ``node``: inline ones join the running paragraph."""
        if node.text:
            self._add_text(node.text, mask)
        self._depth += 1
        for child in node:
            tag = child.tag
            if isinstance(tag, str):
                if self._depth > _MAX_DEPTH:
                    self._flattened = True
                    self._add_text("".join(child.itertext()), mask)
                elif tag in _BLOCKS:
                    self._block(child, tag, mask, para)
                elif tag == "br":
                    self._add_break()
                elif tag not in _SKIP:
                    flags = _INLINE_FLAGS.get(tag, 0)
                    if tag == "span" and "muted" in _classes(child):
                        flags = _MUTED
                    self._walk(child, mask | flags, para)
            if child.tail:
                self._add_text(child.tail, mask)
        self._depth -= 1

    # blocks

    def _block(self, node: _Node, tag: str, mask: int, para: _Para) -> None:
        self._flush(para)
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._explicit_paragraph(node, self._paragraph_for(node, tag, para), mask)
        elif tag in ("ul", "ol"):
            self._list(node, tag == "ol", para, mask)
        elif tag == "li":
            item = para if para.list_depth else self._list_para(False, 1)
            self._explicit_paragraph(node, item, mask)
        elif tag == "table":
            self._table(node, mask)
        elif tag == "hr":
            pass
        else:
            classes = _classes(node)
            if "toc" in classes:
                self._toc_at = len(self._out)
                self._out.append("")  # replaced by the contents once every heading is known
                self._toc_break, self._pending_break = self._pending_break, False
                return
            if "no-title-page" in classes:
                # The document starts with its content, not a title page: its first page
                # has the header and footer of every other page.
                self.title_page = False
            if "page-break" in classes:
                self._pending_break = True
            keep = "keep-together" in classes
            if keep:
                self._keep_together(node, mask, para)
            else:
                self._walk(node, mask, para)
                self._flush(para)

    def _paragraph_for(self, node: _Node, tag: str, para: _Para) -> _Para:
        classes = _classes(node)
        if tag == "p":
            for name in classes:
                style = _P_CLASS_STYLES.get(name)
                if style is not None:
                    return _Para(self._styles.paragraph(style))
            # A <p> inside a list item stays in the list.
            return para if para.list_depth else _NORMAL
        if tag == "h1" and "title" in classes:
            return _Para(self._styles.paragraph("Title"), keep_next=True)
        outline = 0 if "no-toc" in classes else {"h1": 1, "h2": 2}.get(tag, 0)
        return _Para(self._styles.paragraph(_HEADING_STYLES[tag]), keep_next=True, outline=outline)

    def _explicit_paragraph(self, node: _Node, para: _Para, mask: int) -> None:
        """An element that always makes a paragraph, even an empty one (e.g. a signature line)."""
        before = self._paragraphs
        self._walk(node, mask, para)
        self._flush(para, force=self._paragraphs == before)

    def _list_para(self, ordered: bool, depth: int) -> _Para:
        level = min(depth, 3)
        name = "List Number" if ordered else "List Bullet"
        style_id = self._styles.paragraph(name if level == 1 else f"{name} {level}")
        num_pr = self._numbering.restart(style_id, self._styles) if ordered else ""
        return _Para(style_id, num_pr=num_pr, list_depth=depth)

    def _list(self, node: _Node, ordered: bool, para: _Para, mask: int) -> None:
        if self._lead_in_at is not None and self._paragraph_end == len(self._out):
            # The words that lead into a list ("The board is asked to resolve:") never end a
            # page alone: they stay with the first item.
            self._out[self._lead_in_at] = _keep_with_next(self._out[self._lead_in_at])
        self._walk(node, mask, self._list_para(ordered, para.list_depth + 1))
        self._flush(para)

    def _keep_together(self, node: _Node, mask: int, para: _Para) -> None:
        start = len(self._out)
        self._keep_depth += 1
        try:
            self._walk(node, mask, para)
            self._flush(para)
        finally:
            self._keep_depth -= 1
        # The last paragraph of the block need not stick to whatever follows it.
        last = self._last_paragraph
        if self._keep_depth == 0 and last is not None:
            index, removable = last
            if index >= start and removable:
                self._out[index] = self._out[index].replace("<w:keepNext/>", "", 1)

    def _flush(self, para: _Para, force: bool = False) -> None:
        """Write the collected runs as one paragraph in the style of ``para``."""
        runs = self._runs
        if runs:
            if runs[-1][1][-1:] == " ":
                self._strip_trailing_space()
            self._runs = []
            self._space_before = True
        elif not force:
            return
        rtl = self._rtl_possible and _is_rtl("".join(text for _, text in runs))
        keep_next = para.keep_next or self._keep_depth > 0
        ppr = []
        if para.style_id is not None:
            ppr.append(f'<w:pStyle w:val="{para.style_id}"/>')
        if keep_next:
            ppr.append("<w:keepNext/>")
        if self._keep_depth:
            ppr.append("<w:keepLines/>")
        if self._pending_break:
            ppr.append("<w:pageBreakBefore/>")
            self._pending_break = False
        if para.num_pr:
            ppr.append(para.num_pr)
        if rtl:
            ppr.append("<w:bidi/>")
        if self._last_was_table and not para.keep_next:
            # Text right under a table would touch its bottom border.
            ppr.append(_SPACE_AFTER_TABLE)
            if para.style_id is not None and para.style_id in self._table_notes():
                # A note on the table ("The register above ...") never starts a page alone.
                self._keep_last_row_with_next()
        out = self._out
        out.append(f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>" if ppr else "<w:p>")
        self._last_paragraph = (len(out) - 1, keep_next and not para.keep_next)
        bookmark = ""
        if para.outline and self._toc_at is not None and runs:
            number = len(self._toc_entries) + 1
            bookmark = f"_Toc{number:08d}"
            text = "".join(t for m, t in runs if m != _BREAK)
            self._toc_entries.append((para.outline, text, bookmark))
            out.append(f'<w:bookmarkStart w:id="{number}" w:name="{bookmark}"/>')
        for mask, text in runs:
            if mask == _BREAK:
                out.append("<w:r><w:br/></w:r>")
                continue
            pieces = (
                _RTL_SPAN.split(text)
                if self._rtl_possible and _RTL_CHARS.search(text) is not None
                else (text,)
            )
            for piece in pieces:
                if not piece:
                    continue
                run_rtl = rtl and (
                    _RTL_CHARS.search(piece) is not None or not _has_ltr_letters(piece)
                )
                out.append(
                    f"<w:r>{_RPR[mask, run_rtl, _scripts(piece)]}"
                    f'<w:t xml:space="preserve">{_escape_text(piece)}</w:t></w:r>'
                )
        if bookmark:
            out.append(f'<w:bookmarkEnd w:id="{len(self._toc_entries)}"/>')
        out.append("</w:p>")
        self._paragraphs += 1
        self._paragraph_end = len(out)
        last_text = next((t for m, t in reversed(runs) if m != _BREAK and t.strip()), "")
        self._lead_in_at = self._last_paragraph[0] if last_text.rstrip().endswith(":") else None
        self._last_was_table = False

    # tables

    def _table(self, node: _Node, mask: int) -> None:
        header: list[_Node] = []
        rows: list[_Node] = []
        caption: _Node | None = None
        for child in node:
            tag = child.tag
            if tag == "tr":
                rows.append(child)
            elif tag == "thead":
                header.extend(tr for tr in child if tr.tag == "tr")
            elif tag in ("tbody", "tfoot"):
                rows.extend(tr for tr in child if tr.tag == "tr")
            elif tag == "caption":
                caption = child
        all_rows = header + rows
        grid_rows = [self._cells(tr) for tr in all_rows]
        # A signature row (class "sign") is tall enough to sign by hand, and never split.
        tall = [
            "sign" in _classes(tr) for tr, cells in zip(all_rows, grid_rows, strict=True) if cells
        ]
        n_header = len(header)
        # A first row of only <th> cells is a header row too, as browsers show it.
        if not n_header and grid_rows and grid_rows[0] and all(th for _, th, _ in grid_rows[0]):
            n_header = 1
        grid_rows = [cells for cells in grid_rows if cells]
        if not grid_rows:
            return
        if caption is not None:
            self._explicit_paragraph(
                caption, _Para(self._styles.paragraph("Caption"), keep_next=True), mask
            )
        if self._pending_break:
            self._out.append(_PAGE_BREAK_PARAGRAPH)
            self._pending_break = False
        elif self._last_was_table:
            self._out.append(_BETWEEN_TABLES_PARAGRAPH)
        elif self._last_paragraph is not None and self._paragraph_end == len(self._out):
            # The words that lead into a table ("Appointment accepted by:") stay with it.
            index = self._last_paragraph[0]
            self._out[index] = _keep_with_next(self._out[index])
        self._last_was_table = False
        n_cols = max(sum(span for _, _, span in cells) for cells in grid_rows)
        widths = self._column_widths(
            node.get("data-widths"), n_cols, self._narrowest_columns(grid_rows, n_cols)
        )
        out = self._out
        style_id = self._styles.table()
        look = "0620" if n_header else "0600"
        out.append(
            "<w:tbl><w:tblPr>"
            + (f'<w:tblStyle w:val="{style_id}"/>' if style_id else "")
            + '<w:tblW w:w="5000" w:type="pct"/>'
            + ("" if style_id else _FALLBACK_BORDERS)
            + '<w:tblLayout w:type="fixed"/>'
            + f'<w:tblLook w:val="{look}" w:firstRow="{1 if n_header else 0}" w:lastRow="0"'
            ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            "</w:tblPr><w:tblGrid>"
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
            + "</w:tblGrid>"
        )
        penultimate_at = -1
        for index, cells in enumerate(grid_rows):
            if index == len(grid_rows) - 2:
                penultimate_at = len(out)
            if index == len(grid_rows) - 1:
                self._last_row_at = len(out)
            # No row breaks across a page: a row's cells are read side by side, and half a
            # row at the foot of a page reads as a row of its own.
            if index < n_header:
                out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
            elif tall[index]:
                out.append(_SIGNATURE_ROW)
            else:
                out.append(_ROW)
            col = 0
            for cell, is_th, span in cells:
                span = min(span, n_cols - col)
                width = sum(widths[col : col + span])
                col += span
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
                    + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
                    + "</w:tcPr>"
                )
                cell_mask = mask | _BOLD if is_th else mask
                if len(cell):
                    self._cell(cell, cell_mask)
                else:  # text only, the common case: no need to walk it
                    if cell.text:
                        self._add_text(cell.text, cell_mask)
                    self._flush(_NORMAL, force=True)
                out.append("</w:tc>")
            for rest in widths[col:]:
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{rest}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
                )
            out.append("</w:tr>")
        if len(grid_rows) - n_header >= 3:
            # The last row never carries over alone under a repeated header: the row before
            # it goes with it.
            for index in range(penultimate_at, self._last_row_at):
                out[index] = _keep_with_next(out[index])
        out.append("</w:tbl>")
        self._last_was_table = True

    def _table_notes(self) -> set[str]:
        """Style IDs of the paragraphs that, right under a table, are notes on it."""
        return {
            style_id
            for style_id in (self._styles.paragraph(name) for name in ("Small", "Caption", "Note"))
            if style_id is not None
        }

    def _keep_last_row_with_next(self) -> None:
        """Give every paragraph of the last table row "keep with next"."""
        out = self._out
        for index in range(self._last_row_at, len(out)):
            out[index] = _keep_with_next(out[index])

    @staticmethod
    def _cells(tr: _Node) -> list[tuple[_Node, bool, int]]:
        cells = []
        for cell in tr:
            if cell.tag in ("td", "th"):
                try:
                    span = int(cell.get("colspan") or 1)
                except ValueError:
                    span = 1
                cells.append((cell, cell.tag == "th", max(1, min(span, _MAX_COLUMNS))))
        return cells

    def _cell(self, cell: _Node, mask: int) -> None:
        """Write a cell's content; a w:tc must end with a paragraph."""
        pending, self._pending_break = self._pending_break, False
        before = self._paragraphs
        self._walk(cell, mask, _NORMAL)
        self._flush(_NORMAL, force=self._paragraphs == before)
        if self._last_was_table:
            self._out.append("<w:p/>")
            self._last_was_table = False
        self._pending_break = pending

    def _narrowest_columns(
        self, grid_rows: list[list[tuple[_Node, bool, int]]], n_cols: int
    ) -> list[int]:
        """The width each column needs, in twips, so that no word in it breaks: its widest
        word (in bold where bold) and the cell's margins. Cells spanning columns do not count."""
        from wizards.text_width import longest_word

        size, margins = self._table_metrics()
        widest = [0.0] * n_cols
        seen: set[tuple[int, str | None, bool]] = set()  # a calendar repeats its cells often
        for cells in grid_rows:
            col = 0
            for cell, is_th, span in cells:
                if span == 1 and col < n_cols:
                    key = (col, cell.text, is_th)
                    if len(cell) or key not in seen:
                        seen.add(key)
                        for text, bold in _cell_texts(cell, is_th):
                            widest[col] = longest_word(text, size, bold, widest[col])
                col += span
        # A little more than the estimate: kerning, and fonts a little wider than the table's.
        return [int(w * 1.04) + margins + 40 if w else 0 for w in widest]

    def _table_metrics(self) -> tuple[float, int]:
        """The table style's font size in points and its cells' left and right margins in twips."""
        if self._metrics is None:
            size, margins = 10.0, 2 * 108  # Word's defaults for a table without a style
            style = self._styles.elements.get(self._styles.table() or "")
            if style is not None:
                sz = style.find(f"{_W}rPr/{_W}sz")
                with contextlib.suppress(TypeError, ValueError):
                    size = int(sz.get(_W + "val")) / 2 if sz is not None else size
                found = [
                    style.find(f"{_W}tblPr/{_W}tblCellMar/{_W}{side}") for side in ("left", "right")
                ]
                with contextlib.suppress(TypeError, ValueError):
                    if all(m is not None for m in found):
                        margins = sum(int(m.get(_W + "w")) for m in found if m is not None)
            self._metrics = (size, margins)
        return self._metrics

    def _column_widths(
        self, spec: str | None, n_cols: int, narrowest: list[int] | None = None
    ) -> list[int]:
        """Grid column widths in twips that add up to the text width.

        The widths follow the shares in ``spec`` ("17,24,20,39"), except that no column is
        narrower than ``narrowest`` says it must be for its widest word: such a column gets
        that width, taken from the others in proportion to their room above their own widest
        words. When the words cannot all fit, the columns are as wide as their words need, in
        proportion.
        """
        shares = [1.0] * n_cols
        if spec:
            try:
                values = [float(part) for part in spec.replace(";", ",").split(",") if part.strip()]
            except ValueError:
                values = []
            if len(values) == n_cols and all(v > 0 for v in values):
                shares = values
            else:
                self._warnings.append(
                    f'Ignored column widths "{spec}": expected {n_cols} positive numbers.'
                )
        width = self._text_width
        needs = narrowest if narrowest and len(narrowest) == n_cols else [0] * n_cols
        if sum(needs) >= width:
            shares, needs = [float(max(n, 1)) for n in needs], [0] * n_cols
        total = sum(shares)
        wanted = [width * share / total for share in shares]
        # The room a column too narrow for its words needs is taken from the others in
        # proportion to what each has to spare above its own widest word, so that a column
        # that is just wide enough is not squeezed as much as a wide column of prose.
        deficit = sum(max(0.0, need - want) for need, want in zip(needs, wanted, strict=True))
        spare = [max(0.0, want - need) for need, want in zip(needs, wanted, strict=True)]
        pool = sum(spare)
        widths = [
            int(max(want, need) - (deficit * free / pool if pool else 0.0))
            for need, want, free in zip(needs, wanted, spare, strict=True)
        ]
        widths[-1] += width - sum(widths)
        return widths


def _cell_texts(cell: _Node, bold: bool) -> list[tuple[str, bool]]:
    """A cell's text as (text, bold) pieces; a line break or a block separates words."""
    if not len(cell):
        return [(cell.text, bold)] if cell.text else []
    pieces: list[tuple[str, bool]] = []

    def gather(node: _Node, bold: bool) -> None:
        if node.text:
            pieces.append((node.text, bold))
        for child in node:
            tag = child.tag
            if isinstance(tag, str) and tag not in _SKIP:
                if tag == "br" or tag in _BLOCKS:
                    pieces.append((" ", bold))
                gather(child, bold or _INLINE_FLAGS.get(tag) == _BOLD)
            if child.tail:
                pieces.append((child.tail, bold))

    gather(cell, bold)
    merged: dict[bool, list[str]] = {False: [], True: []}
    for text, is_bold in pieces:
        merged[is_bold].append(text)
        merged[not is_bold].append(" ")
    return [(" ".join("".join(merged[b]).split()), b) for b in (False, True) if merged[b]]


_P_START: Final = re.compile(r"<w:p><w:pPr>(<w:pStyle [^>]*/>)?|<w:p/?>")


def _keep_with_next(xml: str) -> str:
    """``xml`` with "keep with next" on each paragraph it opens (w:keepNext after w:pStyle)."""

    def keep(match: re.Match[str]) -> str:
        if match.group(0) == "<w:p/>":
            return "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>"
        if match.group(0) == "<w:p>":
            return "<w:p><w:pPr><w:keepNext/></w:pPr>"
        return f"<w:p><w:pPr>{match.group(1) or ''}<w:keepNext/>"

    if "<w:keepNext/>" in xml:
        return xml
    return _P_START.sub(keep, xml)


_FALLBACK_BORDERS: Final = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


# --- branding and settings ------------------------------------------------------------------

_ACCENT_STYLES: Final = ("Title", "Heading 1", "Heading 2", "Heading 3", "TOC Heading")
_UPDATE_FIELDS_SUCCESSORS: Final = (
    *(
        f"w:{tag}"
        for tag in (
            "hdrShapeDefaults",
            "footnotePr",
            "endnotePr",
            "compat",
            "docVars",
            "rsids",
            "attachedSchema",
            "themeFontLang",
            "clrSchemeMapping",
            "doNotIncludeSubdocsInStats",
            "doNotAutoCompressPictures",
            "forceUpgrade",
            "captions",
            "readModeInkLockDown",
            "smartTagType",
            "shapeDefaults",
            "doNotEmbedSmartTags",
            "decimalSymbol",
            "listSeparator",
        )
    ),
    "m:mathPr",
    "sl:schemaLibrary",
)  # the elements that follow w:updateFields in w:settings, in schema order


def _apply_accent(styles: _Styles, accent: str) -> None:
    """Recolour the title, headings and table header rows of this export only."""
    for name in _ACCENT_STYLES:
        style_id = styles.lookup("paragraph", name)
        element = styles.elements.get(style_id or "")
        if element is None:
            continue
        for color in element.iter(_W + "color"):
            color.set(_W + "val", accent)
        for border in element.iterfind(f"{_W}pPr/{_W}pBdr/{_W}bottom"):
            border.set(_W + "color", accent)
    table_id = styles.lookup("table", TABLE_STYLE)
    table = styles.elements.get(table_id or "")
    if table is not None:
        for shading in table.iterfind(f"{_W}tblStylePr/{_W}tcPr/{_W}shd"):
            shading.set(_W + "fill", accent)


LOGO_MAX_BYTES: Final = 20 * 1024 * 1024
"""Largest logo file accepted; a logo for a title page is rarely over 1 MB."""


def probe_logo(logo: Path) -> bytes:
    """Read a logo and check it through to its end before anything is written.

    python-docx reads only an image's header, so a truncated or damaged file would otherwise
    reach Word, or fail half-way with an error that names nothing. Each format's structure is
    walked to its end: PNG chunks with their checksums up to IEND, JPEG segments up to the
    end-of-image marker, the GIF trailer, the sizes a BMP declares, and a TIFF's strips and
    resolution.

    Returns:
        The image file's bytes.

    Raises:
        BrandingError: With one clear reason, naming the file.
    """
    from docx.image.image import Image

    if logo.is_dir():
        raise BrandingError(logo, "it is a folder, not an image file.")
    if not logo.is_file():
        raise BrandingError(logo, "the file does not exist.")
    try:
        size = logo.stat().st_size
        if size > LOGO_MAX_BYTES:
            raise BrandingError(
                logo,
                f"it is {size / 1024**2:,.0f} MB; a logo may be at most "
                f"{LOGO_MAX_BYTES // 1024**2} MB.",
            )
        blob = logo.read_bytes()
    except OSError as error:
        raise BrandingError(logo, f"it cannot be read ({error.strerror or error}).") from None
    problem = _image_problem(blob)
    if problem is None:
        try:
            image = Image.from_blob(blob)
            if image.px_width <= 0 or image.px_height <= 0:
                problem = "it has no pixels"
            elif image.horz_dpi <= 0 or image.vert_dpi <= 0:
                problem = "its resolution is not a positive number"
        except Exception as error:  # python-docx's parsers raise many kinds on bad data
            problem = _parser_problem(error)
    if problem is not None:
        raise BrandingError(logo, f"it is not an image Word can show: {problem}.")
    return blob


def _parser_problem(error: Exception) -> str:
    from docx.image.exceptions import UnexpectedEndOfFileError, UnrecognizedImageError

    if isinstance(error, UnrecognizedImageError):
        return "it is not a PNG, JPEG, GIF, BMP or TIFF file"
    if isinstance(error, UnexpectedEndOfFileError):
        return "the file ends too early (it is cut off)"
    return f"its header cannot be read ({type(error).__name__}: {error})".replace(": )", ")")


def _image_problem(blob: bytes) -> str | None:
    """What is wrong with the image data, or None when it holds together to its end."""
    if blob.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png_problem(blob)
    if blob.startswith(b"\xff\xd8"):
        return _jpeg_problem(blob)
    if blob.startswith((b"GIF87a", b"GIF89a")):
        return None if blob.rstrip(b"\x00").endswith(b"\x3b") else _CUT_OFF
    if blob.startswith(b"BM"):
        return _bmp_problem(blob)
    if blob.startswith((b"II*\x00", b"MM\x00*")):
        return _tiff_problem(blob)
    return "it is not a PNG, JPEG, GIF, BMP or TIFF file"


_CUT_OFF: Final = "the file ends too early (it is cut off)"


def _png_problem(blob: bytes) -> str | None:
    import struct
    import zlib

    at = 8
    seen_data = False
    while at + 12 <= len(blob):
        length, kind = struct.unpack(">I4s", blob[at : at + 8])
        end = at + 12 + length
        if end > len(blob):
            return _CUT_OFF
        (crc,) = struct.unpack(">I", blob[end - 4 : end])
        if zlib.crc32(blob[at + 4 : end - 4]) != crc:
            return f"its {kind.decode('latin-1')} chunk is damaged (checksum)"
        if kind == b"IDAT":
            seen_data = True
        if kind == b"IEND":
            return None if seen_data else "it holds no image data"
        at = end
    return _CUT_OFF


def _jpeg_problem(blob: bytes) -> str | None:
    import struct

    at = 2
    while at + 4 <= len(blob):
        if blob[at] != 0xFF:
            return "its structure is damaged"
        marker = blob[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:
            return None
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            at += 2
            continue
        (length,) = struct.unpack(">H", blob[at + 2 : at + 4])
        at += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker
            end = blob.find(b"\xff\xd9", at)
            return None if end >= 0 else _CUT_OFF
    return _CUT_OFF


def _bmp_problem(blob: bytes) -> str | None:
    import struct

    if len(blob) < 26:
        return _CUT_OFF
    declared, offset = struct.unpack("<I4xI", blob[2:14])
    if offset >= len(blob) or (declared and declared > len(blob)):
        return _CUT_OFF
    return None


def _tiff_problem(blob: bytes) -> str | None:
    import struct

    order = "<" if blob[:2] == b"II" else ">"
    try:
        (ifd,) = struct.unpack(order + "I", blob[4:8])
        (count,) = struct.unpack(order + "H", blob[ifd : ifd + 2])
        tags: dict[int, tuple[int, int, int]] = {}
        for index in range(count):
            entry = blob[ifd + 2 + 12 * index : ifd + 14 + 12 * index]
            tag, kind, n, value = struct.unpack(order + "HHII", entry)
            tags[tag] = (kind, n, value)
    except struct.error:
        return _CUT_OFF

    def values(tag: int) -> list[int]:
        kind, n, value = tags[tag]
        width = 2 if kind == 3 else 4
        if n * width <= 4:
            raw = struct.pack(order + "I", value)[: n * width]
        else:
            raw = blob[value : value + n * width]
            if len(raw) < n * width:
                raise struct.error("cut off")
        return list(struct.unpack(order + ("H" if width == 2 else "I") * n, raw))

    if 282 not in tags or 283 not in tags:
        return "it says nothing about its resolution (dots per inch)"
    try:
        offsets, counts = values(273), values(279)
    except (KeyError, struct.error):
        return _CUT_OFF
    if any(o + c > len(blob) for o, c in zip(offsets, counts, strict=False)):
        return _CUT_OFF
    return None


def _logo_paragraph(document: Document, logo: Path) -> str:
    """A paragraph holding the logo, scaled to fit a small box, as WordprocessingML."""
    from docx.image.image import Image

    blob = probe_logo(logo)
    image = Image.from_blob(blob)
    max_w, max_h = (int(v * _EMU_PER_CM) for v in _LOGO_BOX)
    scale = min(max_w / image.width, max_h / image.height, 1.0)
    inline = document.part.new_pic_inline(
        io.BytesIO(blob), int(image.width * scale), int(image.height * scale)
    )
    drawing = etree.tostring(inline, encoding="unicode")
    return (
        '<w:p><w:pPr><w:spacing w:after="360"/></w:pPr>'
        f"<w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>"
    )


def _mark_every_page(document: Document, words: str) -> None:
    """Print ``words`` in bold red at the top of every page's header, the title page's too.

    Added to the reference's own headers (kept as they are), and to a first-page or even-page
    header where the reference has one, so no page of the document goes without the mark.
    """
    text, _removed = sanitize_xml_text(words)
    mark = (
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/>'
        f'<w:color w:val="B42318"/><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve">'
        f"{_escape_text(text)}</w:t></w:r></w:p>"
    )
    for section in document.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if document.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            header._element.insert(0, etree.fromstring(mark))


# --- page numbers in the contents -----------------------------------------------------------
#
# Word fills the contents' page numbers itself: the document asks it to update its fields on
# opening. LibreOffice shows a table of contents as the file has it, so without numbers in the
# file its contents page has none. What we chose: when asked (write_docx(contents_pages=True),
# or CHARTER_BUILDER_CONTENTS_PAGES=1 for the command line and the desktop), the document is
# laid out once by LibreOffice, the page of each heading is read from that PDF and written
# into the contents as the cached result of a PAGEREF field per entry. The contents stay an
# updatable TOC field, so Word still renumbers them by its own layout (Word and LibreOffice can
# differ by a page where fonts differ). Why off by default: a layout pass starts LibreOffice,
# 2-5 s against the 0.04 s of a whole build, and it needs soffice and pdftotext, which a
# Windows or macOS machine rarely has; every test and every export would pay for it, and the
# desktop would wait on an office suite it otherwise never starts. Without them, or when the
# pass fails or runs over its time, the contents keep today's form (titles and links, numbers
# left to Word) and a warning says why.

CONTENTS_PAGES_VARIABLE: Final = "CHARTER_BUILDER_CONTENTS_PAGES"
"""Set to "1" to fill in the contents' page numbers from a LibreOffice layout pass."""
LAYOUT_TIMEOUT: Final = 120.0  # seconds; LibreOffice's first start with a new profile is slow
_DOT_LEADER: Final = re.compile(r"\.{6,}")
_BIDI_MARKS: Final = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def wants_contents_pages(flag: bool | None) -> bool:
    """Whether to fill in the contents' page numbers: ``flag``, or the environment's choice."""
    if flag is not None:
        return flag
    return os.environ.get(CONTENTS_PAGES_VARIABLE, "").strip().lower() in ("1", "true", "yes")


def _layout_pages(
    document: Document,
    body: Callable[[dict[str, int]], str],
    entries: list[tuple[int, str, str]],
    warnings: list[str],
) -> dict[str, int] | None:
    """The page of each heading (by bookmark) as LibreOffice lays out the document, or None.

    The document is laid out with every entry showing a placeholder page number, so that its
    contents take the room the real numbers will.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        warnings.append(
            "The contents' page numbers are left to Word: filling them in needs LibreOffice "
            "(soffice) and pdftotext, which were not found."
        )
        return None
    placeholder = {bookmark: 88 for _, _, bookmark in entries}
    with tempfile.TemporaryDirectory(prefix="charter-builder-layout-") as temp:
        folder = Path(temp)
        draft = folder / "layout.docx"
        with draft.open("wb") as stream:
            _write_package(document, stream, body(placeholder))
        command = [
            soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
            "--norestore", "--convert-to", "pdf", "--outdir", str(folder), str(draft),
        ]  # fmt: skip
        problem = _run_bounded(command, LAYOUT_TIMEOUT)
        pdf = folder / "layout.pdf"
        if problem is None and not pdf.is_file():
            problem = "LibreOffice wrote no PDF"
        text = ""
        if problem is None:
            result = subprocess.run(
                [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
                capture_output=True, stdin=subprocess.DEVNULL, timeout=60, check=False,
            )  # fmt: skip
            text = result.stdout.decode("utf-8", "replace")
            if result.returncode != 0:
                problem = "pdftotext could not read LibreOffice's PDF"
    if problem is not None:
        warnings.append(f"The contents' page numbers are left to Word: {problem}.")
        return None
    return heading_pages(text.split("\f"), entries)


def _run_bounded(command: list[str], timeout: float) -> str | None:
    """Run ``command`` in a process group of its own; None when it succeeded, else why not.

    soffice is a script that starts the office in a child process: on a time-out the whole
    group is stopped, so nothing is left running.
    """
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    except OSError as error:
        return f"LibreOffice could not be started ({error.strerror or error})"
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            if hasattr(os, "killpg"):
                os.killpg(process.pid, signal.SIGKILL)
            else:  # Windows: no process groups; soffice.exe is the office itself there
                process.kill()
        process.wait()
        return f"LibreOffice took longer than {timeout:.0f} s"
    return None if code == 0 else f"LibreOffice stopped with exit code {code}"


def heading_pages(pages: list[str], entries: list[tuple[int, str, str]]) -> dict[str, int]:
    """The page number of each heading listed in the contents, from the text of each page.

    Args:
        pages: The text of each page, first page first (pdftotext's pages).
        entries: The contents' entries as (level, heading text, bookmark name).

    Returns:
        Bookmark name to page number (the first page is 1), for the headings found. The
        headings are looked for in order, each from the page of the one before, on the pages
        after the contents (the pages with dot leaders).
    """
    flat = [" ".join(page.translate(_BIDI_MARKS).split()) for page in pages]
    at = 0
    for index, page in enumerate(flat):
        if _DOT_LEADER.search(page):
            at = index + 1
    found: dict[str, int] = {}
    for _level, text, bookmark in entries:
        needle = " ".join(text.split())
        for index in range(at, len(flat)):
            if needle in flat[index]:
                found[bookmark] = index + 1
                at = index
                break
    return found


def _ask_to_update_fields(document: Document) -> None:
    """Ask Word to update fields on opening, so the contents gain their page numbers."""
    settings = document.settings.element
    if settings.find(_W + "updateFields") is None:
        element = etree.SubElement(settings, _W + "updateFields")
        settings.remove(element)
        element.set(_W + "val", "true")
        settings.insert_element_before(element, *_UPDATE_FIELDS_SUCCESSORS)


# --- properties and saving ------------------------------------------------------------------


def _set_properties(document: Document, properties: DocumentProperties, warnings: list[str]) -> int:
    """Set the core properties; returns how many unusable characters were removed."""
    core = document.core_properties
    removed = 0
    values = {}
    for field in ("title", "subject", "author", "keywords"):
        value, count = sanitize_xml_text(str(getattr(properties, field)))
        removed += count
        if len(value) > _CORE_PROPERTY_LIMIT:
            warnings.append(
                f"The document {field} was shortened to {_CORE_PROPERTY_LIMIT} characters."
            )
            value = value[:_CORE_PROPERTY_LIMIT]
        values[field] = value
    core.title = values["title"]
    core.subject = values["subject"]
    core.author = values["author"]
    core.keywords = values["keywords"]
    core.revision = max(1, int(properties.revision))
    return removed


def _check_output(out_path: Path) -> None:
    folder = out_path.parent
    if not folder.exists():
        raise DocxWriteError(out_path, f"the folder {folder} does not exist.")
    if not folder.is_dir():
        raise DocxWriteError(out_path, f"{folder} is not a folder.")
    if out_path.is_dir():
        raise DocxWriteError(out_path, "a folder of that name is in the way.")


def _write_package(document: Document, stream: BinaryIO, body_xml: str | None) -> None:
    """Save ``document``, putting ``body_xml`` in place of the body marker."""
    if body_xml is None:
        document.save(stream)
        return
    buffer = io.BytesIO()
    document.save(buffer)
    main_part = str(document.part.partname).lstrip("/")
    marker = f"<!--{_BODY_MARKER}-->".encode()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != main_part:
                target.writestr(entry, data)
                continue
            head, found, tail = data.partition(marker)
            if not found:
                raise RuntimeError(f"The body marker is missing from {main_part}.")
            with target.open(entry, "w") as part:
                part.write(head)
                part.write(body_xml.encode("utf-8"))
                part.write(tail)


def _save_atomically(document: Document, out_path: Path, body_xml: str | None) -> None:
    folder = out_path.parent
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise DocxWriteError(out_path, f"no permission to write in the folder {folder}.") from None
    except OSError as error:
        raise DocxWriteError(out_path, f"{error.strerror or error}.") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            _write_package(document, stream, body_xml)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates the file readable by its owner only; give it a document's usual mode.
        mode = out_path.stat().st_mode & 0o777 if out_path.exists() else 0o644
        temp.chmod(mode)
        try:
            temp.replace(out_path)
        except PermissionError:
            raise DocxWriteError(
                out_path, "permission denied; if the file is open in Word, close it and try again."
            ) from None
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise DocxWriteError(out_path, f"{error.strerror or error}.") from error
        raise
