"""The redline for the board pack: a charter in Word with its changes as tracked changes.

Both charters are built to Word through the ordinary build, so the redline has the same styles,
header, footer and branding as the charter itself. The new document is the base: its styles,
numbering, table of contents and section properties are kept as they are. Its body is aligned
with the old one block by block (paragraphs and tables; inside tables, rows; inside rows, the
cells' paragraphs), with :mod:`difflib` on their text:

- a block present in both is left untouched;
- a new block has its runs wrapped in ``w:ins`` and its paragraph mark (or table row) marked
  inserted;
- an old block that is gone is put back where it stood, its runs in ``w:del`` with the text in
  ``w:delText``;
- a paragraph that changed a little gets a word-level diff, the new words keeping their run
  formatting; one rewritten is shown deleted above its new version (within a cell holding
  just that paragraph, as one paragraph: old words struck, new ones after them).

Accepting every change gives the new document and rejecting every change the old one, paragraph
for paragraph (the last paragraph mark of a cell cannot go, so changes at the end of a cell are
carried by the mark before). Only text is compared: a change of formatting alone is not marked.
The table of contents is a field that Word regenerates; it is taken from the new document
unmarked.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Final, NamedTuple

from lxml import etree

from wizards.answers import write_atomic
from wizards.build import Branding, build, output_names, slug
from wizards.model import Charter

__all__ = ["AUTHOR", "redline_docx", "redline_name", "write_redline"]

AUTHOR: Final = "Charter Builder"
"""The author Word shows for every tracked change of a redline."""

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W: Final = "{" + W_NS + "}"
_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"
_DOCUMENT: Final = "word/document.xml"
_NUMBERING: Final = "word/numbering.xml"

_P, _TBL, _TR, _TC, _R = (_W + tag for tag in ("p", "tbl", "tr", "tc", "r"))
_PPR, _RPR, _TRPR, _TCPR = (_W + tag for tag in ("pPr", "rPr", "trPr", "tcPr"))
_T, _DEL_TEXT, _INSTR, _DEL_INSTR = (_W + t for t in ("t", "delText", "instrText", "delInstrText"))
_INS, _DEL = _W + "ins", _W + "del"
_BOOKMARKS: Final = frozenset((_W + "bookmarkStart", _W + "bookmarkEnd"))
_SKIPPED_IN_TEXT: Final = frozenset((_W + "proofErr", _W + "lastRenderedPageBreak"))
# Run content that a word-level diff can rebuild; a paragraph with anything else (a field, a
# drawing) is compared as a whole.
_SPECIAL_RUN_CONTENT: Final = {_W + "br": "\n", _W + "tab": "\t", _W + "cr": "\n"}
# Elements that end w:pPr and w:trPr in schema order; w:rPr and the revision marks go before.
_PPR_TAIL: Final = frozenset((_W + "sectPr", _W + "pPrChange"))
_TRPR_TAIL: Final = frozenset((_W + "trPrChange",))
# Run containers a paragraph's runs may sit in (w:hyperlink in the contents, for instance).
_RUN_CONTAINERS: Final = frozenset(
    (_W + "hyperlink", _W + "smartTag", _W + "fldSimple", _W + "customXml", _W + "sdtContent")
)
_DROPPED_FROM_DELETED: Final = (
    *_BOOKMARKS,
    _W + "sectPr",  # a deleted paragraph must not end a section of the new document
    _W + "pageBreakBefore",  # nor push the new text onto a page of its own
)

# Numbers with their separators ("4.7", "1,200", "24:00"), words, runs of spaces and single
# punctuation marks; Chinese and Japanese characters one each, as those scripts write words
# without spaces between them.
_CJK: Final = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKENS: Final = re.compile(rf"\d+(?:[.,:/]\d+)*|[{_CJK}]|[^\W{_CJK}]+|\s+|[^\w\s]")
_SIMILAR: Final = 0.5
"""Paragraphs (or rows) at least this similar are shown as one, changed; others as one
deleted and one inserted."""
_MAX_PAIRINGS: Final = 40_000
"""Largest changed region (old blocks × new blocks) that is searched for pairs; beyond it the
old blocks are shown deleted and the new ones inserted."""


def redline_name(old: Charter, new: Charter) -> str:
    """File name of the redline: the new charter's, with "-changes-since-v<old version>"."""
    charter = Path(output_names(new)["charter"])
    return f"{charter.stem}-changes-since-v{slug(old.meta.version, 'draft')}{charter.suffix}"


def write_redline(
    old: Charter,
    new: Charter,
    path: Path,
    *,
    branding: Branding | None = None,
    previous: Charter | None = None,
    when: dt.datetime | None = None,
) -> Path:
    """Write ``new`` as a Word file whose differences from ``old`` are tracked changes.

    Word and LibreOffice show the insertions and deletions as changes by "Charter Builder",
    which Accept and Reject take in or undo. Both charters are built with the same branding; the
    readiness findings appendix is not part of a redline.

    Args:
        old: The charter compared against, e.g. the version the board approved.
        new: The charter the redline shows.
        path: The .docx to write; written through a temporary file and a rename.
        branding: Reference document, templates, accent and logo, as for the build.
        previous: The version whose changes ``new`` lists for re-approval, as for the build,
            so that accepting every change gives the charter that the build writes beside it.
        when: The time the changes are dated; now when None.

    Returns:
        ``path``.

    Raises:
        wizards.build.BuildError: When either charter cannot be built.
        wizards.render.RenderError: When a template is broken.
        OSError: When the file cannot be written.
    """
    with tempfile.TemporaryDirectory(prefix="charter-builder-redline-") as folder:
        docs = []
        for name, charter, since in (("old", old, None), ("new", new, previous)):
            out = Path(folder) / name
            out.mkdir()
            docs.append(build(charter, out, ["docx"], branding=branding, previous=since).files[0])
        redline_docx(docs[0], docs[1], Path(path), when=when)
    return Path(path)


def redline_docx(
    old_docx: Path,
    new_docx: Path,
    path: Path,
    *,
    author: str = AUTHOR,
    when: dt.datetime | None = None,
) -> None:
    """Write ``new_docx`` to ``path`` with its differences from ``old_docx`` as tracked changes.

    Meant for two documents made by the charter's Word writer from the same reference; any
    .docx works, with paragraphs holding fields or drawings compared as a whole.

    Args:
        old_docx: The document compared against.
        new_docx: The document the redline shows; every part but the body is copied as is.
        path: The .docx to write, atomically.
        author: The author of the tracked changes.
        when: The time the changes are dated; now when None.
    """
    when = when or dt.datetime.now(dt.timezone.utc)
    if when.tzinfo is not None:  # a naive time is taken as UTC already
        when = when.astimezone(dt.timezone.utc)
    date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(old_docx) as old_zip, zipfile.ZipFile(new_docx) as new_zip:
        old_root = _parse(old_zip.read(_DOCUMENT))
        new_root = _parse(new_zip.read(_DOCUMENT))
        names = set(new_zip.namelist())
        numbering = _Numbering(
            _parse(old_zip.read(_NUMBERING)) if _NUMBERING in old_zip.namelist() else None,
            _parse(new_zip.read(_NUMBERING)) if _NUMBERING in names else None,
        )
        merger = _Merger(_Marks(author, date, _first_free_id(new_root)), numbering)
        old_body, new_body = old_root.find(_W + "body"), new_root.find(_W + "body")
        if old_body is None or new_body is None:
            raise ValueError("a document without a body")
        merger.merge_container(old_body, new_body, keep_last=_W + "sectPr")
        merger.finish()
        replaced = {_DOCUMENT: _serialise(new_root)}
        if numbering.changed and numbering.new is not None:
            replaced[_NUMBERING] = _serialise(numbering.new)
        write_atomic(path, _repackage(new_zip, replaced))


# --- reading and writing the package --------------------------------------------------------


def _parse(data: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)
    return etree.fromstring(data, parser)


def _serialise(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _repackage(source: zipfile.ZipFile, replaced: dict[str, bytes]) -> bytes:
    """The package ``source`` with the parts in ``replaced`` swapped, as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = replaced.get(info.filename)
            target.writestr(info, source.read(info) if data is None else data)
    return buffer.getvalue()


def _first_free_id(root: Any) -> int:
    """One more than the largest w:id of the document (bookmarks use them too)."""
    values = root.xpath("//@w:id", namespaces={"w": W_NS})
    return max((int(v) for v in values if v.isdigit()), default=0) + 1


# --- the text of blocks ---------------------------------------------------------------------


def _style(paragraph: Any) -> str | None:
    style = paragraph.find(f"{_PPR}/{_W}pStyle")
    return style.get(_W + "val") if style is not None else None


def _special_text(part: Any) -> str:
    """The text a line break, page break or tab stands for."""
    if part.tag == _W + "br" and part.get(_W + "type") == "page":
        return "\f"
    return _SPECIAL_RUN_CONTENT[part.tag]


def _run_text(run: Any) -> Iterator[str]:
    for part in run:
        if part.tag in (_T, _DEL_TEXT):
            yield part.text or ""
        elif part.tag in _SPECIAL_RUN_CONTENT:
            yield _special_text(part)


def _paragraph_text(paragraph: Any) -> str:
    return "".join(text for run in paragraph.iter(_R) for text in _run_text(run))


def _cell_text(cell: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in cell.iter(_P))


def _row_key(row: Any) -> tuple[str, ...]:
    return tuple(_cell_text(cell) for cell in row.iterfind(_TC))


def _columns(table: Any) -> int:
    return len(table.findall(f"{_W}tblGrid/{_W}gridCol"))


def _table_key(table: Any) -> tuple[object, ...]:
    """What makes two tables the same table: the columns and the header (or first cell).

    The content is compared row by row once the tables are aligned.
    """
    rows = table.findall(_TR)
    header = [r for r in rows if r.find(f"{_TRPR}/{_W}tblHeader") is not None]
    if header:
        return ("tbl", _columns(table), tuple(_row_key(r) for r in header))
    first = rows[0].find(_TC) if rows else None
    return ("tbl", _columns(table), _cell_text(first) if first is not None else "")


def _words(text: str) -> list[str]:
    return _TOKENS.findall(text)


@dataclass
class _Block:
    """A paragraph, a table, the table of contents or another element of a body or cell."""

    kind: str  # "p", "tbl", "toc" or "other"
    key: tuple[object, ...]
    elements: list[Any]
    text: str = ""
    _words: list[str] | None = field(default=None, repr=False)

    @property
    def element(self) -> Any:
        return self.elements[0]

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._words = _words(self.text)
        return self._words


def _field_balance(paragraph: Any) -> int:
    balance = 0
    for char in paragraph.iter(_W + "fldChar"):
        kind = char.get(_W + "fldCharType")
        balance += 1 if kind == "begin" else -1 if kind == "end" else 0
    return balance


def _starts_contents(paragraph: Any) -> bool:
    return paragraph.find(f".//{_W}fldChar") is not None and any(
        (instr.text or "").strip().upper().startswith("TOC") for instr in paragraph.iter(_INSTR)
    )


def _blocks(children: Iterable[Any]) -> list[_Block]:
    """The blocks of a body or cell, the paragraphs of its table of contents as one."""
    blocks: list[_Block] = []
    contents: list[Any] | None = None
    depth = 0
    for child in children:
        tag = child.tag
        if contents is not None:
            contents.append(child)
            depth += _field_balance(child) if tag == _P else 0
            if depth <= 0:
                blocks.append(_Block("toc", ("toc",), contents))
                contents = None
        elif tag == _P and _starts_contents(child):
            depth = _field_balance(child)
            contents = [child]
            if depth <= 0:
                blocks.append(_Block("toc", ("toc",), contents))
                contents = None
        elif tag == _P:
            text = _paragraph_text(child)
            blocks.append(_Block("p", ("p", _style(child), text), [child], text))
        elif tag == _TBL:
            text = "\n".join(" | ".join(_row_key(row)) for row in child.iterfind(_TR))
            blocks.append(_Block("tbl", _table_key(child), [child], text))
        elif isinstance(tag, str):
            blocks.append(_Block("other", ("other", tag), [child]))
    if contents is not None:  # a contents field that never ends: keep it whole
        blocks.append(_Block("toc", ("toc",), contents))
    return blocks


# --- tracked-change marks -------------------------------------------------------------------


class _Marks:
    """Makes w:ins and w:del elements with unique ids, one author and one date."""

    def __init__(self, author: str, date: str, first_id: int) -> None:
        self._author = author
        self._date = date
        self._next = first_id

    def new(self, tag: str) -> Any:
        element = etree.Element(tag, nsmap={"w": W_NS})
        element.set(_W + "id", str(self._next))
        element.set(_W + "author", self._author)
        element.set(_W + "date", self._date)
        self._next += 1
        return element

    def wrap_runs(self, paragraph: Any, tag: str) -> None:
        """Wrap each stretch of runs of ``paragraph`` in one w:ins or w:del."""
        for parent in [paragraph, *(e for e in paragraph.iter() if e.tag in _RUN_CONTAINERS)]:
            group: list[Any] = []
            for child in [*list(parent), None]:
                if child is not None and child.tag == _R:
                    group.append(child)
                    continue
                if group:
                    mark = self.new(tag)
                    group[0].addprevious(mark)
                    for run in group:
                        mark.append(run)
                    group = []

    def mark_paragraph(self, paragraph: Any, tag: str) -> None:
        """Mark a whole paragraph, its runs and its paragraph mark, inserted or deleted."""
        self.wrap_runs(paragraph, tag)
        if tag == _DEL:
            for text in paragraph.iter(_T, _INSTR):
                text.tag = _DEL_TEXT if text.tag == _T else _DEL_INSTR
        _set_paragraph_mark(paragraph, self.new(tag))

    def mark_row(self, row: Any, tag: str) -> None:
        """Mark a table row inserted or deleted (its content is marked separately)."""
        trpr = row.find(_TRPR)
        if trpr is None:
            trpr = etree.SubElement(row, _TRPR)
            row.remove(trpr)
            before = row.find(_W + "tblPrEx")
            row.insert(0 if before is None else row.index(before) + 1, trpr)
        mark = self.new(tag)
        tail = next((c for c in trpr if c.tag in _TRPR_TAIL), None)
        if tail is not None:
            tail.addprevious(mark)
        else:
            trpr.append(mark)


def _paragraph_mark(paragraph: Any) -> Any:
    """The w:ins or w:del on a paragraph's mark, or None."""
    rpr = paragraph.find(f"{_PPR}/{_RPR}")
    if rpr is None:
        return None
    return next((child for child in rpr if child.tag in (_INS, _DEL)), None)


def _set_paragraph_mark(paragraph: Any, mark: Any) -> None:
    """Put ``mark`` (a w:ins or w:del) on the paragraph's mark, where the schema wants it."""
    ppr = paragraph.find(_PPR)
    if ppr is None:
        ppr = etree.SubElement(paragraph, _PPR)
        paragraph.remove(ppr)
        paragraph.insert(0, ppr)
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = etree.SubElement(ppr, _RPR)
        tail = next((c for c in ppr if c.tag in _PPR_TAIL), None)
        if tail is not None:
            tail.addprevious(rpr)
    rpr.insert(0, mark)


def _plain_properties(paragraph: Any) -> Any:
    """A copy of the paragraph's w:pPr without revision marks and changes, or None."""
    ppr = paragraph.find(_PPR)
    if ppr is None:
        return None
    ppr = copy.deepcopy(ppr)
    for mark in list(ppr.iterfind(f"{_RPR}/*")):
        if mark.tag in (_INS, _DEL):
            mark.getparent().remove(mark)
    for child in list(ppr):
        if child.tag == _W + "pPrChange" or (child.tag == _RPR and not len(child)):
            ppr.remove(child)
    return ppr if len(ppr) else None


def _same_properties(a: Any, b: Any) -> bool:
    def key(ppr: Any) -> bytes:
        return b"" if ppr is None else bytes(etree.tostring(ppr))

    return key(a) == key(b)


class _Numbering:
    """Keeps deleted list items numbered: maps the old document's lists to the new one's."""

    def __init__(self, old: Any, new: Any) -> None:
        self.old = old
        self.new = new
        self.changed = False
        self._map: dict[str, str] = {}
        self._pending: list[Any] = []  # w:numId elements of deleted paragraphs

    def learn(self, old_paragraph: Any, new_paragraph: Any) -> None:
        """Note that the lists of two matching paragraphs are the same list."""
        old_id = old_paragraph.find(f"{_PPR}/{_W}numPr/{_W}numId")
        new_id = new_paragraph.find(f"{_PPR}/{_W}numPr/{_W}numId")
        if old_id is not None and new_id is not None:
            self._map.setdefault(old_id.get(_W + "val"), new_id.get(_W + "val"))

    def deleted(self, old_paragraph: Any) -> None:
        """Note a copy of an old paragraph whose list number must point into the new document."""
        num_id = old_paragraph.find(f"{_PPR}/{_W}numPr/{_W}numId")
        if num_id is not None:
            self._pending.append(num_id)

    def finish(self) -> None:
        """Point every deleted list item at the matching list of the new document."""
        for num_id in self._pending:
            old_value = num_id.get(_W + "val")
            new_value = self._map.get(old_value) or self._copy_list(old_value)
            if new_value is None:
                num_pr = num_id.getparent()
                num_pr.getparent().remove(num_pr)
            else:
                num_id.set(_W + "val", new_value)
                self._map[old_value] = new_value

    def _copy_list(self, old_value: str | None) -> str | None:
        """A new w:num in the new document for an old list none of whose items is left."""
        if old_value == "0":
            return "0"
        if self.old is None or self.new is None or old_value is None:
            return None
        old_num = next(
            (n for n in self.old.iterfind(_W + "num") if n.get(_W + "numId") == old_value), None
        )
        abstract = old_num.find(_W + "abstractNumId") if old_num is not None else None
        if old_num is None or abstract is None:
            return None
        abstract_id = abstract.get(_W + "val")
        if not any(
            a.get(_W + "abstractNumId") == abstract_id
            for a in self.new.iterfind(_W + "abstractNum")
        ):
            return None
        ids = [int(n.get(_W + "numId", "0")) for n in self.new.iterfind(_W + "num")]
        value = str(max(ids, default=0) + 1)
        num = copy.deepcopy(old_num)
        num.set(_W + "numId", value)
        self.new.append(num)  # w:num elements come last in w:numbering, before numIdMacAtCleanup
        cleanup = self.new.find(_W + "numIdMacAtCleanup")
        if cleanup is not None:
            cleanup.addprevious(num)
        self.changed = True
        return value


# --- the word-level diff of one paragraph ---------------------------------------------------


class _Token(NamedTuple):
    text: str
    rpr: Any  # the run's w:rPr, or None
    special: Any  # a w:br, w:tab or w:cr element, or None for text


def _tokens(paragraph: Any) -> list[_Token] | None:
    """The words of a paragraph with their run formatting; None if it holds more than text."""
    tokens: list[_Token] = []
    for child in paragraph:
        tag = child.tag
        if tag == _PPR or tag in _BOOKMARKS or tag in _SKIPPED_IN_TEXT:
            continue
        if tag != _R:
            return None
        rpr = child.find(_RPR)
        for part in child:
            if part.tag == _RPR or part.tag in _SKIPPED_IN_TEXT:
                continue
            if part.tag == _T:
                tokens += [_Token(word, rpr, None) for word in _words(part.text or "")]
            elif part.tag in _SPECIAL_RUN_CONTENT:
                tokens.append(_Token(_special_text(part), rpr, part))
            else:
                return None
    return tokens


def _segments(
    old: list[_Token], new: list[_Token]
) -> list[tuple[bool, list[_Token], list[_Token]]] | None:
    """The diff as (same, old tokens, new tokens) stretches; None when too little is the same.

    A space between two changes joins them, so that "Jeroen van Dijk, Head of" → "Lena
    Horvath, Head of" reads as one change, not two.
    """
    matcher = SequenceMatcher(None, [t.text for t in old], [t.text for t in new], autojunk=False)
    if matcher.ratio() < _SIMILAR:
        return None
    raw = [
        (tag == "equal", old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    out: list[tuple[bool, list[_Token], list[_Token]]] = []
    for index, (same, olds, news) in enumerate(raw):
        between_changes = 0 < index < len(raw) - 1
        if same and between_changes and all(not t.text.strip() for t in olds):
            same = False
        if out and not same and not out[-1][0]:
            _, previous_old, previous_new = out.pop()
            olds, news = previous_old + olds, previous_new + news
        out.append((same, olds, news))
    return out


def _runs(tokens: Sequence[_Token], deleted: bool) -> list[Any]:
    """Runs holding ``tokens``, one per stretch of equal formatting."""
    runs: list[Any] = []
    key: object = object()
    run: Any = None
    text: list[str] = []

    def flush_text() -> None:
        if text:
            element = etree.SubElement(run, _DEL_TEXT if deleted else _T)
            element.set(_XML_SPACE, "preserve")
            element.text = "".join(text)
            text.clear()

    for token in tokens:
        token_key = etree.tostring(token.rpr) if token.rpr is not None else b""
        if token_key != key:
            flush_text()
            run = etree.Element(_R, nsmap={"w": W_NS})
            if token.rpr is not None:
                run.append(copy.deepcopy(token.rpr))
            runs.append(run)
            key = token_key
        if token.special is None:
            text.append(token.text)
        else:
            flush_text()
            run.append(copy.deepcopy(token.special))
    flush_text()
    return runs


# --- aligning blocks ------------------------------------------------------------------------


class _Merger:
    """Merges an old body (or cell) into the new one, marking what differs."""

    def __init__(self, marks: _Marks, numbering: _Numbering) -> None:
        self._marks = marks
        self._numbering = numbering

    def finish(self) -> None:
        self._numbering.finish()

    def merge_container(
        self, old: Any, new: Any, keep_last: str | None = None, keep_first: str | None = None
    ) -> None:
        """Replace the content of ``new`` by the merge of ``old``'s and ``new``'s content.

        ``keep_first``/``keep_last`` name an element (w:tcPr, w:sectPr) that stays in place.
        """

        def content(parent: Any) -> list[Any]:
            return [c for c in parent if c.tag not in (keep_first, keep_last)]

        merged = self.merge(content(old), content(new))
        self._end_on_an_unmarked_mark(merged)
        for child in content(new):
            new.remove(child)
        last = new[-1] if len(new) and new[-1].tag == keep_last else None
        for element in merged:
            if last is not None:
                last.addprevious(element)
            else:
                new.append(element)

    def _end_on_an_unmarked_mark(self, merged: list[Any]) -> None:
        """Move the marks of paragraphs inserted or deleted at the end of a cell or body back
        by one paragraph.

        The last paragraph mark of a cell (or of the document) cannot go: rejecting an
        inserted last paragraph would leave it behind empty. So the mark before it carries the
        change ("A¶ +B¶" is written "A+¶ +B¶", the same text). A paragraph whose mark now
        ends another paragraph's text on Accept or Reject takes that paragraph's properties,
        those for Reject as a tracked formatting change.
        """
        tail: list[Any] = []
        for element in reversed(merged):
            if element.tag != _P or _paragraph_mark(element) is None:
                break
            tail.insert(0, element)
        if not tail or len(tail) == len(merged) or merged[-len(tail) - 1].tag != _P:
            return  # nothing to move, or no paragraph before to carry the first mark
        chain = [merged[-len(tail) - 1], *tail]
        if any(p.find(f"{_PPR}/{_W}sectPr") is not None for p in chain):
            return  # a paragraph that ends a section keeps its own mark and properties
        marks = [_paragraph_mark(p) for p in tail]
        kinds = [None, *(m.tag for m in marks)]  # what each paragraph of the chain is
        moved = [*kinds[1:], None]  # the mark each one ends with, once moved
        plain = [_plain_properties(p) for p in chain]
        for paragraph, mark in zip(chain, marks, strict=False):
            mark.getparent().remove(mark)
            _set_paragraph_mark(paragraph, mark)

        def owner(index: int, gone: str) -> int:
            """The paragraph whose text the mark at ``index`` ends once ``gone`` is resolved."""
            return max(i for i in range(index + 1) if kinds[i] != gone)

        for index, paragraph in enumerate(chain):
            accepted = plain[owner(index, _DEL)] if moved[index] != _DEL else plain[index]
            rejected = plain[owner(index, _INS)] if moved[index] != _INS else accepted
            if _same_properties(accepted, plain[index]) and _same_properties(accepted, rejected):
                continue
            mark = _paragraph_mark(paragraph)
            current = paragraph.find(_PPR)
            if current is not None:
                paragraph.remove(current)
            ppr = copy.deepcopy(accepted) if accepted is not None else None
            paragraph.insert(0, ppr if ppr is not None else etree.Element(_PPR, nsmap={"w": W_NS}))
            if mark is not None:
                _set_paragraph_mark(paragraph, mark)
            if not _same_properties(accepted, rejected):
                change = self._marks.new(_W + "pPrChange")
                before = etree.SubElement(change, _PPR)
                for child in rejected if rejected is not None else ():
                    if child.tag not in (_RPR, _W + "sectPr"):
                        before.append(copy.deepcopy(child))
                paragraph.find(_PPR).append(change)

    def merge(self, old: list[Any], new: list[Any]) -> list[Any]:
        """The merged content of two lists of blocks: the new ones, marked, and the deleted old."""
        a, b = _blocks(old), _blocks(new)
        sole = len(a) == 1 and len(b) == 1  # a cell's one paragraph, most often
        out: list[Any] = []
        matcher = SequenceMatcher(None, [x.key for x in a], [y.key for y in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                    out += self._changed(x, y, sole)
            elif tag == "insert":
                out += self._inserted(b[j1:j2])
            elif tag == "delete":
                out += self._deleted(a[i1:i2])
            else:
                out += self._replaced(a[i1:i2], b[j1:j2], sole)
        return out

    def _inserted(self, blocks: Iterable[_Block]) -> list[Any]:
        out = []
        for block in blocks:
            for element in block.elements:
                for row in element.iter(_TR):
                    self._marks.mark_row(row, _INS)
                for paragraph in element.iter(_P):
                    self._marks.mark_paragraph(paragraph, _INS)
                out.append(element)
        return out

    def _deleted(self, blocks: Iterable[_Block]) -> list[Any]:
        out = []
        for block in blocks:
            for element in block.elements:
                element = copy.deepcopy(element)
                for dropped in list(element.iter(*_DROPPED_FROM_DELETED)):
                    dropped.getparent().remove(dropped)
                # A picture refers to a part of the old package, which the redline lacks.
                for drawing in list(element.iter(_W + "drawing", _W + "pict", _W + "object")):
                    drawing.getparent().remove(drawing)
                for row in element.iter(_TR):
                    self._marks.mark_row(row, _DEL)
                for paragraph in element.iter(_P):
                    self._numbering.deleted(paragraph)
                    self._marks.mark_paragraph(paragraph, _DEL)
                out.append(element)
        return out

    def _changed(self, old: _Block, new: _Block, sole: bool = False) -> list[Any]:
        """Two blocks that stand for each other: equal, or to be diffed inside.

        ``sole`` says they are all their cell (or body) holds.
        """
        if new.kind == "p":
            self._numbering.learn(old.element, new.element)
            if old.text == new.text:
                return new.elements
            return self._paragraph(old, new, sole)
        if new.kind == "tbl" and old.text != new.text:
            self._table(old.element, new.element)
        return new.elements

    def _paragraph(self, old: _Block, new: _Block, sole: bool) -> list[Any]:
        old_tokens, new_tokens = _tokens(old.element), _tokens(new.element)
        segments = None
        if old_tokens is not None and new_tokens is not None:
            segments = _segments(old_tokens, new_tokens)
            if segments is None and sole:
                # A cell's only paragraph stays one, or Reject would leave an empty one behind.
                segments = [(False, old_tokens, new_tokens)]
        if segments is None:
            # Rewritten, or more than text: the old paragraph struck through above the new one
            # reads better than the two run together.
            return self._deleted([old]) + self._inserted([new])
        paragraph = new.element
        starts = [c for c in paragraph if c.tag == _W + "bookmarkStart"]
        ends = [c for c in paragraph if c.tag == _W + "bookmarkEnd"]
        for child in list(paragraph):
            if child.tag != _PPR:
                paragraph.remove(child)
        paragraph.extend(starts)
        for same, olds, news in segments:
            if same:
                paragraph.extend(_runs(news, deleted=False))
                continue
            for tag, tokens in ((_DEL, olds), (_INS, news)):
                if tokens:
                    mark = self._marks.new(tag)
                    mark.extend(_runs(tokens, deleted=tag == _DEL))
                    paragraph.append(mark)
        paragraph.extend(ends)
        return [paragraph]

    def _table(self, old: Any, new: Any) -> None:
        """Merge the rows of two tables into ``new``."""
        old_rows, new_rows = old.findall(_TR), new.findall(_TR)
        a = [_Block("tr", _row_key(r), [r], " | ".join(_row_key(r))) for r in old_rows]
        b = [_Block("tr", _row_key(r), [r], " | ".join(_row_key(r))) for r in new_rows]
        out: list[Any] = []
        matcher = SequenceMatcher(None, [x.key for x in a], [y.key for y in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out += [y.element for y in b[j1:j2]]
            elif tag == "insert":
                out += self._inserted(b[j1:j2])
            elif tag == "delete":
                out += self._deleted(a[i1:i2])
            else:
                for x, y in _align(a[i1:i2], b[j1:j2], _row_similarity):
                    if x is None:
                        out += self._inserted([y])  # type: ignore[list-item]
                    elif y is None:
                        out += self._deleted([x])
                    else:
                        self._row(x.element, y.element)
                        out.append(y.element)
        if not new_rows:
            return
        at = new.index(new_rows[0])
        for row in new_rows:
            new.remove(row)
        for offset, row in enumerate(out):
            new.insert(at + offset, row)

    def _row(self, old: Any, new: Any) -> None:
        for old_cell, new_cell in zip(old.iterfind(_TC), new.iterfind(_TC), strict=True):
            if _cell_text(old_cell) != _cell_text(new_cell):
                self.merge_container(old_cell, new_cell, keep_first=_TCPR)

    def _replaced(self, old: list[_Block], new: list[_Block], sole: bool) -> list[Any]:
        out: list[Any] = []
        for x, y in _align(old, new, _block_similarity):
            if x is None:
                out += self._inserted([y])  # type: ignore[list-item]
            elif y is None:
                out += self._deleted([x])
            else:
                out += self._changed(x, y, sole)
        return out


def _ratio(old: _Block, new: _Block) -> float:
    matcher = SequenceMatcher(None, old.words, new.words, autojunk=False)
    if matcher.real_quick_ratio() < _SIMILAR or matcher.quick_ratio() < _SIMILAR:
        return 0.0
    return matcher.ratio()


def _block_similarity(old: _Block, new: _Block, alone: bool) -> float:
    """How alike two blocks are, 0 when they cannot stand for each other.

    ``alone`` says they are the only old and the only new block of a changed stretch; then
    any two paragraphs of one style (or tables of one shape) pair up.
    """
    if old.kind != new.kind or old.kind not in ("p", "tbl") or old.key[1] != new.key[1]:
        return 0.0
    ratio = _ratio(old, new)
    return max(ratio, 0.01) if alone else ratio


def _row_similarity(old: _Block, new: _Block, alone: bool) -> float:
    if len(old.element.findall(_TC)) != len(new.element.findall(_TC)):
        return 0.0
    ratio = _ratio(old, new)
    return max(ratio, 0.01) if alone else ratio


def _align(
    old: list[_Block], new: list[_Block], similarity: Any
) -> list[tuple[_Block | None, _Block | None]]:
    """Pair the blocks of a changed stretch, in order, for the largest total similarity.

    Returns the blocks in document order as (old, new) pairs, (old, None) for a deleted and
    (None, new) for an inserted block; between two pairs the deleted come first.
    """
    n, m = len(old), len(new)
    pairs: list[tuple[int, int]] = []
    if n * m <= _MAX_PAIRINGS:
        alone = n == 1 and m == 1
        sims = [[similarity(x, y, alone) for y in new] for x in old]
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                best = max(score[i + 1][j], score[i][j + 1])
                sim = sims[i][j]
                if (sim >= _SIMILAR or (alone and sim > 0)) and score[i + 1][j + 1] + sim > best:
                    best = score[i + 1][j + 1] + sim
                score[i][j] = best
        i = j = 0
        while i < n and j < m:
            sim = sims[i][j]
            if (sim >= _SIMILAR or (alone and sim > 0)) and score[i][j] == score[i + 1][
                j + 1
            ] + sim:
                pairs.append((i, j))
                i, j = i + 1, j + 1
            elif score[i][j] == score[i + 1][j]:
                i += 1
            else:
                j += 1
    out: list[tuple[_Block | None, _Block | None]] = []
    i = j = 0
    for pi, pj in [*pairs, (n, m)]:
        out += [(x, None) for x in old[i:pi]]
        out += [(None, y) for y in new[j:pj]]
        if pi < n:
            out.append((old[pi], new[pj]))
        i, j = pi + 1, pj + 1
    return out
