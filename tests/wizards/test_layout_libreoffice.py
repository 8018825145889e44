"""The examples as LibreOffice prints them: names whole in fonts that have their letters, no
word broken inside a table cell. Each example is built and converted once for the module."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import example_files
from wizards.answers import load
from wizards.build import build
from wizards.model import Charter

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFFONTS = shutil.which("pdffonts")

pytestmark = pytest.mark.slow

if not (SOFFICE and PDFTOTEXT) and not os.environ.get("CI"):
    pytest.skip("LibreOffice or poppler-utils not installed here", allow_module_level=True)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MULTISCRIPT = "consultant-client-multiscript.charter.json"


@dataclass(frozen=True)
class Printed:
    charter: Charter
    docx: Path
    pdf: Path


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """Every example's charter and calendar in Word, and each as LibreOffice prints it."""
    assert SOFFICE and PDFTOTEXT, "CI must install libreoffice-writer-nogui and poppler-utils"
    out = tmp_path_factory.mktemp("layout")
    built: dict[str, tuple[Charter, Path]] = {}
    for example in example_files():
        charter = load(example)
        files = build(charter, out / example.stem, ["docx"]).files
        built[example.name] = (charter, files[0])
        built[f"calendar of {example.name}"] = (charter, files[1])
    # One charter also with the page numbers of a layout pass in its contents, as the
    # command line's --contents-pages asks for them.
    from desktop.cli import main

    charity_file = next(p for p in example_files() if p.name.startswith("charity"))
    charity = load(charity_file)
    folder = out / "numbered"
    command = ["build", str(charity_file), "--out", str(folder), "--formats", "docx"]
    assert main([*command, "--contents-pages"]) == 0
    # A name of its own: the PDFs of all the documents go into one folder.
    numbered = next(folder.glob("*-charter-*.docx"))
    numbered = numbered.rename(folder / "charter-with-contents-pages.docx")
    built["contents pages"] = (charity, numbered)
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out / "pdf"), *(str(path) for _, path in built.values())],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {
        name: Printed(charter, path, out / "pdf" / path.with_suffix(".pdf").name)
        for name, (charter, path) in built.items()
    }


def pdf_text(pdf: Path) -> str:
    args = [str(PDFTOTEXT), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def docx_paragraphs(path: Path) -> list[str]:
    """The text of every paragraph of the body, headers and footers; a break is a space."""
    texts = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = etree.fromstring(package.read(name))
                for p in root.iter(W + "p"):
                    parts = p.iter(W + "t", W + "br", W + "tab", W + "cr")
                    texts.append("".join(e.text or "" if e.tag == W + "t" else " " for e in parts))
        core = etree.fromstring(package.read("docProps/core.xml"))
        texts += [e.text or "" for e in core]  # the header and footer fields show these
    return texts


_BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"


def names_in(charter: Charter) -> set[str]:
    people = [charter.executive.person.name, charter.executive.deputy.name]
    people += [r.person for r in charter.incidents.roles] + [
        r.deputy for r in charter.incidents.roles
    ]
    people += [a.name for a in charter.approvals]
    return {name for name in people if name and not name.isascii()}


def test_names_in_every_script_print_whole(printed: dict[str, Printed]) -> None:
    doc = printed[MULTISCRIPT]
    words = "\n".join(docx_paragraphs(doc.docx))
    text = pdf_text(doc.pdf).translate({ord(c): None for c in _BIDI_MARKS})
    names = names_in(doc.charter)
    assert any(re.search("[\u3040-\u9fff]", n) for n in names)
    assert any(re.search("[\u0600-\u06ff]", n) for n in names)
    for name in sorted(names):
        # Read back in order, each time the document prints it: a line may end at the space
        # between family and given name, never inside one.
        pattern = r"\s+".join(re.escape(part) for part in name.split())
        assert len(re.findall(pattern, text)) == words.count(name) > 0, name


def test_japanese_and_arabic_print_in_fonts_that_have_them(printed: dict[str, Printed]) -> None:
    assert PDFFONTS, "poppler-utils has pdffonts"
    fonts = subprocess.run(
        [PDFFONTS, str(printed[MULTISCRIPT].pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoSansCJKjp" in fonts
    assert "NotoNaskhArabic" in fonts
    assert "DejaVu" not in fonts  # the last resort LibreOffice took for Arabic before


def _unbroken_forms(word: str) -> set[str]:
    """What a word may print as when lines break where Word and LibreOffice may break it:
    after a hyphen (pdftotext joins such lines and drops the hyphen) or before a bracket."""
    pieces = [p for p in re.split(r"(?<=[-\u2013/])|(?=\()", word) if p]
    forms = set()
    for start in range(len(pieces)):
        for end in range(start + 1, min(len(pieces), start + 6) + 1):
            run = pieces[start:end]
            for dropped in itertools.product((False, True), repeat=len(run) - 1):
                forms.add(
                    "".join(
                        part[:-1] if drop and part.endswith("-") else part
                        for part, drop in zip(run, (*dropped, False), strict=True)
                    )
                )
    return forms


def test_no_word_is_broken_inside_a_table_cell(printed: dict[str, Printed]) -> None:
    broken: dict[str, list[str]] = {}
    for name, doc in printed.items():
        allowed = {"Page"}
        for paragraph in docx_paragraphs(doc.docx):
            for word in paragraph.split():
                allowed |= _unbroken_forms(word)
        text = pdf_text(doc.pdf).translate({ord(c): None for c in _BIDI_MARKS})
        text = re.sub(r"\.{4,}\s*\d*", " ", text)  # the contents' dot leaders and pages
        bad = [
            token
            for token in text.split()
            if token not in allowed
            and not token.isdigit()
            and re.search(r"\w", token)  # a bullet or a bracket alone is the text's order
            and not re.search("[\u0590-\u08ff\u3000-\u9fff\uac00-\ud7af]", token)
        ]
        if bad:
            broken[name] = bad
    assert broken == {}


def pages_of(pdf: Path) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def test_the_calendar_prints_its_footer_on_page_one(printed: dict[str, Printed]) -> None:
    calendars = [doc for name, doc in printed.items() if name.startswith("calendar of")]
    assert len(calendars) == len(example_files())
    for doc in calendars:
        pages = pages_of(doc.pdf)
        assert f"Page 1 of {len(pages)}" in pages[0], doc.pdf.name


def test_the_contents_of_every_example_end_on_their_own_page(printed: dict[str, Printed]) -> None:
    # A contents that runs over by a few lines leaves a near-empty page before section 1.
    for name in (path.name for path in example_files()):
        pages = pages_of(printed[name].pdf)
        contents = [i for i, page in enumerate(pages) if re.search(r"^\s*Contents\s*$", page, re.M)]
        assert len(contents) == 1, name
        assert "Appendix B. Incident role cards" in pages[contents[0]], name


def test_appendix_b_opens_with_its_first_role_card(printed: dict[str, Printed]) -> None:
    for name in (path.name for path in example_files()):
        doc = printed[name]
        pages = pages_of(doc.pdf)
        first = [page for page in pages if "Appendix B. Incident role cards" in page][-1]
        card = doc.charter.incidents.roles[0]
        assert card.title in first and "Held by" in first, name


def test_the_contents_show_the_pages_libreoffice_prints_the_headings_on(
    printed: dict[str, Printed],
) -> None:
    pages = pages_of(printed["contents pages"].pdf)
    # The page whose heading is "Contents" (a draft's pages open with the draft mark).
    contents = next(page for page in pages if re.search(r"^\s*Contents\s*$", page, re.M))
    listed = re.findall(r"^(\S.*?)\s*\.{4,}\s*(\d+)\s*$", contents, flags=re.MULTILINE)
    assert len(listed) >= 20  # every section and subsection, each with its page
    flat = [" ".join(page.split()) for page in pages]
    for heading, page in listed:
        assert " ".join(heading.split()) in flat[int(page) - 1], (heading, page)
    # Without the layout pass (the default) the contents list the headings without numbers.
    plain = pages_of(printed["charity-generative-ai.charter.json"].pdf)
    assert not re.search(r"\.{4,}\s*\d+", next(p for p in plain if "Contents" in p))
