"""A real client opens the charters: LibreOffice converts each example to PDF, read back."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import example_files
from wizards.answers import load
from wizards.build import build

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.slow

if not (SOFFICE and PDFTOTEXT) and not os.environ.get("CI"):
    pytest.skip("LibreOffice or poppler-utils not installed here", allow_module_level=True)


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    assert SOFFICE and PDFTOTEXT, "CI must install libreoffice-writer-nogui and poppler-utils"
    out = tmp_path_factory.mktemp("client")
    docs: dict[str, Path] = {}
    for example in example_files():
        result = build(load(example), out, ["docx"])
        docs[example.name] = result.files[0]
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, docs.values())],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {name: (doc, doc.with_suffix(".pdf")) for name, doc in docs.items()}


EXPECTED = {
    # example: (fewest pages, most pages, text that must be on the pages)
    "charity-generative-ai.charter.json": (12, 40, ["Harbour Lights Trust", "Board of Trustees"]),
    "eu-lender-credit-scoring.charter.json": (20, 45, ["Dr Katharina Brandt", "Annex III"]),
    "consultant-client-multiscript.charter.json": (15, 45, ["山田", "Zoë Dvořák"]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_libreoffice_renders_the_charter(pdfs: dict[str, tuple[Path, Path]], name: str) -> None:
    low, high, needles = EXPECTED[name]
    pages = pdf_pages(pdfs[name][1])
    assert low <= len(pages) <= high
    text = "\n".join(pages)
    expected = ["Document control", "Contents", "7. Approval", "7.1 Resolution"]
    for needle in [*needles, *expected]:
        assert needle in text, needle
    # A draft: the mark heads every page, the title page's too.
    assert all(page.lstrip().startswith("DRAFT — NOT APPROVED") for page in pages)
    # The title page has no footer; the others say "Page X of Y".
    assert "Page 1 of" not in pages[0]
    assert f"Page 2 of {len(pages)}" in pages[1]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    # Every role card starts on a page of its own.
    cards = pages[[i for i, p in enumerate(pages) if "Appendix B. Incident role cards" in p][-1] :]
    assert len(cards) >= 5
