"""Items 8, 9 and 10 of issue 8: build arguments, reference documents and logos.

Every bad choice is refused before anything is written, with one message naming the file or
folder (exit code 2); a reference document's links to the outside are dropped from the output
with a warning. The images and documents are made here, byte by byte.
"""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from tests.reliability.helpers import assert_clear, complete_data, run_cli, write_answers
from wizards.docx_writer import REFERENCE_MAX_BYTES, REFERENCE_MAX_PARTS
from wizards.paths import resource_path

# --- item 8: the build's arguments ---------------------------------------------------------


def _missing(folder: Path) -> Path:
    return folder / "no-such-templates"


def _a_file(folder: Path) -> Path:
    path = folder / "templates.txt"
    path.write_text("not a folder", encoding="utf-8")
    return path


TEMPLATE_FOLDERS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a folder that does not exist": (_missing, "does not exist"),
    "a file": (_a_file, "is a file, not a folder"),
}


@pytest.mark.parametrize("name", list(TEMPLATE_FOLDERS))
def test_a_templates_folder_that_is_not_one_is_refused(name: str, tmp_path: Path) -> None:
    make, reason = TEMPLATE_FOLDERS[name]
    folder = make(tmp_path)
    file = write_answers(tmp_path, complete_data())
    code, _out, err = run_cli("build", file, "--out", tmp_path / "out", "--templates", folder)
    assert_clear(code, err, folder.name, reason)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("formats", "reason"),
    [("", "No output format"), (" , ", "No output format"), ("pdf", "Unknown output format")],
)
def test_formats_that_write_nothing_are_refused(formats: str, reason: str, tmp_path: Path) -> None:
    file = write_answers(tmp_path, complete_data())
    code, _out, err = run_cli("build", file, "--out", tmp_path / "out", "--formats", formats)
    assert_clear(code, err, reason)
    assert not (tmp_path / "out").exists()


# --- item 9: the reference document --------------------------------------------------------


def _too_many_parts(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        for index in range(REFERENCE_MAX_PARTS + 1):
            package.writestr(f"word/media/p{index}.xml", "")


def _unpacks_too_large(path: Path) -> None:
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(REFERENCE_MAX_BYTES // len(chunk) + 1):
                part.write(chunk)


def _not_a_zip(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 but nothing after")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


REFERENCES: dict[str, tuple[Callable[[Path], None], str]] = {
    "too many parts": (_too_many_parts, f"at most {REFERENCE_MAX_PARTS:,}"),
    "parts that unpack too large": (_unpacks_too_large, "unpack to"),
    "not a zip": (_not_a_zip, "not a Word document"),
    "an empty file": (_empty, "not a Word document"),
}


@pytest.mark.parametrize("name", list(REFERENCES))
def test_a_bad_reference_document_is_refused_before_it_is_read(name: str, tmp_path: Path) -> None:
    make, reason = REFERENCES[name]
    reference = tmp_path / "brand.docx"
    make(reference)
    file = write_answers(tmp_path, complete_data())
    started = time.monotonic()
    code, _out, err = run_cli(
        "build", file, "--out", tmp_path / "out", "--reference-docx", reference
    )
    assert_clear(code, err, "brand.docx", reason)
    assert time.monotonic() - started < 5
    assert not (tmp_path / "out").exists()


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _with_external_links(path: Path, targets: list[str]) -> None:
    """The built-in reference with links to the outside from the document and its header."""
    document = docx.Document(str(resource_path("reference.docx")))
    parts = [document.part, document.sections[0].header.part]
    for index, target in enumerate(targets):
        rid = parts[index % 2].rels.get_or_add_ext_rel(RT.IMAGE, target)
        if index % 2:  # a linked picture in the header, as Word writes one
            header = document.sections[0].header._element
            header.append(header.makeelement(_A + "blip", {_R + "link": rid}))
    document.save(str(path))


@pytest.mark.parametrize(
    "targets",
    [
        ["http://example.invalid/logo.png"],
        ["http://example.invalid/a.png", "https://example.invalid/b.png"],
        [f"http://example.invalid/{i}.png" for i in range(5)],
    ],
)
def test_links_to_the_outside_are_dropped_and_said(targets: list[str], tmp_path: Path) -> None:
    reference = tmp_path / "brand.docx"
    _with_external_links(reference, targets)
    file = write_answers(tmp_path, complete_data())
    code, out, err = run_cli(
        "build", file, "--out", tmp_path / "out", "--reference-docx", reference
    )
    assert code == 0, err
    assert err.count("warning: The reference Word file brand.docx links to") == 1, err
    assert targets[0] in err
    written = [Path(line) for line in out.splitlines() if line.endswith(".docx")]
    assert written
    for path in written:
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                text = package.read(name).decode("utf-8", "replace")
                assert "example.invalid" not in text, (path.name, name)
                assert 'TargetMode="External"' not in text, (path.name, name)


# --- item 10: logos ------------------------------------------------------------------------


def _png(width: int = 4, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\0" + b"\x80\x20\x20" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"pHYs", struct.pack(">IIB", 2835, 2835, 1))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _jpeg() -> bytes:
    app0 = b"JFIF\0\x01\x01\x01\x00\x48\x00\x48\x00\x00"
    sof = struct.pack(">BHHB", 8, 2, 4, 1) + b"\x01\x11\x00"
    sos = b"\x01\x01\x00\x00\x3f\x00"
    return (
        b"\xff\xd8"
        + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0
        + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof
        + b"\xff\xda" + struct.pack(">H", len(sos) + 2) + sos
        + b"\x12\x34\x56\x78" * 8
        + b"\xff\xd9"
    )  # fmt: skip


def _bmp(width: int = 4, height: int = 2) -> bytes:
    row = b"\x20\x20\x80" * width + b"\0" * ((4 - 3 * width % 4) % 4)
    pixels = row * height
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    size = 14 + len(info) + len(pixels)
    return b"BM" + struct.pack("<IHHI", size, 0, 0, 14 + len(info)) + info + pixels


def _tiff(resolution: bool = True) -> bytes:
    pixels = b"\x80" * 8
    entries = [
        (256, 3, 1, 4),  # width
        (257, 3, 1, 2),  # height
        (258, 3, 1, 8),  # bits per sample
        (262, 3, 1, 1),  # black is zero
        (273, 4, 1, 0),  # strip offset, set below
        (277, 3, 1, 1),  # samples per pixel
        (279, 4, 1, len(pixels)),  # strip byte count
    ]
    if resolution:
        entries += [(282, 5, 1, 0), (283, 5, 1, 0), (296, 3, 1, 2)]  # offsets set below
    ifd_size = 2 + 12 * len(entries) + 4
    rational_at = 8 + ifd_size
    pixels_at = rational_at + 8
    fixed = []
    for tag, kind, count, value in entries:
        if tag == 273:
            value = pixels_at
        elif tag in (282, 283):
            value = rational_at
        fixed.append((tag, kind, count, value))
    ifd = struct.pack("<H", len(fixed))
    for tag, kind, count, value in fixed:
        if kind == 3:
            ifd += struct.pack("<HHIHH", tag, kind, count, value, 0)
        else:
            ifd += struct.pack("<HHII", tag, kind, count, value)
    ifd += struct.pack("<I", 0)
    return b"II*\0" + struct.pack("<I", 8) + ifd + struct.pack("<II", 72, 1) + pixels


def _gif() -> bytes:
    return (
        b"GIF89a" + struct.pack("<HHBBB", 2, 2, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
        + b"\x2c" + struct.pack("<HHHHB", 0, 0, 2, 2, 0) + b"\x02\x02\x44\x01\x00" + b"\x3b"
    )  # fmt: skip


def _bad_crc(png: bytes) -> bytes:
    at = png.index(b"IDAT") + 4
    return png[:at] + bytes([png[at] ^ 0xFF]) + png[at + 1 :]


GOOD_LOGOS: dict[str, tuple[str, bytes]] = {
    "PNG": ("logo.png", _png()),
    "JPEG": ("logo.jpg", _jpeg()),
    "BMP": ("logo.bmp", _bmp()),
    "TIFF": ("logo.tif", _tiff()),
    "GIF": ("logo.gif", _gif()),
}

BAD_LOGOS: dict[str, tuple[str, bytes, str]] = {
    "truncated PNG": ("cut.png", _png()[:40], "cut off"),
    "PNG with a damaged chunk": ("damaged.png", _bad_crc(_png()), "damaged"),
    "truncated JPEG": ("cut.jpg", _jpeg()[:30], "cut off"),
    "JPEG without its end": ("cut2.jpg", _jpeg()[:-2], "cut off"),
    "truncated BMP": ("cut.bmp", _bmp()[:60], "cut off"),
    "truncated TIFF": ("cut.tif", _tiff()[:40], "cut off"),
    "TIFF without resolution": ("nores.tif", _tiff(resolution=False), "resolution"),
    "truncated GIF": ("cut.gif", _gif()[:-1], "cut off"),
    "text named .png": ("text.png", b"just some text", "not a PNG, JPEG, GIF, BMP or TIFF"),
    "an empty file": ("empty.png", b"", "not a PNG, JPEG, GIF, BMP or TIFF"),
    "an SVG": ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a PNG"),
}


@pytest.mark.parametrize("name", list(GOOD_LOGOS))
def test_good_logos_are_built(name: str, tmp_path: Path) -> None:
    file_name, data = GOOD_LOGOS[name]
    logo = tmp_path / file_name
    logo.write_bytes(data)
    file = write_answers(tmp_path, complete_data())
    code, _out, err = run_cli("build", file, "--out", tmp_path / "out", "--logo", logo)
    assert code == 0, err


@pytest.mark.parametrize("name", list(BAD_LOGOS))
def test_every_bad_logo_gets_one_clear_message(name: str, tmp_path: Path) -> None:
    file_name, data, reason = BAD_LOGOS[name]
    logo = tmp_path / file_name
    logo.write_bytes(data)
    file = write_answers(tmp_path, complete_data())
    code, _out, err = run_cli("build", file, "--out", tmp_path / "out", "--logo", logo)
    assert_clear(code, err, file_name, "not an image Word can show", reason)
    assert "()" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out").exists()


def test_a_folder_given_as_the_logo_is_refused(tmp_path: Path) -> None:
    file = write_answers(tmp_path, complete_data())
    code, _out, err = run_cli("build", file, "--out", tmp_path / "out", "--logo", tmp_path)
    assert_clear(code, err, str(tmp_path), "is a folder, not an image")
