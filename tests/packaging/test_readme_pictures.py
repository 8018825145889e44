"""The README's pictures: each one it shows is committed, small, and made by make screenshots."""

from __future__ import annotations

import re
import struct

from desktop.screenshots import CHARTER_PAGE, README_SHOTS, README_WIDTH
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FOLDER = ROOT / "docs" / "screenshots"
MAX_BYTES = 150_000


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_picture_the_readme_shows_is_committed_and_small() -> None:
    shown = re.findall(r"!\[[^\]]+\]\((docs/screenshots/[^)]+\.png)\)", README)
    expected = {f"docs/screenshots/{name}.png" for name in [*README_SHOTS, CHARTER_PAGE]}
    assert set(shown) == expected
    for name in shown:
        data = (ROOT / name).read_bytes()
        assert len(data) <= MAX_BYTES, (name, len(data))
        width, height = png_size(data)
        assert width <= README_WIDTH and height > 0, name


def test_the_folder_holds_only_what_the_readme_shows() -> None:
    names = {f"docs/screenshots/{p.name}" for p in FOLDER.iterdir()}
    assert names == set(re.findall(r"\((docs/screenshots/[^)]+\.png)\)", README))


def test_make_screenshots_writes_them() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-m desktop.screenshots --out docs/screenshots --readme" in makefile
