"""The charter as PDF: the preview's HTML laid out by Qt on A4 pages, no office suite needed.

Everything here runs on a worker thread: QTextDocument, QPdfWriter and QPainter on a PDF device
are reentrant (Qt's "Thread-Support in Qt Modules"), so the export creates its own document,
writer and buffer there and touches no widget. The PDF is built in memory; the caller writes the
bytes atomically.

Qt's rich text knows pages but not Word's paragraph rules, so the layout runs several times:
once to find headings stranded at the foot of a page and blocks marked ``keep-together`` that
straddle two pages, again with page breaks before those (repeated while a break strands another
heading further on) to find the page of every heading, and once with the page numbers written
into the contents.
"""

from __future__ import annotations

import html as html_module
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextDocument,
    QTextTable,
)

from desktop.rich_text import PREVIEW_CSS, with_column_widths

if TYPE_CHECKING:
    from wizards.model import Charter
    from wizards.readiness import ReadinessFinding

RESOLUTION_DPI = 96
"""Device units per inch: the preview's CSS pixels keep their on-screen size on paper."""

MAX_BREAK_PASSES = 6
"""Layouts spent at most on finding page breaks; each pass only adds breaks, and real charters
settle in two or three."""

MARGINS_MM = QMarginsF(22, 20, 22, 14)
"""Left, top, right, bottom margin of an A4 page; the footer sits inside the bottom one."""

FOOTER_HEIGHT_MM = 9.0
"""Band at the foot of each page for the footer line and the page number."""

BODY_POINT_SIZE = 10.0
FOOTER_POINT_SIZE = 8.0

PRINT_CSS = (
    PREVIEW_CSS
    + """
h1 { margin-top: 0px; margin-bottom: 8px; }
h2 { margin-top: 14px; margin-bottom: 5px; }
p.title-space { font-size: 2pt; margin-bottom: 140px; }
p.title { font-size: 26pt; font-weight: 600; color: #1f3a5f; margin-bottom: 14px; }
p.subtitle { font-size: 13pt; color: #3b4a5e; margin-top: 0px; margin-bottom: 4px; }
table.control { margin-top: 48px; }
table.signatures td { padding-top: 12px; padding-bottom: 12px; }
p.contents-title { font-size: 15pt; font-weight: 600; color: #1f3a5f; margin-bottom: 12px; }
"""
)
"""The preview's style sheet with spacing for paper, a title page and room to sign.

The title is printed as a paragraph: a heading's size can only be relative to the body text.
"""

_HEADING = re.compile(r"<h([1-3])((?:\s[^>]*)?)>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_HEADING_OPEN = re.compile(r"<h([1-3])((?:\s[^>]*)?)>", re.IGNORECASE)
_CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r'<h1 class="title">(.*?)</h1>', re.DOTALL)
_CONTENTS = re.compile(r'<div class="toc">\s*</div>')
_BREAK_BEFORE_NEXT = re.compile(r'<div class="page-break">\s*</div>\s*(<[a-zA-Z][^>]*>)')
_PAGE_BREAK = re.compile(r'<div class="page-break">\s*</div>')
_KEEP = re.compile(r'<div class="keep-together">')
_DIV = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)
_BLOCK_OPEN = re.compile(r"<(?:p|h[1-6]|li|td|th)(?:\s[^>]*)?>", re.IGNORECASE)

_HEADING_ANCHOR = "pdf-h"
_GROUP_ANCHOR = "pdf-k"
_AFTER_GROUP_ANCHOR = "pdf-e"


@dataclass(frozen=True)
class Heading:
    """A heading (h1 to h3) of the charter, in document order; the title is not one."""

    level: int
    text: str
    listed: bool
    """Shown in the contents, as in the Word file: h1 and h2 without the class 'no-toc'."""


@dataclass(frozen=True)
class Breaks:
    """Where the printed charter starts a new page besides its own page-break markers."""

    headings: frozenset[int] = field(default_factory=frozenset)
    """Indexes (in :func:`headings` order) of headings that would end a page."""
    groups: frozenset[int] = field(default_factory=frozenset)
    """Indexes of ``keep-together`` blocks that would straddle two pages."""
    tails: frozenset[int] = field(default_factory=frozenset)
    """Indexes (among tables with a header row) of tables whose rows all end on one page while
    their frame's last points reach the next: Qt would paint their header row again there, over
    whatever starts that page, so their header is printed once, as an ordinary first row."""

    def __bool__(self) -> bool:
        return bool(self.headings or self.groups or self.tails)

    def __or__(self, other: Breaks) -> Breaks:
        return Breaks(
            self.headings | other.headings, self.groups | other.groups, self.tails | other.tails
        )

    def covers(self, other: Breaks) -> bool:
        """True when every break of ``other`` is already one of these."""
        return (
            other.headings <= self.headings
            and other.groups <= self.groups
            and other.tails <= self.tails
        )


@dataclass(frozen=True)
class PdfInfo:
    """What a charter PDF is: its document title and the line printed at the foot of pages."""

    title: str
    footer: str
    author: str = ""
    creator: str = "Charter Builder"


def _classes(attributes: str) -> set[str]:
    found = _CLASS.search(attributes)
    return set(found.group(1).split()) if found else set()


def headings(html: str) -> list[Heading]:
    """The h1 to h3 headings of ``html`` in order, with their plain text; not the title."""
    found = []
    for match in _HEADING.finditer(html):
        classes = _classes(match.group(2) or "")
        if "title" in classes:
            continue  # printed as a paragraph, see PRINT_CSS
        text = " ".join(html_module.unescape(_TAG.sub("", match.group(3))).split())
        level = int(match.group(1))
        found.append(Heading(level, text, level <= 2 and "no-toc" not in classes))
    return found


def contents_html(html: str, pages: Mapping[int, int] | None = None) -> str:
    """The table of contents of ``html``: each listed heading, with its page when known."""
    rows = []
    for index, heading in enumerate(headings(html)):
        if not heading.listed:
            continue
        text = html_module.escape(heading.text)
        title, indent = (f"<b>{text}</b>", 2) if heading.level == 1 else (text, 20)
        page = str(pages[index]) if pages and index in pages else ""
        # Fixed widths: filling in the numbers must not rewrap a title and move the pages.
        rows.append(
            f'<tr><td width="92%" style="border: none; padding: 1px; padding-left: {indent}px">'
            f'{title}</td><td width="8%" align="right" style="border: none; padding: 1px">'
            f"{page}</td></tr>"
        )
    if not rows:
        return ""
    return (
        '<p class="contents-title">Contents</p>'
        '<table width="100%" style="border: none" cellspacing="0">' + "".join(rows) + "</table>"
    )


def printable_html(
    html: str, *, pages: Mapping[int, int] | None = None, breaks: Breaks | None = None
) -> str:
    """The charter's HTML made ready for paper.

    The contents placeholder becomes a table of contents (with ``pages`` by heading index), the
    title a large paragraph, page-break markers ``page-break-before`` on the element that
    follows (Qt ignores an empty block), ``breaks`` further page breaks; headings and
    ``keep-together`` blocks get anchors the layout is measured by; tables get the Word file's
    column widths.
    """
    breaks = breaks or Breaks()
    html = _CONTENTS.sub(lambda _m: contents_html(html, pages), html, count=1)
    # Qt drops the top margin of a page's first block: a spacer lowers the title instead.
    html = _TITLE.sub(r'<p class="title-space">&nbsp;</p><p class="title">\1</p>', html, count=1)
    html = _BREAK_BEFORE_NEXT.sub(lambda m: _with_break(m.group(1)), html)
    html = _PAGE_BREAK.sub("", html)  # a break with nothing after it would add an empty page
    html = _mark_headings(html, breaks.headings)
    html = _mark_groups(html, breaks.groups)
    html = _header_once(html, breaks.tails)
    return with_column_widths(html)


_THEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)


def _header_once(html: str, tails: frozenset[int]) -> str:
    """The header rows of the given tables (counted among tables with one) as ordinary rows."""
    if not tails:
        return html
    counter = itertools.count()
    return _THEAD.sub(lambda m: m.group(1) if next(counter) in tails else m.group(0), html)


def _with_break(tag: str) -> str:
    """An opening tag with ``page-break-before: always`` added to its style."""
    if "page-break-before" in tag:
        return tag
    if ' style="' in tag:
        return tag.replace(' style="', ' style="page-break-before: always; ', 1)
    return tag[:-1] + ' style="page-break-before: always">'


def _mark_headings(html: str, breaks: frozenset[int]) -> str:
    counter = itertools.count()

    def mark(match: re.Match[str]) -> str:
        if "title" in _classes(match.group(2) or ""):
            return match.group(0)
        index = next(counter)
        tag = _with_break(match.group(0)) if index in breaks else match.group(0)
        return f'{tag}<a name="{_HEADING_ANCHOR}{index}"></a>'

    return _HEADING_OPEN.sub(mark, html)


def _mark_groups(html: str, breaks: frozenset[int]) -> str:
    edits: list[tuple[int, int, str]] = []
    for index, match in enumerate(_KEEP.finditer(html)):
        end = _group_end(html, match.end())
        first = _BLOCK_OPEN.search(html, match.end(), end)
        if first is not None:
            edits.append((first.end(), first.end(), f'<a name="{_GROUP_ANCHOR}{index}"></a>'))
        after = _BLOCK_OPEN.search(html, end)
        if after is not None:
            edits.append((after.end(), after.end(), f'<a name="{_AFTER_GROUP_ANCHOR}{index}"></a>'))
        if index in breaks:
            edits.append((match.start(), match.end(), _with_break(match.group(0))))
    for start, end, text in sorted(edits, reverse=True):
        html = html[:start] + text + html[end:]
    return html


def _group_end(html: str, position: int) -> int:
    """Where the div whose content starts at ``position`` ends."""
    depth = 1
    for match in _DIV.finditer(html, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)


def charter_pdf(html: str, info: PdfInfo) -> bytes:
    """Lay out ``html`` on A4 pages and return the PDF file's bytes.

    The first page (the title page) has no footer; every other page carries ``info.footer`` on
    the left and "Page n of N" on the right.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(info.title)
    writer.setCreator(info.creator)
    if info.author and hasattr(writer, "setAuthor"):  # Qt 6.8 and later
        writer.setAuthor(info.author)
    pages = _Pages(
        writer,
        float(writer.width()),
        # Whole device units: page tops are exact multiples, so a block at a top is on it.
        float(writer.height() - round(FOOTER_HEIGHT_MM / 25.4 * RESOLUTION_DPI)),
    )

    document = pages.layout(printable_html(html))
    breaks = pages.breaks_needed(document)
    # A break moves everything after it, which can strand a heading further on that sat well
    # inside its page before: lay out again until no new break is needed.
    for _ in range(MAX_BREAK_PASSES):
        if not breaks:
            break
        document = pages.layout(printable_html(html, breaks=breaks))
        more = pages.breaks_needed(document)
        if breaks.covers(more):
            break
        breaks = breaks | more
    numbers = pages.heading_pages(document)
    if numbers:
        document = pages.layout(printable_html(html, pages=numbers, breaks=breaks))

    painter = QPainter(writer)
    try:
        pages.paint(painter, document, info)
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data())


@dataclass
class _Pages:
    """The page geometry of one PDF and what is measured and painted on it."""

    writer: QPdfWriter
    width: float
    body_height: float
    """Height of the text on a page, above the footer band."""

    def layout(self, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setUseDesignMetrics(True)  # glyph positions for print, not screen hinting
        document.documentLayout().setPaintDevice(self.writer)
        font = QFont(document.defaultFont())
        font.setPointSizeF(BODY_POINT_SIZE)
        # Without ligatures 'Whitfield' is found, copied and read aloud as typed, not as 'ﬁ'.
        font.setFeature(QFont.Tag("liga"), 0)
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(PRINT_CSS)
        document.setDocumentMargin(0)
        document.setHtml(html)
        document.setPageSize(QSizeF(self.width, self.body_height))
        return document

    def _page(self, document: QTextDocument, block: QTextBlock) -> int:
        """The page a block starts on, counted from 0."""
        top = document.documentLayout().blockBoundingRect(block).top()
        return int((top + 0.5) // self.body_height)

    def breaks_needed(self, document: QTextDocument) -> Breaks:
        """Headings left alone at the foot of a page, and keep-together blocks split by one."""
        anchors = _anchored_blocks(document)
        layout = document.documentLayout()
        headings: set[int] = set()
        groups: set[int] = set()
        for name, block in anchors.items():
            if name.startswith(_HEADING_ANCHOR):
                following = block.next()
                if following.isValid() and self._page(document, following) > self._page(
                    document, block
                ):
                    headings.add(int(name.removeprefix(_HEADING_ANCHOR)))
            elif name.startswith(_GROUP_ANCHOR):
                index = name.removeprefix(_GROUP_ANCHOR)
                after = anchors.get(_AFTER_GROUP_ANCHOR + index)
                last = after.previous() if after is not None else document.lastBlock()
                top = layout.blockBoundingRect(block).top()
                bottom = layout.blockBoundingRect(last).bottom()
                split = int((bottom - 0.5) // self.body_height) > self._page(document, block)
                if not split or bottom - top > self.body_height:
                    continue  # fits, or could not fit on any page
                heading = _heading_index(anchors, block.previous())
                if heading is not None:
                    headings.add(heading)  # the heading goes with the block it introduces
                else:
                    groups.add(int(index))
        return Breaks(frozenset(headings), frozenset(groups), self._tails(document))

    def _tails(self, document: QTextDocument) -> frozenset[int]:
        """Tables with a header whose rows end on one page and whose frame reaches the next."""
        layout = document.documentLayout()
        found: set[int] = set()
        headed = (
            f
            for f in document.rootFrame().childFrames()
            if isinstance(f, QTextTable) and f.format().headerRowCount() > 0
        )
        for index, table in enumerate(headed):
            frame = layout.frameBoundingRect(table)
            last = table.cellAt(table.rows() - 1, 0).lastCursorPosition().block()
            rows_end = layout.blockBoundingRect(last).bottom()
            page = int(rows_end // self.body_height)
            # A table that spans pages keeps its repeated header; one that fits a page needs none.
            on_one_page = int((frame.top() + 0.5) // self.body_height) == page
            if on_one_page and int(frame.bottom() // self.body_height) > page:
                found.add(index)
        return frozenset(found)

    def heading_pages(self, document: QTextDocument) -> dict[int, int]:
        """The page number (from 1) of each heading, by its index."""
        return {
            int(name.removeprefix(_HEADING_ANCHOR)): self._page(document, block) + 1
            for name, block in _anchored_blocks(document).items()
            if name.startswith(_HEADING_ANCHOR)
        }

    def paint(self, painter: QPainter, document: QTextDocument, info: PdfInfo) -> None:
        count = document.pageCount()
        footer_font = QFont(document.defaultFont())
        footer_font.setPointSizeF(FOOTER_POINT_SIZE)
        metrics = QFontMetricsF(footer_font, self.writer)
        band = float(self.writer.height()) - self.body_height
        footer = QRectF(0, self.body_height + (band - metrics.height()) / 2, self.width, 0)
        footer.setHeight(metrics.height())
        for index in range(count):
            if index:
                self.writer.newPage()
            painter.save()
            painter.translate(0, -index * self.body_height)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, index * self.body_height, self.width, self.body_height)
            painter.setClipRect(context.clip)
            document.documentLayout().draw(painter, context)
            painter.restore()
            if index == 0:
                continue  # the title page carries no footer
            painter.save()
            painter.setPen(QPen(QColor("#c3ccd8"), 0.75))
            rule = round(self.body_height + 4)
            painter.drawLine(0, rule, round(self.width), rule)
            painter.setFont(footer_font)
            painter.setPen(QColor("#5c6675"))
            number = f"Page {index + 1} of {count}"
            room = self.width - metrics.horizontalAdvance(number) - 24
            text = metrics.elidedText(info.footer, Qt.TextElideMode.ElideRight, room)
            middle = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(footer, int(middle | Qt.AlignmentFlag.AlignLeft), text)
            painter.drawText(footer, int(middle | Qt.AlignmentFlag.AlignRight), number)
            painter.restore()


def _anchored_blocks(document: QTextDocument) -> dict[str, QTextBlock]:
    """The block holding each of our anchors, by anchor name."""
    found: dict[str, QTextBlock] = {}
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            for name in fragments.fragment().charFormat().anchorNames():
                if name.startswith("pdf-"):
                    found.setdefault(name, block)
            fragments += 1
        block = block.next()
    return found


def _heading_index(anchors: Mapping[str, QTextBlock], block: QTextBlock) -> int | None:
    """The index of the heading in ``block``, if it holds one."""
    if not block.isValid():
        return None
    for name, anchored in anchors.items():
        if name.startswith(_HEADING_ANCHOR) and anchored == block:
            return int(name.removeprefix(_HEADING_ANCHOR))
    return None


def write_charter_pdf(
    charter: Charter, path: Path, *, findings: Sequence[ReadinessFinding] | None = None
) -> list[str]:
    """Write the charter to ``path`` as PDF, atomically; the same HTML as the Word file.

    Returns warnings about the content (none so far), like the Word writer.

    Raises:
        OSError: When the file cannot be written.
    """
    from wizards.answers import write_atomic
    from wizards.render import render_charter

    meta, organisation = charter.meta, charter.organisation
    title = f"{meta.title}: {organisation.name}" if organisation.name else meta.title
    footer = " · ".join(
        part for part in (organisation.name, meta.title, f"version {meta.version}") if part
    )
    author = meta.author or charter.executive.person.name
    html = render_charter(charter, findings=findings)
    write_atomic(path, charter_pdf(html, PdfInfo(title=title, footer=footer, author=author)))
    return []
